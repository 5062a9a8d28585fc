"""REST API of the enterprise service: monthly figures, warnings, visits, appeals, inclusion candidates.

Enterprises are named by their credit code; months by any form people type (2025-03, 2025年3月). Reads go through
`restrict`; writes through the services, which validate (422), check scope (403) and record the change.
"""

import datetime
from decimal import Decimal
from typing import Annotated, Literal

from django.core.exceptions import ValidationError
from ninja import Field, Router, Schema, Status
from pydantic import Strict

from clusterdesk.api.crud import WRITE_ERRORS, Crud, Refs, register_crud, require_role, scoped_get
from clusterdesk.api.schemas import ApiDate, Count, Id, MoneyWan, Month, OptionalMonth, Ref
from clusterdesk.api.units import UnitOut, UnitPersonOut, resolve_unit_refs
from clusterdesk.common.review import ReviewStatusChoices
from clusterdesk.enterprises.selectors import enterprise_list

from . import selectors
from .choices import (
    AppealCategoryChoices,
    AppealStatusChoices,
    CandidateStateChoices,
    UnitTypeChoices,
    WarningLevelChoices,
    WarningRuleChoices,
)
from .inclusion import candidate_transition
from .models import Appeal, EnterpriseWarning, FollowUpTask, InclusionCandidate, MonthlyFigure, Visit
from .services import appeal_create, appeal_transition, monthly_figure_review, monthly_figure_save, visit_create

__all__ = ["router"]

router = Router(tags=["enterprise service"])


def _by_enterprise(queryset, data: dict, path: str = "enterprise"):
    if data.get("enterprise"):
        queryset = queryset.filter(**{f"{path}__uscc": str(data["enterprise"]).strip().upper()})
    return queryset


class _EnterpriseRef(Schema):
    enterprise: str
    enterprise_name: str

    @staticmethod
    def resolve_enterprise(obj) -> str:
        return obj.enterprise.uscc

    @staticmethod
    def resolve_enterprise_name(obj) -> str:
        return obj.enterprise.name


class MonthlyFigureOut(_EnterpriseRef):
    id: int
    period: datetime.date
    output_wan: Decimal | None
    revenue_wan: Decimal | None
    orders_on_hand_wan: Decimal | None
    new_orders_wan: Decimal | None
    capacity: Decimal | None
    capacity_output: Decimal | None
    capacity_unit: str
    utilisation_pct: Decimal | None
    electricity_wan_kwh: Decimal | None
    tax_wan: Decimal | None
    employees: int | None
    planned_output_wan: Decimal | None
    production_plan: str
    note: str
    source: str
    review_status: ReviewStatusChoices
    return_reason: str


class MonthlyFigureIn(Schema):
    """One month's figures; ``enterprise`` is a credit code, ``period`` a month (2025-03 or 2025年3月). Utilisation
    above full capacity, or moved sharply since last month, is refused (422 under ``capacity_output``) unless
    ``note`` explains it."""

    enterprise: str
    period: Month
    output_wan: MoneyWan | None = None
    revenue_wan: MoneyWan | None = None
    orders_on_hand_wan: MoneyWan | None = None
    new_orders_wan: MoneyWan | None = None
    capacity: Decimal | None = None
    capacity_output: Decimal | None = None
    capacity_unit: str = ""
    electricity_wan_kwh: Decimal | None = None
    tax_wan: MoneyWan | None = None
    employees: Count | None = None
    planned_output_wan: MoneyWan | None = None
    production_plan: str = ""
    note: str = ""
    source: str = "enterprise"


class MonthFilter(Schema):
    enterprise: str | None = None
    period: OptionalMonth = None
    review_status: ReviewStatusChoices | None = None


def _month_filter(request, queryset, data):
    queryset = _by_enterprise(queryset, data)
    period = data.get("period")
    if data.get("review_status"):
        queryset = queryset.filter(review_status=data["review_status"])
    return queryset.filter(period=period) if period else queryset


def _write_figure(request, figure: MonthlyFigure, data: dict) -> MonthlyFigure:
    refs = Refs(request)
    if "enterprise" in data:
        figure.enterprise = refs.scoped("enterprise", enterprise_list(user=request.user), data.pop("enterprise"),
                                        lookup="uscc")
    if "period" in data:
        figure.period = data.pop("period")
    refs.check()
    for name, value in data.items():
        setattr(figure, name, value)
    return monthly_figure_save(figure=figure, actor=request.user)


register_crud(router, Crud(model=MonthlyFigure, path="monthly-figures", out=MonthlyFigureOut, filters=MonthFilter,
                           filter=_month_filter, payload=MonthlyFigureIn, write=_write_figure,
                           select_related=("enterprise",)))


class FigureReviewIn(Schema):
    """A review step: ``accept`` (审核通过), ``return`` (退回, with its ``reason``) or ``report`` (上报)."""

    action: Literal["accept", "return", "report"]
    reason: str = ""


@router.post("/monthly-figures/{id}/review", response={200: MonthlyFigureOut, **WRITE_ERRORS},
             url_name="monthlyfigure_review")
def monthly_figure_move(request, id: Id, payload: FigureReviewIn):
    """Review an enterprise's figures for a month: filed → accepted (审核) or returned (退回, reason required) →
    reported (上报). Only the level above the filer's may, never the filer (403 with the reason); only accepted
    figures count in the warnings."""
    figure = scoped_get(request, MonthlyFigure.objects.select_related("enterprise", "reported_by"), pk=id)
    require_role(request.user, MonthlyFigure, "change")
    monthly_figure_review(figure=figure, action=payload.action, actor=request.user, reason=payload.reason)
    return Status(200, scoped_get(request, MonthlyFigure.objects.select_related("enterprise"), pk=id))


class WarningOut(_EnterpriseRef):
    id: int
    period: datetime.date
    rule: WarningRuleChoices
    level: WarningLevelChoices
    value: Decimal
    threshold: Decimal
    explanation: str


class WarningFilter(MonthFilter):
    level: WarningLevelChoices | None = None
    rule: WarningRuleChoices | None = None


def _warning_filter(request, queryset, data):
    queryset = _month_filter(request, queryset, data)
    for name in ("level", "rule"):
        if data.get(name):
            queryset = queryset.filter(**{name: str(getattr(data[name], "value", data[name]))})
    return queryset


register_crud(router, Crud(model=EnterpriseWarning, path="warnings", out=WarningOut, filters=WarningFilter,
                           filter=_warning_filter, select_related=("enterprise",)))


class TaskOut(UnitOut):
    id: int
    description: str
    owner_unit: str
    due_date: datetime.date
    status: str
    done_date: datetime.date | None


class VisitOut(_EnterpriseRef):
    id: int
    visit_date: datetime.date
    visitors: str
    topics: str
    notes: str
    tasks: list[TaskOut]

    @staticmethod
    def resolve_tasks(obj: Visit) -> list:
        return list(obj.tasks.all())


class TaskIn(Schema):
    description: str
    assigned_unit: Ref | None = None
    owner_unit: str = ""
    due_date: ApiDate


class VisitIn(Schema):
    enterprise: str
    visit_date: ApiDate
    visitors: str
    topics: str
    notes: str = ""
    tasks: list[TaskIn] = []


class EnterpriseFilter(Schema):
    enterprise: str | None = None


def _write_visit(request, visit: Visit, data: dict) -> Visit:
    if visit.pk is not None:
        raise ValidationError({"__all__": ["走访记录登记后不可通过接口修改"]})
    refs = Refs(request)
    visit.enterprise = refs.scoped("enterprise", enterprise_list(user=request.user), data.pop("enterprise"),
                                   lookup="uscc")
    tasks = data.pop("tasks", [])
    for task in tasks:
        resolve_unit_refs(refs, task)
    refs.check()
    tasks = [FollowUpTask(owner=request.user, **t) for t in tasks]
    for name, value in data.items():
        setattr(visit, name, value)
    return visit_create(visit=visit, actor=request.user, tasks=tasks)


register_crud(router, Crud(model=Visit, path="visits", out=VisitOut, filters=EnterpriseFilter,
                           filter=lambda r, q, d: _by_enterprise(q, d), payload=VisitIn, write=_write_visit,
                           select_related=("enterprise",), prefetch_related=("tasks",)))


class AppealOut(UnitPersonOut, _EnterpriseRef):
    id: int
    title: str
    description: str
    category: AppealCategoryChoices
    unit: str
    raised_date: datetime.date
    due_date: datetime.date | None
    status: AppealStatusChoices
    escalation_level: str
    escalated_date: datetime.date | None
    answered_date: datetime.date | None
    answer: str
    satisfaction: int | None


class AppealIn(Schema):
    """An appeal; leave ``assigned_unit``, ``unit`` and ``due_date`` out to route it by category (to the office in the
    enterprise's county, else its city) with the category's time limit."""

    enterprise: str
    title: str
    description: str
    category: AppealCategoryChoices
    raised_date: ApiDate | None = None
    assigned_unit: Ref | None = None
    assigned_person: Ref | None = None
    unit: str = ""
    due_date: ApiDate | None = None


class AppealFilter(EnterpriseFilter):
    status: AppealStatusChoices | None = None
    category: AppealCategoryChoices | None = None


def _appeal_filter(request, queryset, data):
    queryset = _by_enterprise(queryset, data)
    for name in ("status", "category"):
        if data.get(name):
            queryset = queryset.filter(**{name: str(getattr(data[name], "value", data[name]))})
    return queryset


def _write_appeal(request, appeal: Appeal, data: dict) -> Appeal:
    if appeal.pk is not None:
        raise ValidationError({"__all__": ["诉求登记后请通过 /transition 办理"]})
    refs = Refs(request)
    appeal.enterprise = refs.scoped("enterprise", enterprise_list(user=request.user), data.pop("enterprise"),
                                    lookup="uscc")
    resolve_unit_refs(refs, data)
    refs.check()
    for name, value in data.items():
        setattr(appeal, name, getattr(value, "value", value))
    return appeal_create(appeal=appeal, actor=request.user)


register_crud(router, Crud(model=Appeal, path="appeals", out=AppealOut, filters=AppealFilter, filter=_appeal_filter,
                           payload=AppealIn, write=_write_appeal, select_related=("enterprise",)))


class AppealTransitionIn(Schema):
    status: AppealStatusChoices
    answer: str = ""
    satisfaction: Annotated[int, Strict(), Field(ge=1, le=5)] | None = None


@router.post("/appeals/{id}/transition", response={200: AppealOut, **WRITE_ERRORS}, url_name="appeal_transition")
def appeal_move(request, id: Id, payload: AppealTransitionIn):
    """Move an appeal: raised → accepted → in progress → answered (with the answer) → closed (with a rating 1–5)."""
    appeal = scoped_get(request, Appeal.objects.all(), pk=id)
    require_role(request.user, Appeal, "change")
    appeal_transition(appeal=appeal, status=payload.status.value, actor=request.user, answer=payload.answer,
                      satisfaction=payload.satisfaction)
    return Status(200, scoped_get(request, Appeal.objects.select_related("enterprise"), pk=id))


class CandidateOut(Schema):
    id: int
    enterprise: str | None
    project: str | None
    name: str
    year: int
    unit_type: UnitTypeChoices
    state: CandidateStateChoices
    basis: str
    amount_wan: Decimal | None
    projected_wan: Decimal | None
    threshold_wan: Decimal | None
    explanation: str
    channel: str
    deadline: datetime.date | None
    documents: list[str]
    rejection_reason: str

    @staticmethod
    def resolve_enterprise(obj: InclusionCandidate) -> str | None:
        return obj.enterprise.uscc if obj.enterprise_id else None

    @staticmethod
    def resolve_project(obj: InclusionCandidate) -> str | None:
        return obj.project.code if obj.project_id else None

    @staticmethod
    def resolve_name(obj: InclusionCandidate) -> str:
        return str(obj.subject)


class CandidateFilter(EnterpriseFilter):
    state: CandidateStateChoices | None = None
    unit_type: UnitTypeChoices | None = None
    year: Annotated[int, Field(ge=1, le=9999)] | None = None


def _candidate_filter(request, queryset, data):
    queryset = _by_enterprise(queryset, data)
    for name in ("state", "unit_type", "year"):
        if data.get(name):
            queryset = queryset.filter(**{name: getattr(data[name], "value", data[name])})
    return queryset


register_crud(router, Crud(model=InclusionCandidate, path="candidates", out=CandidateOut, filters=CandidateFilter,
                           filter=_candidate_filter, select_related=("enterprise", "project")))


class CandidateTransitionIn(Schema):
    state: CandidateStateChoices
    reason: str = ""


@router.post("/candidates/{id}/transition", response={200: CandidateOut, **WRITE_ERRORS},
             url_name="candidate_transition")
def candidate_move(request, id: Id, payload: CandidateTransitionIn):
    """Move a candidate: 准规上 → 达标应入 → 已申报 (documents complete) → 已入统; 未通过 needs a ``reason``."""
    candidate = scoped_get(request, InclusionCandidate.objects.all(), pk=id)
    require_role(request.user, InclusionCandidate, "change")
    candidate_transition(candidate=candidate, state=payload.state.value, actor=request.user, reason=payload.reason)
    return Status(200, scoped_get(request, InclusionCandidate.objects.select_related("enterprise", "project"), pk=id))


class ColourGroupOut(Schema):
    name: str
    green: int
    blue: int
    orange: int
    red: int


class FourColourOut(Schema):
    period: datetime.date | None
    total: ColourGroupOut
    clusters: list[ColourGroupOut]
    parks: list[ColourGroupOut]


def _group(g) -> dict:
    return {"name": g.name or "—", **{c: g.counts[c] for c in selectors.COLOURS}}


@router.get("/four-colour", response=FourColourOut, url_name="four_colour")
def four_colour(request, period: OptionalMonth = None):
    """The four-colour view (绿蓝橙红) of the user's key enterprises for a month, by cluster and by park."""
    month = period or selectors.latest_period()
    if month is None:
        empty = {"name": "", "green": 0, "blue": 0, "orange": 0, "red": 0}
        return {"period": None, "total": empty, "clusters": [], "parks": []}
    groups = selectors.monitoring_by_group(user=request.user, period=month)
    return {"period": month, "total": _group(groups["total"]), "clusters": [_group(g) for g in groups["clusters"]],
            "parks": [_group(g) for g in groups["parks"]]}
