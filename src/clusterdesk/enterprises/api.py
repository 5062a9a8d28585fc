"""REST API for enterprises: identified by credit code, region by GB/T 2260 code, industry by GB/T 4754 code."""

import datetime
from decimal import Decimal

from ninja import Router, Schema

from clusterdesk.api.crud import Crud, Refs, assign, filterset_filter, register_crud
from clusterdesk.api.schemas import ApiDate, Count, Flag, Id, MoneyWan, Ref, RegionFilterCode
from clusterdesk.industry.selectors import chain_segment_list
from clusterdesk.parks.selectors import park_list

from . import services
from .filtersets import EnterpriseFilterSet
from .models import Enterprise

__all__ = ["EnterpriseFilter", "EnterpriseIn", "EnterpriseOut", "router"]

router = Router(tags=["enterprises"])


class EnterpriseOut(Schema):
    id: int
    uscc: str
    name: str
    region: str
    region_name: str
    park: int | None
    park_name: str | None
    industry: str | None
    industry_name: str | None
    chain_segments: list[int]
    above_scale: bool
    key_enterprise: bool
    chain_leader: bool
    secretary: str | None
    legal_representative: str
    established_date: datetime.date | None
    registered_capital_wan: Decimal | None
    annual_revenue_wan: Decimal | None
    employees: int | None
    address: str
    created: datetime.datetime
    last_updated: datetime.datetime

    @staticmethod
    def resolve_region(obj: Enterprise) -> str:
        return obj.region.code

    @staticmethod
    def resolve_region_name(obj: Enterprise) -> str:
        return str(obj.region)

    @staticmethod
    def resolve_park(obj: Enterprise) -> int | None:
        return obj.park_id

    @staticmethod
    def resolve_park_name(obj: Enterprise) -> str | None:
        return obj.park.name if obj.park_id else None

    @staticmethod
    def resolve_industry(obj: Enterprise) -> str | None:
        return obj.industry.code if obj.industry_id else None

    @staticmethod
    def resolve_industry_name(obj: Enterprise) -> str | None:
        return obj.industry.name if obj.industry_id else None

    @staticmethod
    def resolve_chain_segments(obj: Enterprise) -> list[int]:
        return [s.pk for s in obj.chain_segments.all()]

    @staticmethod
    def resolve_secretary(obj: Enterprise) -> str | None:
        return obj.secretary.display_name if obj.secretary_id else None


class EnterpriseIn(Schema):
    """An enterprise. ``uscc`` must pass the GB 32100 check; ``region`` is a GB/T 2260 code, ``industry`` a
    GB/T 4754 code (C3841 or 3841), ``park`` and ``chain_segments`` are ids."""

    uscc: str
    name: str
    region: str
    park: Ref | None = None
    industry: str | None = None
    chain_segments: list[Ref] = []
    above_scale: Flag = False
    key_enterprise: Flag = False
    chain_leader: Flag = False
    legal_representative: str = ""
    established_date: ApiDate | None = None
    registered_capital_wan: MoneyWan | None = None
    annual_revenue_wan: MoneyWan | None = None
    employees: Count | None = None
    address: str = ""


class EnterpriseFilter(Schema):
    q: str | None = None
    region: RegionFilterCode = None
    park: Id | None = None
    industry: str | None = None
    above_scale: bool | None = None
    key_enterprise: bool | None = None
    chain_leader: bool | None = None


def _write_enterprise(request, enterprise: Enterprise, data: dict) -> Enterprise:
    refs = Refs(request)
    if "region" in data:
        data["region"] = refs.region("region", data["region"])
    if "park" in data:
        data["park"] = refs.scoped("park", park_list(user=request.user), data["park"])
    if "industry" in data:
        data["industry"] = refs.industry("industry", data["industry"])
    segments = refs.scoped_many("chain_segments", chain_segment_list(user=request.user), data.pop("chain_segments")) \
        if "chain_segments" in data else None
    refs.check()
    assign(enterprise, data)
    if enterprise.pk is None:
        return services.enterprise_create(enterprise=enterprise, actor=request.user, chain_segments=segments)
    return services.enterprise_update(enterprise=enterprise, actor=request.user, chain_segments=segments)


register_crud(router, Crud(
    model=Enterprise, path="enterprises", out=EnterpriseOut, payload=EnterpriseIn, filters=EnterpriseFilter,
    filter=filterset_filter(EnterpriseFilterSet), write=_write_enterprise,
    delete=lambda obj, actor: services.enterprise_delete(enterprise=obj, actor=actor),
    select_related=("region", "park", "industry", "secretary"), prefetch_related=("chain_segments",),
))
