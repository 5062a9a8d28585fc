"""Writes for intake: a visit or meeting confirmed from a briefing draft, with its tasks, in one transaction."""

import datetime

from django.db import transaction

from clusterdesk.accounts.actors import Actor
from clusterdesk.accounts.units import unit_assign_from_text
from clusterdesk.changelog.models import ObjectChange
from clusterdesk.changelog.recording import record_change
from clusterdesk.common.services import object_create

from .models import Visit, VisitTask

__all__ = ["visit_create"]


@transaction.atomic
def visit_create(*, visit: Visit, actor: Actor, clusters=(), parks=(), enterprises=(), projects=(),
                 tasks: list[tuple[str, str, datetime.date | None]] = ()) -> Visit:
    """Save a confirmed visit or meeting with the records it concerns and its tasks (text, owner unit, due)."""

    def add_tasks(saved: Visit) -> None:
        for text, owner_unit, due in tasks:
            task = VisitTask(visit=saved, text=text, owner_unit=owner_unit, due_date=due)
            unit_assign_from_text(task, text_field="owner_unit", region=saved.region)
            task.full_clean()
            task.save()
            record_change(instance=task, action=ObjectChange.Action.CREATE, actor=actor, related=saved)

    visit.recorded_by = actor if getattr(actor, "pk", None) else None
    return object_create(instance=visit, actor=actor, after_save=add_tasks,
                         m2m={"clusters": list(clusters), "parks": list(parks), "enterprises": list(enterprises),
                              "projects": list(projects)})
