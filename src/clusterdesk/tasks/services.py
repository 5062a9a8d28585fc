"""Writes to the inbox: a source record's task rewritten from what the source says (`task_sync`), and rebuilds.

Only these functions write tasks. A source app's services call `task_sync(source=row)` inside their transaction
after every change of the row, so the inbox never disagrees with the record for longer than that transaction.
"""

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone

from clusterdesk.common.registry import registry

from .models import Task, TaskStatus
from .sources import TaskSpec, task_key

__all__ = ["task_rebuild", "task_sync", "task_sync_changes", "task_sync_deleted", "task_sync_spec"]


def _label(row: Any) -> str:
    return row._meta.label_lower


def task_sync_spec(*, model: str, source_id: int, kind: str, spec: TaskSpec | None) -> Task | None:
    """Write the task of source ``model``/``source_id`` from ``spec``; ``None`` removes an open task it no longer asks.

    A done task is kept when its source later asks nothing (it counts in the on-time rates); an open one is
    deleted (the source was withdrawn or deleted before anyone acted).
    """
    key = task_key(model, source_id, kind, spec.period if spec else None)
    if spec is None:
        Task.objects.filter(key__startswith=key, status=TaskStatus.OPEN).delete()
        return None
    status = TaskStatus.CANCELLED if spec.cancelled else TaskStatus.DONE if spec.done else TaskStatus.OPEN
    done_date = spec.done_date or (timezone.localdate() if status == TaskStatus.DONE else None)
    values = {
        "kind": kind, "source_model": model, "source_id": source_id, "period": spec.period,
        "title": spec.title[:300], "detail": spec.detail, "unit_id": spec.unit_id, "person_id": spec.person_id,
        "region_id": spec.region_id, "park_id": spec.park_id, "enterprise_id": spec.enterprise_id,
        "due_date": spec.due_date, "status": status, "done_date": done_date if status == TaskStatus.DONE else None,
        "escalation_level": spec.escalation_level, "url": spec.url[:300],
    }
    task, _created = Task.objects.update_or_create(key=key, defaults=values)
    return task


def task_sync(*, source: Any) -> Task | None:
    """Rewrite the task of a source row (a problem, a decision …) from its registered `TaskSource`."""
    model = _label(source)
    entry = registry.task_sources.get(model)
    if entry is None:
        raise LookupError(f"{model} is not a registered task source")
    return task_sync_spec(model=model, source_id=source.pk, kind=entry.kind, spec=entry.spec(source))


def task_sync_deleted(*, model: str, source_id: int) -> int:
    """Remove the tasks of a deleted source row (done ones too: nothing links to them any more)."""
    deleted, _ = Task.objects.filter(source_model=model, source_id=source_id).delete()
    return deleted


@transaction.atomic
def task_rebuild(*, models: Iterable[str] | None = None, today: dt.date | None = None) -> dict[str, int]:
    """Rewrite every task of the registered sources (after a migration or a repair); returns counts by source."""
    counts: dict[str, int] = {}
    for model, entry in registry.task_sources.items():
        if models is not None and model not in set(models):
            continue
        n = 0
        for row in entry.open_rows():
            task_sync_spec(model=model, source_id=row.pk, kind=entry.kind, spec=entry.spec(row))
            n += 1
        counts[model] = n
    return counts


def task_sync_changes(changes) -> None:
    """The change-log listener: every recorded change of a task source's row rewrites (or removes) its task."""
    from clusterdesk.changelog.models import ObjectChange

    for change in changes:
        model = change.instance._meta.label_lower
        entry = registry.task_sources.get(model)
        if entry is None:
            continue
        if change.action == ObjectChange.Action.DELETE:
            task_sync_deleted(model=model, source_id=change.instance.pk)
        else:
            task_sync_spec(model=model, source_id=change.instance.pk, kind=entry.kind, spec=entry.spec(change.instance))
