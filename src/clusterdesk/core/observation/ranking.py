"""Rankings of a round: projects by score, counties and parks by their projects' average and best score, ties
sharing a rank (1, 2, 2, 4: standard competition ranking) and listed in a stable order, and movement against the
previous round of the series.
"""

from collections import defaultdict
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

__all__ = ["GroupRank", "Ranked", "group_rankings", "movement", "ordered_keys", "rank"]

K = TypeVar("K", bound=Hashable)


@dataclass(frozen=True)
class Ranked(Generic[K]):
    """One ranked entry: its key, its score (rounded as compared), its rank."""

    key: K
    score: float
    rank: int


@dataclass(frozen=True)
class GroupRank(Generic[K]):
    """A county's or park's place: its projects' average and best score and the rank by each."""

    key: K
    projects: int
    average: float
    best: float
    rank: int
    best_rank: int


def rank(scores: Mapping[K, float], *, order: Mapping[K, str] | None = None, decimals: int = 2) -> list[Ranked[K]]:
    """Rank by score, highest first; scores equal once rounded to ``decimals`` share a rank (1, 2, 2, 4).

    Ties are listed by ``order`` (a name: stable, whatever the input order), then by key.

    Returns
    -------
    list of Ranked
        The entries in ranking order, ties sharing a rank.

    Examples
    --------
    >>> [(r.key, r.rank) for r in rank({"乙": 88.0, "甲": 90.0, "丙": 88.004, "丁": 70.0})]
    [('甲', 1), ('丙', 2), ('乙', 2), ('丁', 4)]
    """
    rounded = {key: round(float(value), decimals) for key, value in scores.items()}
    names = order or {}
    keys = sorted(rounded, key=lambda k: (-rounded[k], names.get(k, ""), str(k)))
    ranked: list[Ranked[K]] = []
    for index, key in enumerate(keys):
        place = ranked[-1].rank if ranked and ranked[-1].score == rounded[key] else index + 1
        ranked.append(Ranked(key, rounded[key], place))
    return ranked


def movement(current: Mapping[K, int], previous: Mapping[K, int]) -> dict[K, int | None]:
    """Places gained since the previous round (positive: up); ``None`` for an entry new to the ranking.

    Returns
    -------
    dict
        Places gained per key (negative: down), ``None`` for a key new to the ranking.

    Examples
    --------
    >>> movement({"a": 1, "b": 2, "c": 3}, {"a": 2, "b": 1})
    {'a': 1, 'b': -1, 'c': None}
    """
    return {key: (previous[key] - place if key in previous else None) for key, place in current.items()}


def group_rankings(scores: Mapping[K, float], group_of: Mapping[K, Hashable], *,
                   order: Mapping[Hashable, str] | None = None, decimals: int = 2) -> list[GroupRank[Hashable]]:
    """Rank groups (counties, parks) by their projects' average score; also give each its rank by best project.

    Projects without a group are left out.

    Returns
    -------
    list of GroupRank
        One entry per group, in rank order.

    Examples
    --------
    >>> rows = group_rankings({"p1": 90.0, "p2": 70.0, "p3": 85.0}, {"p1": "县A", "p2": "县A", "p3": "县B"})
    >>> [(g.key, g.average, g.rank, g.best, g.best_rank) for g in rows]
    [('县B', 85.0, 1, 85.0, 2), ('县A', 80.0, 2, 90.0, 1)]
    """
    members: dict[Hashable, list[float]] = defaultdict(list)
    for key, value in scores.items():
        group = group_of.get(key)
        if group is not None:
            members[group].append(float(value))
    averages = {g: sum(v) / len(v) for g, v in members.items()}
    best = {g: max(v) for g, v in members.items()}
    by_best = {r.key: r.rank for r in rank(best, order=order, decimals=decimals)}
    return [GroupRank(r.key, len(members[r.key]), r.score, round(best[r.key], decimals), r.rank, by_best[r.key])
            for r in rank(averages, order=order, decimals=decimals)]


def ordered_keys(ranked: Sequence[Ranked[K]]) -> list[K]:
    """The keys in ranking order (a convenience for pages).

    Returns
    -------
    list
        The keys in ranking order.

    Examples
    --------
    >>> ordered_keys(rank({"a": 1.0, "b": 2.0}))
    ['b', 'a']
    """
    return [r.key for r in ranked]
