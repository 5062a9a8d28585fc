"""Composite evaluation of parks (开发区综合评价): indicator system, methods, ranking, movement, consequences.

The default system has the shape of the national economic-development-zone evaluation: opening-up 30%,
development quality 30%, innovation 15%, green development 15%, coordination 10%, each category split
over a few indicators. Everything is configurable: indicators, categories, weights and the method —
ratio to benchmark, min–max, z-score with fixed weights, entropy weights over min–max values, or
TOPSIS closeness. Consequences: the bottom ``n`` in each of the last two years are flagged.
"""

import dataclasses
from collections.abc import Mapping, Sequence

import numpy as np
import numpy.typing as npt

from clusterdesk.core.scoring.classes import competition_rank
from clusterdesk.core.scoring.indicators import Indicator
from clusterdesk.core.scoring.methods import Method, ScoringError, ScoringMethod, indicator_points
from clusterdesk.core.scoring.weights import entropy_weights, topsis

__all__ = [
    "COMPOSITE_METHODS",
    "DEFAULT_CATEGORIES",
    "DEFAULT_PARK_SYSTEM",
    "CompositeIndicator",
    "CompositeResult",
    "bottom_flags",
    "composite_evaluate",
    "rank_movement",
]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

COMPOSITE_METHODS: tuple[str, ...] = ("ratio", "minmax", "zscore", "entropy", "topsis")

#: Category → weight in points, the shape of the national economic-development-zone system.
DEFAULT_CATEGORIES: Mapping[str, float] = {
    "opening_up": 30.0, "development_quality": 30.0, "innovation": 15.0, "green": 15.0, "coordination": 10.0,
}


@dataclasses.dataclass(frozen=True, slots=True)
class CompositeIndicator:
    """One indicator of a composite system: its category and its weight in points of the total 100."""

    key: str
    label: str
    category: str
    weight: float
    higher_is_better: bool = True


DEFAULT_PARK_SYSTEM: tuple[CompositeIndicator, ...] = (
    CompositeIndicator("foreign_capital_wan", "实际使用外资", "opening_up", 15.0),
    CompositeIndicator("trade_wan", "进出口总额", "opening_up", 15.0),
    CompositeIndicator("tax_per_mu", "亩均税收", "development_quality", 12.0),
    CompositeIndicator("value_added_per_mu", "亩均增加值", "development_quality", 10.0),
    CompositeIndicator("output_growth", "工业总产值增速", "development_quality", 8.0),
    CompositeIndicator("rd_intensity", "研发经费投入强度", "innovation", 8.0),
    CompositeIndicator("high_tech_enterprises", "高新技术企业数", "innovation", 7.0),
    CompositeIndicator("energy_per_value_added", "单位增加值能耗", "green", 8.0, higher_is_better=False),
    CompositeIndicator("emissions_per_value_added", "单位增加值排放", "green", 7.0, higher_is_better=False),
    CompositeIndicator("employees_per_mu", "亩均从业人员", "coordination", 5.0),
    CompositeIndicator("land_use_rate", "土地开发率", "coordination", 5.0),
)


@dataclasses.dataclass(frozen=True)
class CompositeResult:
    """Totals, category subtotals (category → array), per-indicator points, ranks and the weights used."""

    totals: FloatArray
    categories: dict[str, FloatArray]
    points: FloatArray
    ranks: IntArray
    weights: FloatArray


def _filled(matrix: FloatArray) -> FloatArray:
    """Missing values take the column's mean (its average), so that entropy and TOPSIS can run."""
    means = np.nanmean(np.where(np.isnan(matrix).all(axis=0), 0.0, matrix), axis=0)
    return np.where(np.isnan(matrix), means, matrix)


def composite_evaluate(matrix: FloatArray, system: Sequence[CompositeIndicator] = DEFAULT_PARK_SYSTEM,
                       method: str = "minmax", benchmarks: Sequence[float | None] | None = None) -> CompositeResult:
    """Score units (parks) on a composite indicator system.

    Parameters
    ----------
    matrix : numpy.ndarray
        Shape ``(n, k)``, one column per indicator of ``system``; ``nan`` where missing (item average).
    system : sequence of CompositeIndicator
        Indicators with categories and weights (points of 100).
    method : str
        ``"ratio"``, ``"minmax"`` (floor 0: 0…weight), ``"zscore"``, ``"entropy"`` (entropy weights over
        min–max values, scaled to 100 points) or ``"topsis"`` (closeness × 100, system weights).
    benchmarks : sequence of float or None, optional
        Benchmarks of the ratio method (``None``: the mean).

    Returns
    -------
    CompositeResult
        Totals in points, subtotals per category, points per indicator, competition ranks, weights used.

    Raises
    ------
    ScoringError
        If the method is unknown or the matrix does not match the system.

    Examples
    --------
    >>> sys = (CompositeIndicator("a", "A", "x", 60.0), CompositeIndicator("b", "B", "y", 40.0, False))
    >>> r = composite_evaluate(np.array([[10.0, 1.0], [5.0, 2.0], [0.0, 3.0]]), sys)
    >>> r.totals.tolist(), r.ranks.tolist(), r.categories["y"].tolist()
    ([100.0, 50.0, 0.0], [1, 2, 3], [40.0, 20.0, 0.0])
    """
    values = np.asarray(matrix, dtype=float)
    if values.ndim != 2 or values.shape[1] != len(system):
        raise ScoringError(f"指标矩阵形状 {values.shape} 与指标体系的 {len(system)} 个指标不符")
    if method not in COMPOSITE_METHODS:
        raise ScoringError(f"未知的综合评价方法：{method}（可选 {'、'.join(COMPOSITE_METHODS)}）")
    directions = [ind.higher_is_better for ind in system]
    weights = np.array([ind.weight for ind in system], dtype=float)
    as_items = [Indicator(ind.key, ind.label, "", "", ind.weight, ind.higher_is_better, "average") for ind in system]
    if method in ("ratio", "minmax", "zscore"):
        scoring = ScoringMethod(Method(method), tuple(benchmarks) if benchmarks is not None else None, floor=0.0)
        points = indicator_points(values, as_items, scoring)
    else:
        filled = _filled(values)
        if method == "entropy":
            weights = entropy_weights(filled, directions) * 100.0
            unit = [dataclasses.replace(item, weight=float(w)) for item, w in zip(as_items, weights, strict=True)]
            points = indicator_points(filled, unit, ScoringMethod(Method.MINMAX, floor=0.0))
        else:
            closeness = topsis(filled, weights, directions) * 100.0
            points = closeness[:, None] * (weights / weights.sum())[None, :]
    totals = points.sum(axis=1)
    categories: dict[str, FloatArray] = {}
    for j, ind in enumerate(system):
        categories[ind.category] = categories.get(ind.category, np.zeros(len(totals))) + points[:, j]
    return CompositeResult(totals, categories, points, competition_rank(totals), weights)


def rank_movement(previous: Mapping[str, int], current: Mapping[str, int]) -> dict[str, int | None]:
    """Year-on-year movement of each unit's rank: positive when it climbed, ``None`` when new.

    Parameters
    ----------
    previous, current : mapping of str to int
        Unit → rank (1 is best) last year and this year.

    Returns
    -------
    dict of str to int or None
        Unit → places gained (negative: lost).

    Examples
    --------
    >>> rank_movement({"a": 3, "b": 1}, {"a": 1, "b": 2, "c": 3})
    {'a': 2, 'b': -1, 'c': None}
    """
    return {unit: (previous[unit] - rank if unit in previous else None) for unit, rank in current.items()}


def bottom_flags(ranks_by_year: Mapping[int, Mapping[str, int]], year: int, bottom_n: int = 3,
                 years: int = 2) -> list[str]:
    """Units in the bottom ``bottom_n`` of the ranking in each of the ``years`` years ending with ``year``.

    Ties at the boundary count as in the bottom (a tied unit ranks as well as its best tie, so the
    bottom ``n`` is the set whose rank is worse than ``count − n``).

    Parameters
    ----------
    ranks_by_year : mapping of int to mapping of str to int
        Year → unit → rank.
    year : int
        The last year considered.
    bottom_n : int
        How many places at the bottom count.
    years : int
        How many consecutive years (two in the national rule).

    Returns
    -------
    list of str
        Flagged units, sorted.

    Examples
    --------
    >>> history = {2023: {"a": 1, "b": 2, "c": 3}, 2024: {"a": 3, "b": 1, "c": 2}}
    >>> bottom_flags(history, 2024, bottom_n=2)
    ['c']
    """
    flagged: set[str] | None = None
    for y in range(year - years + 1, year + 1):
        ranks = ranks_by_year.get(y)
        if not ranks:
            return []
        limit = len(ranks) - bottom_n
        bottom = {unit for unit, rank in ranks.items() if rank > limit}
        flagged = bottom if flagged is None else flagged & bottom
    return sorted(flagged or ())
