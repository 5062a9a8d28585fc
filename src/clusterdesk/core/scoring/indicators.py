"""Per-mu indicators (亩均效益指标) computed from an enterprise's or a park's yearly figures.

The six indicators of the per-mu evaluation ("亩均论英雄") and the two used for enterprises below the
size threshold are ratios of yearly figures. Figures arrive as float arrays, one row per evaluated
unit, with ``nan`` for a figure that was not reported; a ratio with a missing or zero denominator is
``nan`` (missing), never an error, so that the missing-data policy of the scoring method decides.
"""

import dataclasses
from collections.abc import Mapping, Sequence

import numpy as np
import numpy.typing as npt

__all__ = [
    "ABOVE_SCALE_INDICATORS",
    "BELOW_SCALE_INDICATORS",
    "FIGURE_FIELDS",
    "Indicator",
    "aggregate_figures",
    "per_mu_indicators",
]

FloatArray = npt.NDArray[np.float64]

#: The yearly figures the indicators are made from (names follow ``EnterpriseYearFigure``).
FIGURE_FIELDS: tuple[str, ...] = (
    "revenue_wan", "output_wan", "value_added_wan", "tax_wan", "employees", "land_mu", "energy_tce",
    "electricity_wan_kwh", "emissions_t", "rd_expense_wan",
)


@dataclasses.dataclass(frozen=True, slots=True)
class Indicator:
    """One evaluation indicator: ``numerator / denominator`` of two figures, with a weight in points.

    ``higher_is_better`` False inverts the indicator (energy per unit of output, say). ``missing`` says
    what a unit without the figure scores: ``"average"`` (the item's average score, the rule for
    emission data), ``"zero"`` or ``"min"`` (the lowest score given).
    """

    key: str
    label: str
    numerator: str
    denominator: str
    weight: float
    higher_is_better: bool = True
    missing: str = "zero"
    scale: float = 1.0


#: The six indicators with the real weights 30/20/20/10/10/10 (configurable defaults).
ABOVE_SCALE_INDICATORS: tuple[Indicator, ...] = (
    Indicator("tax_per_mu", "亩均税收", "tax_wan", "land_mu", 30),
    Indicator("value_added_per_mu", "亩均增加值", "value_added_wan", "land_mu", 20),
    Indicator("labour_productivity", "全员劳动生产率", "value_added_wan", "employees", 20),
    Indicator("value_added_per_energy", "单位能耗增加值", "value_added_wan", "energy_tce", 10),
    Indicator("value_added_per_emission", "单位排放增加值", "value_added_wan", "emissions_t", 10, missing="average"),
    Indicator("rd_intensity", "研发经费支出占主营业务收入比重", "rd_expense_wan", "revenue_wan", 10, scale=100.0),
)

#: Enterprises below the size threshold: tax per mu and tax per kWh (weights 70/30 by default).
BELOW_SCALE_INDICATORS: tuple[Indicator, ...] = (
    Indicator("tax_per_mu", "亩均税收", "tax_wan", "land_mu", 70),
    Indicator("tax_per_kwh", "单位电耗税收", "tax_wan", "electricity_wan_kwh", 30),
)


def per_mu_indicators(figures: Mapping[str, Sequence[float] | FloatArray],
                      indicators: Sequence[Indicator] = ABOVE_SCALE_INDICATORS) -> FloatArray:
    """Compute the indicator matrix: one row per unit, one column per indicator.

    Parameters
    ----------
    figures : mapping of str to array
        Figure name → values (``nan`` where missing), all of the same length.
    indicators : sequence of Indicator
        The indicators to compute, in column order.

    Returns
    -------
    numpy.ndarray
        Shape ``(n, len(indicators))``; ``nan`` where a figure is missing or a denominator is zero or negative.

    Examples
    --------
    >>> m = per_mu_indicators({"tax_wan": [100.0, 50.0], "land_mu": [20.0, 0.0]}, ABOVE_SCALE_INDICATORS[:1])
    >>> m.tolist()
    [[5.0], [nan]]
    """
    n = len(next(iter(figures.values()))) if figures else 0
    out = np.full((n, len(indicators)), np.nan)
    for j, ind in enumerate(indicators):
        num = np.asarray(figures.get(ind.numerator, np.full(n, np.nan)), dtype=float)
        den = np.asarray(figures.get(ind.denominator, np.full(n, np.nan)), dtype=float)
        with np.errstate(divide="ignore", invalid="ignore"):
            ratio = np.where(den > 0, num / np.where(den > 0, den, 1.0), np.nan)
        out[:, j] = ratio * ind.scale
    return out


def aggregate_figures(figures: Mapping[str, Sequence[float] | FloatArray],
                      groups: Sequence[int] | npt.NDArray[np.int64], n_groups: int) -> dict[str, FloatArray]:
    """Sum each figure over groups (a park's enterprises), treating missing figures as absent.

    A group where no member reported a figure gets ``nan`` for it, so a park's ratio is the ratio of sums
    over the members that reported — the per-mu basis of a park's evaluation.

    Parameters
    ----------
    figures : mapping of str to array
        Figure name → values per member.
    groups : array of int
        Group index of each member, in ``range(n_groups)``.
    n_groups : int
        The number of groups.

    Returns
    -------
    dict of str to numpy.ndarray
        Figure name → sums per group.

    Examples
    --------
    >>> s = aggregate_figures({"tax_wan": [1.0, 2.0, float("nan")]}, [0, 0, 1], 2)
    >>> s["tax_wan"].tolist()
    [3.0, nan]
    """
    index = np.asarray(groups, dtype=np.int64)
    result: dict[str, FloatArray] = {}
    for name, values in figures.items():
        arr = np.asarray(values, dtype=float)
        present = ~np.isnan(arr)
        sums = np.bincount(index[present], weights=arr[present], minlength=n_groups)
        counts = np.bincount(index[present], minlength=n_groups)
        result[name] = np.where(counts > 0, sums, np.nan)
    return result
