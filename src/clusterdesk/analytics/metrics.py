"""Cluster metrics as Ibis expressions: one definition, run on DuckDB by default and on Spark unchanged.

Input tables:

* ``enterprises``: ``enterprise_id``, ``region_code`` (GB/T 2260, six digits, the county), ``industry_code``
  (GB/T 4754 class such as ``C3841``);
* ``figures``: ``enterprise_id``, ``year``, ``employees``, ``output_wan`` (one row per enterprise and year);
* optionally ``clusters``: ``cluster``, ``industry_code`` (class), to measure clusters instead of industries;
  an enterprise in several clusters counts in each.

Output, one row per region × industry (or cluster) × year: ``enterprises``, ``employment``, ``output_wan``,
the region's and the reference's totals, ``share_province``, ``share_nation``, ``lq`` (of the chosen measure
against the nation), ``cagr`` and the shift-share components from the base year, the strong-cluster
percentiles and flag, the strength rank among comparable regions, the LQ of the year before
(``lq_previous``) and the quadrant (share × the sign of ``cagr``).
The definitions are those of `clusterdesk.core.clusters`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final

import ibis
from ibis import _

from clusterdesk.analytics.choices import INDUSTRY_LEVELS, MEASURES, REGION_LEVELS, AnalyticsError
from clusterdesk.core.clusters import StrongClusterRule

__all__ = [
    "INDUSTRY_LEVELS",
    "MEASURES",
    "REGION_LEVELS",
    "ClusterMetricsOptions",
    "cluster_metrics",
    "peer_specialisation",
]

KEYS: Final = ("year", "region", "industry")


@dataclass(frozen=True)
class ClusterMetricsOptions:
    """What to measure: region and industry level, the measure behind LQ, base year and strong-cluster rule."""

    region_level: str = "county"
    industry_level: str = "class"
    measure: str = "employees"
    base_year: int | None = None
    rule: StrongClusterRule = StrongClusterRule()
    materialise: bool = True  # cache the cells table in the engine (DuckDB temp table, Spark persist)


def _region(code: Any, level: str) -> Any:
    digits = REGION_LEVELS[level]
    return code if digits == 6 else code.substr(0, digits).concat("0" * (6 - digits))


def _number(column: Any) -> Any:
    """A float column with NaN read as missing (pandas writes missing floats as NaN; Spark keeps NaN in sums)."""
    value = column.cast("float64")
    if column.type().is_integer():
        return value
    return ibis.ifelse(value.isnan(), ibis.null("float64"), value)


def _check(options: ClusterMetricsOptions, enterprises: Any, figures: Any) -> None:
    if options.region_level not in REGION_LEVELS:
        raise AnalyticsError(f"未知的地区层级 {options.region_level!r}，可选：{', '.join(REGION_LEVELS)}")
    if options.industry_level not in INDUSTRY_LEVELS:
        raise AnalyticsError(f"未知的行业层级 {options.industry_level!r}，可选：{', '.join(INDUSTRY_LEVELS)}")
    if options.measure not in MEASURES:
        raise AnalyticsError(f"未知的度量 {options.measure!r}，可选：{', '.join(MEASURES)}")
    for name, table, columns in (
        ("enterprises", enterprises, ("enterprise_id", "region_code", "industry_code")),
        ("figures", figures, ("enterprise_id", "year", "employees", "output_wan")),
    ):
        missing = [c for c in columns if c not in table.columns]
        if missing:
            raise AnalyticsError(f"{name} 表缺少列：{', '.join(missing)}（现有：{', '.join(table.columns)}）")


def _cells(enterprises: Any, figures: Any, options: ClusterMetricsOptions, clusters: Any | None) -> tuple[Any, Any]:
    """Figures joined to their enterprise's region and industry, and the all-industry base for totals."""
    firms = enterprises.select(
        "enterprise_id",
        region=_region(enterprises.region_code.cast("string"), options.region_level),
        industry_code=enterprises.industry_code.cast("string"),
    )
    facts = figures.select(
        "enterprise_id",
        year=figures.year.cast("int32"),
        employment=_number(figures.employees),
        output_wan=_number(figures.output_wan),
    )
    base = facts.join(firms, "enterprise_id")
    if clusters is None:
        width = INDUSTRY_LEVELS[options.industry_level]
        # class codes are five characters already: no substring to compute over every figure row
        code = base.industry_code
        labelled = base.mutate(industry=code if options.industry_level == "class" else code.substr(0, width))
    else:
        mapping = clusters.select(cluster_code=clusters.industry_code.cast("string"),
                                  industry=clusters.cluster.cast("string"))
        labelled = base.join(mapping, base.industry_code == mapping.cluster_code).drop("cluster_code")
    cells = labelled.group_by(list(KEYS)).aggregate(
        enterprises=_.count(),
        employment=_.employment.sum(),
        output_wan=_.output_wan.sum(),
    )
    return cells, base


def cluster_metrics(
    enterprises: Any,
    figures: Any,
    *,
    options: ClusterMetricsOptions | None = None,
    clusters: Any | None = None,
) -> Any:
    """The cluster-metrics table for every region × industry (or cluster) × year, as an Ibis expression.

    Parameters
    ----------
    enterprises, figures : ibis.Table
        See the module docstring for the columns.
    options : ClusterMetricsOptions, optional
    clusters : ibis.Table, optional
        ``cluster``, ``industry_code``: measure clusters made of industry classes instead of industries.

    Returns
    -------
    ibis.Table
        Ordered by year, region, industry when executed with ``.order_by(...)``; see the module docstring.

    Raises
    ------
    AnalyticsError
        For an unknown level or measure, or a missing input column.
    """
    options = options or ClusterMetricsOptions()
    _check(options, enterprises, figures)
    measure = MEASURES[options.measure]
    cells, base = _cells(enterprises, figures, options, clusters)
    cells = cells.mutate(value=cells[measure], province=cells.region.substr(0, 2))
    if options.materialise:
        cells = cells.cache()  # every later step reads the cells; the join over the figures runs once
    # Totals over all industries: the cells add up to them, unless clusters cover only some industries.
    totals = cells if clusters is None else base.mutate(value=base[measure])
    region_total = totals.group_by(["year", "region"]).aggregate(region_total=_.value.sum())
    nation_total = totals.group_by("year").aggregate(nation_total=_.value.sum())
    nation_industry = cells.group_by(["year", "industry"]).aggregate(nation_industry=_.value.sum())
    province_industry = cells.group_by(["year", "province", "industry"]).aggregate(province_industry=_.value.sum())

    t = (
        cells.join(region_total, ["year", "region"])
        .join(nation_total, "year")
        .join(nation_industry, ["year", "industry"])
        .join(province_industry, ["year", "province", "industry"])
    )
    t = t.mutate(
        share_province=t.value / t.province_industry,
        share_nation=t.value / t.nation_industry,
        lq=(t.value / t.region_total) / (t.nation_industry / t.nation_total),
    )
    t = _growth(t, cells, nation_total, nation_industry, options)
    t = _strength(t, options.rule, options.materialise)
    return t.drop("value", "province")


def _growth(t: Any, cells: Any, nation_total: Any, nation_industry: Any, options: ClusterMetricsOptions) -> Any:
    if options.base_year is None:
        by = cells.aggregate(base_year=_.year.min())
    else:
        by = cells.select(base_year=ibis.literal(options.base_year, type="int32")).distinct()
    base_cells = cells.cross_join(by).filter(_.year == _.base_year).select("region", "industry", base_value=_.value)
    base_total = nation_total.cross_join(by).filter(_.year == _.base_year).select(
        base_nation_total=_.nation_total)
    base_industry = nation_industry.cross_join(by).filter(_.year == _.base_year).select(
        "industry", base_nation_industry=_.nation_industry)
    t = t.cross_join(by).left_join(base_cells, ["region", "industry"]).drop("region_right", "industry_right")
    t = t.cross_join(base_total).left_join(base_industry, "industry").drop("industry_right")
    years = (t.year - t.base_year).cast("float64")
    growth_total = t.nation_total / t.base_nation_total
    growth_industry = t.nation_industry / t.base_nation_industry
    ratio = t.value / t.base_value
    return t.mutate(
        cagr=ibis.ifelse((years > 0) & (t.base_value > 0), ratio.pow(1.0 / years) - 1.0, ibis.null("float64")),
        expected=t.base_value * growth_industry,
        national_growth=t.base_value * (growth_total - 1.0),
        industry_mix=t.base_value * (growth_industry - growth_total),
        regional_shift=t.value - t.base_value * growth_industry,
    ).drop("base_nation_total", "base_nation_industry")


def _strength(t: Any, rule: StrongClusterRule, materialise: bool) -> Any:
    cuts = t.group_by(["year", "industry"]).aggregate(
        lq_p=_.lq.quantile(rule.lq_percentile / 100),
        employment_p=_.employment.quantile(rule.employment_percentile / 100),
        enterprises_p=_.enterprises.cast("float64").quantile(rule.enterprises_percentile / 100),
    )
    t = t.join(cuts, ["year", "industry"])
    t = t.mutate(
        strong=(t.lq >= t.lq_p) & (t.employment > t.employment_p) & (t.enterprises > t.enterprises_p)
        & (t.lq >= rule.minimum_lq)
    )
    if materialise:
        t = t.cache()  # read three times below
    # Windows sort their whole rows: rank a narrow projection and join it back; the previous year's LQ is a join.
    by_rank = ibis.window(group_by=["year", "industry"],
                          order_by=[ibis.desc("strong"), ibis.desc("lq"), ibis.desc("value"), "region"])
    narrow = t.select("year", "industry", "region", "strong", "lq", "value")
    ranks = narrow.select("year", "industry", "region", rank=ibis.row_number().over(by_rank) + 1)
    previous = t.select("region", "industry", next_year=(t.year + 1).cast("int32"), lq_previous=t.lq)
    t = t.join(ranks, ["year", "industry", "region"])
    t = t.left_join(previous, [t.region == previous.region, t.industry == previous.industry,
                               t.year == previous.next_year]).drop("region_right", "industry_right", "next_year")
    high = ibis.ifelse(t.lq >= 1.0, "high", "low")
    # Rising or falling by the sign of the growth rate shown beside the label (core.clusters.quadrant).
    trend = ibis.ifelse(t.cagr > 0, "_rising", "_falling")
    return t.mutate(quadrant=ibis.ifelse(t.cagr.isnull() | t.lq.isnull(), ibis.null("string"), high.concat(trend)))


def peer_specialisation(metrics: Any, *, region: str, peers: list[str]) -> Any:
    """LQ of one region against a peer set of regions, per industry and year, from `cluster_metrics` output.

    Parameters
    ----------
    metrics : ibis.Table
        Output of `cluster_metrics` (uses ``value`` columns ``employment`` and ``region_total``).
    region : str
        Region code at the level of ``metrics``.
    peers : list of str
        Region codes of the peer set.

    Returns
    -------
    ibis.Table
        ``year, industry, value, peer_value, peer_lq``.

    Raises
    ------
    AnalyticsError
        When the peer set is empty.
    """
    if not peers:
        raise AnalyticsError("对标地区集合为空")
    peer_rows = metrics.filter(metrics.region.isin(peers))
    peer_industry = peer_rows.group_by(["year", "industry"]).aggregate(peer_value=_.employment.sum())
    peer_totals = (peer_rows.select("year", "region", "region_total").distinct()
                   .group_by("year").aggregate(peer_total=_.region_total.sum()))
    own = metrics.filter(metrics.region == region).select("year", "industry", "employment", "region_total")
    t = own.join(peer_industry, ["year", "industry"]).join(peer_totals, "year")
    return t.select(
        "year", "industry", value=t.employment, peer_value=t.peer_value,
        peer_lq=(t.employment / t.region_total) / (t.peer_value / t.peer_total),
    )
