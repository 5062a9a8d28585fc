"""What a source record asks, as the inbox shows it: the `TaskSpec` each task source's ``spec(row)`` returns."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

__all__ = ["TaskSpec", "task_key"]


@dataclass(frozen=True)
class TaskSpec:
    """A task's fields as its source gives them. ``done`` closes the task (it stays, for the on-time rates)."""

    title: str
    region_id: int
    url: str
    unit_id: int | None = None
    person_id: int | None = None
    park_id: int | None = None
    enterprise_id: int | None = None
    due_date: dt.date | None = None
    period: dt.date | None = None
    done: bool = False
    done_date: dt.date | None = None
    cancelled: bool = False
    detail: str = ""
    escalation_level: int = 0


def task_key(model: str, source_id: Any, kind: str, period: dt.date | None = None) -> str:
    """The unique key of a source's task: ``projects.problem:12:problem`` (``…:2026-10-01`` for a period)."""
    key = f"{model}:{source_id}:{kind}"
    return f"{key}:{period.isoformat()}" if period else key
