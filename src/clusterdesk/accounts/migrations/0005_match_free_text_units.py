"""Link the old free-text responsible units of every source of work, and users' typed units, to the units on record.

An upgraded database that already has units is matched at once; what names no unit stays as text and is listed by
the units' "unmatched" page and by ``clusterdesk units match``, which run the same matching (accounts.matching, the
rule in core.routing) whenever units or aliases are added. The sources are frozen here as they stood with this
migration. Migrations write no change records: the upgrade itself is the record.
"""

from django.db import migrations

SOURCES = (
    ("projects.Project", "responsible_unit", "region"),
    ("projects.Problem", "owner_unit", "project__region"),
    ("projects.MeetingDecision", "owner_unit", "meeting__region"),
    ("enterprise_service.FollowUpTask", "owner_unit", "enterprise__region"),
    ("enterprise_service.Appeal", "unit", "enterprise__region"),
    ("intake.VisitTask", "owner_unit", "visit__region"),
    ("attraction.Lead", "owner_unit", "region"),
)


def match_existing(apps, schema_editor):
    from clusterdesk.accounts.matching import USERS, UnitSource, match_free_text

    from django.db import connection

    if not apps.get_model("accounts", "Unit").objects.exists():
        return
    # A source a later migration has removed (intake's visit tasks became instructions) is skipped when this runs
    # again on a newer schema, as the units' tests do; in the upgrade itself every table is there.
    tables = set((schema_editor.connection if schema_editor else connection).introspection.table_names())
    sources = tuple(UnitSource(model, text, region) for model, text, region in SOURCES
                    if apps.get_model(model)._meta.db_table in tables)
    plan = match_free_text(apps, sources=sources, users=True)
    fields = {s.model: s.unit for s in (*sources, USERS)}
    for label, by_unit in plan.matched.items():
        model = apps.get_model(label)
        for unit_id, pks in by_unit.items():
            for start in range(0, len(pks), 500):
                model._default_manager.filter(pk__in=pks[start:start + 500]).update(**{fields[label]: unit_id})


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_enterprise_role"),
        ("projects", "0011_assigned_units"),
        ("enterprise_service", "0006_assigned_units"),
        ("intake", "0003_assigned_units"),
        ("attraction", "0002_assigned_units"),
    ]

    operations = [migrations.RunPython(match_existing, migrations.RunPython.noop, elidable=True)]
