"""One per-mu evaluation (亩均效益评价) end to end: figures → indicators → points → totals → classes.

Vectorised with numpy so that a province's 200,000 enterprises are scored and classed in well under
a second. Bonus and penalty points are added to the indicator points; a veto item puts a unit in D;
exempt units are scored for information but kept out of the statistics and of the ranking.
"""

import dataclasses
from collections.abc import Mapping, Sequence

import numpy as np
import numpy.typing as npt

from clusterdesk.core.scoring.classes import Classing, classify
from clusterdesk.core.scoring.indicators import ABOVE_SCALE_INDICATORS, Indicator, per_mu_indicators
from clusterdesk.core.scoring.methods import ScoringMethod, indicator_points

__all__ = ["Evaluation", "area_values", "evaluate"]

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
IntArray = npt.NDArray[np.int64]
Figures = Mapping[str, Sequence[float] | FloatArray]
DEFAULT_METHOD = ScoringMethod()
DEFAULT_CLASSING = Classing()


@dataclasses.dataclass(frozen=True)
class Evaluation:
    """The result of an evaluation: indicator values and points per unit, totals, ranks and classes."""

    indicators: tuple[Indicator, ...]
    values: FloatArray
    points: FloatArray
    totals: FloatArray
    ranks: IntArray
    classes: list[str]


def area_values(figures: Figures, indicators: Sequence[Indicator], included: BoolArray | None = None) -> list[float]:
    """The area's value of each indicator: the sum of numerators over the sum of denominators.

    Only units that reported both figures count, so a unit without energy data does not dilute the
    area's value added per tonne of coal.

    Parameters
    ----------
    figures : mapping of str to array
        Figure name → values per unit.
    indicators : sequence of Indicator
        The indicators.
    included : numpy.ndarray of bool, optional
        Units that count (exempt units do not).

    Returns
    -------
    list of float
        One value per indicator (``nan`` where nothing was reported).

    Examples
    --------
    >>> area_values({"tax_wan": [10.0, 30.0], "land_mu": [10.0, 10.0]}, ABOVE_SCALE_INDICATORS[:1])
    [2.0]
    """
    n = len(next(iter(figures.values()))) if figures else 0
    mask = np.ones(n, dtype=bool) if included is None else np.asarray(included, dtype=bool)
    result = []
    for ind in indicators:
        num = np.asarray(figures.get(ind.numerator, np.full(n, np.nan)), dtype=float)
        den = np.asarray(figures.get(ind.denominator, np.full(n, np.nan)), dtype=float)
        both = mask & ~np.isnan(num) & ~np.isnan(den) & (den > 0)
        total = float(den[both].sum())
        result.append(float(num[both].sum()) / total * ind.scale if total > 0 else float("nan"))
    return result


def evaluate(figures: Figures, indicators: Sequence[Indicator] = ABOVE_SCALE_INDICATORS,
             method: ScoringMethod = DEFAULT_METHOD, classing: Classing = DEFAULT_CLASSING, *,
             bonus: Sequence[float] | FloatArray | None = None, penalty: Sequence[float] | FloatArray | None = None,
             vetoed: Sequence[bool] | BoolArray | None = None,
             exempt: Sequence[bool] | BoolArray | None = None) -> Evaluation:
    """Score and class every unit.

    Parameters
    ----------
    figures : mapping of str to array
        Yearly figures per unit (see `FIGURE_FIELDS`), ``nan`` where not reported.
    indicators : sequence of Indicator
        Indicators with weights; defaults to the six of the per-mu evaluation (30/20/20/10/10/10).
    method : ScoringMethod
        Ratio to benchmark (default), min–max with a floor, or z-score.
    classing : Classing
        Rank bands (default 20/60/95) or thresholds.
    bonus, penalty : array of float, optional
        Points added and subtracted per unit.
    vetoed : array of bool, optional
        Units with a veto item (class D).
    exempt : array of bool, optional
        Units kept out of the ranking.

    Returns
    -------
    Evaluation
        Values, points, totals, ranks and classes.

    Examples
    --------
    >>> figures = {"tax_wan": [300.0, 100.0, 50.0, 10.0], "land_mu": [10.0, 10.0, 10.0, 10.0]}
    >>> ind = ABOVE_SCALE_INDICATORS[:1]
    >>> result = evaluate(figures, ind, classing=Classing(bands=(0.25, 0.5, 0.75)))
    >>> result.totals.round(2).tolist(), result.classes
    ([78.26, 26.09, 13.04, 2.61], ['A', 'B', 'C', 'D'])
    """
    inds = tuple(indicators)
    values = per_mu_indicators(figures, inds)
    n = values.shape[0]
    included = np.ones(n, dtype=bool) if exempt is None else ~np.asarray(exempt, dtype=bool)
    points = indicator_points(values, inds, method, area_values(figures, inds, included), included)
    totals = points.sum(axis=1)
    if bonus is not None:
        totals = totals + np.nan_to_num(np.asarray(bonus, dtype=float))
    if penalty is not None:
        totals = totals - np.nan_to_num(np.asarray(penalty, dtype=float))
    veto = None if vetoed is None else np.asarray(vetoed, dtype=bool)
    classes, ranks = classify(totals, classing, vetoed=veto, exempt=~included)
    return Evaluation(inds, values, points, totals, ranks, classes)
