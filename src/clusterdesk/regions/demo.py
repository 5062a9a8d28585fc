"""The regions phase of the demo build: the province's cities and counties, read from the reference data.

It checks that the reference regions are loaded, chooses the cities of the scale (every city of the province, or
the quick demo's four) and at most ``max_counties`` counties, and gives each county a drawing weight (districts
weigh more). Later phases place parks, enterprises and projects in them.
"""

from __future__ import annotations

from collections import defaultdict

from clusterdesk.common.registry import DemoPhase, registry
from clusterdesk.demo.context import DemoCity, DemoContext, DemoCounty, DemoDataError
from clusterdesk.demo.draws import short_city, short_county

from .models import Region

__all__ = ["build_regions", "register"]


def build_regions(ctx: DemoContext) -> None:
    """Read the province's cities and counties into ``ctx.cities`` and ``ctx.counties``."""
    province = Region.objects.filter(code=ctx.province_code).first()
    if province is None:
        raise DemoDataError(
            "行政区划参考数据未加载，请先运行 `clusterdesk load-refdata`（或 `python -m django load_refdata`）。"
            " / Regions are missing: run `clusterdesk load-refdata` (python -m django load_refdata) first."
        )
    rows = list(
        Region.objects.filter(code__startswith=ctx.province_code[:2])
        .order_by("code")
        .values("pk", "code", "name", "full_name", "level", "parent__code", "longitude", "latitude")
    )
    ctx.province_pk = province.pk
    ctx.region_pk = dict(Region.objects.values_list("code", "pk"))
    ctx.province_county_pks = [r["pk"] for r in rows if r["level"] == Region.Level.COUNTY]
    wanted = set(ctx.sizes.cities) if ctx.sizes.cities else None
    for r in rows:
        if r["level"] == Region.Level.CITY and (wanted is None or r["code"] in wanted):
            ctx.cities[r["code"]] = DemoCity(r["code"], r["name"], short_city(r["name"]), r["pk"])
    if wanted and set(ctx.cities) != wanted:
        raise DemoDataError(f"区划表缺少城市 {sorted(wanted - set(ctx.cities))}，请重新运行 load-refdata。")
    city_shorts = {c.short for c in ctx.cities.values()}
    by_city: dict[str, list] = defaultdict(list)
    city_points = {r["code"]: (r["longitude"], r["latitude"]) for r in rows}
    for r in rows:
        city = ctx.cities.get(r["parent__code"] or "")
        if r["level"] == Region.Level.COUNTY and city is not None and r["name"] != "市辖区":
            lon, lat = r["longitude"], r["latitude"]
            if lon is None or lat is None:
                lon, lat = city_points.get(city.code, (None, None))
            by_city[city.code].append(DemoCounty(r["code"], r["name"], r["full_name"],
                                                 short_county(r["name"], city_shorts), r["pk"], city, lon, lat))
    if ctx.sizes.max_counties is not None:
        keep = {code: len(v) for code, v in by_city.items()}
        total = sum(keep.values())
        while total > ctx.sizes.max_counties:
            code = max(keep, key=lambda c: (keep[c], c))
            keep[code] -= 1
            total -= 1
        by_city = {code: v[: keep[code]] for code, v in by_city.items()}
    rng = ctx.rng("regions")
    for city in ctx.cities.values():
        city.counties = by_city.get(city.code, [])
        for county in city.counties:
            county.weight = rng.uniform(0.5, 1.5) * (1.4 if county.name.endswith("区") else 1.0)
            ctx.counties[county.code] = county
    if not ctx.counties:
        raise DemoDataError("区划表中没有湖南省的区县，请重新运行 load-refdata。")
    ctx.set_city_weights()


def register() -> None:
    """Register the regions phase (called from `RegionsConfig.ready`)."""
    registry.register_demo_phase(DemoPhase("regions", build_regions, 10))
