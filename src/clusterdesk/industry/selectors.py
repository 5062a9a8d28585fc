"""Reads for chain maps, gap analysis, the local supporting rate and cluster metrics, always within the user's scope.

Counts and sums go through `restrict`, so a user sees the strength of a segment only over the enterprises they
may see; candidates for 补链/延链 are enterprises outside the analysed region that the user may see (a
province officer analysing a city gets the rest of the province).
"""

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Max, Q, QuerySet

from clusterdesk.core.chains import (
    Candidate,
    ChainGaps,
    GapThresholds,
    Purchase,
    SegmentStrength,
    SupportingRate,
    attraction_targets,
    chain_gaps,
    rank_candidates,
    supporting_rates,
)
from clusterdesk.enterprises.models import Enterprise, EnterpriseYearFigure
from clusterdesk.regions.models import Region

from .models import Chain, ChainSegment, Cluster, IndustryCode, PurchaseRecord, SegmentMapping

__all__ = [
    "ChainReport",
    "chain_report",
    "chain_segment_list",
    "cluster_dashboard",
    "cluster_list",
    "gap_thresholds",
    "industry_code_by_code",
    "industry_code_list",
    "industry_code_names",
    "mappings_for_review",
    "segment_strengths",
    "supporting_rate_report",
]


def industry_code_list(*, levels: Collection[str] | None = None, exclude_levels: Collection[str] = ()
                       ) -> QuerySet[IndustryCode]:
    """GB/T 4754 industry codes (reference data every user reads), of the given levels or all but some."""
    codes = IndustryCode.objects.all()
    if levels is not None:
        codes = codes.filter(level__in=list(levels))
    if exclude_levels:
        codes = codes.exclude(level__in=list(exclude_levels))
    return codes


def industry_code_by_code(code: str) -> IndustryCode | None:
    """The industry code row of a normalized code (``C3841``), or ``None``."""
    return IndustryCode.objects.filter(code=code).first()


def cluster_list(*, user, action: str = "view") -> QuerySet[Cluster]:
    """Clusters on which ``user`` may perform ``action``."""
    return Cluster.objects.restrict(user, action)


def chain_segment_list(*, user, action: str = "view") -> QuerySet[ChainSegment]:
    """Chain segments on which ``user`` may perform ``action``."""
    return ChainSegment.objects.restrict(user, action)


def gap_thresholds(**overrides) -> GapThresholds:
    """The configured thresholds (``CLUSTERDESK["GAP_THRESHOLDS"]``) with per-request overrides."""
    configured = dict(getattr(settings, "CLUSTERDESK", {}).get("GAP_THRESHOLDS", {}))
    configured.update({k: v for k, v in overrides.items() if v is not None})
    return GapThresholds(**configured)


def _in_region(prefix: str, field: str = "enterprise__region__code") -> Q:
    return Q(**{f"{field}__startswith": prefix})


def _latest_year(user) -> int | None:
    return EnterpriseYearFigure.objects.restrict(user, "view").aggregate(y=Max("year"))["y"]


def segment_strengths(chain: Chain, user, region: Region) -> dict[int, SegmentStrength]:
    """Per segment: enterprises in the region placed in it, their output, above-size firms, chain leaders.

    An enterprise is placed in a segment by a mapping that is not rejected (rule suggestions count until a
    user rejects them) or by a link set on its own page.
    """
    mappings = (SegmentMapping.objects.restrict(user, "view").filter(segment__chain=chain)
                .filter(_in_region(region.code_prefix)))
    rejected = set(mappings.filter(status=SegmentMapping.Status.REJECTED).values_list("segment_id", "enterprise_id"))
    pairs = set(mappings.exclude(status=SegmentMapping.Status.REJECTED).values_list("segment_id", "enterprise_id"))
    linked = (Enterprise.objects.restrict(user, "view").filter(region__code__startswith=region.code_prefix,
                                                               chain_segments__chain=chain)
              .values_list("chain_segments", "pk"))
    pairs |= set(linked) - rejected
    facts = dict((pk, (above, leader)) for pk, above, leader in Enterprise.objects.filter(
        pk__in={e for _, e in pairs}).values_list("pk", "above_scale", "chain_leader"))
    output = _output_by_enterprise(user, {e for _, e in pairs})
    acc: dict[int, list] = defaultdict(lambda: [0, 0.0, 0, 0])
    for segment_id, enterprise_id in pairs:
        above, leader = facts.get(enterprise_id, (False, False))
        a = acc[segment_id]
        a[0] += 1
        a[1] += output.get(enterprise_id, 0.0)
        a[2] += bool(above)
        a[3] += bool(leader)
    return {sid: SegmentStrength(str(sid), *values) for sid, values in acc.items()}


def _output_by_enterprise(user, ids: set[int]) -> dict[int, float]:
    year = _latest_year(user)
    if year is None or not ids:
        return {}
    figures = EnterpriseYearFigure.objects.restrict(user, "view").filter(year=year, enterprise_id__in=ids)
    return {e: float(o or r or 0) for e, o, r in figures.values_list("enterprise_id", "output_wan", "revenue_wan")}


@dataclass
class ChainReport:
    """Everything the chain page shows for one region."""

    region: Region
    segments: list[ChainSegment]
    gaps: ChainGaps
    candidates: dict[int, list[Candidate]]
    edges: list[tuple[int, int]]
    year: int | None


def chain_report(chain: Chain, user, region: Region | None = None, thresholds: GapThresholds | None = None,
                 candidates_per_target: int = 5) -> ChainReport:
    """Strength, gaps and ranked candidates of a chain in a region (default: the cluster's region)."""
    region = region or chain.cluster.region
    segments = list(chain.segments.prefetch_related("industry_codes"))
    edges = list(chain.segments.model.objects.filter(chain=chain, supplies__isnull=False)
                 .values_list("pk", "supplies__target_id"))
    strengths = segment_strengths(chain, user, region)
    # segment names are unique in a chain and read well in the reasons (优势环节「电芯」的上游)
    name = {s.pk: s.name for s in segments}
    gaps = chain_gaps([s.name for s in segments], [(name[a], name[b]) for a, b in edges],
                      {name[k]: v for k, v in strengths.items()}, thresholds or gap_thresholds())
    verdicts = gaps.by_segment()
    for s in segments:
        s.gap = verdicts[s.name]
    pk = {s.name: s.pk for s in segments}
    targets = {pk[k] for k, _ in gaps.fill_targets} | {pk[k] for k, _ in gaps.extend_targets}
    return ChainReport(region, segments, gaps, _candidates(user, region, targets, candidates_per_target), edges,
                       _latest_year(user))


def _candidates(user, region: Region, segment_ids: set[int], limit: int) -> dict[int, list[Candidate]]:
    if not segment_ids:
        return {}
    mappings = (SegmentMapping.objects.restrict(user, "view").filter(segment_id__in=segment_ids)
                .exclude(status=SegmentMapping.Status.REJECTED).exclude(_in_region(region.code_prefix)))
    rows = list(mappings.values_list("segment_id", "enterprise_id", "score", "enterprise__name",
                                     "enterprise__region__full_name"))
    output = _output_by_enterprise(user, {r[1] for r in rows})
    by_segment: dict[int, list[Candidate]] = defaultdict(list)
    for segment_id, enterprise_id, score, name, region_name in rows:
        by_segment[segment_id].append(Candidate(enterprise_id, str(segment_id), output.get(enterprise_id, 0.0),
                                                float(score), region_name or "", name))
    return {sid: rank_candidates(items, limit=limit) for sid, items in by_segment.items()}


def supporting_rate_report(chain: Chain, user, region: Region | None = None, level: str = "city"
                           ) -> dict[str, object]:
    """Local supporting rate of the chain leaders in the region: by segment and year, overall, and targets."""
    region = region or chain.cluster.region
    records = (PurchaseRecord.objects.restrict(user, "view")
               .filter(Q(segment__chain=chain) | Q(segment__isnull=True, buyer__chain_segments__chain=chain))
               .filter(buyer__region__code__startswith=region.code_prefix).distinct())
    purchases = [
        Purchase(buyer, supplier or None, float(amount), str(year), name)
        for buyer, supplier, amount, year, name in records.values_list(
            "buyer__region__code", "supplier_region__code", "amount_wan", "year", "segment__name")
    ]
    by_year = supporting_rates(purchases, level=level, by_segment=False)
    by_segment = supporting_rates(purchases, level=level, by_period=False)
    return {
        "by_year": by_year,
        "by_segment": by_segment,
        "by_segment_year": supporting_rates(purchases, level=level),
        "targets": attraction_targets(by_segment),
        "overall": supporting_rates(purchases, level=level, by_segment=False, by_period=False),
        "count": len(purchases),
        "level": level,
    }


def mappings_for_review(user, chain: Chain | None = None, status: str | None = None):
    """Segment mappings the user may see, newest evidence first, with the enterprise and segment."""
    qs = SegmentMapping.objects.restrict(user, "view").select_related("enterprise", "segment", "segment__chain",
                                                                       "enterprise__region", "decided_by")
    if chain is not None:
        qs = qs.filter(segment__chain=chain)
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("status", "-score", "enterprise__name")


def cluster_dashboard(cluster, user, reference: str = "province", named_regions: list[str] | None = None
                      ) -> dict[str, object]:
    """Cluster metrics for the cluster's industries by county and year (the analytics layer on DuckDB).

    The cluster's industries are its leading industries (any level) and the codes of its chains' segments; the
    rows are measured over the enterprises and yearly figures the user may see, and the LQ compares them with
    the chosen reference (issue 13: the province, the national table or named regions; sums only), never with
    the user's scope alone (which made every county's LQ 1.00 for a county officer).
    """
    import pandas as pd

    from clusterdesk.analytics.backends import connect
    from clusterdesk.analytics.metrics import ClusterMetricsOptions, cluster_metrics

    prefixes = sorted(set(cluster.leading_industries.values_list("code", flat=True)) | set(
        ChainSegment.industry_codes.through.objects.filter(chainsegment__chain__cluster=cluster)
        .values_list("industrycode__code", flat=True)))
    enterprises = pd.DataFrame(
        list(Enterprise.objects.restrict(user, "view").filter(industry__isnull=False)
             .values_list("pk", "region__code", "industry__code")),
        columns=["enterprise_id", "region_code", "industry_code"])
    figures = pd.DataFrame(
        list(EnterpriseYearFigure.objects.restrict(user, "view").values_list("enterprise_id", "year", "employees",
                                                                             "output_wan")),
        columns=["enterprise_id", "year", "employees", "output_wan"])
    if enterprises.empty or figures.empty or not prefixes:
        return {"rows": [], "years": [], "prefixes": prefixes}
    figures["output_wan"] = figures["output_wan"].astype("float64")
    figures["employees"] = figures["employees"].astype("float64")
    codes = enterprises.industry_code.drop_duplicates()
    members = codes[codes.map(lambda c: any(c.startswith(p) for p in prefixes))]
    clusters = pd.DataFrame({"cluster": cluster.name, "industry_code": members})
    con = connect("duckdb")
    expr = cluster_metrics(con.create_table("e", enterprises), con.create_table("f", figures),
                           clusters=con.create_table("c", clusters),
                           options=ClusterMetricsOptions(measure="output_wan", materialise=False))
    frame = expr.order_by(["year", "region"]).to_pandas()
    from clusterdesk.opportunities.selectors import apply_reference  # issue 13: LQ against the chosen reference

    frame = apply_reference(frame, kind=reference, region=cluster.region, prefixes=prefixes,
                            named_regions=named_regions)
    names = dict(Region.objects.filter(code__in=frame.region.unique()).values_list("code", "full_name"))
    frame["region_name"] = frame.region.map(names)
    rows = frame.replace({float("nan"): None}).to_dict("records")
    return {"rows": rows, "years": sorted(frame.year.unique().tolist()), "prefixes": prefixes}


def supporting_rate_rows(report: dict[str, object]) -> list[SupportingRate]:
    """The by-segment rows of a supporting-rate report (a helper for templates)."""
    return list(report["by_segment"])  # type: ignore[call-overload]


def industry_code_names() -> dict[str, str]:
    """GB/T 4754-2017 code → name (reference data, public): to show codes with their names and check typed ones."""
    from .models import IndustryCode

    return dict(IndustryCode.objects.values_list("code", "name"))
