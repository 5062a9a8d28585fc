"""Judges' scores to one score per project: weighted totals per judge, then the trimmed mean (去掉一个最高分和一个
最低分), vectorised so that 500 projects × 30 judges aggregate in milliseconds.

Scores are a ``projects × judges × criteria`` array with NaN where a judge has not scored a project. A judge's total
for a project is Σ weight × score over the criteria; a judge who left any criterion of a project blank gives no
total for it. Where at least ``min_judges`` totals are there, the ``trim`` highest and ``trim`` lowest are dropped
before averaging (one each by default, from 3 judges); with fewer, all are averaged.
"""

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from clusterdesk.core.exceptions import CoreError

__all__ = ["Criterion", "ScoresShapeError", "judge_totals", "trimmed_means"]


class ScoresShapeError(CoreError):
    """The scores or the trimming rule do not fit together."""


@dataclass(frozen=True)
class Criterion:
    """A scoring criterion: its key, its label, the most points a judge may give, and its weight.

    Examples
    --------
    >>> Criterion("scale", "投资规模与进度", 30).weight
    1.0
    """

    key: str
    label: str
    max_score: float
    weight: float = 1.0


def judge_totals(scores: NDArray[np.float64], weights: Sequence[float]) -> NDArray[np.float64]:
    """Each judge's weighted total per project (``projects × judges``), NaN where a criterion is blank.

    Returns
    -------
    numpy.ndarray
        The weighted totals, shape ``(projects, judges)``; NaN where the judge left a criterion blank.

    Examples
    --------
    >>> s = np.array([[[20.0, 10.0], [np.nan, 5.0]]])
    >>> judge_totals(s, [1.0, 2.0]).tolist()
    [[40.0, nan]]
    """
    array = np.asarray(scores, dtype=np.float64)
    if array.ndim != 3 or array.shape[2] != len(weights):
        raise ScoresShapeError("scores must be projects × judges × criteria, one weight per criterion")
    return np.asarray(array @ np.asarray(weights, dtype=np.float64), dtype=np.float64)


def trimmed_means(totals: NDArray[np.float64], *, trim: int = 1, min_judges: int = 3
                  ) -> tuple[NDArray[np.float64], NDArray[np.int64]]:
    """The trimmed mean of each project's judge totals, and how many totals it averaged.

    Parameters
    ----------
    totals : ndarray, projects × judges
        NaN where a judge gave no total.
    trim : int
        How many of the highest and of the lowest totals to drop.
    min_judges : int
        Trim only where at least this many totals are there (at least ``2 × trim + 1``).

    Returns
    -------
    means : ndarray
        NaN for a project nobody scored.
    counted : ndarray of int
        The number of totals averaged.

    Examples
    --------
    >>> means, counted = trimmed_means(np.array([[90.0, 80.0, 70.0, 10.0], [90.0, 70.0, np.nan, np.nan]]))
    >>> means.tolist(), counted.tolist()
    ([75.0, 80.0], [2, 2])
    >>> trimmed_means(np.array([[90.0, 80.0, 10.0]]), trim=1, min_judges=4)[0].tolist()
    [60.0]
    """
    if trim < 0 or min_judges < 2 * trim + 1:
        raise ScoresShapeError("min_judges must leave at least one total after trimming")
    array = np.atleast_2d(np.asarray(totals, dtype=np.float64))
    present = ~np.isnan(array)
    n = present.sum(axis=1)
    ordered = np.sort(array, axis=1)  # NaN last
    total = np.where(present, array, 0.0).sum(axis=1)
    trims = (n >= min_judges) & (trim > 0)
    if trim and trims.any():
        cols = np.arange(array.shape[1])
        low = (cols < trim)[None, :]
        high = (cols[None, :] >= (n - trim)[:, None]) & (cols[None, :] < n[:, None])
        dropped = np.where(low | high, np.nan_to_num(ordered), 0.0).sum(axis=1)
        total = np.where(trims, total - dropped, total)
    counted = np.where(trims, n - 2 * trim, n).astype(np.int64)
    with np.errstate(invalid="ignore", divide="ignore"):
        means = np.where(counted > 0, total / np.maximum(counted, 1), np.nan)
    return means, counted
