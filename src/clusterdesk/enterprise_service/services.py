"""Writes of the enterprise service: monthly figures, the warnings job, visits and follow-ups, appeals, secretaries.

Every write runs in one transaction inside the caller's change context and records the change. The warnings
job writes derived rows in bulk; its `JobRun` is what the change log records of it.
"""

import datetime
import time
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.db.models import Min
from django.utils import timezone

from clusterdesk.accounts.actors import Actor
from clusterdesk.accounts.units import unit_assign_from_text, unit_for_office
from clusterdesk.changelog.models import ObjectChange
from clusterdesk.changelog.recording import record_change, snapshot
from clusterdesk.common.review import refile, review_relations, review_step
from clusterdesk.common.services import object_create, object_update
from clusterdesk.common.validators import raise_field_errors
from clusterdesk.common.workflow import actor_facts, workflow_check
from clusterdesk.core.appeals import APPEAL_WORKFLOW, AppealStatus, appeal_due_date, appeal_escalation
from clusterdesk.core.monitoring import (
    Figures,
    MonitoringRules,
    capacity_utilisation,
    evaluate_month,
    month_date,
    month_index,
)
from clusterdesk.core.review import COUNTED_STATES
from clusterdesk.core.validation import monthly_figure_errors
from clusterdesk.core.visits import FOLLOW_UP_WORKFLOW
from clusterdesk.core.workflow.roles import RELATION_ENTERPRISE_SIDE, RELATION_FILER, RELATION_HANDLER
from clusterdesk.enterprises.models import Enterprise
from clusterdesk.enterprises.services import enterprise_update

from .choices import AppealStatusChoices, JobKindChoices, TaskStatusChoices
from .config import appeal_rules, monitoring_rules, plausibility_bounds
from .models import Appeal, EnterpriseWarning, FollowUpTask, JobRun, MonthlyFigure, Visit
from .selectors import is_enterprise_side

__all__ = [
    "appeal_create",
    "appeal_relations",
    "appeal_transition",
    "appeals_escalate",
    "follow_up_complete",
    "follow_up_create",
    "job_run_record",
    "monthly_figure_relations",
    "monthly_figure_review",
    "monthly_figure_save",
    "secretary_assign",
    "visit_create",
    "warnings_recompute",
]

_SERIES_FIELDS = ("output_wan", "revenue_wan", "orders_on_hand_wan", "capacity", "capacity_output",
                  "electricity_wan_kwh")
_LEVEL_RANK = {"watch": 1, "warning": 2, "serious": 3}

def _today(today: datetime.date | None) -> datetime.date:
    return today or timezone.localdate()


def _previous_utilisation(figure: MonthlyFigure) -> Decimal | None:
    month = figure.period
    before = month.replace(year=month.year - 1, month=12) if month.month == 1 else month.replace(month=month.month - 1)
    return MonthlyFigure.objects.filter(enterprise_id=figure.enterprise_id, period=before).values_list(
        "utilisation_pct", flat=True).first()


@transaction.atomic
def monthly_figure_save(*, figure: MonthlyFigure, actor: Actor, today: datetime.date | None = None) -> MonthlyFigure:
    """Save an enterprise's figures for a month (a second entry for the same month corrects the first).

    The month is normalised to its first day; the figures must pass `core.validation.monthly_figure_errors`
    (non-negative, output with a capacity in a named unit, and the plausibility bounds in force: utilisation
    above the ceiling is refused; above full capacity, or moved by more than the allowed points since last
    month, it needs the reporter's explanation in ``note``). Utilisation (actual ÷ capacity) is computed here,
    never typed. New figures are filed for review; correcting returned, accepted or reported ones files them
    again (`clusterdesk.common.review`).
    """
    figure.period = figure.period.replace(day=1)
    raise_field_errors(monthly_figure_errors(figure.__dict__, today=_today(today),
                                             previous_utilisation_pct=_previous_utilisation(figure),
                                             bounds=plausibility_bounds()))
    if capacity_utilisation(figure.capacity_output, figure.capacity) is None:
        figure.utilisation_pct = None
    else:  # stored exactly, from the Decimals typed
        figure.utilisation_pct = (Decimal(figure.capacity_output) * 100 / Decimal(figure.capacity)).quantize(
            Decimal("0.01"), rounding=ROUND_HALF_UP)
    if figure.reported_by_id is None and getattr(actor, "pk", None):
        figure.reported_by = actor
    if figure.pk is None:
        existing = MonthlyFigure.objects.filter(enterprise_id=figure.enterprise_id, period=figure.period).first()
        if existing is not None:
            figure.pk = existing.pk
            figure.created = existing.created
            figure._state.adding = False
    refile(figure, None if figure.pk is None else
           MonthlyFigure.objects.filter(pk=figure.pk).values_list("review_status", flat=True).first())
    if figure.pk is None:
        return object_create(instance=figure, actor=actor, parent_field="enterprise")
    return object_update(instance=figure, actor=actor, parent_field="enterprise")


def monthly_figure_relations(*, figure: MonthlyFigure, actor: Actor) -> frozenset[str]:
    """How the actor stands to an enterprise's figures: their filer, their reviewer (an officer of the level above
    the filer's — the enterprise's park, else its county, for a secretary — with the enterprise in scope)."""
    park = figure.enterprise.park_id is not None
    return review_relations(instance=figure, actor=actor, filer=figure.reported_by, default_level="enterprise",
                            levels=("enterprise", "park") if park else ("enterprise",))


@transaction.atomic
def monthly_figure_review(*, figure: MonthlyFigure, action: str, actor: Actor, reason: str = "") -> MonthlyFigure:
    """Accept, return (with the reason, shown to the filer) or report up an enterprise's figures for a month, as the
    review workflow allows the actor: the level above the filer's, never the filer. Warnings read accepted figures
    only; the month's warnings change at the next run of the warnings job."""
    review_step(instance=figure, action=action, actor=actor, reason=reason, parent_field="enterprise",
                relations=monthly_figure_relations(figure=figure, actor=actor))
    return figure


def job_run_record(*, kind: str, period: datetime.date | None, started: float, counts: dict,
                   actor: Actor | None) -> JobRun:
    """Write the run row of a job and its change record."""
    run = JobRun.objects.create(kind=kind, period=period, counts=counts, actor=actor if getattr(actor, "pk", None)
                                else None, seconds=Decimal(f"{time.perf_counter() - started:.3f}"))
    record_change(instance=run, action=ObjectChange.Action.CREATE, actor=actor)
    return run


def _raw_rows(queryset, fields: tuple[str, ...]):
    """Rows of a values query as the database driver returns them, without Django's per-value converters.

    The warnings job reads a million figures; converting each to a quantized Decimal would cost more than the rules.
    The rules accept floats (SQLite) and Decimals (PostgreSQL) alike.
    """
    sql, params = queryset.values_list(*fields).query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        while batch := cursor.fetchmany(20_000):
            yield from batch


def _series_rows(start: datetime.date, end: datetime.date):
    """(enterprise, 'YYYY-MM', review state, figures…) of every monthly row in a span, read in one pass.

    The month comes as text so that no driver parses half a million dates.
    """
    table = MonthlyFigure._meta.db_table
    month = "to_char(period, 'YYYY-MM')" if connection.vendor == "postgresql" else "substr(period, 1, 7)"
    columns = ", ".join(("enterprise_id", month, "review_status",
                         *(MonthlyFigure._meta.get_field(f).column for f in _SERIES_FIELDS)))
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {columns} FROM {table} WHERE period >= %s AND period <= %s", [start, end])  # noqa: S608
        while batch := cursor.fetchmany(20_000):
            yield from batch


def _load_series(keys, window: int, target: int) -> dict[int, dict[int, Figures]]:
    """Each key enterprise's months. Figures under review or returned do not count: their month is there (it was
    filed, so it is not missing) but without a value, so no rule reads them."""
    series: dict[int, dict[int, Figures]] = {pk: {} for pk in keys}
    unreviewed = Figures(*([None] * len(_SERIES_FIELDS)))
    for enterprise_id, month, status, *values in _series_rows(month_date(window), month_date(target)):
        months = series.get(enterprise_id)
        if months is not None:
            months[int(month[:4]) * 12 + int(month[5:7]) - 1] = Figures(*values) if status in COUNTED_STATES \
                else unreviewed
    return series


def _window(target: int, rules: MonitoringRules) -> int:
    """The first month the rules can look at: January of last year, or far enough back for the run rules."""
    back = int(max(rules.orders_falling_months.serious, rules.missing_months.serious)) + 1
    return min(target - target % 12 - 12, target - back)


def _first_expected(series, keys, window: int) -> dict[int, int]:
    """From which month each enterprise with no figures in the window was expected to report.

    An enterprise with figures in the window needs none: the missing-report run stops at its latest report. One
    without is expected from its first report ever, or from the month it was registered here when it never reported.
    """
    absent = [pk for pk, months in series.items() if not months]
    first = {}
    for chunk in range(0, len(absent), 5000):
        first.update(MonthlyFigure.objects.filter(enterprise_id__in=absent[chunk:chunk + 5000])
                     .values("enterprise_id").annotate(first=Min("period")).values_list("enterprise_id", "first"))
    expected = {}
    for pk in absent:
        since = first.get(pk) or timezone.localtime(keys[pk]).date()
        expected[pk] = max(month_index(since.year, since.month), window)
    return expected


@transaction.atomic
def warnings_recompute(*, period: datetime.date, actor: Actor | None, rules: MonitoringRules | None = None) -> JobRun:
    """Recompute every key enterprise's warnings for one month, replacing that month's warnings.

    The rules read from January of last year to the report month (same month and year to date against last year,
    runs of falling orders and of unreported months).
    """
    started = time.perf_counter()
    rules = rules or monitoring_rules()
    target = month_index(period.year, period.month)
    window = _window(target, rules)
    keys = dict(Enterprise.objects.filter(key_enterprise=True).values_list("pk", "created"))
    series = _load_series(keys, window, target)
    expected = _first_expected(series, keys, window)
    warnings = []
    levels = {"watch": 0, "warning": 0, "serious": 0}
    month = month_date(target)
    for enterprise_id, months in series.items():
        for finding in evaluate_month(months, target, rules, first_expected=expected.get(enterprise_id, window)):
            levels[finding.level.value] += 1
            warnings.append(EnterpriseWarning(
                enterprise_id=enterprise_id, period=month, rule=finding.rule.value, level=finding.level.value,
                level_rank=finding.level.rank, value=finding.value, threshold=finding.threshold,
                explanation=finding.explanation))
    EnterpriseWarning.objects.filter(period=month).delete()
    counts = {"enterprises": len(series), "warnings": len(warnings), **levels}
    run = job_run_record(kind=JobKindChoices.WARNINGS, period=month, started=started, counts=counts, actor=actor)
    for warning in warnings:
        warning.run = run
    EnterpriseWarning.objects.bulk_create(warnings, batch_size=5000)
    run.seconds = Decimal(f"{time.perf_counter() - started:.3f}")
    run.save(update_fields=["seconds"])
    return run


@transaction.atomic
def visit_create(*, visit: Visit, actor: Actor, tasks: list[FollowUpTask] | None = None) -> Visit:
    """Log a visit with its follow-up tasks; a follow-up's due date may not precede the visit."""
    for task in tasks or []:
        if task.due_date < visit.visit_date:
            raise ValidationError({"tasks": f"交办事项“{task.description}”的完成时限早于走访日期"})
    if visit.secretary_id is None and visit.enterprise_id:
        visit.secretary_id = Enterprise.objects.filter(pk=visit.enterprise_id).values_list(
            "secretary_id", flat=True).first()
    object_create(instance=visit, actor=actor, parent_field="enterprise")
    for task in tasks or []:
        task.visit = visit
        follow_up_create(task=task, actor=actor)
    return visit


def follow_up_create(*, task: FollowUpTask, actor: Actor) -> FollowUpTask:
    """Add a follow-up task to a visit; it belongs to the visit's enterprise."""
    task.enterprise_id = task.visit.enterprise_id
    if task.due_date < task.visit.visit_date:
        raise ValidationError({"due_date": "完成时限不能早于走访日期"})
    unit_assign_from_text(task, text_field="owner_unit", region=task.visit.enterprise.region)
    return object_create(instance=task, actor=actor, parent_field="visit")


def follow_up_complete(*, task: FollowUpTask, actor: Actor, done_date: datetime.date | None = None) -> FollowUpTask:
    """Mark a follow-up task done (`FOLLOW_UP_WORKFLOW`): once, on a day neither before the visit nor in the future."""
    day = _today(done_date)
    workflow_check(FOLLOW_UP_WORKFLOW, task.status, TaskStatusChoices.DONE, actor=actor_facts(actor),
                   facts={"done_date": day, "visit_date": task.visit.visit_date, "today": timezone.localdate()})
    task.status = TaskStatusChoices.DONE
    task.done_date = day
    return object_update(instance=task, actor=actor, parent_field="visit")


def appeal_create(*, appeal: Appeal, actor: Actor, today: datetime.date | None = None) -> Appeal:
    """Register an appeal: routed to its category's unit and given its time limit unless both are given."""
    rules = appeal_rules()
    appeal.raised_date = appeal.raised_date or _today(today)
    appeal.status = AppealStatusChoices.RAISED
    region = appeal.enterprise.region if appeal.enterprise_id else None  # none: refused by the model's validation
    if appeal.assigned_unit_id is None and not appeal.unit.strip():
        # Routed by category: the route names an office, found in the enterprise's county, else its city.
        appeal.unit = rules.routes[appeal.category]
        appeal.assigned_unit = unit_for_office(appeal.unit, region=region)
    unit_assign_from_text(appeal, text_field="unit", region=region, person_field="assigned_person")
    if appeal.due_date is None:
        appeal.due_date = appeal_due_date(appeal.raised_date, appeal.category, rules)
    if appeal.due_date < appeal.raised_date:
        raise ValidationError({"due_date": "办理时限不能早于提出日期"})
    if appeal.raised_by_id is None and getattr(actor, "pk", None):
        appeal.raised_by = actor
    return object_create(instance=appeal, actor=actor, parent_field="enterprise")


def appeal_relations(*, appeal: Appeal, actor: Actor) -> frozenset[str]:
    """How the actor stands to the appeal: its filer, the one who answered it, the enterprise's side."""
    pk = getattr(actor, "pk", None)
    if pk is None:
        return frozenset()
    found = set()
    if appeal.raised_by_id == pk:
        found.add(RELATION_FILER)
    if appeal.answered_by_id == pk:
        found.add(RELATION_HANDLER)
    if is_enterprise_side(user=actor, enterprise_id=appeal.enterprise_id):
        found.add(RELATION_ENTERPRISE_SIDE)
    return frozenset(found)


def appeal_transition(*, appeal: Appeal, status: str, actor: Actor, answer: str = "", satisfaction: int | None = None,
                      today: datetime.date | None = None) -> Appeal:
    """Move an appeal along `APPEAL_WORKFLOW`: an officer of the responsible side accepts, handles and answers it
    (never its filer nor the enterprise's secretary); the enterprise's side closes it with its rating or sends the
    answer back (never the one who answered). A refused step changes nothing."""
    workflow_check(APPEAL_WORKFLOW, appeal.status, status,
                   actor=actor_facts(actor, appeal_relations(appeal=appeal, actor=actor)),
                   facts={"answer": answer, "satisfaction": satisfaction})
    day = _today(today)
    returned = appeal.status == AppealStatus.ANSWERED and status == AppealStatus.IN_PROGRESS
    appeal.status = status
    if status == AppealStatus.ACCEPTED:
        appeal.accepted_date = day
    elif status == AppealStatus.ANSWERED:
        appeal.answer = answer
        appeal.answered_date = day
        appeal.answered_by = actor if getattr(actor, "pk", None) else None
    elif returned:
        appeal.answered_date = None   # sent back: unanswered again, so it counts as open and may escalate
    elif status == AppealStatus.CLOSED:
        appeal.satisfaction = satisfaction
        appeal.closed_date = day
    return object_update(instance=appeal, actor=actor, parent_field="enterprise")


_LEVELS = ("county", "city", "province")


@transaction.atomic
def appeals_escalate(*, actor: Actor | None, today: datetime.date | None = None) -> JobRun:
    """Raise every unanswered appeal past its due date to the level its lateness calls for (never down)."""
    started = time.perf_counter()
    day = _today(today)
    rules = appeal_rules()
    escalated = 0
    open_overdue = Appeal.objects.filter(due_date__lt=day, status__in=APPEAL_WORKFLOW.open_states) \
        .select_related("enterprise")
    for appeal in open_overdue:
        level = appeal_escalation(appeal.due_date, day, rules=rules).value
        if _LEVELS.index(level) > _LEVELS.index(appeal.escalation_level):
            # The job acts for the system, not within anyone's scope: it writes and records directly.
            before = snapshot(appeal)
            appeal.escalation_level = level
            appeal.escalated_date = day
            appeal.save(update_fields=["escalation_level", "escalated_date", "last_updated"])
            record_change(instance=appeal, action=ObjectChange.Action.UPDATE, actor=actor, before=before,
                          related=appeal.enterprise)
            escalated += 1
    return job_run_record(kind=JobKindChoices.ESCALATION, period=None, started=started,
                          counts={"escalated": escalated, "overdue": len(open_overdue)}, actor=actor)


def secretary_assign(*, enterprise: Enterprise, secretary, actor: Actor) -> Enterprise:
    """Assign (or, with None, withdraw) an enterprise's work secretary through the enterprises service."""
    if not Enterprise.objects.restrict(actor, "change").filter(pk=enterprise.pk).exists():
        raise PermissionDenied("outside your scope")
    enterprise.secretary = secretary
    return enterprise_update(enterprise=enterprise, actor=actor)
