"""Monthly progress reports (月度调度) with their identities enforced, site photos, and the cumulative figures.

A report is filed, then reviewed by the level above (`clusterdesk.common.review`): the project's completed
investment is the cumulative figure of its latest accepted (or reported) report, never of one still under review.
"""

import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum

from clusterdesk.accounts.actors import Actor
from clusterdesk.changelog.models import ObjectChange
from clusterdesk.changelog.recording import record_change, snapshot
from clusterdesk.common.review import refile, review_relations, review_step
from clusterdesk.common.services import object_create, object_delete, object_update
from clusterdesk.core.supervision import (
    MonthlyFigures,
    report_identity_errors,
)

from ..models import (
    ProgressReport,
    Project,
    ProjectLight,
    ReportPhoto,
)
from ..supervision import lights_compute

__all__ = [
    "PHOTO_TYPES",
    "REPORT_FIGURES",
    "progress_report_create",
    "progress_report_delete",
    "progress_report_relations",
    "progress_report_review",
    "progress_report_update",
    "report_photo_add",
]


#: The figures of a monthly report that a reporter may type, checked against the identities.
REPORT_FIGURES = ("year_to_date_wan", "investment_cumulative_wan", "previous_years_wan")
CENT = Decimal("0.01")


def _figures(report: ProgressReport) -> MonthlyFigures:
    return MonthlyFigures(report.period, report.investment_month_wan, report.year_to_date_wan,
                          report.investment_cumulative_wan, report.previous_years_wan, report.construction_wan,
                          report.installation_wan, report.equipment_wan, report.other_wan)


def _month_sum(reports) -> Decimal:
    """The sum of the reports' monthly investment, in cents.

    SQLite sums decimals through floats and hands back fifteen significant digits (151907.630000000): a figure
    with nine decimal places fails the field's two-place check when the report is saved.
    """
    total = reports.aggregate(t=Sum("investment_month_wan"))["t"] or Decimal(0)
    return total.quantize(CENT, rounding=ROUND_HALF_UP)


def _derived(report: ProgressReport) -> tuple[Decimal, Decimal]:
    """(previous years, year to date) from the project's other reports and this month."""
    others = report.project.progress_reports.exclude(pk=report.pk)
    january = report.period.replace(month=1)
    previous_years = _month_sum(others.filter(period__lt=january))
    earlier = _month_sum(others.filter(period__gte=january, period__lt=report.period))
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


PHOTO_TYPES = (".jpg", ".jpeg", ".png", ".webp")


def report_photo_add(*, report: ProgressReport, image, actor: Actor, caption: str = "") -> ReportPhoto:
    """Attach a site photo (JPEG, PNG or WebP, at most 10 MB) to a monthly report."""
    name = getattr(image, "name", "") or ""
    if not name.lower().endswith(PHOTO_TYPES):
        raise ValidationError({"photo": f"照片须为 JPG、PNG 或 WebP 文件：{name}"})
    if getattr(image, "size", 0) > 10 * 1024 * 1024:
        raise ValidationError({"photo": f"照片不能超过 10 MB：{name}"})
    return object_create(instance=ReportPhoto(report=report, image=image, caption=caption[:200]), actor=actor,
                         parent_field="report")


def _refresh_cumulative(project: Project, actor: Actor) -> None:
    """Recompute every report's year-to-date, previous-years and cumulative figures, and the project's completed
    investment: the cumulative figure of its latest report that counts (accepted or reported). Reports under
    review or returned leave it as it is; with no report at all it is zero."""
    running = Decimal(0)
    completed = None
    year, ytd, previous_years = None, Decimal(0), Decimal(0)
    for report in project.progress_reports.order_by("period"):
        if report.period.year != year:
            year, ytd, previous_years = report.period.year, Decimal(0), running
        ytd += report.investment_month_wan
        running += report.investment_month_wan
        values = {"investment_cumulative_wan": running, "year_to_date_wan": ytd, "previous_years_wan": previous_years}
        if any(getattr(report, k) != v for k, v in values.items()):
            ProgressReport.objects.filter(pk=report.pk).update(**values)
        if report.counts:
            completed = running
    if completed is None:
        if project.progress_reports.exists():
            return
        completed = running
    if project.investment_completed_wan != completed:
        before = snapshot(Project.objects.get(pk=project.pk))
        project.investment_completed_wan = completed
        project.save(update_fields=["investment_completed_wan", "last_updated"])
        record_change(instance=project, action=ObjectChange.Action.UPDATE, before=before, actor=actor)


def _refresh_lights(project: Project, month: datetime.date) -> None:
    """Compute again the lights already computed for ``month`` or later in its year: a report that starts or stops
    counting (filed without review, accepted, returned, corrected, withdrawn) moves them now, not at the next
    monthly run. Months not yet computed are left to that run."""
    months = (ProjectLight.objects.filter(project_id=project.pk, month__gte=month.replace(day=1),
                                          month__year=month.year)
              .order_by("month").values_list("month", flat=True).distinct())
    for light_month in list(months):
        lights_compute(month=light_month, projects=Project.objects.filter(pk=project.pk))


def _first_of_month(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


@transaction.atomic
def progress_report_create(*, report: ProgressReport, actor: Actor, typed: dict[str, Decimal] | None = None
                           ) -> ProgressReport:
    """File a monthly report. Year to date = this month + earlier months of the year; cumulative since start =
    previous years + year to date. Figures the reporter typed (``typed``) and the breakdown (construction +
    installation + equipment + other = this month) must agree, or the report is refused with the reason."""
    report.period = _first_of_month(report.period)
    report.reported_by = actor if getattr(actor, "pk", None) else None
    refile(report, None)
    report.clean()  # the month, one report per month, the project's stage: before the identities
    _check_identities(report, typed or {})
    object_create(instance=report, actor=actor, parent_field="project")
    _refresh_cumulative(report.project, actor)
    _refresh_lights(report.project, report.period)
    return report


@transaction.atomic
def progress_report_update(*, report: ProgressReport, actor: Actor, typed: dict[str, Decimal] | None = None
                           ) -> ProgressReport:
    """Correct a monthly report; the identities are checked again and later figures recomputed. A returned,
    accepted or reported report is filed again: it counts once reviewed again."""
    report.period = _first_of_month(report.period)
    stored_period = ProgressReport.objects.filter(pk=report.pk).values_list("period", flat=True).first()
    refile(report, ProgressReport.objects.filter(pk=report.pk).values_list("review_status", flat=True).first())
    report.clean()
    _check_identities(report, typed or {})
    object_update(instance=report, actor=actor, parent_field="project")
    _refresh_cumulative(report.project, actor)
    _refresh_lights(report.project, min(report.period, stored_period or report.period))
    return report


@transaction.atomic
def progress_report_delete(*, report: ProgressReport, actor: Actor) -> None:
    """Withdraw a monthly report."""
    project, period = report.project, report.period
    object_delete(instance=report, actor=actor, parent_field="project")
    _refresh_cumulative(project, actor)
    _refresh_lights(project, period)


def progress_report_relations(*, report: ProgressReport, actor: Actor) -> frozenset[str]:
    """How the actor stands to a report: its filer, its reviewer (an officer of the level above the filer's, with
    the project in scope: a park's county, a county's city …, or an administrator)."""
    park = report.project.park_id is not None
    return review_relations(instance=report, actor=actor, filer=report.reported_by,
                            default_level="park" if park else "county",
                            levels=("enterprise", "park") if park else ("enterprise",))


@transaction.atomic
def progress_report_review(*, report: ProgressReport, action: str, actor: Actor, reason: str = "") -> ProgressReport:
    """Accept, return (with the reason, shown to the filer) or report up a monthly report, as the review workflow
    allows the actor: the level above the filer's, never the filer. Accepting or returning updates the project's
    completed investment, which only counted reports make."""
    review_step(instance=report, action=action, actor=actor, reason=reason, parent_field="project",
                relations=progress_report_relations(report=report, actor=actor))
    _refresh_cumulative(report.project, actor)
    _refresh_lights(report.project, report.period)
    return report
