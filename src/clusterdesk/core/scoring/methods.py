"""Scoring methods: indicator values → points per indicator, vectorised over every evaluated unit.

Three normalisations, selectable per evaluation:

* ``ratio`` — ratio to benchmark × weight (单项得分 = 指标值 / 基准值 × 权重); the benchmark is the area's
  value (ratio of sums) or a set value; an optional cap limits one indicator's points to ``cap × weight``.
* ``minmax`` — min–max with a floor: ``weight × (floor + (100 − floor) × (x − min)/(max − min)) / 100``
  (floor 20 by default, so the worst present value still earns 20% of the weight).
* ``zscore`` — the T-score ``weight × (50 + 10 z) / 100`` of the standardised value.

Indicators where lower is better are inverted (benchmark / x, (max − x), −z). A unit without a value gets
the indicator's missing policy: the item's average score (the rule for emission data), zero, or the
lowest score given.
"""

import dataclasses
import enum
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from clusterdesk.core.exceptions import CoreError
from clusterdesk.core.scoring.indicators import Indicator

__all__ = ["Method", "ScoringError", "ScoringMethod", "indicator_points"]

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]


class ScoringError(CoreError):
    """An evaluation is configured wrongly (unknown method, benchmarks of the wrong length, bad weights)."""


class Method(enum.StrEnum):
    """How an indicator value becomes points."""

    RATIO = "ratio"
    MINMAX = "minmax"
    ZSCORE = "zscore"


@dataclasses.dataclass(frozen=True, slots=True)
class ScoringMethod:
    """A scoring method with its parameters.

    ``benchmarks`` (ratio method): one value per indicator, ``None`` for the area's value computed from
    the data. ``cap`` (ratio method): at most ``cap × weight`` points per indicator (``None``: no cap).
    ``floor`` (min–max): the share of the weight the worst present value earns, in percent.
    """

    method: Method = Method.RATIO
    benchmarks: tuple[float | None, ...] | None = None
    cap: float | None = None
    floor: float = 20.0


def _fill_missing(points: FloatArray, present: BoolArray, policy: str, included: BoolArray) -> FloatArray:
    known = points[present & included]
    if policy == "average":
        fill = float(known.mean()) if known.size else 0.0
    elif policy == "min":
        fill = float(known.min()) if known.size else 0.0
    elif policy == "zero":
        fill = 0.0
    else:
        raise ScoringError(f"未知的缺失值规则：{policy}（应为 average、zero 或 min）")
    return np.where(present, points, fill)


def _ratio(x: FloatArray, present: BoolArray, ind: Indicator, benchmark: float, cap: float | None) -> FloatArray:
    if not benchmark > 0:
        return np.where(present, ind.weight, 0.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        if ind.higher_is_better:
            ratio = x / benchmark
        else:
            # A unit at zero on a lower-is-better indicator is the best possible: it takes the cap (or the best ratio).
            ratio = np.where(x > 0, benchmark / np.where(x > 0, x, 1.0), np.inf)
    ratio = np.clip(ratio, 0.0, None)
    finite = ratio[present & np.isfinite(ratio)]
    ceiling = cap if cap is not None else (float(finite.max()) if finite.size else 1.0)
    ratio = np.minimum(np.where(np.isfinite(ratio), ratio, ceiling), ceiling)
    return np.where(present, ratio * ind.weight, 0.0)


def _minmax(x: FloatArray, present: BoolArray, included: BoolArray, ind: Indicator, floor: float) -> FloatArray:
    known = x[present & included]
    if not known.size:
        return np.zeros_like(x)
    low, high = float(known.min()), float(known.max())
    if high == low:
        share = np.ones_like(x)
    else:
        share = (x - low) / (high - low) if ind.higher_is_better else (high - x) / (high - low)
    share = np.clip(share, 0.0, 1.0)
    return np.where(present, ind.weight * (floor + (100.0 - floor) * share) / 100.0, 0.0)


def _zscore(x: FloatArray, present: BoolArray, included: BoolArray, ind: Indicator) -> FloatArray:
    known = x[present & included]
    std = float(known.std()) if known.size else 0.0
    z = (x - float(known.mean())) / std if std > 0 else np.zeros_like(x)
    if not ind.higher_is_better:
        z = -z
    return np.where(present, ind.weight * (50.0 + 10.0 * z) / 100.0, 0.0)


def indicator_points(values: FloatArray, indicators: Sequence[Indicator], method: ScoringMethod,
                     area_values: Sequence[float] | None = None, included: BoolArray | None = None) -> FloatArray:
    """Points per unit and indicator under ``method``.

    Parameters
    ----------
    values : numpy.ndarray
        Indicator matrix of shape ``(n, k)``, ``nan`` where missing.
    indicators : sequence of Indicator
        The ``k`` indicators (weights, direction, missing policy).
    method : ScoringMethod
        The normalisation and its parameters.
    area_values : sequence of float, optional
        The area's value of each indicator (ratio of sums), the default benchmark of the ratio method;
        when omitted the mean of the present values is used.
    included : numpy.ndarray of bool, optional
        Units that set the statistics (min, max, mean, averages); exempt units are scored but set nothing.

    Returns
    -------
    numpy.ndarray
        Points of shape ``(n, k)``.

    Raises
    ------
    ScoringError
        If the benchmarks do not match the indicators or a policy is unknown.

    Examples
    --------
    >>> from clusterdesk.core.scoring.indicators import Indicator
    >>> ind = [Indicator("t", "亩均税收", "tax_wan", "land_mu", 30)]
    >>> v = np.array([[10.0], [20.0], [np.nan]])
    >>> indicator_points(v, ind, ScoringMethod(Method.RATIO, benchmarks=(20.0,))).tolist()
    [[15.0], [30.0], [0.0]]
    >>> indicator_points(v, ind, ScoringMethod(Method.MINMAX)).tolist()
    [[6.0], [30.0], [0.0]]
    """
    n, k = values.shape
    if k != len(indicators):
        raise ScoringError(f"指标矩阵有 {k} 列，但配置了 {len(indicators)} 个指标")
    mask = np.ones(n, dtype=bool) if included is None else np.asarray(included, dtype=bool)
    if method.benchmarks is not None and len(method.benchmarks) != k:
        raise ScoringError(f"基准值有 {len(method.benchmarks)} 个，但配置了 {k} 个指标")
    points = np.zeros((n, k))
    for j, ind in enumerate(indicators):
        x = values[:, j]
        present = ~np.isnan(x)
        if method.method == Method.RATIO:
            bench = method.benchmarks[j] if method.benchmarks is not None else None
            if bench is None:
                known = x[present & mask]
                bench = area_values[j] if area_values is not None else (float(known.mean()) if known.size else 0.0)
            col = _ratio(x, present, ind, float(bench), method.cap)
        elif method.method == Method.MINMAX:
            col = _minmax(x, present, mask, ind, method.floor)
        elif method.method == Method.ZSCORE:
            col = _zscore(x, present, mask, ind)
        else:
            raise ScoringError(f"未知的评分方法：{method.method}")
        points[:, j] = _fill_missing(col, present, ind.missing, mask)
    return points
