"""Leaders' instructions replace intake's visit tasks: every VisitTask becomes an Instruction of its visit."""

from django.db import migrations


def forwards(apps, schema_editor):
    VisitTask = apps.get_model("intake", "VisitTask")
    Instruction = apps.get_model("tasks", "Instruction")
    rows = []
    for task in VisitTask.objects.select_related("visit").order_by("pk").iterator(chunk_size=2000):
        visit = task.visit
        done = task.status == "done"
        rows.append(Instruction(
            text=task.text, leader_name=(visit.people or "")[:100],
            origin="meeting" if visit.kind == "meeting" else "visit", visit_id=visit.pk, region_id=visit.region_id,
            owner_unit=task.owner_unit, assigned_unit_id=task.assigned_unit_id,
            assigned_person_id=task.assigned_person_id,
            issued_date=visit.date or task.created.date(), due_date=task.due_date,
            status="done" if done else "assigned", result="已办结（由原走访任务迁移）" if done else "",
            done_date=task.last_updated.date() if done else None, issued_by_id=visit.recorded_by_id))
        if len(rows) >= 2000:
            Instruction.objects.bulk_create(rows)
            rows = []
    Instruction.objects.bulk_create(rows)


def backwards(apps, schema_editor):
    VisitTask = apps.get_model("intake", "VisitTask")
    Instruction = apps.get_model("tasks", "Instruction")
    for ins in Instruction.objects.filter(visit__isnull=False).order_by("pk").iterator():
        VisitTask.objects.create(visit_id=ins.visit_id, text=ins.text, owner_unit=ins.owner_unit,
                                 assigned_unit_id=ins.assigned_unit_id, assigned_person_id=ins.assigned_person_id,
                                 due_date=ins.due_date, status="done" if ins.status == "done" else "open")
    Instruction.objects.filter(visit__isnull=False).delete()


class Migration(migrations.Migration):

    dependencies = [
        ("tasks", "0002_instructions"),
        ("intake", "0003_assigned_units"),
        # The free-text owners of the visit tasks are matched to units first, and their units travel with them.
        ("accounts", "0005_match_free_text_units"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
