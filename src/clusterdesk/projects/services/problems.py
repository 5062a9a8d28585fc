"""Blocking problems (问题清单): registration, the status workflow and escalation (manual and automatic).

The status moves through `clusterdesk.core.supervision.PROBLEM_WORKFLOW`: officers assign, handle and resolve; the
person who raised a problem never handles it, and the person who resolved it never strikes it off (销号).
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from clusterdesk.accounts.actors import Actor
from clusterdesk.accounts.units import unit_assign_from_text
from clusterdesk.changelog.models import ObjectChange
from clusterdesk.changelog.recording import record_change, snapshot
from clusterdesk.common.services import object_create, object_delete, object_update
from clusterdesk.common.workflow import actor_facts, workflow_check
from clusterdesk.core.supervision import (
    DEFAULT_ESCALATION_DAYS,
    PROBLEM_WORKFLOW,
    next_escalation,
)
from clusterdesk.core.workflow.roles import RELATION_FILER, RELATION_HANDLER

from ..choices import (
    OPEN_PROBLEM_STATUSES,
    CoordinationLevelChoices,
    ProblemStatusChoices,
)
from ..models import (
    Problem,
    ProblemEscalation,
)
from ._helpers import actor_name

__all__ = [
    "problem_create",
    "problem_delete",
    "problem_escalate",
    "problem_relations",
    "problem_resolve",
    "problem_transition",
    "problem_update",
    "problems_escalate_overdue",
]


@transaction.atomic
def problem_create(*, problem: Problem, actor: Actor) -> Problem:
    """Register a blocking problem: raised by the actor, with its owner unit, due date and coordination level."""
    if not problem.pk:
        problem.status = ProblemStatusChoices.RAISED
        problem.raised_by = actor if getattr(actor, "pk", None) else None
        problem.raised_by_name = problem.raised_by_name or actor_name(actor)
    unit_assign_from_text(problem, text_field="owner_unit", region=problem.project.region,
                          person_field="assigned_person")
    return object_create(instance=problem, actor=actor, parent_field="project")


def problem_update(*, problem: Problem, actor: Actor) -> Problem:
    """Update a problem's description, owner, due date or level; the status moves through `problem_transition`."""
    stored = Problem.objects.values_list("status", flat=True).get(pk=problem.pk)
    if stored != problem.status:
        raise ValidationError({"status": "问题状态须通过办理流程变更"})
    unit_assign_from_text(problem, text_field="owner_unit", region=problem.project.region,
                          person_field="assigned_person")
    return object_update(instance=problem, actor=actor, parent_field="project")


def problem_delete(*, problem: Problem, actor: Actor) -> None:
    """Remove a problem registered by mistake (a solved one is resolved, not deleted)."""
    object_delete(instance=problem, actor=actor, parent_field="project")


def problem_relations(*, problem: Problem, actor: Actor) -> frozenset[str]:
    """How the actor stands to the problem: the one who raised it (filer), the one who resolved it (handler)."""
    pk = getattr(actor, "pk", None)
    if pk is None:
        return frozenset()
    found = set()
    if problem.raised_by_id == pk:
        found.add(RELATION_FILER)
    if problem.resolved_by_id == pk:
        found.add(RELATION_HANDLER)
    return frozenset(found)


@transaction.atomic
def problem_transition(*, problem: Problem, actor: Actor, status: str, resolution: str = "", reason: str = "",
                       owner_unit: str | None = None, owner_person: str | None = None,
                       on: datetime.date | None = None) -> Problem:
    """Move a problem through raised → assigned → in progress → resolved → closed, or reopen it.

    A refused step changes nothing: the workflow's guards and who-may-act rules are checked before any field is set.
    """
    unit = problem.owner_unit if owner_unit is None else owner_unit
    person = problem.owner_person if owner_person is None else owner_person
    workflow_check(PROBLEM_WORKFLOW, problem.status, status,
                   actor=actor_facts(actor, problem_relations(problem=problem, actor=actor)),
                   facts={"owner_unit": unit, "owner_person": person,
                          "resolution": resolution or problem.resolution, "reason": reason})
    day = on or timezone.localdate()
    problem.owner_unit, problem.owner_person = unit, person
    problem.status = status
    if status == ProblemStatusChoices.ASSIGNED:
        problem.assigned_date = day
    elif status == ProblemStatusChoices.RESOLVED:
        problem.resolution = resolution or problem.resolution
        problem.resolved_date = day
        problem.resolved_by = actor if getattr(actor, "pk", None) else None
    elif status == ProblemStatusChoices.CLOSED:
        problem.closed_date = day
    elif status == ProblemStatusChoices.REOPENED:
        problem.resolved_date = problem.closed_date = None
        problem.resolved_by = None
        problem.resolution = f"{problem.resolution}\n（重新打开：{reason}）".strip()
    return object_update(instance=problem, actor=actor, parent_field="project")


def problem_resolve(*, problem: Problem, actor: Actor, resolution: str, resolved_date: datetime.date) -> Problem:
    """Mark a problem resolved with how it was resolved."""
    if not resolution.strip():
        raise ValidationError({"resolution": "请填写解决情况"})
    return problem_transition(problem=problem, actor=actor, status=ProblemStatusChoices.RESOLVED,
                              resolution=resolution, on=resolved_date)


@transaction.atomic
def problem_escalate(*, problem: Problem, actor: Actor, to_level: int, reason: str, automatic: bool = False,
                     on: datetime.date | None = None) -> ProblemEscalation:
    """Raise a problem's coordination level, recording the escalation."""
    if not problem.is_open:
        raise ValidationError({"coordination_level": "已解决或已销号的问题不再升级"})
    if not problem.coordination_level < to_level <= CoordinationLevelChoices.PRINCIPAL:
        raise ValidationError({"coordination_level":
                               f"只能升级到高于当前（{problem.coordination_level} 级）的层级，最高 4 级"})
    day = on or timezone.localdate()
    escalation = ProblemEscalation(problem=problem, from_level=problem.coordination_level, to_level=to_level,
                                   escalated_on=day, automatic=automatic, reason=reason[:300])
    problem.coordination_level = to_level
    problem.last_escalated_date = day
    object_update(instance=problem, actor=actor, parent_field="project")
    object_create(instance=escalation, actor=actor, parent_field="problem")
    return escalation


@transaction.atomic
def problems_escalate_overdue(*, today: datetime.date, actor: Actor | None = None, days: int = DEFAULT_ESCALATION_DAYS,
                              queryset=None) -> list[ProblemEscalation]:
    """The automatic escalation job: every open problem overdue by ``days`` (since its due date or its last
    escalation) goes up one level, recorded with the reason."""
    candidates = (queryset if queryset is not None else Problem.objects.all()).filter(
        status__in=OPEN_PROBLEM_STATUSES, due_date__lte=today - datetime.timedelta(days=days),
        coordination_level__lt=CoordinationLevelChoices.PRINCIPAL).select_related("project")
    done = []
    for problem in candidates:
        level = next_escalation(level=problem.coordination_level, status=problem.status, due_date=problem.due_date,
                                last_escalated=problem.last_escalated_date, today=today, days=days)
        if level is None:
            continue
        since = max(problem.due_date, problem.last_escalated_date or problem.due_date)
        reason = f"逾期 {(today - problem.due_date).days} 天未解决（{since:%Y-%m-%d} 起满 {days} 天），自动升级"
        done.append(_escalate_as_job(problem, level, reason, today, actor))
    return done


def _escalate_as_job(problem: Problem, level: int, reason: str, today: datetime.date,
                     actor: Actor | None) -> ProblemEscalation:
    escalation = ProblemEscalation(problem=problem, from_level=problem.coordination_level, to_level=level,
                                   escalated_on=today, automatic=True, reason=reason)
    before = snapshot(problem)
    problem.coordination_level = level
    problem.last_escalated_date = today
    problem.save(update_fields=["coordination_level", "last_escalated_date", "last_updated"])
    escalation.save()
    record_change(instance=problem, action=ObjectChange.Action.UPDATE, actor=actor, before=before,
                  related=problem.project)
    record_change(instance=escalation, action=ObjectChange.Action.CREATE, actor=actor, related=problem)
    return escalation
