"""Writes for clusters, chains, chain segments and supply edges."""

from django.core.exceptions import ValidationError

from clusterdesk.common.services import object_create, object_delete, object_update

from .models import Chain, ChainSegment, Cluster, SupplyEdge

__all__ = [
    "chain_create",
    "chain_delete",
    "chain_update",
    "cluster_create",
    "cluster_delete",
    "cluster_update",
    "segment_create",
    "segment_delete",
    "segment_update",
    "supply_edge_create",
    "supply_edge_delete",
    "supply_edge_update",
]


def cluster_create(*, cluster: Cluster, actor, leading_industries: list | None = None) -> Cluster:
    """Create a cluster in a region the actor may change."""
    return object_create(instance=cluster, actor=actor, m2m={"leading_industries": leading_industries or []})


def cluster_update(*, cluster: Cluster, actor, leading_industries: list | None = None) -> Cluster:
    """Update a cluster; leading industries are replaced when given."""
    m2m = {"leading_industries": leading_industries} if leading_industries is not None else None
    return object_update(instance=cluster, actor=actor, m2m=m2m)


def cluster_delete(*, cluster: Cluster, actor) -> None:
    """Delete a cluster and its chains."""
    object_delete(instance=cluster, actor=actor)


def chain_create(*, chain: Chain, actor) -> Chain:
    """Add a chain to a cluster."""
    return object_create(instance=chain, actor=actor, parent_field="cluster")


def chain_update(*, chain: Chain, actor) -> Chain:
    """Update a chain."""
    return object_update(instance=chain, actor=actor, parent_field="cluster")


def chain_delete(*, chain: Chain, actor) -> None:
    """Delete a chain with its segments and supply edges."""
    object_delete(instance=chain, actor=actor, parent_field="cluster")


def _clean_keywords(segment: ChainSegment) -> None:
    segment.keywords = sorted({str(k).strip() for k in segment.keywords or [] if str(k).strip()})


def segment_create(*, segment: ChainSegment, actor, industry_codes: list | None = None) -> ChainSegment:
    """Add a segment to a chain, with the industry codes and keywords that identify it."""
    _clean_keywords(segment)
    return object_create(instance=segment, actor=actor, m2m={"industry_codes": industry_codes or []},
                         parent_field="chain")


def segment_update(*, segment: ChainSegment, actor, industry_codes: list | None = None) -> ChainSegment:
    """Update a segment."""
    _clean_keywords(segment)
    m2m = {"industry_codes": industry_codes} if industry_codes is not None else None
    return object_update(instance=segment, actor=actor, m2m=m2m, parent_field="chain")


def segment_delete(*, segment: ChainSegment, actor) -> None:
    """Remove a segment with its supply edges."""
    object_delete(instance=segment, actor=actor, parent_field="chain")


def _check_same_chain(edge: SupplyEdge) -> None:
    if edge.source.chain_id != edge.target.chain_id:
        raise ValidationError({"target": "上下游环节必须属于同一条产业链"})


def supply_edge_create(*, edge: SupplyEdge, actor) -> SupplyEdge:
    """Record that one segment supplies another; both must belong to the same chain."""
    _check_same_chain(edge)
    return object_create(instance=edge, actor=actor, parent_field="source")


def supply_edge_update(*, edge: SupplyEdge, actor) -> SupplyEdge:
    """Change a supply relation; both segments must still belong to the same chain."""
    _check_same_chain(edge)
    return object_update(instance=edge, actor=actor, parent_field="source")


def supply_edge_delete(*, edge: SupplyEdge, actor) -> None:
    """Remove a supply relation."""
    object_delete(instance=edge, actor=actor, parent_field="source")
