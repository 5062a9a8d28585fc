"""A lead's next step (下一步工作) as an inbox task of the lead's unit and person, due on the next step's date.

The task is done when the next step is cleared or the lead lands or is terminated; a new next step reopens it
with its new words and date. A lead that never had a next step asks nothing.
"""

from django.urls import reverse
from django.utils import timezone

from clusterdesk.common.registry import TaskSource, registry
from clusterdesk.tasks.sources import TaskSpec, task_key

from .models import Lead

__all__ = ["SOURCE", "lead_task", "register"]

SOURCE, KIND = "attraction.lead", "next_step"


def lead_task(lead: Lead) -> TaskSpec | None:
    """The lead's next step, open while the lead is pursued; done once cleared or the lead closed."""
    base = {"region_id": lead.region_id, "url": reverse("attraction:lead_detail", args=[lead.pk]),
            "unit_id": lead.assigned_unit_id, "person_id": lead.assigned_person_id, "park_id": lead.park_id}
    if lead.next_step.strip() and lead.is_open:
        return TaskSpec(title=f"{lead.name}：{lead.next_step}"[:300], due_date=lead.next_step_date, **base)
    from clusterdesk.tasks.models import Task, TaskStatus

    prior = Task.objects.filter(key=task_key(SOURCE, lead.pk, KIND)).values("title", "due_date", "status",
                                                                             "done_date").first()
    if prior is None:
        return None
    done_date = prior["done_date"] if prior["status"] == TaskStatus.DONE else timezone.localdate()
    return TaskSpec(title=prior["title"], due_date=prior["due_date"], done=True, done_date=done_date, **base)


def register() -> None:
    """Hand the leads' task source to the registry (from ``AttractionConfig.ready``)."""
    registry.register_task_source(TaskSource(
        model=SOURCE, kind=KIND, spec=lead_task,
        open_rows=lambda: Lead.objects.exclude(next_step="").iterator(chunk_size=2000)))
