"""Writing many projects at once (the Excel import of a project list): the rules of `project_create` and
`project_update`, checked for every project before anything is written, and the same recorded transitions."""

import copy
from collections.abc import Sequence
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models.base import ModelState
from django.utils import timezone

from clusterdesk.accounts.actors import Actor
from clusterdesk.changelog.context import current_change_context
from clusterdesk.common.bulk import (
    BulkChange,
    BulkValidationError,
    bulk_save,
    field_checker,
    insert_rows,
    merge_errors,
)

from ..choices import TransitionKindChoices
from ..models import AnnualPlan, Project, StageTransition
from ._helpers import actor_name
from .projects import move_kind, prepare_new, stage_gate_check

__all__ = ["annual_plans_bulk_set", "projects_bulk_check", "projects_bulk_write"]


def projects_bulk_check(changes: Sequence[BulkChange], *,
                        actor: Actor | None = None) -> dict[int, dict[str, list[str]]]:
    """Every rule each project breaks, by its index: the model's field checks (a stage, sector or type outside
    its choices, an empty required field), its ``clean()`` (`core.validation.project_errors`, the park, cluster
    and segment in the project's region), and for a changed stage the same stage gate as `project_update`."""
    check_fields = field_checker(Project)
    errors: dict[int, dict[str, list[str]]] = {}
    for index, change in enumerate(changes):
        project = change.instance
        merge_errors(errors, index, check_fields(project))
        try:
            project.clean()
        except ValidationError as exc:
            merge_errors(errors, index, exc)
        if change.stored is not None and change.stored.stage != project.stage and "stage" not in errors.get(index, {}):
            gate = stage_gate_check(project, project.stage)
            if gate:
                merge_errors(errors, index, {"stage": gate})
    return errors


def _link_filing_units(changes: Sequence[BulkChange]) -> list[BulkChange]:
    """Each new project, and each whose responsible-unit text changes, gets the unit the text names (one reading of
    the units for the whole sheet); an unmatched text stays as text."""
    from dataclasses import replace

    from clusterdesk.accounts.units import unit_finder

    find = None
    result = []
    for change in changes:
        project = change.instance
        wanted = change.created or "responsible_unit" in change.fields
        if wanted and project.assigned_unit_id is None and project.responsible_unit.strip():
            find = find or unit_finder()
            unit_id = find(project.responsible_unit, project.region_id)
            if unit_id is not None:
                project.assigned_unit_id = unit_id
                if not change.created:
                    change = replace(change, fields=(*change.fields, "assigned_unit"))
        result.append(change)
    return result


@transaction.atomic
def projects_bulk_write(changes: Sequence[BulkChange], *, actor: Actor, reason: str = "") -> None:
    """Create and update many projects, all or nothing: every rule is checked first (`projects_bulk_check`),
    then the rows are written, scope-checked and recorded in bulk, and each entry and stage move is recorded as
    a transition, as the single-object services do. ``reason`` defaults to the change context's message."""
    for change in changes:
        if change.created:
            prepare_new(change.instance)
    changes = _link_filing_units(changes)
    errors = projects_bulk_check(changes, actor=actor)
    if errors:
        raise BulkValidationError(errors)
    bulk_save(Project, changes, actor=actor, key=("code",))
    if not reason:
        ctx = current_change_context()
        reason = ctx.message if ctx is not None else ""
    user_id, name = (actor.pk if getattr(actor, "pk", None) else None), actor_name(actor)[:100]
    now, reason = timezone.now(), reason[:300]
    transitions = []
    for change in changes:
        project = change.instance
        if change.created:
            kind = TransitionKindChoices.ADD_MID_YEAR if project.added_mid_year else TransitionKindChoices.CREATE
            from_stage = ""
        elif change.stored.stage != project.stage:
            kind, from_stage = move_kind(change.stored.stage, project.stage), change.stored.stage
        else:
            continue
        transitions.append({"project_id": project.pk, "kind": kind, "from_stage": from_stage,
                            "to_stage": project.stage, "reason": reason, "actor_id": user_id, "actor_name": name,
                            "at": now, "created": now, "last_updated": now})
    insert_rows(StageTransition, transitions)


@transaction.atomic
def annual_plans_bulk_set(entries: Sequence[tuple[Project, int, Decimal]], *, actor: Actor) -> None:
    """Set many projects' planned investment for a year (年度计划投资), as `annual_plan_set` does one: each
    (project, year, planned 万元) creates the year's plan or updates it, all or nothing, scope-checked and
    recorded against its project."""
    stored: dict[tuple[int, int], AnnualPlan] = {}
    keys = sorted({(project.pk, year) for project, year, _ in entries})
    for start in range(0, len(keys), 500):
        chunk = keys[start:start + 500]
        for plan in AnnualPlan.objects.filter(project_id__in={pk for pk, _ in chunk}, year__in={y for _, y in chunk}):
            stored[(plan.project_id, plan.year)] = plan
    changes, check_fields, errors = [], field_checker(AnnualPlan), {}
    for index, (project, year, planned) in enumerate(entries):
        old = stored.get((project.pk, year))
        if old is None:
            plan = AnnualPlan(project=project, year=year, planned_wan=planned)
            changes.append(BulkChange(plan))
        else:
            plan = copy.copy(old)
            plan._state = ModelState()
            plan._state.adding, plan._state.db = False, old._state.db
            plan.planned_wan = planned
            changes.append(BulkChange(plan, old, ("planned_wan",)))
        merge_errors(errors, index, check_fields(plan))
    if errors:
        raise BulkValidationError(errors)
    bulk_save(AnnualPlan, changes, actor=actor, key=("project", "year"), parent_field="project")
