"""The enterprises' phases of the demo build: enterprises, their yearly figures, and their work secretary.

* ``enterprises``: each enterprise is drawn in a city (by the spec's city weights), often in one of the city's chain
  segments (its industry then one of the segment's classes), in a park of its city that matches its industry or
  outside parks, with a log-normal revenue; the largest local members of each chain become chain leaders, the
  largest 3% key enterprises; names and unified social credit codes (with their check character) follow the
  county and the date of establishment.
* ``year_figures`` (年度经营数据): the five years before the reference date. The latest year's revenue is the
  enterprise's recorded annual revenue; earlier years are walked back with a growth rate drawn per enterprise. The
  other figures follow from revenue with ratios typical of the enterprise's industry: energy-intensive divisions
  use more energy and electricity per 万元, manufacturers occupy land (service firms mostly rent and report none),
  small firms rarely report value added, R&D or emissions.
* ``secretaries`` (after the demo accounts): the demo secretary serves the enterprises of its scope.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from decimal import Decimal

from clusterdesk.common.registry import DemoPhase, registry
from clusterdesk.core.codes.uscc import USCC_ALPHABET, org_code_check_char, uscc_check_char
from clusterdesk.demo.context import (
    BATCH_SIZE,
    DemoContext,
    DemoDataError,
    DemoEnterprise,
    RowSink,
    reserve_ids,
)
from clusterdesk.demo.draws import dec, person
from clusterdesk.demo.spec import BRAND_CHARS, DIVISION_WORDS, GROUP_WORDS, OLD_ORG_PREFIXES, ROADS

from .models import Enterprise, EnterpriseYearFigure

__all__ = [
    "ENERGY_INTENSIVE_DIVISIONS",
    "ENTERPRISE_FIELDS",
    "FIGURE_FIELDS",
    "FIGURE_YEARS",
    "build_enterprises",
    "build_secretaries",
    "build_year_figures",
    "delete_enterprises",
    "register",
    "uscc_of",
    "write_year_figures",
]


#: The columns of the enterprise rows, in their order (the id first: the rows are written with reserved ids).
ENTERPRISE_FIELDS = ("id", "uscc", "name", "region", "park", "industry", "above_scale", "key_enterprise",
                     "chain_leader", "legal_representative", "established_date", "registered_capital_wan",
                     "annual_revenue_wan", "employees", "address")


def build_enterprises(ctx: DemoContext) -> None:
    """Enterprises by city weight, chain segment and park, with chain leaders, key enterprises, names and codes."""
    rng = ctx.rng("enterprises")
    n = ctx.sizes.enterprises
    ents: list[DemoEnterprise] = []
    segs_by_city = {c.code: [s for cl in c.clusters for s in cl.segments] for c in ctx.city_list}
    with ctx.progress.bar("生成企业 enterprises", n) as bar:
        for i in range(n):
            city = ctx.choose_city(rng)
            local = segs_by_city[city.code]
            segments = []
            if local and rng.random() < 0.45:
                segments = [rng.choice(local)]
            elif ctx.segments and rng.random() < 0.04:
                segments = [rng.choice(ctx.segments)]
            if segments:
                industry = rng.choice(segments[0].spec.codes)
                mu = math.log(1500)
            else:
                industry = ctx.general_industry(rng, city, services=0.10)
                mu = math.log(900) if industry[0] != "C" else math.log(1100)
            in_park = rng.random() < (0.75 if industry[0] in "BC" else 0.4)
            park = ctx.choose_park(rng, city, industry) if in_park else None
            county = park.county if park else ctx.choose_county(rng, city)
            revenue = min(max(rng.lognormvariate(mu, 1.45), 30.0), 3_000_000.0)
            year = int(rng.triangular(1993, 2026, 2016))
            established = dt.date(min(year, 2025), rng.randint(1, 12), rng.randint(1, 28))
            ents.append(DemoEnterprise(county, park, industry, segments, round(revenue * 100), established))
            if i % 1000 == 999:
                bar.update(1000)
        bar.update(n % 1000)

    # Chain leaders: the largest local enterprises of each chain, made large.
    for cluster in ctx.clusters:
        for chain_segs in cluster.chain_segments:
            members = {id(s) for s in chain_segs}
            candidates = [
                (-e.revenue_cents, k)
                for k, e in enumerate(ents)
                if e.segments and id(e.segments[0]) in members and e.county.city is cluster.city
            ]
            candidates.sort()
            for _, k in candidates[: 2 if len(chain_segs) >= 6 else 1]:
                e = ents[k]
                e.leader = e.key = True
                e.revenue_cents = max(e.revenue_cents, round(rng.lognormvariate(math.log(500_000), 0.6) * 100))
                e.established = dt.date(rng.randint(1952, 2005), rng.randint(1, 12), rng.randint(1, 28))
                others = [s for s in chain_segs if s is not e.segments[0] and s.spec.position == "midstream"]
                if others and rng.random() < 0.6:
                    e.segments.append(rng.choice(others))
    order = sorted(range(len(ents)), key=lambda k: (-ents[k].revenue_cents, k))
    for k in order[: max(1, round(len(ents) * 0.03))]:
        ents[k].key = True

    _name_enterprises(rng, ents)
    ctx.ents = ents

    through = Enterprise.chain_segments.through
    first = reserve_ids(Enterprise, len(ents))
    with ctx.progress.bar("写入企业 enterprises", n) as bar:
        sink = RowSink(Enterprise, ENTERPRISE_FIELDS, bar)
        for k, e in enumerate(ents):
            e.pk = first + k
            revenue = e.revenue_cents / 100
            capital = revenue * rng.uniform(0.05, 0.4)
            capital = max(10, round(capital / (100 if capital > 1000 else 10)) * (100 if capital > 1000 else 10))
            sink.add((
                e.pk,
                e.uscc,
                e.name,
                e.county.pk,
                e.park.pk if e.park else None,
                ctx.industry_pk[e.industry],
                e.above_scale,
                e.key,
                e.leader,
                person(rng),
                e.established,
                Decimal(capital),
                dec(e.revenue_cents),
                int(8 + revenue / rng.uniform(50, 120)),
                f"{e.county.full_name}{rng.choice(ROADS)}{rng.randint(1, 999)}号",
            ))
        sink.flush()
    links = RowSink(through, ("enterprise", "chainsegment"))
    for e in ents:
        for segment in e.segments:
            links.add((e.pk, segment.pk))
    links.flush()
    ctx.ids["enterprises"] = [ents[0].pk, ents[-1].pk] if ents else []
    ctx.counts.update(enterprises=len(ents), enterprise_segments=links.count)


def uscc_of(region_code: str, body: str) -> str:
    """The credit code of an enterprise (registered by the market regulator) with the organisation-code body
    ``body`` in ``region_code``: what ``make_uscc(region_code=..., serial=serial_of(body))`` gives, without checking
    again what it builds from valid parts (200,000 times at the province's scale)."""
    first17 = f"91{region_code}{body}{org_code_check_char(body)}"
    return first17 + uscc_check_char(first17)


def _name_enterprises(rng: random.Random, ents: list[DemoEnterprise]) -> None:
    # A registered name is unique (`Enterprise.natural_duplicates`), the other enterprises' names included.
    names: set[str] = set(Enterprise.objects.values_list("name", flat=True))
    bodies: set[str] = set()
    existing = set(Enterprise.objects.values_list("uscc", flat=True))
    cutoff = dt.date(2015, 10, 1)
    for e in ents:
        county, city = e.county, e.county.city
        if e.segments:
            words = e.segments[0].spec.words
        else:
            words = GROUP_WORDS.get(e.industry[:4]) or DIVISION_WORDS.get(e.industry[:3], ("科技", "实业"))
        big = e.revenue_cents >= 50_000_00
        if e.revenue_cents >= 300_000_00 and rng.random() < 0.9:
            suffix = rng.choice(("股份有限公司", "集团有限公司", "股份有限公司"))
        elif big and rng.random() < 0.3:
            suffix = "股份有限公司"
        else:
            suffix = "有限责任公司" if rng.random() < 0.08 else "有限公司"
        for attempt in range(40):
            roll = rng.random()
            if roll < (0.45 if big else 0.22):
                place = "湖南"
            elif roll > 0.85 and not county.name.endswith("区"):
                place = county.short
            else:
                place = city.short
            brand = "".join(rng.sample(BRAND_CHARS, 3 if attempt > 20 else 2))
            name = f"{place}{brand}{rng.choice(words)}{suffix}"
            if name not in names:
                break
        else:
            raise DemoDataError("无法生成不重名的企业名称")
        names.add(name)
        e.name = name
        while True:
            if e.established < cutoff:
                body = rng.choice(OLD_ORG_PREFIXES) + "".join(rng.choice("0123456789") for _ in range(6))
            else:
                body = "MA4" + "".join(rng.choice(USCC_ALPHABET) for _ in range(5))
            if body in bodies:
                continue
            code = uscc_of(county.code, body)
            if code not in existing:
                break
        bodies.add(body)
        e.uscc = code


# -- yearly figures ----------------------------------------------------------------------------------------

#: Divisions counted as energy-intensive (六大高耗能行业 and their kin), by GB/T 4754 division code.
ENERGY_INTENSIVE_DIVISIONS = frozenset({"25", "26", "28", "30", "31", "32", "44"})
FIGURE_YEARS = 5


def _money(value: float) -> Decimal:
    return Decimal(round(value * 100)) / 100


#: The columns `_figures` fills, in its order.
FIGURE_FIELDS = ("enterprise", "year", "revenue_wan", "output_wan", "value_added_wan", "tax_wan", "employees",
                 "land_mu", "energy_tce", "electricity_wan_kwh", "emissions_t", "rd_expense_wan")


def _figures(rng: random.Random, ent, year: int, revenue: float, land_mu: float | None) -> tuple:
    """One year's figures as a row of `FIGURE_FIELDS` (the draws in the order of the columns)."""
    division = ent.industry[1:3]
    manufacturing = ent.industry[0] in "BCD"
    intensive = division in ENERGY_INTENSIVE_DIVISIONS
    above = revenue >= 2000
    output = revenue * rng.uniform(0.92, 1.12) if manufacturing else None
    energy = revenue * (rng.uniform(0.15, 0.6) if intensive else rng.uniform(0.01, 0.08))
    return (
        ent.pk,
        year,
        _money(revenue),
        _money(output) if output is not None else None,
        _money(revenue * rng.uniform(0.18, 0.38)) if above or rng.random() < 0.2 else None,
        _money(revenue * rng.uniform(0.015, 0.07)),
        max(3, int(revenue / rng.uniform(60, 160))),
        _money(land_mu) if land_mu is not None else None,
        _money(energy),
        _money(energy * rng.uniform(0.6, 1.1)),
        Decimal(round(energy * rng.uniform(0.0005, 0.004) * 1000)) / 1000
        if manufacturing and rng.random() < 0.85 else None,
        _money(revenue * rng.uniform(0.005, 0.06)) if above and manufacturing else None,
    )


def write_year_figures(ents, *, rng: random.Random, last_year: int, sink) -> int:
    """Write the yearly figures of the generated enterprises ``ents`` through ``sink`` (a `RowSink` of
    `FIGURE_FIELDS`); returns the row count."""
    years = range(last_year - FIGURE_YEARS + 1, last_year + 1)
    for ent in ents:
        revenue = ent.revenue_cents / 100
        growth = rng.gauss(0.07, 0.09)
        in_park_industry = ent.park is not None and ent.industry[0] in "BCD"
        land = revenue / rng.uniform(150, 900) if in_park_industry else None
        if land is not None:
            land = max(land, 3.0)
        by_year = {}
        for year in reversed(years):
            if year < ent.established.year:
                break
            by_year[year] = revenue
            revenue = revenue / (1 + growth + rng.gauss(0, 0.05))
        for year in sorted(by_year):
            sink.add(_figures(rng, ent, year, by_year[year], land))
    sink.flush()
    return sink.count


def build_year_figures(ctx: DemoContext) -> None:
    """The yearly figures of every demo enterprise (see the module docstring)."""
    with ctx.progress.bar("写入年度数据 yearly figures", len(ctx.ents) * FIGURE_YEARS) as bar:
        ctx.counts["enterprise_year_figures"] = write_year_figures(
            ctx.ents, rng=ctx.rng("year_figures"), last_year=ctx.reference_date.year - 1,
            sink=RowSink(EnterpriseYearFigure, FIGURE_FIELDS, bar),
        )


def build_secretaries(ctx: DemoContext) -> None:
    """The demo secretary serves the enterprises the accounts phase put in its scope."""
    secretary = ctx.users.get("secretary")
    if secretary is not None:
        Enterprise.objects.filter(pk__in=ctx.ids.get("served") or []).update(secretary_id=secretary)


def delete_enterprises(ids) -> dict[str, int]:
    """Delete the demo enterprises, in chunks of ids, with their figures and segment links."""
    enterprises = ids.get("enterprises") or []
    if not enterprises:
        return {}
    lo, hi = enterprises
    Enterprise.chain_segments.through.objects.filter(enterprise_id__gte=lo, enterprise_id__lte=hi).delete()
    figures = EnterpriseYearFigure.objects.filter(enterprise_id__gte=lo, enterprise_id__lte=hi).delete()[0]
    total = 0
    for start in range(lo, hi + 1, BATCH_SIZE):
        total += Enterprise.objects.filter(pk__gte=start, pk__lt=min(start + BATCH_SIZE, hi + 1)).delete()[1].get(
            "enterprises.Enterprise", 0)
    return {"enterprise_year_figures": figures, "enterprises": total}


def register() -> None:
    """Register the enterprises' phases (called from `EnterprisesConfig.ready`)."""
    registry.register_demo_phase(DemoPhase("enterprises", build_enterprises, 40, delete=delete_enterprises))
    registry.register_demo_phase(DemoPhase("year_figures", build_year_figures, 45))
    registry.register_demo_phase(DemoPhase("secretaries", build_secretaries, 85))
