"""Projects: creation, updates, stage moves through the configured gates, withdrawal (退库), restoring and
mid-year addition (增补)."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from clusterdesk.accounts.actors import Actor
from clusterdesk.accounts.scoping import can
from clusterdesk.common.services import object_create, object_delete, object_update
from clusterdesk.core.lifecycle import GateCondition, Stage, entry_threshold_error, gate_errors, stage_info

from ..choices import (
    LibraryStatusChoices,
    SectorChoices,
    TransitionKindChoices,
)
from ..models import (
    GateRule,
    Project,
    SectorThreshold,
    StageTransition,
)
from ._helpers import actor_name, zh

__all__ = [
    "gate_conditions",
    "move_kind",
    "prepare_new",
    "project_add_mid_year",
    "project_change_stage",
    "project_create",
    "project_delete",
    "project_restore",
    "project_update",
    "project_withdraw",
    "stage_gate_check",
]


def _record_transition(project: Project, *, kind: str, from_stage: str, to_stage: str, reason: str,
                       actor: Actor) -> StageTransition:
    return StageTransition.objects.create(
        project=project, kind=kind, from_stage=from_stage, to_stage=to_stage, reason=reason[:300],
        actor=actor if getattr(actor, "pk", None) else None, actor_name=actor_name(actor))


def _gate_facts(project: Project, reason: str = "") -> dict[str, object]:
    owner_above_scale = bool(project.owner and project.owner.above_scale)
    done = set()
    if project.pk:
        done = set(project.milestones.filter(actual_date__isnull=False).exclude(code="")
                   .values_list("code", flat=True))
    return {
        "total_investment_wan": project.total_investment_wan,
        "owner": project.owner_id,
        "park": project.park_id,
        "region": project.region_id,
        "planned_start_date": project.planned_start_date,
        "actual_start_date": project.actual_start_date,
        "land_secured": project.land_secured,
        "actual_completion_date": project.actual_completion_date,
        "actual_production_date": project.actual_production_date,
        "statistics_date": project.statistics_date,
        "signed_date": project.signed_date,
        "above_scale": owner_above_scale,
        "milestones_done": done,
        "reason": reason,
    }


def gate_conditions() -> dict[Stage, tuple[GateCondition, ...]]:
    """The active gate rules from the database, as core conditions by target stage."""
    conditions: dict[Stage, list[GateCondition]] = {}
    for rule in GateRule.objects.filter(active=True).order_by("target_stage", "sequence", "pk"):
        conditions.setdefault(Stage(rule.target_stage), []).append(
            GateCondition(rule.fact, rule.op, rule.value, rule.message))
    return {stage: tuple(rules) for stage, rules in conditions.items()}


def _threshold_error(project: Project) -> str | None:
    threshold = SectorThreshold.objects.filter(sector=project.sector).first()
    if threshold is None:
        return None
    return entry_threshold_error(project.sector, project.total_investment_wan,
                                 thresholds={project.sector: threshold.min_investment_wan},
                                 sector_label=zh(SectorChoices(project.sector).label))


def stage_gate_check(project: Project, target: str, reason: str = "") -> list[str]:
    """Every reason the project may not move to ``target`` now (empty when it may)."""
    if project.library_status == LibraryStatusChoices.WITHDRAWN:
        return ["项目已退库，须先恢复入库才能变更阶段"]
    current = Stage(Project.objects.values_list("stage", flat=True).get(pk=project.pk)) if project.pk \
        else Stage(project.stage)
    errors = gate_errors(current=current, target=target, facts=_gate_facts(project, reason),
                         conditions=gate_conditions())
    if target == Stage.RESERVE and stage_info(target).order > stage_info(current).order:
        if (message := _threshold_error(project)) is not None:
            errors.append(message)
    return errors


def prepare_new(project: Project) -> None:
    """What a new project gets before it is saved: a mid-year addition (增补) is dated today unless dated."""
    if project.added_mid_year and project.added_date is None:
        project.added_date = timezone.localdate()


def link_filing_unit(project: Project) -> None:
    """The unit that files the project's monthly reports, from the responsible-unit text when none is chosen."""
    from clusterdesk.accounts.units import unit_assign_from_text

    if project.region_id:
        unit_assign_from_text(project, text_field="responsible_unit", region=project.region_id)


@transaction.atomic
def project_create(*, project: Project, actor: Actor, reason: str = "") -> Project:
    """Create a project in its initial stage; the entry is recorded as its first transition."""
    prepare_new(project)
    link_filing_unit(project)
    object_create(instance=project, actor=actor)
    kind = TransitionKindChoices.ADD_MID_YEAR if project.added_mid_year else TransitionKindChoices.CREATE
    _record_transition(project, kind=kind, from_stage="", to_stage=project.stage, reason=reason, actor=actor)
    return project


@transaction.atomic
def project_update(*, project: Project, actor: Actor) -> Project:
    """Update a project's fields; a stage change on this path must pass the same gates as `project_change_stage`."""
    stored_stage = Project.objects.values_list("stage", flat=True).get(pk=project.pk)
    if stored_stage != project.stage:
        _check_gate(project, project.stage, reason="")
        _record_transition(project, kind=move_kind(stored_stage, project.stage), from_stage=stored_stage,
                           to_stage=project.stage, reason="", actor=actor)
    link_filing_unit(project)
    return object_update(instance=project, actor=actor)


def move_kind(current: str, target: str) -> str:
    forward = stage_info(target).order > stage_info(current).order
    return TransitionKindChoices.ADVANCE if forward else TransitionKindChoices.BACK


def _check_gate(project: Project, target: str, reason: str) -> None:
    errors = stage_gate_check(project, target, reason)
    if errors:
        raise ValidationError({"stage": errors})


@transaction.atomic
def project_change_stage(*, project: Project, stage: str, actor: Actor, reason: str = "") -> Project:
    """Move a project to another lifecycle stage if the stage gate allows it; the move is recorded (who, when)."""
    if not can(actor, "change", project):
        raise PermissionDenied("outside your scope")
    _check_gate(project, stage, reason)
    current = project.stage
    project.stage = stage
    if stage == Stage.STATISTICS and project.statistics_date is None:
        project.statistics_date = timezone.localdate()
    object_update(instance=project, actor=actor)
    _record_transition(project, kind=move_kind(current, stage), from_stage=current, to_stage=stage,
                       reason=reason, actor=actor)
    return project


@transaction.atomic
def project_withdraw(*, project: Project, actor: Actor, reason: str, on: datetime.date | None = None) -> Project:
    """Withdraw a project from the libraries (退库), with the reason; it keeps its stage and history."""
    if project.library_status == LibraryStatusChoices.WITHDRAWN:
        raise ValidationError({"library_status": "项目已退库"})
    if not reason.strip():
        raise ValidationError({"reason": "退库须填写原因"})
    project.library_status = LibraryStatusChoices.WITHDRAWN
    project.withdrawn_date = on or timezone.localdate()
    project.withdrawal_reason = reason[:300]
    object_update(instance=project, actor=actor)
    _record_transition(project, kind=TransitionKindChoices.WITHDRAW, from_stage=project.stage,
                       to_stage=project.stage, reason=reason, actor=actor)
    return project


@transaction.atomic
def project_restore(*, project: Project, actor: Actor, reason: str) -> Project:
    """Restore a withdrawn project to the libraries, in the stage it had."""
    if project.library_status != LibraryStatusChoices.WITHDRAWN:
        raise ValidationError({"library_status": "项目未退库，无需恢复"})
    if not reason.strip():
        raise ValidationError({"reason": "恢复入库须填写原因"})
    project.library_status = LibraryStatusChoices.ACTIVE
    project.withdrawn_date = None
    project.withdrawal_reason = ""
    object_update(instance=project, actor=actor)
    _record_transition(project, kind=TransitionKindChoices.RESTORE, from_stage=project.stage,
                       to_stage=project.stage, reason=reason, actor=actor)
    return project


@transaction.atomic
def project_add_mid_year(*, project: Project, actor: Actor, reason: str, on: datetime.date | None = None) -> Project:
    """Mark a project as added to this year's lists mid-year (增补); it must meet its sector's entry threshold."""
    if project.added_mid_year:
        raise ValidationError({"added_mid_year": "项目已是年中增补项目"})
    if (message := _threshold_error(project)) is not None:
        raise ValidationError({"total_investment_wan": message})
    project.added_mid_year = True
    project.added_date = on or timezone.localdate()
    object_update(instance=project, actor=actor)
    _record_transition(project, kind=TransitionKindChoices.ADD_MID_YEAR, from_stage=project.stage,
                       to_stage=project.stage, reason=reason, actor=actor)
    return project


def project_delete(*, project: Project, actor: Actor) -> None:
    """Delete a project with its milestones, reports and problems."""
    object_delete(instance=project, actor=actor)
