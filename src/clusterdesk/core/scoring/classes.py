"""Classes A/B/C/D from scores: by rank bands or by score thresholds, with vetoes and exemptions.

Rank bands (defaults from real rules: A the top 20%, B 20–60%, C 60–95%, D the bottom 5%; some
provinces use 25/70/95) are applied to the competition rank: units with equal totals share the best
rank among them, so a tie never splits across a band boundary and the tied units all take the better
class. A unit ranked ``r`` of ``n`` is in band A when ``r ≤ 0.20 n``, B when ``r ≤ 0.60 n``, C when
``r ≤ 0.95 n``, else D. A veto (a major safety or environmental accident) makes a unit D whatever its
score; an exempt unit (utilities, enterprises under two years old, projects still in construction)
is kept out of the ranking and gets no class (``""``), and does not count in ``n``.
"""

import dataclasses

import numpy as np
import numpy.typing as npt

from clusterdesk.core.scoring.methods import ScoringError

__all__ = [
    "CLASSES",
    "RANK_BANDS_20_60_95",
    "RANK_BANDS_25_70_95",
    "Classing",
    "classify",
    "competition_rank",
]

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
IntArray = npt.NDArray[np.int64]

CLASSES: tuple[str, ...] = ("A", "B", "C", "D")
RANK_BANDS_20_60_95: tuple[float, float, float] = (0.20, 0.60, 0.95)
RANK_BANDS_25_70_95: tuple[float, float, float] = (0.25, 0.70, 0.95)


@dataclasses.dataclass(frozen=True, slots=True)
class Classing:
    """How totals become classes: ``"rank"`` with cumulative ``bands`` (A, B, C upper shares), or
    ``"threshold"`` with minimum totals for A, B and C (below the C threshold is D)."""

    mode: str = "rank"
    bands: tuple[float, float, float] = RANK_BANDS_20_60_95
    thresholds: tuple[float, float, float] = (80.0, 60.0, 40.0)

    def __post_init__(self) -> None:
        if self.mode not in ("rank", "threshold"):
            raise ScoringError(f"未知的分类方式：{self.mode}（应为 rank 或 threshold）")
        a, b, c = self.bands
        if not 0 <= a <= b <= c <= 1:
            raise ScoringError(f"分档比例须满足 0 ≤ A ≤ B ≤ C ≤ 1，实为 {self.bands}")
        ta, tb, tc = self.thresholds
        if not ta >= tb >= tc:
            raise ScoringError(f"分数线须满足 A ≥ B ≥ C，实为 {self.thresholds}")


def competition_rank(totals: FloatArray, included: BoolArray | None = None) -> IntArray:
    """Rank totals from the best (1); equal totals share the best rank ("1224" ranking); excluded get 0.

    Parameters
    ----------
    totals : numpy.ndarray
        Scores, higher is better.
    included : numpy.ndarray of bool, optional
        Units taking part in the ranking.

    Returns
    -------
    numpy.ndarray of int
        The rank of each unit; 0 for units not ranked.

    Examples
    --------
    >>> competition_rank(np.array([90.0, 95.0, 90.0, 70.0])).tolist()
    [2, 1, 2, 4]
    >>> competition_rank(np.array([90.0, 95.0]), np.array([True, False])).tolist()
    [1, 0]
    """
    mask = np.ones(len(totals), dtype=bool) if included is None else np.asarray(included, dtype=bool)
    ranks = np.zeros(len(totals), dtype=np.int64)
    ranked = np.asarray(totals, dtype=float)[mask]
    if ranked.size:
        ordered = np.sort(-ranked)
        ranks[mask] = np.searchsorted(ordered, -ranked, side="left") + 1
    return ranks


def classify(totals: FloatArray, classing: Classing | None = None, *, vetoed: BoolArray | None = None,
             exempt: BoolArray | None = None) -> tuple[list[str], IntArray]:
    """Give each unit its class and rank.

    Parameters
    ----------
    totals : numpy.ndarray
        Total scores.
    classing : Classing
        Rank bands or thresholds.
    vetoed : numpy.ndarray of bool, optional
        Units with a veto item: class D (they stay in the ranking, at their score).
    exempt : numpy.ndarray of bool, optional
        Units kept out of the ranking: no class, rank 0.

    Returns
    -------
    (list of str, numpy.ndarray of int)
        Class of each unit (``""`` for exempt ones) and its competition rank.

    Examples
    --------
    >>> totals = np.arange(100.0, 80.0, -1.0)          # 20 distinct scores
    >>> classes, ranks = classify(totals)
    >>> "".join(classes)
    'AAAABBBBBBBBCCCCCCCD'
    >>> classes, _ = classify(np.array([90.0, 50.0, 30.0]), Classing("threshold", thresholds=(80, 60, 40)))
    >>> classes
    ['A', 'C', 'D']
    """
    classing = classing or Classing()
    n = len(totals)
    totals = np.asarray(totals, dtype=float)
    excluded = np.zeros(n, dtype=bool) if exempt is None else np.asarray(exempt, dtype=bool)
    ranks = competition_rank(totals, ~excluded)
    if classing.mode == "rank":
        count = int((~excluded).sum())
        a, b, c = (share * count + 1e-9 for share in classing.bands)
        index = np.where(ranks <= a, 0, np.where(ranks <= b, 1, np.where(ranks <= c, 2, 3)))
    else:
        ta, tb, tc = classing.thresholds
        index = np.where(totals >= ta, 0, np.where(totals >= tb, 1, np.where(totals >= tc, 2, 3)))
    if vetoed is not None:
        index = np.where(np.asarray(vetoed, dtype=bool), 3, index)
    labels = np.array(CLASSES, dtype=object)[index]
    labels[excluded] = ""
    return [str(label) for label in labels.tolist()], ranks

