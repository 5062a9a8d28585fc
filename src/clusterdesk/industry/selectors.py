"""Reads for chain maps, gap analysis, the local supporting rate and cluster metrics, always within the user's scope.

Counts and sums go through `restrict`, so a user sees the strength of a segment only over the enterprises they
may see; candidates for 补链/延链 are enterprises outside the analysed region that the user may see (a
province officer analysing a city gets the rest of the province).
"""

import datetime
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass

from django.conf import settings
from django.db.models import BooleanField, Case, Count, Max, Q, QuerySet, Sum, Value, When
from django.utils import timezone

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
from clusterdesk.core.clusters import (
    ConcentrationShares,
    TargetProgress,
    concentration_shares,
    local_supply_rates,
    target_progress,
    year_elapsed_share,
)
from clusterdesk.core.codes.region import region_ancestor_codes
from clusterdesk.enterprises.models import Enterprise, EnterpriseYearFigure
from clusterdesk.regions.models import Region

from .models import (
    Chain,
    ChainLeaderEnterprise,
    ChainSegment,
    Cluster,
    ClusterTarget,
    ConcentrationTarget,
    IndustryCode,
    PurchaseRecord,
    SegmentMapping,
    TaskForceMember,
)

__all__ = [
    "ChainReport",
    "chain_leadership",
    "chain_report",
    "chain_segment_list",
    "cluster_dashboard",
    "cluster_list",
    "cluster_member_enterprises",
    "cluster_target_progress",
    "cluster_targets",
    "concentration_target_share",
    "gap_thresholds",
    "industry_code_by_code",
    "industry_code_list",
    "industry_code_names",
    "mappings_for_review",
    "park_concentration",
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

    prefixes = _cluster_prefixes(cluster)
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


# Chain chiefs, targets and park concentration (issue 13) -----------------------------------------------------------

def _cluster_prefixes(cluster: Cluster) -> list[str]:
    """The cluster's industries: its leading industries (any level) and the codes of its chains' segments."""
    return sorted(set(cluster.leading_industries.values_list("code", flat=True)) | set(
        ChainSegment.industry_codes.through.objects.filter(chainsegment__chain__cluster=cluster)
        .values_list("industrycode__code", flat=True)))


def cluster_member_enterprises(user, cluster: Cluster, region: Region | None = None) -> QuerySet[Enterprise]:
    """The cluster's enterprises the user may see: in the cluster's region (and in ``region`` when given: a county
    of a city's cluster), of an industry of the cluster (the industries the cluster dashboard measures: its leading
    industries and its chains' segment codes)."""
    prefixes = _cluster_prefixes(cluster)
    if not prefixes:
        return Enterprise.objects.none()
    industries = Q()
    for prefix in prefixes:
        industries |= Q(industry__code__startswith=prefix)
    members = (Enterprise.objects.restrict(user, "view")
               .filter(region__code__startswith=cluster.region.code_prefix).filter(industries))
    return members.filter(region__code__startswith=region.code_prefix) if region is not None else members


def _year_output(user, enterprises: QuerySet[Enterprise], year: int,
                 until: datetime.date | None = None) -> dict[int, float]:
    """Industrial output of a year per enterprise (万元): the yearly figure, else the counted monthly figures so far.
    With ``until`` (a day of ``year``), only the months up to it: the yearly figure counts only from December."""
    from clusterdesk.enterprise_service.selectors import monthly_output_by_enterprise

    figures = EnterpriseYearFigure.objects.restrict(user, "view").filter(enterprise__in=enterprises, year=year,
                                                                         output_wan__isnull=False)
    if until is not None and until < datetime.date(year, 12, 1):
        figures = figures.none()
    output = {pk: float(value) for pk, value in figures.values_list("enterprise_id", "output_wan")}
    # a subquery, not a list of ids: a province has more enterprises than SQLite takes parameters
    monthly = monthly_output_by_enterprise(user=user, year=year, until=until,
                                           enterprises=enterprises.exclude(pk__in=figures.values("enterprise_id")))
    return {**monthly, **output}


def _progress(p: TargetProgress) -> dict[str, object]:
    return {"target": p.target, "actual": p.actual, "gap": p.gap, "achieved_share": p.achieved_share,
            "on_track": p.on_track}


def cluster_targets(user, cluster: Cluster) -> QuerySet[ClusterTarget]:
    """The cluster's yearly targets the user may see, with their segment targets."""
    return (ClusterTarget.objects.restrict(user, "view").filter(cluster=cluster)
            .prefetch_related("segment_rates__segment__chain"))


def cluster_target_progress(user, cluster: Cluster, year: int, today: datetime.date | None = None,
                            region: Region | None = None, as_of: datetime.date | None = None) -> dict[str, object]:
    """A cluster's targets for ``year`` against what its enterprises' figures (in the user's scope) add up to.

    Output is the yearly industrial output of the cluster's enterprises (`cluster_member_enterprises`), or for an
    enterprise without a yearly figure the sum of its counted monthly figures of the year; the above-size count is
    of the enterprises flagged above designated size; the 本地配套率 of each segment is the share of the purchases
    recorded for it in the year, by buyers in the cluster's region, that came from suppliers in that region. A year
    without a `ClusterTarget` takes the cluster's own target when its target year is that year.

    ``region`` narrows the enterprises and purchases to a part of the cluster's region (a county's briefing of a
    city's cluster); ``as_of`` counts the figures of the months up to that day only (a past month's briefing).
    """
    today = today or timezone.localdate()
    target = cluster_targets(user, cluster).filter(year=year).first()
    if target is not None:
        output_target = None if target.output_wan is None else float(target.output_wan)
        above_target = target.above_scale_count
    elif cluster.target_year == year:
        output_target = None if cluster.target_output_wan is None else float(cluster.target_output_wan)
        above_target = cluster.target_above_scale_count
    else:
        output_target = above_target = None
    members = cluster_member_enterprises(user, cluster, region)
    output = _year_output(user, members, year, until=as_of)
    elapsed = year_elapsed_share(year, today)
    output_progress = _progress(target_progress(output_target, round(sum(output.values()), 2), elapsed))
    for key in ("target", "actual", "gap"):  # 万元 and 亿元 side by side, as the seeds' plans state them
        value = output_progress[key]
        output_progress[f"{key}_yi"] = None if value is None else round(float(value) / 1e4, 2)  # type: ignore[arg-type]
    above = members.filter(above_scale=True).count()
    prefix = cluster.region.code_prefix
    buyers = region.code_prefix if region is not None and region.code.startswith(prefix) else prefix
    purchases = (PurchaseRecord.objects.restrict(user, "view")
                 .filter(segment__chain__cluster=cluster, year=year, buyer__region__code__startswith=buyers)
                 .values_list("segment_id", "amount_wan", "supplier_region__code"))
    rates = {int(r.segment): r for r in local_supply_rates(
        (str(segment), float(amount), None if code is None else code.startswith(prefix))
        for segment, amount, code in purchases)}
    targets = {r.segment_id: float(r.rate_percent) / 100 for r in (target.segment_rates.all() if target else [])}
    segments = []
    for segment in (ChainSegment.objects.filter(pk__in=set(rates) | set(targets)).select_related("chain")
                    .order_by("chain__name", "order", "name")):
        rate = rates.get(segment.pk)
        actual = rate.rate if rate else None
        wanted = targets.get(segment.pk)
        segments.append({
            "segment_id": segment.pk, "segment": segment.name, "chain": segment.chain.name,
            "target_rate": wanted, "actual_rate": actual,
            "gap": None if wanted is None else round(wanted - (actual or 0.0), 6),
            "local_wan": rate.local if rate else 0.0, "outside_wan": rate.outside if rate else 0.0,
            "unknown_wan": rate.unknown if rate else 0.0,
        })
    return {
        "cluster_id": cluster.pk, "cluster": cluster.name, "region_code": cluster.region.code, "year": year,
        "elapsed_share": elapsed, "has_target": output_target is not None or above_target is not None or bool(targets),
        "note": target.note if target else "", "members": members.count(),
        "output": output_progress,
        "above_scale": _progress(target_progress(None if above_target is None else float(above_target),
                                                 float(above), elapsed)),
        "segments": segments,
    }


def concentration_target_share(user, region: Region) -> float:
    """The target share of industrial output inside parks for ``region``: its own, else the nearest region's
    above it, else ``CLUSTERDESK["PARK_CONCENTRATION_TARGET"]``."""
    return _concentration_targets(user, [region.code]).get(region.code, _default_concentration())


def _default_concentration() -> float:
    return float(getattr(settings, "CLUSTERDESK", {}).get("PARK_CONCENTRATION_TARGET", 0.7))


def _concentration_targets(user, codes: list[str]) -> dict[str, float]:
    """Each code's target share (own or inherited); codes with none at or above them are left out."""
    lineage = {code: [code, *reversed(region_ancestor_codes(code))] for code in codes}
    wanted = {c for chain in lineage.values() for c in chain}
    own = {code: float(share) / 100 for code, share in ConcentrationTarget.objects.restrict(user, "view")
           .filter(region__code__in=wanted).values_list("region__code", "output_share_percent")}
    found = {}
    for code, chain in lineage.items():
        share = next((own[c] for c in chain if c in own), None)
        if share is not None:
            found[code] = share
    return found


def _shares_row(row: ConcentrationShares, names: dict[str, str]) -> dict[str, object]:
    return {"code": row.county, "name": names.get(row.county, row.county), "output_wan": row.output_wan,
            "park_output_wan": row.park_output_wan, "output_share": row.output_share,
            "enterprises": row.enterprises, "park_enterprises": row.park_enterprises,
            "enterprise_share": row.enterprise_share, "projects": row.projects, "park_projects": row.park_projects,
            "project_share": row.project_share, "target_share": row.target_share, "meets_target": row.meets_target}


def park_concentration(user, region: Region, year: int, cluster: Cluster | None = None) -> dict[str, object]:
    """工业向园区集中: per county of ``region`` (per city for a province), the shares of industrial output, of
    enterprises and of new projects (started or signed in ``year``) inside parks, against the target.

    Only what the user may see counts; with ``cluster``, only the cluster's enterprises and projects.
    """
    from clusterdesk.projects.selectors import project_list

    prefix = region.code_prefix
    if cluster is not None:
        enterprises = cluster_member_enterprises(user, cluster).filter(region__code__startswith=prefix)
    else:
        enterprises = Enterprise.objects.restrict(user, "view").filter(region__code__startswith=prefix)
    projects = project_list(user=user).filter(region__code__startswith=prefix).filter(
        Q(actual_start_date__year=year) | Q(signed_date__year=year))
    if cluster is not None:
        projects = projects.filter(cluster=cluster)

    def group(code: str) -> str:
        return code[:4] + "00" if region.level == Region.Level.PROVINCE else code

    # summed in the database by county and park: a province has 200,000 enterprises
    in_park = Case(When(park__isnull=True, then=Value(False)), default=Value(True), output_field=BooleanField())
    counts = {(code, park): n for code, park, n in enterprises.annotate(in_park=in_park).order_by()
              .values_list("region__code", "in_park").annotate(n=Count("pk"))}
    figures = EnterpriseYearFigure.objects.restrict(user, "view").filter(enterprise__in=enterprises, year=year,
                                                                         output_wan__isnull=False)
    sums: dict[tuple[str, bool], float] = defaultdict(float)
    for code, park, total in (figures.annotate(in_park=Case(When(enterprise__park__isnull=True, then=Value(False)),
                                                            default=Value(True), output_field=BooleanField()))
                              .order_by().values_list("enterprise__region__code", "in_park")
                              .annotate(total=Sum("output_wan"))):
        sums[(code, park)] += float(total or 0)
    from clusterdesk.enterprise_service.selectors import monthly_output_by_enterprise

    monthly = monthly_output_by_enterprise(user=user, year=year,
                                           enterprises=enterprises.exclude(pk__in=figures.values("enterprise_id")))
    for code, park, pk in Enterprise.objects.filter(pk__in=list(monthly)).values_list("region__code", "park_id", "pk"):
        sums[(code, park is not None)] += monthly[pk]
    acc: dict[tuple[str, bool], list[float]] = defaultdict(lambda: [0.0, 0])
    for (code, park), n in counts.items():
        acc[(group(code), bool(park))][1] += n
    for (code, park), total in sums.items():
        acc[(group(code), bool(park))][0] += total
    enterprise_rows = [(code, park, output, int(n)) for (code, park), (output, n) in acc.items()]
    project_counts: dict[tuple[str, bool], int] = defaultdict(int)
    for code, park in projects.values_list("region__code", "park_id"):
        project_counts[(group(code), park is not None)] += 1
    project_rows = [(code, park, n) for (code, park), n in project_counts.items()]
    codes = sorted({r[0] for r in enterprise_rows} | {r[0] for r in project_rows})
    default = _default_concentration()
    targets = _concentration_targets(user, [region.code, *codes])
    own = targets.get(region.code, default)
    counties, total = concentration_shares(enterprise_rows, project_rows,
                                           {"": own, **{c: targets.get(c, own) for c in codes}})
    names = dict(Region.objects.filter(code__in=codes).values_list("code", "name"))
    return {
        "region_code": region.code, "region": region.full_name or region.name, "year": year,
        "cluster_id": cluster.pk if cluster is not None else None, "target_share": own, "default_share": default,
        "counties": [_shares_row(c, names) for c in counties], "total": _shares_row(total, names),
    }


def chain_leadership(user, chain: Chain) -> dict[str, object]:
    """The chain chief (链长) with their title, the task force (专班) and the chain-leader enterprises (链主) the
    user may see."""
    members = (TaskForceMember.objects.restrict(user, "view").filter(chain=chain)
               .select_related("unit", "person"))
    visible = Enterprise.objects.restrict(user, "view")
    leaders = (ChainLeaderEnterprise.objects.restrict(user, "view").filter(chain=chain, enterprise__in=visible)
               .select_related("enterprise"))
    return {"chief": chain.chief, "chief_title": chain.chief_title, "task_force": list(members),
            "leaders": list(leaders)}
