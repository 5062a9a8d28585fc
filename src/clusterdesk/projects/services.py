"""Writes for projects and their pipeline records: stage moves through configurable gates, withdrawal (退库),
restoring and mid-year addition (增补), milestones, monthly reports whose identities are enforced, problems
through their workflow and escalations, coordination meetings and their decisions, annual plans, saved lists.

Every write goes through `common.services` (scope check, validation, change log) inside one transaction.
"""

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone, translation

from clusterdesk.accounts.scoping import can
from clusterdesk.changelog.models import ObjectChange
from clusterdesk.changelog.recording import record_change, snapshot
from clusterdesk.common.services import object_create, object_delete, object_update
from clusterdesk.core.exceptions import CoreError
from clusterdesk.core.lifecycle import GateCondition, Stage, entry_threshold_error, gate_errors, stage_info
from clusterdesk.core.supervision import (
    DEFAULT_ESCALATION_DAYS,
    MonthlyFigures,
    next_escalation,
    problem_transition_errors,
    report_identity_errors,
)

from .choices import (
    OPEN_PROBLEM_STATUSES,
    CoordinationLevelChoices,
    LibraryStatusChoices,
    ProblemStatusChoices,
    SectorChoices,
    TransitionKindChoices,
)
from .models import (
    AnnualPlan,
    CoordinationMeeting,
    GateRule,
    LightRuleSet,
    MeetingDecision,
    Milestone,
    MilestoneDependency,
    Problem,
    ProblemEscalation,
    ProgressReport,
    Project,
    ReportPhoto,
    SavedList,
    SectorThreshold,
    StageTransition,
)

__all__ = [
    "REPORT_FIGURES",
    "annual_plan_set",
    "decision_complete",
    "decision_create",
    "decision_update",
    "dependency_create",
    "dependency_delete",
    "dependency_update",
    "gate_conditions",
    "meeting_create",
    "meeting_update",
    "milestone_create",
    "milestone_delete",
    "milestone_update",
    "problem_create",
    "problem_delete",
    "problem_escalate",
    "problem_resolve",
    "problem_transition",
    "problem_update",
    "problems_escalate_overdue",
    "progress_report_create",
    "progress_report_delete",
    "progress_report_update",
    "project_add_mid_year",
    "project_change_stage",
    "project_create",
    "project_delete",
    "project_restore",
    "project_update",
    "project_withdraw",
    "report_photo_add",
    "rule_save",
    "saved_list_create",
    "saved_list_delete",
    "stage_gate_check",
]


def _zh(text) -> str:
    with translation.override("zh-hans"):
        return str(text)


def _actor_name(actor) -> str:
    return (getattr(actor, "display_name", "") or getattr(actor, "username", "")) if actor else "system"


def _record_transition(project: Project, *, kind: str, from_stage: str, to_stage: str, reason: str,
                       actor) -> StageTransition:
    return StageTransition.objects.create(
        project=project, kind=kind, from_stage=from_stage, to_stage=to_stage, reason=reason[:300],
        actor=actor if getattr(actor, "pk", None) else None, actor_name=_actor_name(actor))


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
                                 sector_label=_zh(SectorChoices(project.sector).label))


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


@transaction.atomic
def project_create(*, project: Project, actor, reason: str = "") -> Project:
    """Create a project in its initial stage; the entry is recorded as its first transition."""
    if project.added_mid_year and project.added_date is None:
        project.added_date = timezone.localdate()
    object_create(instance=project, actor=actor)
    kind = TransitionKindChoices.ADD_MID_YEAR if project.added_mid_year else TransitionKindChoices.CREATE
    _record_transition(project, kind=kind, from_stage="", to_stage=project.stage, reason=reason, actor=actor)
    return project


@transaction.atomic
def project_update(*, project: Project, actor) -> Project:
    """Update a project's fields; a stage change on this path must pass the same gates as `project_change_stage`."""
    stored_stage = Project.objects.values_list("stage", flat=True).get(pk=project.pk)
    if stored_stage != project.stage:
        _check_gate(project, project.stage, reason="")
        _record_transition(project, kind=_move_kind(stored_stage, project.stage), from_stage=stored_stage,
                           to_stage=project.stage, reason="", actor=actor)
    return object_update(instance=project, actor=actor)


def _move_kind(current: str, target: str) -> str:
    forward = stage_info(target).order > stage_info(current).order
    return TransitionKindChoices.ADVANCE if forward else TransitionKindChoices.BACK


def _check_gate(project: Project, target: str, reason: str) -> None:
    errors = stage_gate_check(project, target, reason)
    if errors:
        raise ValidationError({"stage": errors})


@transaction.atomic
def project_change_stage(*, project: Project, stage: str, actor, reason: str = "") -> Project:
    """Move a project to another lifecycle stage if the stage gate allows it; the move is recorded (who, when)."""
    if not can(actor, "change", project):
        raise PermissionDenied("outside your scope")
    _check_gate(project, stage, reason)
    current = project.stage
    project.stage = stage
    if stage == Stage.STATISTICS and project.statistics_date is None:
        project.statistics_date = timezone.localdate()
    object_update(instance=project, actor=actor)
    _record_transition(project, kind=_move_kind(current, stage), from_stage=current, to_stage=stage,
                       reason=reason, actor=actor)
    return project


@transaction.atomic
def project_withdraw(*, project: Project, actor, reason: str, on: datetime.date | None = None) -> Project:
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
def project_restore(*, project: Project, actor, reason: str) -> Project:
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
def project_add_mid_year(*, project: Project, actor, reason: str, on: datetime.date | None = None) -> Project:
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


#: The figures of a monthly report that a reporter may type, checked against the identities.
REPORT_FIGURES = ("year_to_date_wan", "investment_cumulative_wan", "previous_years_wan")


def _figures(report: ProgressReport) -> MonthlyFigures:
    return MonthlyFigures(report.period, report.investment_month_wan, report.year_to_date_wan,
                          report.investment_cumulative_wan, report.previous_years_wan, report.construction_wan,
                          report.installation_wan, report.equipment_wan, report.other_wan)


def _derived(report: ProgressReport) -> tuple[Decimal, Decimal]:
    """(previous years, year to date) from the project's other reports and this month."""
    others = report.project.progress_reports.exclude(pk=report.pk)
    january = report.period.replace(month=1)
    previous_years = others.filter(period__lt=january).aggregate(t=Sum("investment_month_wan"))["t"] or Decimal(0)
    earlier = others.filter(period__gte=january, period__lt=report.period).aggregate(
        t=Sum("investment_month_wan"))["t"] or Decimal(0)
    return previous_years, earlier + report.investment_month_wan


def _check_identities(report: ProgressReport, typed: dict[str, Decimal]) -> None:
    """Refuse a report whose typed figures or breakdown break the identities, naming each broken one."""
    previous_years, ytd = _derived(report)
    report.previous_years_wan = typed.get("previous_years_wan", previous_years)
    report.year_to_date_wan = typed.get("year_to_date_wan", ytd)
    report.investment_cumulative_wan = typed.get("investment_cumulative_wan", report.previous_years_wan + ytd)
    month = report.period
    before = month.replace(year=month.year - 1, month=12) if month.month == 1 else month.replace(month=month.month - 1)
    previous = report.project.progress_reports.exclude(pk=report.pk).filter(period=before).first()
    errors = report_identity_errors(_figures(report), previous=_figures(previous) if previous else None,
                                    total_investment_wan=report.project.total_investment_wan)
    if previous is None:
        # Without last month's report the carry-over is checked against the sums of the other reports.
        if report.previous_years_wan != previous_years:
            errors.append(f"以前年度累计应为 {previous_years} 万元（以前年度月报合计），"
                          f"实为 {report.previous_years_wan} 万元")
        if month.month != 1 and report.year_to_date_wan != ytd:
            errors.append(f"本年累计应为 {ytd} 万元（本年此前月报合计 + 本月），实为 {report.year_to_date_wan} 万元")
    if errors:
        raise ValidationError({"investment_month_wan": errors})


def dependency_create(*, milestonedependency: MilestoneDependency, actor) -> MilestoneDependency:
    """Link two milestones of one project (FS, SS, FF or SF with a lag); a link that makes a cycle is refused."""
    _check_link(milestonedependency)
    return object_create(instance=milestonedependency, actor=actor, parent_field="project")


def dependency_update(*, milestonedependency: MilestoneDependency, actor) -> MilestoneDependency:
    """Change a link's type or lag."""
    _check_link(milestonedependency)
    return object_update(instance=milestonedependency, actor=actor, parent_field="project")


def dependency_delete(*, milestonedependency: MilestoneDependency, actor) -> None:
    """Remove a link."""
    object_delete(instance=milestonedependency, actor=actor, parent_field="project")


def _check_link(link: MilestoneDependency) -> None:
    from clusterdesk.core.scheduling import Dependency, topological_order

    if link.predecessor.project_id != link.project_id or link.successor.project_id != link.project_id:
        raise ValidationError({"predecessor": "只能连接本项目的节点"})
    clash = MilestoneDependency.objects.filter(predecessor=link.predecessor, successor=link.successor)
    if clash.exclude(pk=link.pk).exists():
        raise ValidationError({"successor": "这两个节点之间已有依赖关系"})
    pairs = [Dependency(str(p), str(s)) for p, s in MilestoneDependency.objects.filter(project_id=link.project_id)
             .exclude(pk=link.pk).values_list("predecessor_id", "successor_id")]
    pairs.append(Dependency(str(link.predecessor_id), str(link.successor_id)))
    ids = [str(pk) for pk in Milestone.objects.filter(project_id=link.project_id).values_list("pk", flat=True)]
    names = dict(Milestone.objects.filter(project_id=link.project_id).values_list("pk", "name"))
    try:
        topological_order(ids, pairs)
    except CoreError as exc:
        cycle = getattr(exc, "cycle", ())
        text = " → ".join(names.get(int(pk), pk) for pk in cycle) if cycle else str(exc)
        raise ValidationError({"successor": f"依赖关系会形成循环：{text}"}) from exc


PHOTO_TYPES = (".jpg", ".jpeg", ".png", ".webp")


def report_photo_add(*, report: ProgressReport, image, actor, caption: str = "") -> ReportPhoto:
    """Attach a site photo (JPEG, PNG or WebP, at most 10 MB) to a monthly report."""
    name = getattr(image, "name", "") or ""
    if not name.lower().endswith(PHOTO_TYPES):
        raise ValidationError({"photo": f"照片须为 JPG、PNG 或 WebP 文件：{name}"})
    if getattr(image, "size", 0) > 10 * 1024 * 1024:
        raise ValidationError({"photo": f"照片不能超过 10 MB：{name}"})
    return object_create(instance=ReportPhoto(report=report, image=image, caption=caption[:200]), actor=actor,
                         parent_field="report")


def _refresh_cumulative(project: Project, actor) -> None:
    """Recompute every report's year-to-date, previous-years and cumulative figures, and the project's total."""
    running = Decimal(0)
    year, ytd, previous_years = None, Decimal(0), Decimal(0)
    for report in project.progress_reports.order_by("period"):
        if report.period.year != year:
            year, ytd, previous_years = report.period.year, Decimal(0), running
        ytd += report.investment_month_wan
        running += report.investment_month_wan
        values = {"investment_cumulative_wan": running, "year_to_date_wan": ytd, "previous_years_wan": previous_years}
        if any(getattr(report, k) != v for k, v in values.items()):
            ProgressReport.objects.filter(pk=report.pk).update(**values)
    if project.investment_completed_wan != running:
        before = snapshot(Project.objects.get(pk=project.pk))
        project.investment_completed_wan = running
        project.save(update_fields=["investment_completed_wan", "last_updated"])
        record_change(instance=project, action=ObjectChange.Action.UPDATE, before=before, actor=actor)


def _first_of_month(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


@transaction.atomic
def progress_report_create(*, report: ProgressReport, actor, typed: dict[str, Decimal] | None = None
                           ) -> ProgressReport:
    """File a monthly report. Year to date = this month + earlier months of the year; cumulative since start =
    previous years + year to date. Figures the reporter typed (``typed``) and the breakdown (construction +
    installation + equipment + other = this month) must agree, or the report is refused with the reason."""
    report.period = _first_of_month(report.period)
    report.reported_by = actor if getattr(actor, "pk", None) else None
    _check_identities(report, typed or {})
    object_create(instance=report, actor=actor, parent_field="project")
    _refresh_cumulative(report.project, actor)
    return report


@transaction.atomic
def progress_report_update(*, report: ProgressReport, actor, typed: dict[str, Decimal] | None = None
                           ) -> ProgressReport:
    """Correct a monthly report; the identities are checked again and later figures recomputed."""
    report.period = _first_of_month(report.period)
    _check_identities(report, typed or {})
    object_update(instance=report, actor=actor, parent_field="project")
    _refresh_cumulative(report.project, actor)
    return report


@transaction.atomic
def progress_report_delete(*, report: ProgressReport, actor) -> None:
    """Withdraw a monthly report."""
    project = report.project
    object_delete(instance=report, actor=actor, parent_field="project")
    _refresh_cumulative(project, actor)


@transaction.atomic
def problem_create(*, problem: Problem, actor) -> Problem:
    """Register a blocking problem: raised by the actor, with its owner unit, due date and coordination level."""
    if problem.due_date and problem.raised_date and problem.due_date < problem.raised_date:
        raise ValidationError({"due_date": "办结时限不能早于提出日期"})
    if not problem.pk:
        problem.status = ProblemStatusChoices.RAISED
        problem.raised_by = actor if getattr(actor, "pk", None) else None
        problem.raised_by_name = problem.raised_by_name or _actor_name(actor)
    return object_create(instance=problem, actor=actor, parent_field="project")


def problem_update(*, problem: Problem, actor) -> Problem:
    """Update a problem's description, owner, due date or level; the status moves through `problem_transition`."""
    if problem.due_date and problem.raised_date and problem.due_date < problem.raised_date:
        raise ValidationError({"due_date": "办结时限不能早于提出日期"})
    stored = Problem.objects.values_list("status", flat=True).get(pk=problem.pk)
    if stored != problem.status:
        raise ValidationError({"status": "问题状态须通过办理流程变更"})
    return object_update(instance=problem, actor=actor, parent_field="project")


def problem_delete(*, problem: Problem, actor) -> None:
    """Remove a problem registered by mistake (a solved one is resolved, not deleted)."""
    object_delete(instance=problem, actor=actor, parent_field="project")


@transaction.atomic
def problem_transition(*, problem: Problem, actor, status: str, resolution: str = "", reason: str = "",
                       owner_unit: str | None = None, owner_person: str | None = None,
                       on: datetime.date | None = None) -> Problem:
    """Move a problem through raised → assigned → in progress → resolved → closed, or reopen it."""
    if owner_unit is not None:
        problem.owner_unit = owner_unit
    if owner_person is not None:
        problem.owner_person = owner_person
    errors = problem_transition_errors(problem.status, status, {
        "owner_unit": problem.owner_unit, "owner_person": problem.owner_person,
        "resolution": resolution or problem.resolution, "reason": reason})
    if errors:
        raise ValidationError({"status": errors})
    day = on or timezone.localdate()
    problem.status = status
    if status == ProblemStatusChoices.ASSIGNED:
        problem.assigned_date = day
    elif status == ProblemStatusChoices.RESOLVED:
        problem.resolution = resolution or problem.resolution
        problem.resolved_date = day
    elif status == ProblemStatusChoices.CLOSED:
        problem.closed_date = day
    elif status == ProblemStatusChoices.REOPENED:
        problem.resolved_date = problem.closed_date = None
        problem.resolution = f"{problem.resolution}\n（重新打开：{reason}）".strip()
    return object_update(instance=problem, actor=actor, parent_field="project")


def problem_resolve(*, problem: Problem, actor, resolution: str, resolved_date: datetime.date) -> Problem:
    """Mark a problem resolved with how it was resolved."""
    if not resolution.strip():
        raise ValidationError({"resolution": "请填写解决情况"})
    return problem_transition(problem=problem, actor=actor, status=ProblemStatusChoices.RESOLVED,
                              resolution=resolution, on=resolved_date)


@transaction.atomic
def problem_escalate(*, problem: Problem, actor, to_level: int, reason: str, automatic: bool = False,
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
def problems_escalate_overdue(*, today: datetime.date, actor=None, days: int = DEFAULT_ESCALATION_DAYS,
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


def _escalate_as_job(problem: Problem, level: int, reason: str, today: datetime.date, actor) -> ProblemEscalation:
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


# Coordination meetings, decisions, annual plans, saved lists ---------------------------------------------------

def meeting_create(*, meeting: CoordinationMeeting, actor, problems=()) -> CoordinationMeeting:
    """Record a coordination meeting with the problems it discussed (each must be visible to the actor)."""
    return object_create(instance=meeting, actor=actor, m2m={"problems": _visible_problems(actor, problems)})


def meeting_update(*, meeting: CoordinationMeeting, actor, problems=None) -> CoordinationMeeting:
    """Update a meeting and, if given, the problems it discussed."""
    m2m = {"problems": _visible_problems(actor, problems)} if problems is not None else None
    return object_update(instance=meeting, actor=actor, m2m=m2m)


def _visible_problems(actor, problems) -> list[Problem]:
    problems = list(problems)
    visible = set(Problem.objects.restrict(actor, "view").filter(pk__in=[p.pk for p in problems])
                  .values_list("pk", flat=True))
    if len(visible) != len({p.pk for p in problems}):
        raise PermissionDenied("a problem is outside your scope")
    return problems


def decision_create(*, decision: MeetingDecision, actor) -> MeetingDecision:
    """Record a decision (议定事项) of a meeting as a tracked task with an owner and a due date."""
    if decision.due_date and decision.meeting_id and decision.due_date < decision.meeting.held_on:
        raise ValidationError({"due_date": "办结时限不能早于会议日期"})
    return object_create(instance=decision, actor=actor, parent_field="meeting")


def decision_update(*, decision: MeetingDecision, actor) -> MeetingDecision:
    """Update a decision's text, owner, due date or status."""
    if decision.status == "done" and decision.done_date is None:
        decision.done_date = timezone.localdate()
    return object_update(instance=decision, actor=actor, parent_field="meeting")


def decision_complete(*, decision: MeetingDecision, actor, outcome: str, on: datetime.date | None = None
                      ) -> MeetingDecision:
    """Close a decision with its outcome."""
    if not outcome.strip():
        raise ValidationError({"outcome": "请填写落实情况"})
    decision.status, decision.outcome, decision.done_date = "done", outcome, on or timezone.localdate()
    return object_update(instance=decision, actor=actor, parent_field="meeting")


@transaction.atomic
def annual_plan_set(*, project: Project, year: int, planned_wan: Decimal, actor) -> AnnualPlan:
    """Set a project's planned investment for a year (年度计划投资)."""
    plan = AnnualPlan.objects.filter(project=project, year=year).first()
    if plan is None:
        return object_create(instance=AnnualPlan(project=project, year=year, planned_wan=planned_wan), actor=actor,
                             parent_field="project")
    plan.planned_wan = planned_wan
    return object_update(instance=plan, actor=actor, parent_field="project")


def saved_list_create(*, saved: SavedList, actor) -> SavedList:
    """Save a list (a standard list or filters) for the actor, shared with colleagues or not."""
    saved.owner = actor
    saved.full_clean()
    saved.save()
    record_change(instance=saved, action=ObjectChange.Action.CREATE, actor=actor)
    return saved


def saved_list_delete(*, saved: SavedList, actor) -> None:
    """Delete one of the actor's saved lists."""
    if saved.owner_id != actor.pk and not actor.is_administrator:
        raise PermissionDenied("only the owner may delete a saved list")
    before = snapshot(saved)
    pk = saved.pk
    saved.delete()
    saved.pk = pk
    record_change(instance=saved, action=ObjectChange.Action.DELETE, actor=actor, before=before)


# The configured rule sets (administrators) ---------------------------------------------------------------------

@transaction.atomic
def rule_save(*, instance, actor):
    """Create or update a configured rule (library, gate rule, entry threshold, light rule set, template node);
    only administrators may. Activating a light rule set deactivates the others."""
    if not getattr(actor, "is_administrator", False):
        raise PermissionDenied("only administrators change the pipeline's rules")
    if isinstance(instance, LightRuleSet) and instance.active:
        LightRuleSet.objects.exclude(pk=instance.pk).filter(active=True).update(active=False)
    if isinstance(instance, LightRuleSet):
        from clusterdesk.core.exceptions import CoreError as _CoreError

        from .supervision import rules_of

        try:
            rules_of(instance)
        except _CoreError as exc:
            raise ValidationError({"red_gap_pp": str(exc)}) from exc
    if instance.pk is None:
        return object_create(instance=instance, actor=actor)
    return object_update(instance=instance, actor=actor)
