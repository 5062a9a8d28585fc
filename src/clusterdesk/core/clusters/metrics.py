"""Cluster metrics: location quotient, growth, shift-share, peer specialisation, strong-cluster flags, quadrants.

These are the definitions, on numpy arrays; `clusterdesk.analytics` writes the same measures as Ibis
expressions for DuckDB and Spark, and its tests check both against these functions.

* LQ of region r in industry i: ``(E_ri / E_r) / (E_Ni / E_N)`` against a reference N (the nation, the
  province, or a peer set of regions).
* CAGR from year 0 to year t: ``(E_t / E_0) ** (1 / t) − 1``.
* Shift-share from a base year: national growth ``E_0 (G − 1)``, industry mix ``E_0 (g_i − G)`` and regional
  shift (the competitive effect) ``E_t − E_0 g_i``, where ``G`` and ``g_i`` are the reference's total and
  industry growth factors; they add up to ``E_t − E_0``. ``E_0 g_i`` is what the cluster would have had at
  the reference rate.
* Strong clusters as the U.S. Cluster Mapping defines them, among comparable regions (same level) in the same
  industry and year: LQ at or above the 75th percentile, employment and enterprises above their 25th
  percentiles, and LQ ≥ 1; percentiles interpolate linearly between order statistics. The thresholds are
  configurable defaults (`StrongClusterRule`).
* Quadrants: high or low share (LQ ≥ 1 or not) × rising or falling (growth rate above zero or not), so that the
  上升/下降 label agrees with the sign of the growth rate shown beside it.
"""

from dataclasses import dataclass
from typing import Final

import numpy as np
import numpy.typing as npt

__all__ = [
    "QUADRANTS",
    "ShiftShare",
    "StrongClusterRule",
    "cagr",
    "location_quotient",
    "peer_location_quotient",
    "percentile",
    "quadrant",
    "shift_share",
    "strong_cluster_flags",
]

Array = npt.NDArray[np.float64]
QUADRANTS: Final = ("high_rising", "high_falling", "low_rising", "low_falling")


def location_quotient(local: npt.ArrayLike, local_total: npt.ArrayLike, reference: npt.ArrayLike,
                      reference_total: npt.ArrayLike) -> Array:
    """Location quotient ``(local / local_total) / (reference / reference_total)``; NaN where undefined.

    Parameters
    ----------
    local, local_total, reference, reference_total : array_like
        The region's value in the industry and in all industries; the reference's, likewise.

    Returns
    -------
    numpy.ndarray

    Examples
    --------
    >>> round(float(location_quotient(300, 1000, 5000, 100000)), 9)
    6.0
    """
    with np.errstate(divide="ignore", invalid="ignore"):
        result: Array = (np.asarray(local, dtype=float) / np.asarray(local_total, dtype=float)) / (
            np.asarray(reference, dtype=float) / np.asarray(reference_total, dtype=float))
    return np.where(np.isfinite(result), result, np.nan)


def cagr(start: npt.ArrayLike, end: npt.ArrayLike, years: npt.ArrayLike) -> Array:
    """Compound annual growth rate; NaN for a non-positive start or zero years.

    Parameters
    ----------
    start, end : array_like
    years : array_like
        Years between the two values.

    Returns
    -------
    numpy.ndarray

    Examples
    --------
    >>> round(float(cagr(100, 121, 2)), 6)
    0.1
    """
    s, e, y = (np.asarray(a, dtype=float) for a in (start, end, years))
    with np.errstate(divide="ignore", invalid="ignore"):
        result: Array = np.power(e / s, 1.0 / y) - 1.0
    return np.where((s > 0) & (y > 0) & np.isfinite(result), result, np.nan)


@dataclass(frozen=True)
class ShiftShare:
    """The three shift-share components and the value expected at the reference industry rate."""

    national_growth: Array
    industry_mix: Array
    regional_shift: Array
    expected: Array


def shift_share(base: npt.ArrayLike, end: npt.ArrayLike, reference_industry_base: npt.ArrayLike,
                reference_industry_end: npt.ArrayLike, reference_total_base: npt.ArrayLike,
                reference_total_end: npt.ArrayLike) -> ShiftShare:
    """Classic shift-share decomposition of a cluster's change against a reference (nation or province).

    Parameters
    ----------
    base, end : array_like
        The cluster's value in the base and the end year.
    reference_industry_base, reference_industry_end : array_like
        The reference's value in the same industry.
    reference_total_base, reference_total_end : array_like
        The reference's value over all industries.

    Returns
    -------
    ShiftShare
        Components add up to ``end − base``.

    Examples
    --------
    >>> s = shift_share(100, 150, 1000, 1200, 10000, 11000)
    >>> [round(float(v), 6) for v in (s.national_growth, s.industry_mix, s.regional_shift, s.expected)]
    [10.0, 10.0, 30.0, 120.0]
    """
    b, e = np.asarray(base, dtype=float), np.asarray(end, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        g_total = np.asarray(reference_total_end, dtype=float) / np.asarray(reference_total_base, dtype=float)
        g_industry = np.asarray(reference_industry_end, dtype=float) / np.asarray(reference_industry_base, dtype=float)
    expected = b * g_industry
    return ShiftShare(b * (g_total - 1.0), b * (g_industry - g_total), e - expected, expected)


def peer_location_quotient(values: npt.ArrayLike, totals: npt.ArrayLike, region: int,
                           peers: npt.ArrayLike) -> Array:
    """Specialisation of one region against a peer set (e.g. a city against the 27 central cities).

    Parameters
    ----------
    values : array_like, shape (R, I)
        Value of every region in every industry.
    totals : array_like, shape (R,)
        Value of every region over all industries.
    region : int
        Row of the region.
    peers : array_like of int
        Rows of the peer regions (the region itself may be among them or not).

    Returns
    -------
    numpy.ndarray, shape (I,)

    Examples
    --------
    >>> peer_location_quotient([[30, 70], [10, 90], [20, 80]], [100, 100, 100], 0, [1, 2]).round(3).tolist()
    [2.0, 0.824]
    """
    v = np.asarray(values, dtype=float)
    t = np.asarray(totals, dtype=float)
    idx = np.asarray(peers, dtype=int)
    return location_quotient(v[region], t[region], v[idx].sum(axis=0), t[idx].sum())


def percentile(values: npt.ArrayLike, q: float) -> float:
    """Percentile with linear interpolation between order statistics (numpy's and SQL ``percentile_cont``).

    Parameters
    ----------
    values : array_like
        NaN values are ignored.
    q : float
        Between 0 and 100.

    Returns
    -------
    float
        NaN for no values.

    Examples
    --------
    >>> percentile([1, 2, 3, 4], 75)
    3.25
    """
    v = np.asarray(values, dtype=float)
    v = v[~np.isnan(v)]
    return float(np.percentile(v, q, method="linear")) if v.size else float("nan")


@dataclass(frozen=True)
class StrongClusterRule:
    """Thresholds of the strong-cluster test (configurable; defaults from the U.S. Cluster Mapping)."""

    lq_percentile: float = 75.0
    employment_percentile: float = 25.0
    enterprises_percentile: float = 25.0
    minimum_lq: float = 1.0


def strong_cluster_flags(lq: npt.ArrayLike, employment: npt.ArrayLike, enterprises: npt.ArrayLike,
                         rule: StrongClusterRule = StrongClusterRule()) -> npt.NDArray[np.bool_]:
    """Which of a set of comparable regions (one industry, one year) hold a strong cluster.

    Parameters
    ----------
    lq, employment, enterprises : array_like, shape (R,)
    rule : StrongClusterRule

    Returns
    -------
    numpy.ndarray of bool

    Examples
    --------
    >>> strong_cluster_flags([0.5, 1.2, 2.0, 3.0, 0.9], [10, 50, 5, 80, 40], [1, 5, 1, 8, 4]).tolist()
    [False, False, False, True, False]
    """
    lq_a, emp, ent = (np.asarray(a, dtype=float) for a in (lq, employment, enterprises))
    return (
        (lq_a >= percentile(lq_a, rule.lq_percentile))
        & (emp > percentile(emp, rule.employment_percentile))
        & (ent > percentile(ent, rule.enterprises_percentile))
        & (lq_a >= rule.minimum_lq)
    )


def quadrant(lq: float, growth: float | None, *, high: float = 1.0) -> str | None:
    """Quadrant label: high/low share (LQ ≥ ``high``) × rising/falling (the sign of the growth rate).

    "Rising" (上升) means the growth rate shown beside the label (the CAGR from the base year) is above zero;
    no growth or a decline is "falling" (下降), so the label always agrees with the sign of the figure.

    Parameters
    ----------
    lq : float
    growth : float or None
        The growth rate (0.05 for 5 %); None or NaN without a base year to grow from.
    high : float, default 1.0

    Returns
    -------
    str or None
        One of `QUADRANTS`, or None without a growth rate.

    Examples
    --------
    >>> quadrant(1.4, 0.08), quadrant(1.4, -0.02), quadrant(0.8, -0.1), quadrant(1.0, None)
    ('high_rising', 'high_falling', 'low_falling', None)
    """
    if growth is None or np.isnan(growth) or np.isnan(lq):
        return None
    return ("high" if lq >= high else "low") + ("_rising" if growth > 0 else "_falling")
