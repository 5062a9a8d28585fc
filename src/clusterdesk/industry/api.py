"""REST API for industry codes (read-only, by code), clusters, chains, chain segments and supply edges."""

import datetime
from decimal import Decimal

from ninja import Query, Router, Schema

from clusterdesk.api.crud import (
    Crud,
    Refs,
    assign,
    filterset_filter,
    paginated,
    register_crud,
    scoped_get,
    search,
)
from clusterdesk.api.schemas import Count, ErrorOut, Id, MoneyWan, Ref, RegionFilterCode, SmallCount
from clusterdesk.core.codes.industry import normalize_industry_code
from clusterdesk.core.exceptions import CoreError

from . import services
from .choices import ClusterLevelChoices, IndustryLevelChoices, SegmentPositionChoices
from .filtersets import ChainFilterSet, ClusterFilterSet, IndustryCodeFilterSet
from .models import Chain, ChainSegment, Cluster, IndustryCode, SupplyEdge

__all__ = [
    "ChainFilter",
    "ChainIn",
    "ChainOut",
    "ChainSegmentFilter",
    "ChainSegmentIn",
    "ChainSegmentOut",
    "ClusterFilter",
    "ClusterIn",
    "ClusterOut",
    "IndustryCodeFilter",
    "IndustryCodeOut",
    "SupplyEdgeFilter",
    "SupplyEdgeIn",
    "SupplyEdgeOut",
    "router",
]

router = Router(tags=["industry"])


# Industry codes (GB/T 4754-2017) ------------------------------------------------------------------------------

class IndustryCodeOut(Schema):
    code: str
    numeric_code: str
    name: str
    level: IndustryLevelChoices
    parent: str | None

    @staticmethod
    def resolve_parent(obj: IndustryCode) -> str | None:
        return obj.parent.code if obj.parent_id else None


class IndustryCodeFilter(Schema):
    q: str | None = None
    level: IndustryLevelChoices | None = None
    parent: str | None = None


_industry_code_filterset = filterset_filter(IndustryCodeFilterSet, region_path=None)


@router.get("/industry-codes/", response=list[IndustryCodeOut], url_name="industrycode_list")
@paginated
def industry_code_list(request, filters: Query[IndustryCodeFilter]):
    """Industry codes; ``parent`` (e.g. C38) gives the codes directly below it."""
    data = filters.dict(exclude_none=True)
    parent = data.pop("parent", None)
    queryset = IndustryCode.objects.restrict(request.user, "view").select_related("parent")
    if parent:
        queryset = queryset.filter(parent__code=parent.strip().upper())
    return _industry_code_filterset(request, queryset, data)


@router.get("/industry-codes/{code}", response={200: IndustryCodeOut, 404: ErrorOut}, url_name="industrycode_detail")
def industry_code_detail(request, code: str):
    """One code; ``3841`` and ``c3841`` read as ``C3841``."""
    try:
        code = normalize_industry_code(code)
    except CoreError:
        pass
    return scoped_get(request, IndustryCode.objects.select_related("parent"), code=code)


# Clusters ------------------------------------------------------------------------------------------------------

class ClusterOut(Schema):
    id: int
    name: str
    region: str
    region_name: str
    level: ClusterLevelChoices
    leading_industries: list[str]
    description: str
    baseline_year: int | None
    baseline_output_wan: Decimal | None
    target_year: int | None
    target_output_wan: Decimal | None
    target_above_scale_count: int | None
    created: datetime.datetime
    last_updated: datetime.datetime

    @staticmethod
    def resolve_region(obj: Cluster) -> str:
        return obj.region.code

    @staticmethod
    def resolve_region_name(obj: Cluster) -> str:
        return str(obj.region)

    @staticmethod
    def resolve_leading_industries(obj: Cluster) -> list[str]:
        return [i.code for i in obj.leading_industries.all()]


class ClusterIn(Schema):
    name: str
    region: str
    level: ClusterLevelChoices
    leading_industries: list[str] = []
    description: str = ""
    baseline_year: SmallCount | None = None
    baseline_output_wan: MoneyWan | None = None
    target_year: SmallCount | None = None
    target_output_wan: MoneyWan | None = None
    target_above_scale_count: Count | None = None


class ClusterFilter(Schema):
    q: str | None = None
    region: RegionFilterCode = None
    level: ClusterLevelChoices | None = None


def _write_cluster(request, cluster: Cluster, data: dict) -> Cluster:
    refs = Refs(request)
    if "region" in data:
        data["region"] = refs.region("region", data["region"])
    leading = refs.industries("leading_industries", data.pop("leading_industries")) \
        if "leading_industries" in data else None
    refs.check()
    assign(cluster, data)
    if cluster.pk is None:
        return services.cluster_create(cluster=cluster, actor=request.user, leading_industries=leading)
    return services.cluster_update(cluster=cluster, actor=request.user, leading_industries=leading)


register_crud(router, Crud(
    model=Cluster, path="clusters", out=ClusterOut, payload=ClusterIn, filters=ClusterFilter,
    filter=filterset_filter(ClusterFilterSet), write=_write_cluster,
    delete=lambda obj, actor: services.cluster_delete(cluster=obj, actor=actor),
    select_related=("region",), prefetch_related=("leading_industries",),
))


# Chains --------------------------------------------------------------------------------------------------------

class ChainOut(Schema):
    id: int
    name: str
    cluster: int
    cluster_name: str
    description: str

    @staticmethod
    def resolve_cluster(obj: Chain) -> int:
        return obj.cluster_id

    @staticmethod
    def resolve_cluster_name(obj: Chain) -> str:
        return obj.cluster.name


class ChainIn(Schema):
    name: str
    cluster: Ref
    description: str = ""


class ChainFilter(Schema):
    q: str | None = None
    cluster: Id | None = None


def _write_chain(request, chain: Chain, data: dict) -> Chain:
    refs = Refs(request)
    if "cluster" in data:
        data["cluster"] = refs.scoped("cluster", Cluster, data["cluster"])
    refs.check()
    assign(chain, data)
    if chain.pk is None:
        return services.chain_create(chain=chain, actor=request.user)
    return services.chain_update(chain=chain, actor=request.user)


register_crud(router, Crud(
    model=Chain, path="chains", out=ChainOut, payload=ChainIn, filters=ChainFilter,
    filter=filterset_filter(ChainFilterSet, region_path=None), write=_write_chain,
    delete=lambda obj, actor: services.chain_delete(chain=obj, actor=actor),
    select_related=("cluster",),
))


# Chain segments ------------------------------------------------------------------------------------------------

class ChainSegmentOut(Schema):
    id: int
    chain: int
    chain_name: str
    name: str
    position: SegmentPositionChoices
    order: int
    industry_codes: list[str]
    keywords: list[str]

    @staticmethod
    def resolve_chain(obj: ChainSegment) -> int:
        return obj.chain_id

    @staticmethod
    def resolve_chain_name(obj: ChainSegment) -> str:
        return obj.chain.name

    @staticmethod
    def resolve_industry_codes(obj: ChainSegment) -> list[str]:
        return [i.code for i in obj.industry_codes.all()]


class ChainSegmentIn(Schema):
    chain: Ref
    name: str
    position: SegmentPositionChoices
    order: SmallCount = 0
    industry_codes: list[str] = []
    keywords: list[str] = []


class ChainSegmentFilter(Schema):
    q: str | None = None
    chain: Id | None = None
    position: SegmentPositionChoices | None = None


def _filter_segments(request, queryset, data: dict):
    if data.get("chain"):
        queryset = queryset.filter(chain_id=data["chain"])
    if data.get("position"):
        queryset = queryset.filter(position=data["position"])
    return search(queryset, data.get("q"), ("name", "chain__name"))


def _write_segment(request, segment: ChainSegment, data: dict) -> ChainSegment:
    refs = Refs(request)
    if "chain" in data:
        data["chain"] = refs.scoped("chain", Chain, data["chain"])
    codes = refs.industries("industry_codes", data.pop("industry_codes")) if "industry_codes" in data else None
    refs.check()
    assign(segment, data)
    if segment.pk is None:
        return services.segment_create(segment=segment, actor=request.user, industry_codes=codes)
    return services.segment_update(segment=segment, actor=request.user, industry_codes=codes)


register_crud(router, Crud(
    model=ChainSegment, path="chain-segments", out=ChainSegmentOut, payload=ChainSegmentIn,
    filters=ChainSegmentFilter, filter=_filter_segments, write=_write_segment,
    delete=lambda obj, actor: services.segment_delete(segment=obj, actor=actor),
    select_related=("chain",), prefetch_related=("industry_codes",), name="chainsegment",
))


# Supply edges --------------------------------------------------------------------------------------------------

class SupplyEdgeOut(Schema):
    id: int
    source: int
    source_name: str
    target: int
    target_name: str
    description: str

    @staticmethod
    def resolve_source(obj: SupplyEdge) -> int:
        return obj.source_id

    @staticmethod
    def resolve_source_name(obj: SupplyEdge) -> str:
        return obj.source.name

    @staticmethod
    def resolve_target(obj: SupplyEdge) -> int:
        return obj.target_id

    @staticmethod
    def resolve_target_name(obj: SupplyEdge) -> str:
        return obj.target.name


class SupplyEdgeIn(Schema):
    source: Ref
    target: Ref
    description: str = ""


class SupplyEdgeFilter(Schema):
    chain: Id | None = None
    source: Id | None = None
    target: Id | None = None


def _filter_edges(request, queryset, data: dict):
    if data.get("chain"):
        queryset = queryset.filter(source__chain_id=data["chain"])
    if data.get("source"):
        queryset = queryset.filter(source_id=data["source"])
    if data.get("target"):
        queryset = queryset.filter(target_id=data["target"])
    return queryset.order_by("source__chain", "source__order", "target__order", "pk")


def _write_edge(request, edge: SupplyEdge, data: dict) -> SupplyEdge:
    refs = Refs(request)
    for end in ("source", "target"):
        if end in data:
            data[end] = refs.scoped(end, ChainSegment, data[end])
    refs.check()
    assign(edge, data)
    if edge.pk is None:
        return services.supply_edge_create(edge=edge, actor=request.user)
    return services.supply_edge_update(edge=edge, actor=request.user)


register_crud(router, Crud(
    model=SupplyEdge, path="supply-edges", out=SupplyEdgeOut, payload=SupplyEdgeIn, filters=SupplyEdgeFilter,
    filter=_filter_edges, write=_write_edge,
    delete=lambda obj, actor: services.supply_edge_delete(edge=obj, actor=actor),
    select_related=("source", "target"), name="supplyedge",
))
