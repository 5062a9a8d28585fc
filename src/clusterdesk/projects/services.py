"""Writes for projects, milestones, monthly progress reports and problems.

Stage changes go through `project_change_stage`, which applies the lifecycle's stage gates.
"""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum

from clusterdesk.changelog.models import ObjectChange
from clusterdesk.changelog.recording import record_change, snapshot
from clusterdesk.common.services import object_create, object_delete, object_update
from clusterdesk.core.lifecycle import Stage, stage_gate_errors

from .choices import ProblemStatusChoices
from .models import Milestone, Problem, ProgressReport, Project

__all__ = [
    "milestone_create",
    "milestone_delete",
    "milestone_update",
    "problem_create",
    "problem_delete",
    "problem_resolve",
    "problem_update",
    "progress_report_create",
    "progress_report_delete",
    "progress_report_update",
    "project_change_stage",
    "project_create",
    "project_delete",
    "project_update",
]


def _gate_facts(project: Project, reason: str = "") -> dict[str, object]:
    owner_above_scale = bool(project.owner and project.owner.above_scale)
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
        "above_scale": owner_above_scale,
        "reason": reason,
    }


def project_create(*, project: Project, actor) -> Project:
    """Create a project in its initial stage."""
    return object_create(instance=project, actor=actor)


def project_update(*, project: Project, actor) -> Project:
    """Update a project's fields; a stage change on this path must pass the same gates as `project_change_stage`."""
    stored_stage = Project.objects.values_list("stage", flat=True).get(pk=project.pk)
    if stored_stage != project.stage:
        _check_gate(project, Stage(stored_stage), Stage(project.stage), reason="")
    return object_update(instance=project, actor=actor)


def _check_gate(project: Project, current: Stage, target: Stage, reason: str) -> None:
    errors = stage_gate_errors(current=current, target=target, facts=_gate_facts(project, reason))
    if errors:
        raise ValidationError({"stage": errors})


def project_change_stage(*, project: Project, stage: str, actor, reason: str = "") -> Project:
    """Move a project to another lifecycle stage if the stage gate allows it."""
    _check_gate(project, Stage(project.stage), Stage(stage), reason)
    project.stage = stage
    return object_update(instance=project, actor=actor)


def project_delete(*, project: Project, actor) -> None:
    """Delete a project with its milestones, reports and problems."""
    object_delete(instance=project, actor=actor)


def milestone_create(*, milestone: Milestone, actor) -> Milestone:
    """Add a milestone to a project."""
    return object_create(instance=milestone, actor=actor, parent_field="project")


def milestone_update(*, milestone: Milestone, actor) -> Milestone:
    """Update a milestone (planned or actual date, name, note)."""
    return object_update(instance=milestone, actor=actor, parent_field="project")


def milestone_delete(*, milestone: Milestone, actor) -> None:
    """Remove a milestone."""
    object_delete(instance=milestone, actor=actor, parent_field="project")


def _refresh_cumulative(project: Project, actor) -> None:
    """Recompute the cumulative investment of every report and the project's completed total, in month order."""
    running = Decimal(0)
    reports = list(project.progress_reports.order_by("period"))
    for report in reports:
        running += report.investment_month_wan
        if report.investment_cumulative_wan != running:
            report.investment_cumulative_wan = running
            report.save(update_fields=["investment_cumulative_wan"])
    if project.investment_completed_wan != running:
        before = snapshot(Project.objects.get(pk=project.pk))
        project.investment_completed_wan = running
        project.save(update_fields=["investment_completed_wan", "last_updated"])
        record_change(instance=project, action=ObjectChange.Action.UPDATE, before=before, actor=actor)


def _first_of_month(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


@transaction.atomic
def progress_report_create(*, report: ProgressReport, actor) -> ProgressReport:
    """File a monthly report; the cumulative figure and the project's completed investment follow from it."""
    report.period = _first_of_month(report.period)
    report.reported_by = actor if getattr(actor, "pk", None) else None
    previous = report.project.progress_reports.filter(period__lt=report.period).aggregate(
        total=Sum("investment_month_wan"))["total"] or Decimal(0)
    report.investment_cumulative_wan = previous + report.investment_month_wan
    object_create(instance=report, actor=actor, parent_field="project")
    _refresh_cumulative(report.project, actor)
    return report


@transaction.atomic
def progress_report_update(*, report: ProgressReport, actor) -> ProgressReport:
    """Correct a monthly report; later cumulative figures are recomputed."""
    report.period = _first_of_month(report.period)
    object_update(instance=report, actor=actor, parent_field="project")
    _refresh_cumulative(report.project, actor)
    return report


@transaction.atomic
def progress_report_delete(*, report: ProgressReport, actor) -> None:
    """Withdraw a monthly report."""
    project = report.project
    object_delete(instance=report, actor=actor, parent_field="project")
    _refresh_cumulative(project, actor)


def problem_create(*, problem: Problem, actor) -> Problem:
    """Register a blocking problem with its owner unit, due date and escalation level."""
    if problem.due_date and problem.raised_date and problem.due_date < problem.raised_date:
        raise ValidationError({"due_date": "办结时限不能早于提出日期"})
    return object_create(instance=problem, actor=actor, parent_field="project")


def problem_update(*, problem: Problem, actor) -> Problem:
    """Update a problem."""
    return object_update(instance=problem, actor=actor, parent_field="project")


def problem_delete(*, problem: Problem, actor) -> None:
    """Remove a problem registered by mistake (a solved one is resolved, not deleted)."""
    object_delete(instance=problem, actor=actor, parent_field="project")


def problem_resolve(*, problem: Problem, actor, resolution: str, resolved_date: datetime.date) -> Problem:
    """Close a problem with how it was resolved."""
    if not resolution.strip():
        raise ValidationError({"resolution": "请填写解决情况"})
    problem.status = ProblemStatusChoices.RESOLVED
    problem.resolution = resolution
    problem.resolved_date = resolved_date
    return object_update(instance=problem, actor=actor, parent_field="project")
