"""The parks phase of the demo build: development zones with their level, type, land and positioning.

The spec's real parks come first (in the built counties), then a provincial park in every county without one, then
themed municipal parks until the scale's count; each park's leading and featured industries obey the positioning
rule of its level (三主两特 / 两主两特), checked with `clusterdesk.core.positioning` before anything is written.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from itertools import accumulate

from clusterdesk.common.registry import DemoPhase, registry
from clusterdesk.core.positioning import positioning_errors
from clusterdesk.demo.context import DemoContext, DemoCounty, DemoDataError, DemoPark, choice_cum, weighted
from clusterdesk.demo.spec import CITY_POOLS, CITY_WEIGHTS, INDUSTRY_LABELS, REAL_PARKS

from .models import Park, ParkIndustry

__all__ = ["build_parks", "delete_parks", "register"]


def build_parks(ctx: DemoContext) -> None:
    """The real parks of the built counties, a provincial park in every county without one, then themed parks."""
    rng = ctx.rng("parks")
    target = ctx.sizes.parks
    taken = set(Park.objects.values_list("name", flat=True))
    parks: list[DemoPark] = []

    def add(park: DemoPark) -> None:
        errors = positioning_errors(level=park.level, leading=park.leading, featured=park.featured)
        if errors:
            raise DemoDataError(f"园区 {park.name} 的产业定位不合规：{errors}")
        if park.name in taken:
            park.name = f"{park.name}（演示）"
        taken.add(park.name)
        parks.append(park)
        park.county.parks.append(park)
        park.county.city.parks.append(park)

    for spec in REAL_PARKS:
        county = ctx.counties.get(spec.county)
        if county is None or len(parks) >= target:
            continue
        add(
            DemoPark(
                spec.name,
                spec.short_name,
                spec.level,
                spec.park_type,
                county,
                spec.leading,
                spec.featured,
                spec.established_year,
                spec.featured_status,
            )
        )
    for county in ctx.counties.values():
        if len(parks) >= target:
            break
        if not county.parks:
            add(_provincial_park(rng, county))
    county_list = list(ctx.counties.values())
    county_cum = list(
        accumulate(
            c.weight * CITY_WEIGHTS.get(c.city.code, 3.0) / max(1, len(c.city.counties)) for c in county_list
        )
    )
    attempts = 0
    while len(parks) < target:
        attempts += 1
        if attempts > target * 50:
            raise DemoDataError("无法生成足够的不重名园区")
        park = _themed_park(rng, choice_cum(rng, county_list, county_cum), taken)
        if park is not None:
            add(park)

    objs, industry_rows = [], []
    for p in parks:
        county = p.county
        if p.level == "national":
            planned = rng.uniform(3000, 8000) if p.park_type == "bonded" else rng.uniform(15000, 60000)
        elif p.level == "provincial":
            planned = rng.uniform(4000, 20000)
        else:
            planned = rng.uniform(800, 6000)
        planned = round(planned / 10) * 10
        built = round(planned * rng.uniform(0.45, 0.85))
        available = round((planned - built) * rng.uniform(0.25, 0.7))
        p.weight = {"national": 5.0, "provincial": 2.5}.get(p.level, 1.0) * rng.uniform(0.7, 1.3)
        if p.park_type == "bonded":
            p.weight = 0.5
        lon = round(county.lon + rng.uniform(-0.04, 0.04), 5) if county.lon is not None else None
        lat = round(county.lat + rng.uniform(-0.04, 0.04), 5) if county.lat is not None else None
        objs.append(
            Park(
                name=p.name,
                short_name=p.short,
                level=p.level,
                park_type=p.park_type,
                region_id=county.pk,
                planned_area_mu=Decimal(planned),
                built_area_mu=Decimal(built),
                available_land_mu=Decimal(available),
                longitude=lon,
                latitude=lat,
                featured_status=p.featured_status,
                established_date=dt.date(p.established_year, rng.randint(1, 12), 1),
                management_body=f"{p.name}管理委员会",
            )
        )
    Park.objects.bulk_create(objs)
    for p, obj in zip(parks, objs, strict=True):
        p.pk = obj.pk
        industry_rows += [
            ParkIndustry(park_id=p.pk, industry_id=ctx.industry_pk[c], role="leading") for c in p.leading
        ]
        industry_rows += [
            ParkIndustry(park_id=p.pk, industry_id=ctx.industry_pk[c], role="featured") for c in p.featured
        ]
    ParkIndustry.objects.bulk_create(industry_rows)
    ctx.parks = parks
    ctx.ids["parks"] = [p.pk for p in parks]
    ctx.counts.update(parks=len(parks), park_industries=len(industry_rows))


def _pool(county: DemoCounty) -> list[str]:
    pool = list(CITY_POOLS.get(county.city.code, ("C34", "C13", "C30")))
    for cluster in county.city.clusters:
        pool = list(cluster.spec.leading) + [c for c in pool if c not in cluster.spec.leading]
    return pool


def _provincial_park(rng: random.Random, county: DemoCounty) -> DemoPark:
    pool = _pool(county)
    prefix = county.short if not county.name.endswith("区") else county.city.short + county.short
    kind = weighted(rng, (("经济开发区", 50), ("高新技术产业开发区", 40), ("工业集中区", 10)))
    park_type = {"经济开发区": "economic_development", "高新技术产业开发区": "high_tech"}.get(kind, "industrial")
    short = prefix + {"经济开发区": "经开区", "高新技术产业开发区": "高新区"}.get(kind, kind)
    leading = tuple(_distinct(rng, pool[:6], rng.choice((1, 2, 2))))
    rest = [c for c in pool + ["C13", "C30", "C33", "C34", "C38"] if not _overlaps(c, leading)]
    featured = tuple(_distinct(rng, rest, rng.choice((0, 1, 1, 2))))
    status = weighted(rng, (("none", 77), ("cultivation", 15), ("certified", 8)))
    return DemoPark(
        prefix + kind, short, "provincial", park_type, county, leading, featured, rng.randint(1995, 2012), status
    )


def _themed_park(rng: random.Random, county: DemoCounty, taken: set[str]) -> DemoPark | None:
    pool = [c for c in _pool(county) if c in INDUSTRY_LABELS]
    theme = rng.choice(pool)
    label = INDUSTRY_LABELS[theme]
    prefix = county.short if not county.name.endswith("区") else county.city.short + county.short
    for suffix in ("产业园", "产业基地", "特色产业园", "科技产业园", "产业集聚区"):
        name = f"{prefix}{label}{suffix}"
        if name not in taken:
            break
    else:
        return None
    rest = [c for c in pool if not _overlaps(c, (theme,))]
    leading = (theme, *_distinct(rng, rest, rng.choice((0, 1))))
    rest = [c for c in rest if not _overlaps(c, leading)]
    featured = tuple(_distinct(rng, rest, rng.choice((0, 1, 1, 2))))
    park_type = "chemical" if theme.startswith(("C25", "C26")) else "industrial"
    status = weighted(rng, (("none", 45), ("cultivation", 30), ("certified", 25)))
    return DemoPark(
        name,
        f"{county.short}{label}{suffix}",
        "municipal",
        park_type,
        county,
        leading,
        featured,
        rng.randint(2005, 2022),
        status,
    )


def _distinct(rng: random.Random, pool: list[str], k: int) -> list[str]:
    """Up to k codes from the pool, none a prefix of another (so no code is both leading and featured)."""
    chosen: list[str] = []
    for code in rng.sample(pool, len(pool)):
        if len(chosen) >= k:
            break
        if not _overlaps(code, chosen):
            chosen.append(code)
    return chosen


def _overlaps(code: str, chosen) -> bool:
    return any(code.startswith(c) or c.startswith(code) for c in chosen)


def delete_parks(ids) -> dict[str, int]:
    """Delete the demo parks (after the enterprises and projects in them)."""
    deleted = Park.objects.filter(pk__in=ids.get("parks") or []).delete()[1]
    return {"parks": deleted.get("parks.Park", 0)}


def register() -> None:
    """Register the parks phase (called from `ParksConfig.ready`)."""
    registry.register_demo_phase(DemoPhase("parks", build_parks, 30, delete=delete_parks))
