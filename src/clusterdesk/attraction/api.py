"""REST API for investment leads: the leads (region by GB/T 2260 code, industry by GB/T 4754 code, money in 万元,
land in 亩), their follow-ups, stage moves along the lead workflow, and the conversion of a signed lead into a
project."""

import datetime
from decimal import Decimal

from ninja import Router, Schema, Status

from clusterdesk.api.crud import (
    WRITE_ERRORS,
    Crud,
    Refs,
    assign,
    filterset_filter,
    paginated,
    register_crud,
    require_role,
    scoped_get,
)
from clusterdesk.api.schemas import ApiDate, AreaMu, Id, MoneyWan, RegionFilterCode
from clusterdesk.api.units import UnitPersonOut, resolve_unit_refs
from clusterdesk.industry.selectors import chain_segment_list, cluster_list
from clusterdesk.parks.selectors import park_list

from . import services
from .choices import FollowUpKindChoices, LeadStageChoices, TransferTypeChoices
from .filtersets import LeadFilterSet
from .models import Lead, LeadFollowUp

__all__ = ["FollowUpIn", "FollowUpOut", "LeadFilter", "LeadIn", "LeadOut", "TransitionIn", "router"]

router = Router(tags=["attraction"])
RELATED = ("region", "park", "cluster", "chain_segment", "industry", "assigned_unit", "project")


class LeadOut(UnitPersonOut):
    id: int
    name: str
    company: str
    region: str
    region_name: str
    park: int | None
    cluster: int | None
    chain_segment: int | None
    transfer_type: str
    stage: LeadStageChoices
    planned_investment_wan: Decimal | None
    land_area_mu: Decimal | None
    industry: str | None
    source: str
    owner_unit: str
    contact_person: str
    next_step: str
    next_step_date: datetime.date | None
    expected_sign_date: datetime.date | None
    signed_date: datetime.date | None
    termination_reason: str
    project: int | None
    notes: str
    created: datetime.datetime
    last_updated: datetime.datetime

    @staticmethod
    def resolve_region(obj: Lead) -> str:
        return obj.region.code

    @staticmethod
    def resolve_region_name(obj: Lead) -> str:
        return str(obj.region)

    @staticmethod
    def resolve_park(obj: Lead) -> int | None:
        return obj.park_id

    @staticmethod
    def resolve_cluster(obj: Lead) -> int | None:
        return obj.cluster_id

    @staticmethod
    def resolve_chain_segment(obj: Lead) -> int | None:
        return obj.chain_segment_id

    @staticmethod
    def resolve_industry(obj: Lead) -> str | None:
        return obj.industry.code if obj.industry_id else None

    @staticmethod
    def resolve_project(obj: Lead) -> int | None:
        return obj.project_id


class LeadIn(Schema):
    """A lead. Its stage moves through ``transition``; it becomes a project through ``convert``."""

    name: str
    company: str = ""
    region: str
    park: Id | None = None
    cluster: Id | None = None
    chain_segment: Id | None = None
    transfer_type: TransferTypeChoices | None = None
    planned_investment_wan: MoneyWan | None = None
    land_area_mu: AreaMu | None = None
    industry: str | None = None
    source: str = ""
    assigned_unit: Id | None = None
    assigned_person: Id | None = None
    owner_unit: str = ""
    contact_person: str = ""
    next_step: str = ""
    next_step_date: ApiDate | None = None
    expected_sign_date: ApiDate | None = None
    notes: str = ""


class LeadFilter(Schema):
    q: str | None = None
    region: RegionFilterCode = None
    stage: LeadStageChoices | None = None
    transfer_type: TransferTypeChoices | None = None


def _write_lead(request, lead: Lead, data: dict) -> Lead:
    refs = Refs(request)
    if "region" in data:
        data["region"] = refs.region("region", data["region"])
    if "industry" in data:
        data["industry"] = refs.industry("industry", data["industry"])
    if "transfer_type" in data:
        data["transfer_type"] = data["transfer_type"] or ""
    for name, visible in (("park", park_list), ("cluster", cluster_list), ("chain_segment", chain_segment_list)):
        if name in data:
            data[name] = refs.scoped(name, visible(user=request.user), data[name])
    resolve_unit_refs(refs, data)
    refs.check()
    assign(lead, data)
    if lead.pk is None:
        return services.lead_create(lead=lead, actor=request.user)
    return services.lead_update(lead=lead, actor=request.user)


register_crud(router, Crud(
    model=Lead, path="leads", out=LeadOut, payload=LeadIn, filters=LeadFilter,
    filter=filterset_filter(LeadFilterSet), write=_write_lead,
    delete=lambda obj, actor: services.lead_delete(lead=obj, actor=actor),
    select_related=RELATED,
))


class TransitionIn(Schema):
    """The stage to move to: signing takes its date (default: the day), terminating a reason."""

    stage: LeadStageChoices
    on: ApiDate | None = None
    signed_date: ApiDate | None = None
    reason: str = ""


def _lead(request, id: int) -> Lead:
    return scoped_get(request, Lead.objects.select_related(*RELATED), pk=id)


@router.post("/leads/{id}/transition", response={200: LeadOut, **WRITE_ERRORS}, url_name="lead_transition")
def lead_transition(request, id: Id, payload: TransitionIn):
    """Move a lead along 线索 → 初步接洽 → 考察洽谈 → 意向谈判 → 签约 → 落地, or terminate it (终止) with a reason."""
    lead = _lead(request, id)
    require_role(request.user, Lead, "change")
    services.lead_transition(lead=lead, stage=payload.stage.value, actor=request.user, on=payload.on,
                             reason=payload.reason, signed_date=payload.signed_date)
    return Status(200, _lead(request, id))


class ConvertIn(Schema):
    """The new project's code (default: the national form with a serial from the lead's id) and planned start."""

    code: str = ""
    planned_start_date: ApiDate | None = None


class ConvertOut(Schema):
    lead: int
    project: int


@router.post("/leads/{id}/convert", response={201: ConvertOut, **WRITE_ERRORS}, url_name="lead_convert")
def lead_convert(request, id: Id, payload: ConvertIn):
    """Turn a signed or landed lead into a project (name, investor, investment, land, industry, park, region carried
    over); a refusal (422) names every missing item."""
    lead = _lead(request, id)
    require_role(request.user, Lead, "change")
    project = services.lead_convert_to_project(lead=lead, actor=request.user, code=payload.code,
                                               planned_start_date=payload.planned_start_date)
    return Status(201, {"lead": lead.pk, "project": project.pk})


class FollowUpOut(Schema):
    id: int
    lead: int
    date: datetime.date
    kind: FollowUpKindChoices
    summary: str
    by_name: str
    next_step: str
    next_step_date: datetime.date | None

    @staticmethod
    def resolve_lead(obj: LeadFollowUp) -> int:
        return obj.lead_id


class FollowUpIn(Schema):
    """A follow-up; its next step, when given, becomes the lead's next step (an inbox task of its unit)."""

    date: ApiDate
    kind: FollowUpKindChoices = FollowUpKindChoices.CONTACT
    summary: str
    next_step: str = ""
    next_step_date: ApiDate | None = None


@router.get("/leads/{id}/follow-ups", response={200: list[FollowUpOut]}, url_name="lead_follow_ups")
@paginated
def lead_follow_ups(request, id: Id):
    """The follow-ups of a lead, newest first."""
    return _lead(request, id).follow_ups.all()


@router.post("/leads/{id}/follow-ups", response={201: FollowUpOut, **WRITE_ERRORS}, url_name="lead_follow_up_add")
def lead_follow_up_add(request, id: Id, payload: FollowUpIn):
    """Log a follow-up of a lead."""
    lead = _lead(request, id)
    require_role(request.user, LeadFollowUp, "add")
    follow_up = LeadFollowUp(lead=lead)
    assign(follow_up, payload.model_dump())
    return Status(201, services.lead_follow_up_add(follow_up=follow_up, actor=request.user))
