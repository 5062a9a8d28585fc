"""Demonstration yearly figures (年度经营数据) for every enterprise: the five years before the reference date.

The latest year's revenue is the enterprise's recorded annual revenue; earlier years are walked back with a
growth rate drawn per enterprise. The other figures follow from revenue with ratios typical of the
enterprise's industry: energy-intensive divisions use more energy and electricity per 万元, manufacturers
occupy land (service firms mostly rent and report none), small firms rarely report value added, R&D or
emissions. Everything comes from the builder's seeded streams, so it is reproducible.
"""

from __future__ import annotations

import random
from decimal import Decimal

from clusterdesk.enterprises.models import EnterpriseYearFigure

__all__ = ["ENERGY_INTENSIVE_DIVISIONS", "FIGURE_YEARS", "build_year_figures"]

#: Divisions counted as energy-intensive (六大高耗能行业 and their kin), by GB/T 4754 division code.
ENERGY_INTENSIVE_DIVISIONS = frozenset({"25", "26", "28", "30", "31", "32", "44"})
FIGURE_YEARS = 5


def _money(value: float) -> Decimal:
    return Decimal(round(value * 100)) / 100


def _figures(rng: random.Random, ent, year: int, revenue: float, land_mu: float | None) -> EnterpriseYearFigure:
    division = ent.industry[1:3]
    manufacturing = ent.industry[0] in "BCD"
    intensive = division in ENERGY_INTENSIVE_DIVISIONS
    above = revenue >= 2000
    output = revenue * rng.uniform(0.92, 1.12) if manufacturing else None
    energy = revenue * (rng.uniform(0.15, 0.6) if intensive else rng.uniform(0.01, 0.08))
    return EnterpriseYearFigure(
        enterprise_id=ent.pk,
        year=year,
        revenue_wan=_money(revenue),
        output_wan=_money(output) if output is not None else None,
        value_added_wan=_money(revenue * rng.uniform(0.18, 0.38)) if above or rng.random() < 0.2 else None,
        tax_wan=_money(revenue * rng.uniform(0.015, 0.07)),
        employees=max(3, int(revenue / rng.uniform(60, 160))),
        land_mu=_money(land_mu) if land_mu is not None else None,
        energy_tce=_money(energy),
        electricity_wan_kwh=_money(energy * rng.uniform(0.6, 1.1)),
        emissions_t=Decimal(round(energy * rng.uniform(0.0005, 0.004) * 1000)) / 1000
        if manufacturing and rng.random() < 0.85 else None,
        rd_expense_wan=_money(revenue * rng.uniform(0.005, 0.06)) if above and manufacturing else None,
    )


def build_year_figures(ents, *, rng: random.Random, last_year: int, sink) -> int:
    """Write the yearly figures of the generated enterprises ``ents`` through ``sink``; returns the row count."""
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
