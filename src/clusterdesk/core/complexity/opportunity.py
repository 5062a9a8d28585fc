"""Which industries a location can grow next: rank absent products by density, complexity and outlook gain.

The Atlas-style opportunity score weighs three standardised terms over a location's candidate products
(those it does not have, ``M = 0``): closeness (density, i.e. 1 − distance), complexity (PCI) and opportunity
gain (COG). The presets are configurable defaults; any weights summing to a positive number are accepted.
"""

from dataclasses import dataclass
from typing import Final

import numpy as np

from clusterdesk.core.complexity.measures import ComplexityError, ComplexityResult

__all__ = ["OPPORTUNITY_PRESETS", "SORT_KEYS", "Opportunity", "opportunity_weights", "rank_opportunities"]

#: (density, complexity, gain) weights; "near" ranks on density alone ("near what we already do well").
OPPORTUNITY_PRESETS: Final[dict[str, tuple[float, float, float]]] = {
    "near": (1.0, 0.0, 0.0),
    "low_hanging": (0.60, 0.15, 0.25),
    "balanced": (0.50, 0.25, 0.25),
    "long_jumps": (0.40, 0.30, 0.30),
}

#: Single-measure sort keys: rank on one standardised term only.
SORT_KEYS: Final[dict[str, tuple[float, float, float]]] = {
    "density": (1.0, 0.0, 0.0),
    "complexity": (0.0, 1.0, 0.0),
    "gain": (0.0, 0.0, 1.0),
}


def opportunity_weights(choice: str) -> tuple[float, float, float]:
    """The (density, complexity, gain) weights of a sort key, a preset or a typed ``"a,b,c"`` weighting.

    Parameters
    ----------
    choice : str
        A key of `SORT_KEYS` (one measure), of `OPPORTUNITY_PRESETS`, or three non-negative numbers separated
        by commas (full-width commas accepted) with a positive sum.

    Returns
    -------
    tuple of three floats

    Raises
    ------
    ComplexityError
        For anything else.

    Examples
    --------
    >>> opportunity_weights("gain"), opportunity_weights("balanced")
    ((0.0, 0.0, 1.0), (0.5, 0.25, 0.25))
    >>> opportunity_weights("2，1，1")
    (2.0, 1.0, 1.0)
    """
    key = choice.strip()
    if key in SORT_KEYS:
        return SORT_KEYS[key]
    if key in OPPORTUNITY_PRESETS:
        return OPPORTUNITY_PRESETS[key]
    parts = key.replace("，", ",").split(",")
    try:
        values = tuple(float(p) for p in parts)
    except ValueError:
        raise ComplexityError(f"无法识别的排序方式或权重：{choice!r}") from None
    if len(values) != 3 or min(values) < 0 or sum(values) <= 0 or any(v != v for v in values):
        raise ComplexityError(f"权重须为三个非负数且和为正：{choice!r}")
    return values[0], values[1], values[2]


@dataclass(frozen=True)
class Opportunity:
    """One candidate product of a location, with its terms and score."""

    product: int
    density: float
    pci: float
    cog: float
    score: float


def _z(values: np.ndarray) -> np.ndarray:
    sd = values.std()
    return np.zeros_like(values) if sd == 0 or not np.isfinite(sd) else (values - values.mean()) / sd


def rank_opportunities(
    result: ComplexityResult,
    location: int,
    *,
    weights: tuple[float, float, float] | str = "near",
    limit: int | None = None,
) -> list[Opportunity]:
    """Rank the products a location lacks, best first.

    Parameters
    ----------
    result : ComplexityResult
        From `complexity`.
    location : int
        Row index of the location.
    weights : tuple of three floats or str, default "near"
        Weights of standardised density, PCI and COG, or the name of a preset in `OPPORTUNITY_PRESETS`.
        With "near" the ranking is by density alone.
    limit : int, optional
        Keep only the first ``limit`` candidates.

    Returns
    -------
    list of Opportunity
        Sorted by score, then density, then product index.

    Raises
    ------
    ComplexityError
        For an unknown preset, negative weights or a location index out of range.

    Examples
    --------
    >>> from clusterdesk.core.complexity import complexity
    >>> r = complexity([[5, 3, 2, 0], [4, 4, 0, 1], [6, 0, 1, 1], [0, 2, 3, 4]])
    >>> [o.product for o in rank_opportunities(r, 2)]
    [1, 2, 3]
    """
    if isinstance(weights, str):
        if weights not in OPPORTUNITY_PRESETS:
            raise ComplexityError(f"未知的机会权重预设 {weights!r}，可选：{', '.join(OPPORTUNITY_PRESETS)}")
        weights = OPPORTUNITY_PRESETS[weights]
    w = np.asarray(weights, dtype=np.float64)
    if w.shape != (3,) or (w < 0).any() or w.sum() <= 0:
        raise ComplexityError(f"权重须为三个非负数且和为正：{weights}")
    if not 0 <= location < result.mcp.shape[0]:
        raise ComplexityError(f"地区下标 {location} 超出范围 0..{result.mcp.shape[0] - 1}")
    candidates = np.flatnonzero(result.mcp[location] == 0)
    if candidates.size == 0:
        return []
    dens = result.density[location, candidates]
    pci = np.nan_to_num(result.pci[candidates])
    cog = np.nan_to_num(result.cog[location, candidates])
    score = (w[0] * _z(dens) + w[1] * _z(pci) + w[2] * _z(cog)) / w.sum()
    order = np.lexsort((candidates, -dens, -score))
    ranked = [
        Opportunity(int(candidates[i]), float(dens[i]), float(pci[i]), float(cog[i]), float(score[i])) for i in order
    ]
    return ranked[:limit] if limit is not None else ranked
