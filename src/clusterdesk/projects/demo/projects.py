"""The projects phase of the demo build: investment projects in every lifecycle stage.

Stages follow fixed shares (`clusterdesk.demo.spec.STAGE_SHARES`). Each project is drawn in a city, often in one of
its clusters' segments (industry, products and a higher investment from the segment), in a matching park or outside
parks, owned by an enterprise of the county, city or segment (an above-scale one once in the statistics). Its
dates and monthly investment (`Plan`) are consistent with its stage relative to the reference date: a project under
construction has started and invests along an S-curve; a completed one finished within the report window; one
not started has planned dates ahead. The plans stay on the context for the schedules phase.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from clusterdesk.demo.context import (
    DemoContext,
    DemoCounty,
    DemoDataError,
    DemoEnterprise,
    DemoPark,
    DemoSegment,
    RowSink,
    reserve_ids,
    weighted,
)
from clusterdesk.demo.draws import add_months, day_in_month, dec, month_index, person
from clusterdesk.demo.spec import (
    DEFAULT_QUANTITIES,
    DIVISION_PRODUCTS,
    PROJECT_TEMPLATES,
    QUANTITIES,
    STAGE_SHARES,
    UNITLESS_TEMPLATES,
)

from ..models import Project

__all__ = ["PROJECT_FIELDS", "Plan", "build_projects"]

#: The columns of the project rows, in their order (written with reserved ids); the others get their defaults.
PROJECT_FIELDS = ("code", "name", "owner", "region", "park", "cluster", "chain_segment", "industry",
                  "total_investment_wan", "investment_completed_wan", "land_area_mu", "stage", "key_level",
                  "construction_content", "planned_start_date", "planned_completion_date", "planned_production_date",
                  "actual_start_date", "actual_completion_date", "actual_production_date", "responsible_leader",
                  "responsible_unit", "green_channel", "land_secured", "signed_date")


@dataclass(slots=True, eq=False)
class Plan:
    """One project's dates and monthly investment, drawn before it is written (the schedules phase reads them)."""

    stage: str
    total_cents: int
    p_rec: dt.date
    p_start: dt.date
    p_comp: dt.date
    p_prod: dt.date
    a_rec: dt.date | None = None
    a_start: dt.date | None = None
    a_comp: dt.date | None = None
    a_prod: dt.date | None = None
    signed: dt.date | None = None
    land_secured: bool = False
    horizon: int = 12
    first_month: int = 0
    months: list = field(default_factory=list)
    county: DemoCounty | None = None
    park: DemoPark | None = None
    owner: DemoEnterprise | None = None
    pk: int = 0


class _Owners:
    """The demo enterprises indexed by county, city and segment, to draw a project's owner from."""

    def __init__(self, ents: list[DemoEnterprise]):
        self.all = ents
        self.by_county: dict[str, list[DemoEnterprise]] = defaultdict(list)
        self.by_county_above: dict[str, list[DemoEnterprise]] = defaultdict(list)
        self.by_city: dict[str, list[DemoEnterprise]] = defaultdict(list)
        self.by_city_above: dict[str, list[DemoEnterprise]] = defaultdict(list)
        self.by_seg_county: dict[tuple[int, str], list[DemoEnterprise]] = defaultdict(list)
        self.by_seg_city: dict[tuple[int, str], list[DemoEnterprise]] = defaultdict(list)
        for e in ents:
            self.by_county[e.county.code].append(e)
            self.by_city[e.county.city.code].append(e)
            if e.above_scale:
                self.by_county_above[e.county.code].append(e)
                self.by_city_above[e.county.city.code].append(e)
            for s in e.segments:
                self.by_seg_county[(s.pk, e.county.code)].append(e)
                self.by_seg_city[(s.pk, e.county.city.code)].append(e)
        self.above = [e for e in ents if e.above_scale]


def build_projects(ctx: DemoContext) -> None:
    """Projects in every stage, in cities by weight, often in a cluster's segment and a matching park."""
    rng = ctx.rng("projects")
    n = ctx.sizes.projects
    stages: list[str] = []
    for stage, share in STAGE_SHARES:
        stages += [stage] * max(1, round(n * share))
    while len(stages) > n:
        stages.remove("construction")
    while len(stages) < n:
        stages.append("construction")
    rng.shuffle(stages)

    existing_codes = set(Project.objects.values_list("code", flat=True))
    # A project's name is unique within its county (`Project.natural_duplicates`): the names taken, in memory.
    taken_names = set(Project.objects.values_list("region_id", "name"))
    serials: dict[tuple[int, str], int] = {}
    ctx.plans = []
    owners = _Owners(ctx.ents)
    objs: list[tuple] = []
    with ctx.progress.bar("生成项目 projects", n) as bar:
        for stage in stages:
            city = ctx.choose_city(rng)
            cluster = seg = None
            if city.clusters and rng.random() < 0.7:
                cluster = weighted(rng, [(c, c.spec.weight) for c in city.clusters])
                seg = weighted(
                    rng, [(s, 1.3 if s.spec.position == "midstream" else 1.0) for s in cluster.segments]
                )
                industry = rng.choice(seg.spec.codes)
            else:
                industry = ctx.general_industry(rng, city, services=0.05)
            park = ctx.choose_park(rng, city, industry, match_factor=12.0) if rng.random() < 0.82 else None
            county = park.county if park else ctx.choose_county(rng, city)
            owner = _owner(owners, rng, stage, county, seg)

            total = rng.lognormvariate(math.log(16000), 1.05) * (1.3 if seg else 1.0)
            total = min(max(total, 800.0), 3_000_000.0)
            total = round(total / 100) * 100 if total < 10000 else round(total / 500) * 500
            plan = _plan(ctx, rng, stage, total)
            plan.county, plan.park, plan.owner = county, park, owner

            if total >= 100_000:
                key_level = weighted(rng, (("provincial", 55), ("municipal", 40), ("county", 5)))
            elif total >= 30_000:
                key_level = weighted(rng, (("municipal", 50), ("county", 35), ("general", 15)))
            elif total >= 10_000:
                key_level = weighted(rng, (("county", 45), ("general", 45), ("municipal", 10)))
            else:
                key_level = weighted(rng, (("general", 80), ("county", 20)))
            land = round(min(max(total / rng.uniform(220, 480), 5.0), 5000.0), 1)

            record = plan.a_rec or plan.p_rec
            year = min(record.year, ctx.reference_date.year)
            key = (year, county.code)
            serial = serials.get(key, rng.randint(0, 300)) + rng.randint(1, 9)
            division = industry[1:3]
            ptype = "02" if (total >= 200_000 and rng.random() < 0.4) or industry[:3] in ("C25",) else "03"
            if rng.random() < 0.03:
                ptype = "01"
            code = f"{year}-{county.code}-{division}-{ptype}-{serial:06d}"
            while code in existing_codes:
                serial += 1
                code = f"{year}-{county.code}-{division}-{ptype}-{serial:06d}"
            serials[key] = serial
            existing_codes.add(code)

            products = seg.spec.products if seg else DIVISION_PRODUCTS.get(industry[:3], (("智能制造", ""),))
            product, unit = rng.choice(products)
            name = _unique_name(_project_name(rng, product, unit, county, owner), county, owner, park, taken_names)
            leader, unit_name = _responsible(rng, key_level, county, park)
            area = round(land * rng.uniform(0.6, 1.1) / 15, 1)
            content = (
                f"项目总用地约{land:g}亩，总建筑面积约{max(area, 0.2):g}万平方米，主要建设{product}生产厂房、"
                f"研发中心及配套设施，购置生产及检测设备{rng.randint(20, 600)}台（套）。"
            )
            objs.append((
                code,
                name,
                owner.pk if owner else None,
                county.pk,
                park.pk if park else None,
                cluster.pk if cluster else None,
                seg.pk if seg else None,
                ctx.industry_pk[industry],
                dec(plan.total_cents),
                dec(sum(plan.months)),
                Decimal(str(land)),
                stage,
                key_level,
                content,
                plan.p_start,
                plan.p_comp,
                plan.p_prod,
                plan.a_start,
                plan.a_comp,
                plan.a_prod,
                leader,
                unit_name,
                rng.random() < (0.25 if key_level in ("provincial", "municipal") else 0.08),
                plan.land_secured,
                plan.signed,
            ))
            ctx.plans.append(plan)
            bar.update(1)
    first = reserve_ids(Project, len(objs))
    with ctx.progress.bar("写入项目 projects", n) as bar:
        sink = RowSink(Project, ("id", *PROJECT_FIELDS), bar)
        for k, (plan, row) in enumerate(zip(ctx.plans, objs, strict=True)):
            plan.pk = first + k
            sink.add((plan.pk, *row))
        sink.flush()
    ctx.ids["projects"] = [first, first + len(objs) - 1] if objs else []
    ctx.counts["projects"] = len(objs)


def _owner(owners: _Owners, rng: random.Random, stage: str, county: DemoCounty, seg: DemoSegment | None
           ) -> DemoEnterprise | None:
    if stage == "planning" and rng.random() < 0.35:
        return None
    city = county.city.code
    if stage == "statistics":
        lists = [owners.by_county_above[county.code], owners.by_city_above[city], owners.above]
        if seg is not None:
            lists.insert(0, [e for e in owners.by_seg_county.get((seg.pk, county.code), ()) if e.above_scale])
    else:
        lists = [owners.by_county[county.code], owners.by_city[city], owners.all]
        if seg is not None:
            first = owners.by_seg_county.get((seg.pk, county.code)) if rng.random() < 0.6 else None
            lists[:0] = [first or [], owners.by_seg_city.get((seg.pk, city), [])]
        elif rng.random() < 0.2:
            lists.pop(0)
    for candidates in lists:
        if candidates:
            return rng.choice(candidates)
    if stage == "statistics":
        raise DemoDataError("没有规模以上企业可作为入统项目的业主")
    return None


def _project_name(rng: random.Random, product: str, unit: str, county: DemoCounty, owner: DemoEnterprise | None
                  ) -> str:
    place = county.short if not county.name.endswith("区") else county.city.short
    if unit:
        template = rng.choice(PROJECT_TEMPLATES)
        qty = rng.choice(QUANTITIES.get(unit, DEFAULT_QUANTITIES))
        name = template.format(n=qty, unit=unit, product=product, place=place)
    else:
        name = rng.choice(UNITLESS_TEMPLATES).format(product=product, place=place)
    if owner is not None and rng.random() < 0.45 and not name.startswith(place):
        name = f"{_brand(owner)}{name}"
    return name


#: The phases a name repeated in its county takes (二期 … 十期) once the owner's and the park's names are used.
PHASES = tuple(f"{numeral}期" for numeral in "二三四五六七八九十")


def _unique_name(name: str, county: DemoCounty, owner: DemoEnterprise | None, park: DemoPark | None,
                 taken: set[tuple[int, str]]) -> str:
    """The drawn name, or — when the county already has a project so named — the name with the owner's short name
    or the park's in front, or a later phase of it (``…二期项目``); adds it to ``taken``. Draws nothing, so what is
    drawn after it stays as it was."""
    if (county.pk, name) not in taken:
        taken.add((county.pk, name))
        return name
    bases = [name]
    if owner is not None and not name.startswith(brand := _brand(owner)):
        bases.append(f"{brand}{name}")
    if park is not None and not name.startswith(park.short):
        bases.append(f"{park.short}{name}")
    stems = [base[: -len("项目")] if base.endswith("项目") else base for base in bases]
    candidates = [*bases[1:], *(f"{stem}{phase}项目" for phase in PHASES for stem in stems)]
    for candidate in candidates:
        if (county.pk, candidate) not in taken:
            taken.add((county.pk, candidate))
            return candidate
    # Ten phases of every form taken: count the phases on (十一期, 十二期, …).
    k = 11
    while (county.pk, candidate := f"{stems[0]}{_numeral(k)}期项目") in taken:
        k += 1
    taken.add((county.pk, candidate))
    return candidate


def _numeral(k: int) -> str:
    digits = "零一二三四五六七八九"
    tens, ones = divmod(k, 10)
    return f"{digits[tens] if tens > 1 else ''}十{digits[ones] if ones else ''}" if tens else digits[ones]


def _brand(owner: DemoEnterprise) -> str:
    """The owner's short name: its registered name without the province, city or county in front, two characters."""
    brand = owner.name
    for prefix in ("湖南", owner.county.city.short, owner.county.short):
        if brand.startswith(prefix):
            brand = brand[len(prefix) :]
            break
    return brand[:2]


def _responsible(rng: random.Random, key_level: str, county: DemoCounty, park: DemoPark | None) -> tuple[str, str]:
    leader = person(rng)
    city = county.city.name
    head = {"县": "副县长", "区": "副区长", "市": "副市长"}.get(county.name[-1], "副县长")
    if key_level == "provincial":
        return f"{leader}（{city}副市长）", f"{city}发展和改革委员会"
    if key_level == "municipal":
        unit = rng.choice((f"{city}发展和改革委员会", f"{city}工业和信息化局", f"{city}商务局"))
        return f"{leader}（{city}副市长）", unit
    if key_level == "county" or park is None:
        return f"{leader}（{county.name}{head}）", rng.choice(
            (f"{county.name}发展和改革局", f"{county.name}工业和信息化局")
        )
    return f"{leader}（{park.short}管委会副主任）", f"{park.name}管理委员会"


def _plan(ctx: DemoContext, rng: random.Random, stage: str, total_wan: float) -> Plan:
    """Dates and monthly investment consistent with the stage, relative to `ctx.reference_date`."""
    ref = ctx.reference_date
    dp = int(min(max(round(10 + 6 * math.log10(max(total_wan, 1000) / 5000) + rng.uniform(-3, 5)), 6), 36))
    pre = rng.randint(6, 15)
    prod_gap = rng.randint(2, 6)
    w = ctx.window
    plan_kwargs: dict[str, object] = {}
    if stage in ("planning", "reserve", "preconstruction"):
        ahead = {"planning": (10, 30), "reserve": (4, 18), "preconstruction": (-4, 8)}[stage]
        p_start = day_in_month(ctx.ref_month + rng.randint(*ahead), rng.randint(1, 28))
        p_rec = add_months(p_start, -pre)
        a_rec = None
        if stage == "preconstruction" or (stage == "reserve" and p_rec < ref and rng.random() < 0.6):
            a_rec = min(p_rec + dt.timedelta(days=rng.randint(-10, 30)), ref - dt.timedelta(days=20))
        signed = None
        if stage == "preconstruction" and rng.random() < 0.85:
            signed = (a_rec or p_rec) - dt.timedelta(days=rng.randint(15, 90))
        elif stage == "reserve" and rng.random() < 0.55:
            signed = ref - dt.timedelta(days=rng.randint(30, 300))
        land = {"planning": 0.0, "reserve": 0.15, "preconstruction": 0.45}[stage]
        plan_kwargs = dict(a_rec=a_rec, signed=signed, land_secured=rng.random() < land)
        p_comp = add_months(p_start, dp)
        return Plan(
            stage,
            round(total_wan * 100),
            p_rec,
            p_start,
            p_comp,
            add_months(p_comp, prod_gap),
            horizon=dp,
            **plan_kwargs,
        )

    if stage == "construction":
        age = 1 + int(rng.betavariate(1.2, 2.0) * min(w - 1, dp * 1.4))
        a_start = day_in_month(ctx.ref_month - age, rng.randint(1, 28))
        a_comp = a_prod = None
        last = ctx.ref_month - 1
        elapsed = age
        fraction = min(max(elapsed / dp * rng.uniform(0.55, 1.1), 0.02), 0.92)
    else:
        da = max(4, round(dp * rng.uniform(0.9, 1.35)))
        pgap = rng.randint(1, 6) if stage in ("capacity", "statistics") else 0
        da = max(2, min(da, w - 2 - pgap))
        done_gap = rng.randint(1, max(1, min(12, w - 1 - da - pgap)))
        end = day_in_month(ctx.ref_month - done_gap, rng.randint(1, 28))
        if pgap:
            a_prod = end
            a_comp = add_months(end, -pgap) - dt.timedelta(days=rng.randint(0, 10))
        else:
            a_prod, a_comp = None, end
        a_start = add_months(a_comp, -da)
        if month_index(a_start) < ctx.window_first:
            a_start = day_in_month(ctx.window_first, a_start.day)
        last = min(ctx.ref_month - 1, month_index(a_prod) if a_prod else month_index(a_comp) + rng.randint(0, 2))
        fraction = rng.uniform(0.88, 1.0) if stage == "completed" else rng.uniform(0.93, 1.0)
    slip = min(max(round(rng.gauss(25, 40)), -20), 150)
    p_start = a_start - dt.timedelta(days=slip)
    p_comp = add_months(p_start, dp)
    p_prod = add_months(p_comp, prod_gap)
    p_rec = add_months(p_start, -pre)
    a_rec = p_rec + dt.timedelta(days=rng.randint(-10, 30))
    signed = a_rec - dt.timedelta(days=rng.randint(15, 90)) if rng.random() < 0.9 else None
    plan = Plan(
        stage,
        round(total_wan * 100),
        p_rec,
        p_start,
        p_comp,
        p_prod,
        a_rec=a_rec,
        a_start=a_start,
        a_comp=a_comp,
        a_prod=a_prod,
        signed=signed,
        land_secured=True,
        horizon=dp,
    )
    first = month_index(a_start)
    count = last - first + 1
    horizon = max(count, dp) if stage == "construction" else count
    plan.first_month, plan.horizon = first, horizon
    plan.months = _spread(rng, round(plan.total_cents * fraction), count, horizon)
    return plan


def _spread(rng: random.Random, total_cents: int, count: int, horizon: int) -> list[int]:
    """Split an amount over ``count`` months along an S-curve of ``horizon`` months, with idle months."""
    if count <= 0:
        return []
    weights = []
    for i in range(count):
        x = (i + 0.5) / horizon
        w = (math.sin(math.pi * min(x, 1.0)) ** 0.7 + 0.15) * rng.uniform(0.5, 1.5)
        weights.append(0.0 if count > 2 and rng.random() < 0.06 else w)
    if not any(weights):
        weights[-1] = 1.0
    scale = total_cents / sum(weights)
    months = [int(w * scale) for w in weights]
    months[max(range(count), key=lambda k: weights[k])] += total_cents - sum(months)
    return months
