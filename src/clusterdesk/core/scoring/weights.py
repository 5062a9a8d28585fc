"""Objective weights and distance-based ranking: the entropy weight method and TOPSIS.

Both are offered as alternatives to fixed weights in the composite evaluation of parks. Columns are
indicators; ``higher_is_better`` gives each column's direction. Missing values are not allowed here:
fill them first (the item's average is the usual choice).
"""

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from clusterdesk.core.scoring.methods import ScoringError

__all__ = ["entropy_weights", "topsis"]

FloatArray = npt.NDArray[np.float64]


def _check(matrix: FloatArray, directions: Sequence[bool]) -> FloatArray:
    values = np.asarray(matrix, dtype=float)
    if values.ndim != 2 or values.shape[1] != len(directions):
        raise ScoringError(f"矩阵形状 {values.shape} 与 {len(directions)} 个指标方向不符")
    if np.isnan(values).any():
        raise ScoringError("矩阵含缺失值：请先按规则填补（如取该项平均值）")
    return values


def entropy_weights(matrix: FloatArray, higher_is_better: Sequence[bool]) -> FloatArray:
    """Weights by the entropy method: indicators that discriminate more between units weigh more.

    Each column is min–max normalised in its direction (shifted by 1e-12 so that logarithms exist), turned
    into shares ``p``; its entropy is ``e = −Σ p ln p / ln n`` and its weight ``(1 − e) / Σ (1 − e)``. A
    column where every unit is equal carries no information and gets weight 0; if all are, weights are equal.

    Parameters
    ----------
    matrix : numpy.ndarray
        Shape ``(n, k)``, ``n ≥ 2``.
    higher_is_better : sequence of bool
        Direction of each column.

    Returns
    -------
    numpy.ndarray
        ``k`` weights summing to 1.

    Raises
    ------
    ScoringError
        If the shape is wrong, fewer than two units are given, or a value is missing.

    Examples
    --------
    >>> w = entropy_weights(np.array([[1.0, 5.0], [2.0, 5.0], [3.0, 5.0]]), [True, True])
    >>> w.round(3).tolist()
    [1.0, 0.0]
    """
    values = _check(matrix, higher_is_better)
    n, k = values.shape
    if n < 2:
        raise ScoringError("熵权法至少需要 2 个评价对象")
    low, high = values.min(axis=0), values.max(axis=0)
    span = np.where(high > low, high - low, 1.0)
    direction = np.asarray(higher_is_better, dtype=bool)
    norm = np.where(direction, (values - low) / span, (high - values) / span)
    norm = np.where(high > low, norm, 0.0) + 1e-12
    shares = norm / norm.sum(axis=0)
    entropy = -(shares * np.log(shares)).sum(axis=0) / np.log(n)
    diversity = np.where(high > low, 1.0 - entropy, 0.0)
    total = diversity.sum()
    return diversity / total if total > 0 else np.full(k, 1.0 / k)


def topsis(matrix: FloatArray, weights: Sequence[float] | FloatArray, higher_is_better: Sequence[bool]) -> FloatArray:
    """Closeness of each unit to the ideal solution (TOPSIS), in [0, 1], higher is better.

    Columns are vector-normalised and weighted; the ideal takes each column's best value, the anti-ideal
    its worst; closeness is ``d⁻ / (d⁺ + d⁻)``. Units all equal get 0.5.

    Parameters
    ----------
    matrix : numpy.ndarray
        Shape ``(n, k)``.
    weights : sequence of float
        ``k`` non-negative weights (normalised here).
    higher_is_better : sequence of bool
        Direction of each column.

    Returns
    -------
    numpy.ndarray
        ``n`` closeness coefficients.

    Raises
    ------
    ScoringError
        If shapes disagree, weights are negative or all zero, or a value is missing.

    Examples
    --------
    >>> topsis(np.array([[10.0, 1.0], [5.0, 2.0], [0.0, 3.0]]), [0.5, 0.5], [True, False]).round(3).tolist()
    [1.0, 0.5, 0.0]
    """
    values = _check(matrix, higher_is_better)
    w = np.asarray(weights, dtype=float)
    if w.shape != (values.shape[1],) or (w < 0).any() or w.sum() <= 0:
        raise ScoringError(f"权重须为 {values.shape[1]} 个非负数且不全为 0")
    norms = np.sqrt((values ** 2).sum(axis=0))
    weighted = values / np.where(norms > 0, norms, 1.0) * (w / w.sum())
    direction = np.asarray(higher_is_better, dtype=bool)
    best = np.where(direction, weighted.max(axis=0), weighted.min(axis=0))
    worst = np.where(direction, weighted.min(axis=0), weighted.max(axis=0))
    d_best = np.sqrt(((weighted - best) ** 2).sum(axis=1))
    d_worst = np.sqrt(((weighted - worst) ** 2).sum(axis=1))
    total = d_best + d_worst
    return np.where(total > 0, d_worst / np.where(total > 0, total, 1.0), 0.5)
