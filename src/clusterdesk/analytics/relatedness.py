"""Relatedness through the analytics layer: the engine reads and aggregates, numpy does the matrix algebra.

The long table ``time, loc, prod, val`` is summed per (time, loc, prod) on DuckDB or Spark (so enterprise-level
rows may be given directly); the per-period location × product matrices that result are small (3,000 × 1,400
is 34 MB), so the measures themselves run in `clusterdesk.core.complexity` on the driver. Both backends
therefore give identical results.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
from ibis import _

from clusterdesk.analytics.backends import AnalyticsError
from clusterdesk.analytics.metrics import INDUSTRY_LEVELS, _number, _region
from clusterdesk.core.complexity import complexity_long

__all__ = ["OUTPUT_COLUMNS", "register_values", "relatedness", "relatedness_frame"]

OUTPUT_COLUMNS = ["time", "loc", "prod", "val", "diversity", "ubiquity", "rca", "mcp", "eci", "pci", "density",
                  "coi", "cog"]


def register_values(enterprises: Any, figures: Any, *, region_level: str = "county", industry_level: str = "class",
                    measure: str = "output_wan") -> Any:
    """The long table ``time, loc, prod, val`` of an enterprise register and its yearly figures.

    Parameters
    ----------
    enterprises, figures : ibis.Table
        As for `clusterdesk.analytics.metrics.cluster_metrics`.
    region_level, industry_level : str
    measure : str
        A numeric column of ``figures`` (``output_wan``, ``employees``, ``revenue_wan`` …).

    Returns
    -------
    ibis.Table
    """
    if measure not in figures.columns:
        raise AnalyticsError(f"figures 表没有度量列 {measure!r}")
    width = INDUSTRY_LEVELS[industry_level]
    firms = enterprises.select("enterprise_id", loc=_region(enterprises.region_code.cast("string"), region_level),
                               prod=enterprises.industry_code.cast("string").substr(0, width))
    facts = figures.select("enterprise_id", time=figures.year.cast("int32"), val=_number(figures[measure]))
    rows = facts.join(firms, "enterprise_id")
    return rows.group_by(["time", "loc", "prod"]).aggregate(val=_.val.sum())


def relatedness(table: Any, *, compat: str = "atlas", rca_threshold: float = 1.0) -> pd.DataFrame:
    """Every complexity measure from an Ibis table with columns ``time, loc, prod, val``.

    Parameters
    ----------
    table : ibis.Table
    compat : {"atlas", "ecomplexity"}
    rca_threshold : float

    Returns
    -------
    pandas.DataFrame
        `OUTPUT_COLUMNS`, sorted by time, loc, prod.

    Raises
    ------
    AnalyticsError
        When a column is missing.
    """
    missing = [c for c in ("time", "loc", "prod", "val") if c not in table.columns]
    if missing:
        raise AnalyticsError(
            f"输入缺少列：{', '.join(missing)}（需要 time, loc, prod, val；现有：{', '.join(table.columns)}）")
    summed = table.group_by(["time", "loc", "prod"]).aggregate(val=_.val.cast("float64").sum())
    frame = summed.order_by(["time", "loc", "prod"]).to_pandas()
    return relatedness_frame(frame, compat=compat, rca_threshold=rca_threshold)


def relatedness_frame(frame: pd.DataFrame, *, compat: str = "atlas", rca_threshold: float = 1.0) -> pd.DataFrame:
    """`clusterdesk.core.complexity.complexity_long` on a pandas frame, returned as a sorted frame.

    Parameters
    ----------
    frame : pandas.DataFrame
        Columns ``time, loc, prod, val``.
    compat : {"atlas", "ecomplexity"}
    rca_threshold : float

    Returns
    -------
    pandas.DataFrame
    """
    out = complexity_long(frame["time"].to_numpy(), frame["loc"].astype(str).to_numpy(),
                          frame["prod"].astype(str).to_numpy(), frame["val"].to_numpy(dtype="float64"),
                          compat=compat, rca_threshold=rca_threshold)  # type: ignore[arg-type]
    result = pd.DataFrame(out)[OUTPUT_COLUMNS]
    return result.sort_values(["time", "loc", "prod"], kind="stable").reset_index(drop=True)
