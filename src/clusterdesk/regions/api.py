"""REST API for administrative divisions (GB/T 2260): read-only reference data, looked up by code."""

from ninja import Query, Router, Schema

from clusterdesk.api.crud import paginated, scoped_get, search
from clusterdesk.api.schemas import ErrorOut

from .models import Region

__all__ = ["RegionFilter", "RegionOut", "router"]

router = Router(tags=["regions"])


class RegionOut(Schema):
    code: str
    name: str
    full_name: str
    level: Region.Level
    parent: str | None
    longitude: float | None
    latitude: float | None

    @staticmethod
    def resolve_parent(obj: Region) -> str | None:
        return obj.parent.code if obj.parent_id else None


class RegionFilter(Schema):
    q: str | None = None
    level: Region.Level | None = None
    parent: str | None = None


@router.get("/regions/", response=list[RegionOut], url_name="region_list")
@paginated
def region_list(request, filters: Query[RegionFilter]):
    """Regions by code; ``parent`` (a code) gives its direct children, ``q`` searches names and codes."""
    queryset = Region.objects.restrict(request.user, "view").select_related("parent")
    if filters.level:
        queryset = queryset.filter(level=filters.level)
    if filters.parent:
        queryset = queryset.filter(parent__code=filters.parent)
    return search(queryset, filters.q, ("name", "full_name", "code"))


@router.get("/regions/{code}", response={200: RegionOut, 404: ErrorOut}, url_name="region_detail")
def region_detail(request, code: str):
    return scoped_get(request, Region.objects.select_related("parent"), code=code)
