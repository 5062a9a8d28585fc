"""Monthly progress reports (月度调度): the breakdown and the cumulative identities are checked by the service."""

import datetime
from decimal import Decimal
from typing import Literal

from ninja import Schema, Status

from clusterdesk.api.crud import (
    WRITE_ERRORS,
    Crud,
    Refs,
    assign,
    register_crud,
    require_role,
    scoped_get,
)
from clusterdesk.api.schemas import ApiDate, Id, MoneyWan, Ref
from clusterdesk.common.review import ReviewStatusChoices

from .. import services
from ..models import ProgressReport
from ._shared import (
    ProjectPartOut,
    part_filter,
    router,
    set_part_project,
)

__all__ = [
    "ProgressReportFilter",
    "ProgressReportIn",
    "ProgressReportOut",
    "ReviewIn",
]


class ProgressReportOut(ProjectPartOut):
    period: datetime.date
    investment_month_wan: Decimal
    construction_wan: Decimal
    installation_wan: Decimal
    equipment_wan: Decimal
    other_wan: Decimal
    year_to_date_wan: Decimal
    previous_years_wan: Decimal
    investment_cumulative_wan: Decimal
    progress_text: str
    reported_by: str | None
    review_status: ReviewStatusChoices
    return_reason: str

    @staticmethod
    def resolve_reported_by(obj: ProgressReport) -> str | None:
        return obj.reported_by.display_name if obj.reported_by_id else None


class ProgressReportIn(Schema):
    """A monthly report: ``period`` is any day of the month (2025-04, 2025.4 and 2025年4月 are read too). The
    breakdown (construction + installation + equipment + other) must add up to this month's investment when
    given. Year to date and cumulative since start are computed; if the reporter sends them they must agree
    with the identities, or the report is refused (422) with the reason."""

    project: Ref
    period: ApiDate
    investment_month_wan: MoneyWan
    construction_wan: MoneyWan = Decimal(0)
    installation_wan: MoneyWan = Decimal(0)
    equipment_wan: MoneyWan = Decimal(0)
    other_wan: MoneyWan = Decimal(0)
    year_to_date_wan: MoneyWan | None = None
    investment_cumulative_wan: MoneyWan | None = None
    progress_text: str = ""


class ProgressReportFilter(Schema):
    project: Id | None = None
    q: str | None = None
    review_status: ReviewStatusChoices | None = None


class ReviewIn(Schema):
    """A review step: ``accept`` (审核通过), ``return`` (退回, with its ``reason``) or ``report`` (上报)."""

    action: Literal["accept", "return", "report"]
    reason: str = ""


def _write_report(request, report: ProgressReport, data: dict) -> ProgressReport:
    typed = {name: data.pop(name) for name in ("year_to_date_wan", "investment_cumulative_wan")
             if data.get(name) is not None}
    for name in ("year_to_date_wan", "investment_cumulative_wan"):
        data.pop(name, None)
    refs = Refs(request)
    set_part_project(refs, report, data)
    refs.check()
    assign(report, data)
    if report.pk is None:
        report.investment_cumulative_wan = Decimal(0)
        return services.progress_report_create(report=report, actor=request.user, typed=typed)
    return services.progress_report_update(report=report, actor=request.user, typed=typed)


register_crud(router, Crud(
    model=ProgressReport, path="progress-reports", out=ProgressReportOut, payload=ProgressReportIn,
    filters=ProgressReportFilter, filter=part_filter("progress_text", "project__name", choices=("review_status",)),
    write=_write_report,
    delete=lambda obj, actor: services.progress_report_delete(report=obj, actor=actor),
    select_related=("project", "reported_by"), name="progressreport",
))


@router.post("/progress-reports/{id}/review", response={200: ProgressReportOut, **WRITE_ERRORS},
             url_name="progressreport_review")
def progress_report_review(request, id: Id, payload: ReviewIn):
    """Review a monthly report: filed → accepted (审核) or returned (退回, reason required) → reported (上报). Only
    the level above the filer's may, never the filer (403 with the reason); only accepted reports count."""
    report = scoped_get(request, ProgressReport.objects.select_related("project", "reported_by"), pk=id)
    require_role(request.user, ProgressReport, "change")
    services.progress_report_review(report=report, action=payload.action, actor=request.user, reason=payload.reason)
    return Status(200, scoped_get(request, ProgressReport.objects.select_related("project", "reported_by"), pk=id))
