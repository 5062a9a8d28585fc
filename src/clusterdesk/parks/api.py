"""REST API for industrial parks: region by GB/T 2260 code, positioning by GB/T 4754 codes, land in 亩."""

import datetime
from decimal import Decimal

from ninja import Router, Schema

from clusterdesk.api.crud import Crud, Refs, assign, filterset_filter, register_crud
from clusterdesk.api.schemas import ApiDate, AreaMu, Real, RegionFilterCode

from . import services
from .choices import FeaturedStatusChoices, ParkIndustryRoleChoices, ParkLevelChoices, ParkTypeChoices
from .filtersets import ParkFilterSet
from .models import Park

__all__ = ["ParkFilter", "ParkIn", "ParkOut", "router"]

router = Router(tags=["parks"])


class ParkOut(Schema):
    id: int
    name: str
    short_name: str
    level: ParkLevelChoices
    park_type: ParkTypeChoices
    region: str
    region_name: str
    planned_area_mu: Decimal | None
    built_area_mu: Decimal | None
    available_land_mu: Decimal | None
    longitude: float | None
    latitude: float | None
    leading_industries: list[str]
    featured_industries: list[str]
    featured_status: FeaturedStatusChoices
    established_date: datetime.date | None
    management_body: str
    created: datetime.datetime
    last_updated: datetime.datetime

    @staticmethod
    def resolve_region(obj: Park) -> str:
        return obj.region.code

    @staticmethod
    def resolve_region_name(obj: Park) -> str:
        return str(obj.region)

    @staticmethod
    def resolve_leading_industries(obj: Park) -> list[str]:
        return [i.code for i in obj.industries_by_role(ParkIndustryRoleChoices.LEADING)]

    @staticmethod
    def resolve_featured_industries(obj: Park) -> list[str]:
        return [i.code for i in obj.industries_by_role(ParkIndustryRoleChoices.FEATURED)]


class ParkIn(Schema):
    """A park; ``leading_industries`` and ``featured_industries`` are GB/T 4754 codes (3 + 2 for national parks,
    2 + 2 otherwise)."""

    name: str
    short_name: str = ""
    level: ParkLevelChoices
    park_type: ParkTypeChoices
    region: str
    planned_area_mu: AreaMu | None = None
    built_area_mu: AreaMu | None = None
    available_land_mu: AreaMu | None = None
    longitude: Real | None = None
    latitude: Real | None = None
    leading_industries: list[str] = []
    featured_industries: list[str] = []
    featured_status: FeaturedStatusChoices = FeaturedStatusChoices.NONE
    established_date: ApiDate | None = None
    management_body: str = ""


class ParkFilter(Schema):
    q: str | None = None
    region: RegionFilterCode = None
    level: ParkLevelChoices | None = None
    park_type: ParkTypeChoices | None = None
    featured_status: FeaturedStatusChoices | None = None


def _write_park(request, park: Park, data: dict) -> Park:
    refs = Refs(request)
    if "region" in data:
        data["region"] = refs.region("region", data["region"])
    positioning = {
        key: refs.industries(f"{key}_industries", data.pop(f"{key}_industries"))
        for key in ("leading", "featured") if f"{key}_industries" in data
    }
    refs.check()
    assign(park, data)
    if park.pk is None:
        return services.park_create(park=park, actor=request.user, **positioning)
    return services.park_update(park=park, actor=request.user, **positioning)


register_crud(router, Crud(
    model=Park, path="parks", out=ParkOut, payload=ParkIn, filters=ParkFilter,
    filter=filterset_filter(ParkFilterSet), write=_write_park,
    delete=lambda obj, actor: services.park_delete(park=obj, actor=actor),
    select_related=("region",), prefetch_related=("park_industries__industry",),
))
