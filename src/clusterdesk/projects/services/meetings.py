"""Coordination meetings (调度会) with the problems they discussed, and their decisions tracked to completion."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from clusterdesk.accounts.actors import Actor
from clusterdesk.accounts.units import unit_assign_from_text
from clusterdesk.common.services import object_create, object_update

from ..models import (
    CoordinationMeeting,
    MeetingDecision,
    Problem,
)

__all__ = [
    "decision_complete",
    "decision_create",
    "decision_update",
    "meeting_create",
    "meeting_update",
]


def meeting_create(*, meeting: CoordinationMeeting, actor: Actor, problems=()) -> CoordinationMeeting:
    """Record a coordination meeting with the problems it discussed (each must be visible to the actor)."""
    return object_create(instance=meeting, actor=actor, m2m={"problems": _visible_problems(actor, problems)})


def meeting_update(*, meeting: CoordinationMeeting, actor: Actor, problems=None) -> CoordinationMeeting:
    """Update a meeting and, if given, the problems it discussed."""
    m2m = {"problems": _visible_problems(actor, problems)} if problems is not None else None
    return object_update(instance=meeting, actor=actor, m2m=m2m)


def _visible_problems(actor: Actor, problems) -> list[Problem]:
    problems = list(problems)
    visible = set(Problem.objects.restrict(actor, "view").filter(pk__in=[p.pk for p in problems])
                  .values_list("pk", flat=True))
    if len(visible) != len({p.pk for p in problems}):
        raise PermissionDenied("a problem is outside your scope")
    return problems


def decision_create(*, decision: MeetingDecision, actor: Actor) -> MeetingDecision:
    """Record a decision (议定事项) of a meeting as a tracked task with an owner and a due date."""
    if decision.due_date and decision.meeting_id and decision.due_date < decision.meeting.held_on:
        raise ValidationError({"due_date": "办结时限不能早于会议日期"})
    unit_assign_from_text(decision, text_field="owner_unit", region=decision.meeting.region,
                          person_field="assigned_person")
    return object_create(instance=decision, actor=actor, parent_field="meeting")


def decision_update(*, decision: MeetingDecision, actor: Actor) -> MeetingDecision:
    """Update a decision's text, owner, due date or status."""
    if decision.status == "done" and decision.done_date is None:
        decision.done_date = timezone.localdate()
    unit_assign_from_text(decision, text_field="owner_unit", region=decision.meeting.region,
                          person_field="assigned_person")
    return object_update(instance=decision, actor=actor, parent_field="meeting")


def decision_complete(*, decision: MeetingDecision, actor: Actor, outcome: str, on: datetime.date | None = None
                      ) -> MeetingDecision:
    """Close a decision with its outcome."""
    if not outcome.strip():
        raise ValidationError({"outcome": "请填写落实情况"})
    decision.status, decision.outcome, decision.done_date = "done", outcome, on or timezone.localdate()
    return object_update(instance=decision, actor=actor, parent_field="meeting")
