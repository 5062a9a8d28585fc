"""Reads for "what to grow next" and for location quotients against a chosen reference.

The scope rule: the relatedness space and the references are computed over the whole province register (every
region at the analysed level), because relatedness needs every region's pattern; what leaves this module for
other regions is aggregated only (sums by region and industry, and measures derived from them). Enterprise
rows, parks and local figures always go through `restrict`: a user sees no enterprise outside their scope.

The province-wide space (region × industry output, and every complexity measure on it) changes only when the
register does, so it is cached under a key that carries the register's version (row counts and the latest
change of enterprises and yearly figures).
"""

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np
from django.core.cache import cache
from django.db.models import Count, Max, Q, Sum
from django.db.models.functions import Coalesce

from clusterdesk.accounts.roles import SINGLE_ENTERPRISE_ROLES
from clusterdesk.accounts.scoping import region_ids_within_reach, role_permits
from clusterdesk.core.chains import chain_gaps
from clusterdesk.core.clusters import code_matches, location_quotients, reference_sum, reference_values
from clusterdesk.core.complexity import ComplexityError, ComplexityResult, complexity, rank_opportunities
from clusterdesk.enterprises.models import Enterprise, EnterpriseYearFigure
from clusterdesk.industry.selectors import (
    chain_segment_list,
    gap_thresholds,
    industry_code_list,
    industry_code_names,
    segment_strengths,
)
from clusterdesk.parks.models import Park
from clusterdesk.regions.models import Region

from .models import NationalReferenceFigure

__all__ = [
    "INDUSTRY_LEVELS",
    "GrowReport",
    "GrowRow",
    "ProvinceSpace",
    "grow_allowed",
    "grow_regions",
    "grow_report",
    "national_reference_summary",
    "national_reference_values",
    "province_space",
    "register_version",
]

#: Industry levels the page offers, with their code length (the register holds classes).
INDUSTRY_LEVELS = {"division": 3, "group": 4}
CACHE_SECONDS = 24 * 3600


def register_version() -> tuple[str, int | None]:
    """A key that changes whenever the register changes, and the latest year with figures.

    Every write goes through a service that records it in the change log, so the latest change-log row, with the
    row counts and highest keys of enterprises and yearly figures (deletes and bulk loads), marks a version; all
    are index look-ups (a scan of ``last_updated`` costs 0.2 s a table at 200,000 rows).
    """
    from clusterdesk.changelog.models import ObjectChange

    parts = []
    for model in (Enterprise, EnterpriseYearFigure, ObjectChange):
        # separate queries: COUNT alone reads the smallest index, MAX(pk) alone is one look-up; together they scan
        parts += [model.objects.count() if model is not ObjectChange else 0,
                  model.objects.order_by("-pk").values_list("pk", flat=True).first()]
    text = ".".join(str(p) for p in parts)
    version = hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()[:16]
    key = f"cd-grow-year:{version}"
    year = cache.get(key)
    if year is None:
        year = EnterpriseYearFigure.objects.aggregate(y=Max("year"))["y"] or 0
        cache.set(key, year, CACHE_SECONDS)
    return version, year or None


def _region_key(code: str, level: str) -> str | None:
    """The code of the region at ``level`` an enterprise's region code falls in (None when it is above it)."""
    if level == Region.Level.CITY:
        return None if code.endswith("0000") else code[:4] + "00"
    return None if code.endswith("00") else code


@dataclass
class ProvinceSpace:
    """Output by region (at one level) × industry (at one level) over a province, and its complexity measures."""

    year: int
    locs: list[str]
    prods: list[str]
    values: np.ndarray
    result: ComplexityResult | None
    table: dict[str, dict[str, float]] = field(default_factory=dict)


def province_space(*, province_code: str, region_level: str, industry_level: str, year: int | None = None
                   ) -> ProvinceSpace | None:
    """The province's region × industry space for ``year`` (default: the latest), cached per register version."""
    version, latest = register_version()
    year = year or latest
    if year is None:
        return None
    key = f"cd-grow:{province_code}:{region_level}:{industry_level}:{year}:{version}"
    cached = cache.get(key)
    if cached is not None:
        return cached
    width = INDUSTRY_LEVELS[industry_level]
    # grouped by the enterprise's keys, not joined to the region and industry tables (a quarter faster at 200,000)
    regions = dict(Region.objects.filter(code__startswith=province_code[:2]).values_list("pk", "code"))
    industries = dict(industry_code_list().values_list("pk", "code"))
    rows = (EnterpriseYearFigure.objects.filter(year=year, enterprise__industry__isnull=False)
            .values_list("enterprise__region_id", "enterprise__industry_id")
            .annotate(v=Sum(Coalesce("output_wan", "revenue_wan"))))
    table: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for region_id, industry_id, value in rows:
        region_code = regions.get(region_id)
        loc = _region_key(region_code, region_level) if region_code else None
        if loc is None or not value or value <= 0:
            continue
        table[loc][industries[industry_id][:width]] += float(value)
    locs = sorted(table)
    prods = sorted({p for row in table.values() for p in row})
    values = np.zeros((len(locs), len(prods)))
    index = {p: j for j, p in enumerate(prods)}
    for i, loc in enumerate(locs):
        for p, v in table[loc].items():
            values[i, index[p]] = v
    result = None
    if len(locs) >= 2 and len(prods) >= 2:
        try:
            result = complexity(values)
        except ComplexityError:
            result = None
    space = ProvinceSpace(year, locs, prods, values, result, {k: dict(v) for k, v in table.items()})
    cache.set(key, space, CACHE_SECONDS)
    return space


def national_reference_values(year: int, measure: str = "output_wan") -> tuple[int | None, dict[str, float]]:
    """The national table of ``year`` (or of the latest earlier year), as industry code → value, with its year."""
    years = NationalReferenceFigure.objects.filter(year__lte=year).aggregate(y=Max("year"))["y"]
    if years is None:
        return None, {}
    rows = NationalReferenceFigure.objects.filter(year=years).values_list("industry__code", measure)
    return years, {code: float(v) for code, v in rows if v is not None}


def national_reference_summary() -> list[dict]:
    """Per imported year: rows, industry level and source (the national table is public reference data)."""
    from clusterdesk.industry.choices import IndustryLevelChoices

    rows = list(NationalReferenceFigure.objects.values("year", "source", "industry__level")
                .annotate(n=Count("pk"), output=Sum("output_wan")).order_by("-year", "source"))
    labels = dict(IndustryLevelChoices.choices)
    for row in rows:
        row["level_label"] = labels.get(row["industry__level"], row["industry__level"])
    return rows


def grow_allowed(user) -> bool:
    """Whether the user may open the page: roles that read the register, except an enterprise's own staff."""
    return (user.is_authenticated and user.role not in SINGLE_ENTERPRISE_ROLES
            and role_permits(user, "enterprises.enterpriseyearfigure", "view"))


def grow_regions(user) -> list[Region]:
    """Cities and counties the user may analyse: those within their reach (all, for administrators)."""
    ids = region_ids_within_reach(user)
    regions = Region.objects.filter(level__in=[Region.Level.CITY, Region.Level.COUNTY])
    if ids is not None:
        regions = regions.filter(pk__in=ids)
    return list(regions.order_by("code"))


def default_grow_region(user, regions: list[Region]) -> Region | None:
    """The region a user works in: their own scope region when it is a city or county, else the first city."""
    own = [r for r in user.scope_regions.all() if r.level in (Region.Level.CITY, Region.Level.COUNTY)]
    if own:
        return own[0]
    cities = [r for r in regions if r.level == Region.Level.CITY]
    return (cities or regions or [None])[0]


@dataclass
class GrowRow:
    """One industry the region lacks (RCA < 1), with its measures, chain segments, 补链 flag and parks."""

    code: str
    name: str
    score: float
    density: float
    pci: float
    cog: float
    rca: float
    lq: float | None
    segments: list[str] = field(default_factory=list)
    gap: bool = False
    gap_reasons: list[str] = field(default_factory=list)
    parks: list[Park] = field(default_factory=list)


@dataclass
class GrowReport:
    """What the page shows."""

    region: Region
    year: int | None
    rows: list[GrowRow]
    total: int
    reference: str
    reference_year: int | None = None
    reference_missing: bool = False
    peers: int = 0
    message: str = ""


def _reference(space: ProvinceSpace, kind: str, named: list[str]) -> tuple[dict[str, float], int | None, bool]:
    """The reference values at the space's industry level: the province, named regions or the national table."""
    if kind == "regions":
        return reference_values(space.table, named), None, not named
    if kind == "nation":
        year, table = national_reference_values(space.year)
        if not table:
            return {}, None, True
        width = len(space.prods[0]) if space.prods else 3
        out: dict[str, float] = defaultdict(float)
        for code, value in table.items():
            if len(code) >= width:
                out[code[:width]] += value
            else:  # a coarser national table: the industry's own share is unknown, use its parent's
                for p in space.prods:
                    if p.startswith(code):
                        out[p] = value
        return dict(out), year, False
    return reference_values(space.table), None, False


def grow_report(*, user, region: Region, industry_level: str = "division", weights: tuple[float, float, float],
                reference: str = "province", named_regions: list[str] | None = None, limit: int | None = 50
                ) -> GrowReport:
    """Industries the region lacks, ranked by the weighted standardised density, complexity and opportunity gain.

    The space covers every region of the province at the region's level (aggregated figures only); the chain
    segments, 补链 gaps and parks are read within the user's scope.
    """
    level = Region.Level.CITY if region.level == Region.Level.CITY else Region.Level.COUNTY
    space = province_space(province_code=region.code[:2] + "0000", region_level=level,
                           industry_level=industry_level)
    report = GrowReport(region, space.year if space else None, [], 0, reference)
    if space is None or space.result is None or region.code not in space.locs:
        report.message = "no-data"
        return report
    report.peers = len(space.locs)
    li = space.locs.index(region.code)
    ranked = rank_opportunities(space.result, li, weights=weights)
    report.total = len(ranked)
    ref, report.reference_year, report.reference_missing = _reference(space, reference, named_regions or [])
    local = space.table.get(region.code, {})
    lqs = location_quotients({p: local.get(p, 0.0) for p in space.prods}, ref) if ref else {}
    names = industry_code_names()
    chosen = ranked if limit is None else ranked[:limit]
    rows = [GrowRow(space.prods[o.product], names.get(space.prods[o.product], ""), o.score, o.density, o.pci, o.cog,
                    float(space.result.rca[li, o.product]), lqs.get(space.prods[o.product])) for o in chosen]
    _add_segments(user, region, rows)
    _add_parks(user, region, rows)
    report.rows = rows
    return report


def _add_segments(user, region: Region, rows: list[GrowRow]) -> None:
    """Chain segments whose codes match each industry, and the 补链 flag where such a segment is weak or missing
    in the region (the chain page's gap analysis, counted over what the user may see)."""
    segments = list(chain_segment_list(user=user).filter(industry_codes__isnull=False)
                    .values_list("pk", "name", "chain_id", "chain__name", "industry_codes__code"))
    by_row: dict[str, list[tuple[int, str, int, str]]] = defaultdict(list)
    for pk, name, chain_id, chain_name, code in segments:
        for row in rows:
            if code_matches(code, [row.code]) and (pk, name, chain_id, chain_name) not in by_row[row.code]:
                by_row[row.code].append((pk, name, chain_id, chain_name))
    chains = {chain_id for items in by_row.values() for _, _, chain_id, _ in items}
    verdicts: dict[int, tuple[str, str]] = {}
    if chains:
        from clusterdesk.industry.models import Chain, ChainSegment

        thresholds = gap_thresholds()
        for chain in Chain.objects.filter(pk__in=chains):
            names = dict(ChainSegment.objects.filter(chain=chain).values_list("pk", "name"))
            edges = [(names[a], names[b]) for a, b in ChainSegment.objects.filter(
                chain=chain, supplies__isnull=False).values_list("pk", "supplies__target_id")
                if a in names and b in names]
            strengths = {names[k]: v for k, v in segment_strengths(chain, user, region).items() if k in names}
            gaps = chain_gaps(list(names.values()), edges, strengths, thresholds)
            reasons = dict(gaps.fill_targets)
            for pk, name in names.items():
                if name in reasons:
                    verdicts[pk] = (name, reasons[name])
    for row in rows:
        for pk, name, _chain_id, chain_name in by_row.get(row.code, []):
            row.segments.append(f"{chain_name} · {name}")
            if pk in verdicts:
                row.gap = True
                row.gap_reasons.append(f"{name}：{verdicts[pk][1]}")


def _add_parks(user, region: Region, rows: list[GrowRow]) -> None:
    """Parks of the region the user may see, with available land, positioned on the industry."""
    parks = list(Park.objects.restrict(user, "view").filter(region__code__startswith=region.code_prefix,
                                                            available_land_mu__gt=0)
                 .prefetch_related("park_industries__industry").order_by("-available_land_mu", "name"))
    positioned = [(p, [pi.industry.code for pi in p.park_industries.all()]) for p in parks]
    for row in rows:
        row.parks = [p for p, codes in positioned if any(code_matches(c, [row.code]) for c in codes)]


def cluster_reference(*, kind: str, region: Region, prefixes: list[str], years: list[int],
                      named_regions: list[str] | None = None) -> dict[int, tuple[float, float] | None]:
    """Per year: the reference's output in the cluster's industries and its total, for the cluster dashboard.

    ``province``: every enterprise of the region's province; ``regions``: those of the named regions;
    ``nation``: the national table (None for a year without one). Sums only: no enterprise row leaves here.
    """
    out: dict[int, tuple[float, float] | None] = {}
    if kind == "nation":
        for year in years:
            _, table = national_reference_values(year)
            out[year] = reference_sum(table, prefixes) if table else None
        return out
    if kind == "regions":
        query = Q()
        for code in named_regions or []:
            query |= Q(enterprise__region__code__startswith=Region(code=code).code_prefix)
        if not query:
            return dict.fromkeys(years)
    else:
        query = Q(enterprise__region__code__startswith=region.code[:2])
    rows = (EnterpriseYearFigure.objects.filter(query, year__in=years, enterprise__industry__isnull=False)
            .values_list("year", "enterprise__industry__code").annotate(v=Sum("output_wan")))
    tables: dict[int, dict[str, float]] = defaultdict(dict)
    for year, code, value in rows:
        tables[year][code] = float(value or 0)
    for year in years:
        out[year] = reference_sum(tables[year], prefixes) if tables.get(year) else None
    return out


def apply_reference(frame, *, kind: str, region: Region, prefixes: list[str], named_regions: list[str] | None):
    """Recompute the cluster dashboard's ``lq``, ``lq_previous`` and ``quadrant`` against the chosen reference.

    ``frame`` holds the scoped rows (``year``, ``region``, ``output_wan``, ``region_total``); the reference
    sums come from `cluster_reference`. A year without a reference leaves LQ empty.
    """
    from clusterdesk.core.clusters import quadrant, share_location_quotient

    if frame.empty:
        return frame
    years = sorted(int(y) for y in frame.year.unique())
    refs = cluster_reference(kind=kind, region=region, prefixes=prefixes, years=years, named_regions=named_regions)

    def lq(row) -> float | None:
        ref = refs.get(int(row.year))
        if ref is None or row.output_wan != row.output_wan or row.region_total != row.region_total:
            return None
        return share_location_quotient(float(row.output_wan), float(row.region_total), *ref)

    frame = frame.copy()
    frame["lq"] = [lq(r) for r in frame.itertuples()]
    previous = {(r.region, int(r.year) + 1): r.lq for r in frame.itertuples()}
    frame["lq_previous"] = [previous.get((r.region, int(r.year))) for r in frame.itertuples()]
    frame["quadrant"] = [quadrant(r.lq, r.lq_previous) if r.lq is not None and r.lq_previous is not None else None
                         for r in frame.itertuples()]
    # strong-cluster flags and ranks among the rows shown, on the new LQ
    from clusterdesk.core.clusters import strong_cluster_flags

    frame["strong"] = False
    for _year, group in frame.groupby("year"):
        lqs = group.lq.astype(float).fillna(0.0).to_numpy()
        flags = strong_cluster_flags(lqs, group.employment.astype(float).fillna(0.0).to_numpy(),
                                     group.enterprises.astype(float).to_numpy())
        frame.loc[group.index, "strong"] = flags
    order = frame.assign(_lq=frame.lq.astype(float).fillna(-1.0)).sort_values(
        ["year", "strong", "_lq", "output_wan", "region"], ascending=[True, False, False, False, True])
    frame.loc[order.index, "rank"] = order.groupby("year").cumcount() + 1
    frame["rank"] = frame["rank"].astype(int)
    return frame
