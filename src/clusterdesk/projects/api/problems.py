"""Blocking problems: registration, the workflow (transition, resolve) and escalation."""

import datetime

from ninja import Schema, Status

from clusterdesk.api.crud import (
    WRITE_ERRORS,
    Crud,
    register_crud,
    require_role,
    scoped_get,
)
from clusterdesk.api.schemas import ApiDate, Id, Ref
from clusterdesk.api.units import UnitPersonOut, resolve_unit_refs

from .. import services
from ..choices import (
    CoordinationLevelChoices,
    ProblemCategoryChoices,
    ProblemStatusChoices,
)
from ..models import Problem
from ._shared import (
    ProjectPartOut,
    part_filter,
    part_writer,
    router,
)

__all__ = [
    "EscalateIn",
    "ProblemFilter",
    "ProblemIn",
    "ProblemOut",
    "ProblemResolveIn",
    "ProblemTransitionIn",
    "problem_escalate",
    "problem_resolve",
    "problem_transition",
]


class ProblemOut(UnitPersonOut, ProjectPartOut):
    category: ProblemCategoryChoices
    description: str
    owner_unit: str
    owner_person: str
    raised_by_name: str
    raised_date: datetime.date
    due_date: datetime.date
    coordination_level: CoordinationLevelChoices
    status: ProblemStatusChoices
    assigned_date: datetime.date | None
    resolved_date: datetime.date | None
    closed_date: datetime.date | None
    last_escalated_date: datetime.date | None
    resolution: str


class ProblemIn(Schema):
    """A problem. The status moves through ``transition``; ``coordination_level`` is 1 (project leader) to 4
    (principal leader)."""

    project: Ref
    category: ProblemCategoryChoices
    description: str
    assigned_unit: Ref | None = None
    assigned_person: Ref | None = None
    owner_unit: str = ""
    owner_person: str = ""
    raised_date: ApiDate
    due_date: ApiDate
    coordination_level: CoordinationLevelChoices = CoordinationLevelChoices.PROJECT_LEADER


class ProblemFilter(Schema):
    project: Id | None = None
    q: str | None = None
    status: ProblemStatusChoices | None = None
    category: ProblemCategoryChoices | None = None
    coordination_level: CoordinationLevelChoices | None = None


class ProblemResolveIn(Schema):
    resolution: str
    resolved_date: ApiDate


register_crud(router, Crud(
    model=Problem, path="problems", out=ProblemOut, payload=ProblemIn, filters=ProblemFilter,
    filter=part_filter("description", "owner_unit", "project__name",
                                choices=("status", "category", "coordination_level")),
    write=part_writer(services.problem_create, services.problem_update, "problem",
                      check=lambda refs, instance, data: resolve_unit_refs(refs, data)),
    delete=lambda obj, actor: services.problem_delete(problem=obj, actor=actor),
    select_related=("project", "assigned_unit"),
))


@router.post("/problems/{id}/resolve", response={200: ProblemOut, **WRITE_ERRORS}, url_name="problem_resolve")
def problem_resolve(request, id: Id, payload: ProblemResolveIn):
    """Close a problem with how and when it was resolved."""
    problem = scoped_get(request, Problem.objects.select_related("project"), pk=id)
    require_role(request.user, Problem, "change")
    services.problem_resolve(problem=problem, actor=request.user, resolution=payload.resolution,
                             resolved_date=payload.resolved_date)
    return Status(200, scoped_get(request, Problem.objects.select_related("project"), pk=id))


class ProblemTransitionIn(Schema):
    """The new status; assigning needs the owner person, resolving the resolution, reopening a reason."""

    status: ProblemStatusChoices
    owner_person: str | None = None
    resolution: str = ""
    reason: str = ""


@router.post("/problems/{id}/transition", response={200: ProblemOut, **WRITE_ERRORS},
             url_name="problem_transition")
def problem_transition(request, id: Id, payload: ProblemTransitionIn):
    """Move a problem through raised → assigned → in progress → resolved → closed, or reopen it."""
    problem = scoped_get(request, Problem.objects.select_related("project"), pk=id)
    require_role(request.user, Problem, "change")
    services.problem_transition(problem=problem, actor=request.user, status=payload.status.value,
                                owner_person=payload.owner_person, resolution=payload.resolution,
                                reason=payload.reason)
    return Status(200, scoped_get(request, Problem.objects.select_related("project"), pk=id))


class EscalateIn(Schema):
    to_level: CoordinationLevelChoices
    reason: str


@router.post("/problems/{id}/escalate", response={200: ProblemOut, **WRITE_ERRORS}, url_name="problem_escalate")
def problem_escalate(request, id: Id, payload: EscalateIn):
    """Escalate a problem to a higher coordination level by hand; the escalation is recorded."""
    problem = scoped_get(request, Problem.objects.select_related("project"), pk=id)
    require_role(request.user, Problem, "change")
    services.problem_escalate(problem=problem, actor=request.user, to_level=int(payload.to_level),
                              reason=payload.reason)
    return Status(200, scoped_get(request, Problem.objects.select_related("project"), pk=id))
