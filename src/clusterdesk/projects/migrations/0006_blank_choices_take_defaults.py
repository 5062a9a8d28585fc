"""Defect 3: projects imported before the fix with an empty 所属领域 (or project type, key level, stage, schedule
target) were stored with '' — a value outside the choices that the API could not serialise. Each takes its
field's default, as an empty cell now does on import."""

from django.db import migrations

FIELDS = {"sector": "industry", "project_type": "industrial", "key_level": "general", "stage": "planning",
          "schedule_target": "completion"}


def blank_to_default(apps, schema_editor):
    Project = apps.get_model("projects", "Project")
    for name, default in FIELDS.items():
        Project.objects.filter(**{name: ""}).update(**{name: default})


class Migration(migrations.Migration):

    dependencies = [
        ("projects", "0005_problem_resolved_by"),
    ]

    operations = [
        migrations.RunPython(blank_to_default, migrations.RunPython.noop),
    ]
