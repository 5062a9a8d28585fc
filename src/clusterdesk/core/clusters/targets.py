"""Cluster targets and industrial concentration: progress against a yearly target, local supply rate, park shares.

* Progress of a target: the gap is ``target − actual``, the share achieved ``actual / target``, and the share of
  the year elapsed (序时进度) the days gone over the days of the year; a figure is on track when its share
  achieved is at least the share of the year elapsed.
* Local supply rate (本地配套率) of a segment: purchases from suppliers inside the region over all purchases whose
  supplier's place is known.
* Industrial concentration in parks (工业向园区集中): per county, the shares of industrial output, of enterprises
  and of new projects that lie inside parks.

All functions take plain rows and return frozen dataclasses; nothing here reads a database.
"""

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

__all__ = [
    "ConcentrationShares",
    "LocalSupply",
    "TargetProgress",
    "concentration_shares",
    "local_supply_rates",
    "target_progress",
    "year_elapsed_share",
]


@dataclass(frozen=True)
class TargetProgress:
    """One figure against its target: ``gap`` is ``target − actual``; shares are between 0 and 1 (or more)."""

    target: float | None
    actual: float
    gap: float | None
    achieved_share: float | None
    elapsed_share: float
    on_track: bool | None


@dataclass(frozen=True)
class LocalSupply:
    """Purchases of one segment: from inside the region, from outside, of unknown origin, and the rate."""

    segment: str
    local: float
    outside: float
    unknown: float
    rate: float | None


@dataclass(frozen=True)
class ConcentrationShares:
    """The part of one county's (or the total's) industry that lies inside parks, against the target."""

    county: str
    output_wan: float
    park_output_wan: float
    enterprises: int
    park_enterprises: int
    projects: int
    park_projects: int
    output_share: float | None
    enterprise_share: float | None
    project_share: float | None
    target_share: float
    meets_target: bool | None


def year_elapsed_share(year: int, today: datetime.date) -> float:
    """The share of ``year`` that has passed on ``today``: 0 before it, 1 after it, days gone over days in between.

    Parameters
    ----------
    year : int
    today : datetime.date

    Returns
    -------
    float

    Examples
    --------
    >>> year_elapsed_share(2024, datetime.date(2024, 7, 2))  # 183 of 366 days
    0.5
    >>> year_elapsed_share(2025, datetime.date(2026, 7, 2)), year_elapsed_share(2027, datetime.date(2026, 7, 2))
    (1.0, 0.0)
    """
    start, end = datetime.date(year, 1, 1), datetime.date(year + 1, 1, 1)
    if today <= start:
        return 0.0
    if today >= end:
        return 1.0
    # days completed before today, over the days of the year (on 2 July 2024, 183 of its 366 days are over)
    return round((today - start).days / (end - start).days, 4)


def target_progress(target: float | None, actual: float, elapsed_share: float) -> TargetProgress:
    """The gap, the share achieved and whether a figure keeps pace with the year.

    Parameters
    ----------
    target : float or None
        The target for the year; ``None`` when none is set (then only the actual figure is known).
    actual : float
        What the figures add up to so far.
    elapsed_share : float
        The share of the year elapsed (`year_elapsed_share`).

    Returns
    -------
    TargetProgress

    Examples
    --------
    >>> p = target_progress(3000.0, 1800.0, 0.5)
    >>> p.gap, p.achieved_share, p.on_track
    (1200.0, 0.6, True)
    >>> target_progress(None, 10.0, 0.5).gap is None
    True
    """
    if target is None:
        return TargetProgress(None, actual, None, None, elapsed_share, None)
    achieved = actual / target if target > 0 else None
    on_track = achieved is None or achieved >= elapsed_share
    return TargetProgress(target, actual, round(target - actual, 6), None if achieved is None else round(achieved, 6),
                          elapsed_share, on_track)


def local_supply_rates(purchases: Iterable[tuple[str, float, bool | None]]) -> list[LocalSupply]:
    """Local supply rate of each segment from ``(segment, amount, supplier is local)`` rows.

    A supplier of unknown place (``None``) counts in neither part of the rate; a segment with no purchase of known
    origin has no rate. Segments come out sorted by name.

    Parameters
    ----------
    purchases : iterable of (str, float, bool or None)

    Returns
    -------
    list of LocalSupply

    Examples
    --------
    >>> [(r.segment, r.rate) for r in local_supply_rates([("电芯", 30.0, True), ("电芯", 70.0, False),
    ...                                                    ("电芯", 50.0, None), ("材料", 5.0, None)])]
    [('材料', None), ('电芯', 0.3)]
    """
    parts: dict[str, list[float]] = {}
    for segment, amount, local in purchases:
        acc = parts.setdefault(segment, [0.0, 0.0, 0.0])
        acc[0 if local else 1 if local is False else 2] += amount
    rows = []
    for segment in sorted(parts):
        local_sum, outside, unknown = parts[segment]
        known = local_sum + outside
        rows.append(LocalSupply(segment, local_sum, outside, unknown, round(local_sum / known, 6) if known else None))
    return rows


def _share(part: float, whole: float) -> float | None:
    return round(part / whole, 6) if whole else None


def concentration_shares(enterprises: Iterable[tuple[str, bool, float] | tuple[str, bool, float, int]],
                         projects: Iterable[tuple[str, bool] | tuple[str, bool, int]],
                         target_share: float | Mapping[str, float]) -> tuple[list[ConcentrationShares],
                                                                             ConcentrationShares]:
    """Shares of industrial output, enterprises and new projects inside parks, by county and in total.

    Parameters
    ----------
    enterprises : iterable of (str, bool, float) or (str, bool, float, int)
        ``(county, in a park, industrial output in 万元)``, one row per enterprise; or rows already summed by
        county and park with the number of enterprises as a fourth item.
    projects : iterable of (str, bool) or (str, bool, int)
        ``(county, in a park)``, one row per new project of the year; or with a count as a third item.
    target_share : float or mapping of str to float
        The target share of output inside parks (0.7 for 70%), one for all or one per county; a county missing
        from the mapping takes the mapping's ``""`` entry (the region's own target), else 0.

    Returns
    -------
    (list of ConcentrationShares, ConcentrationShares)
        The counties sorted by name, and the total (county ``""``) against the ``""`` target. A county meets its
        target when its output share reaches it (``None`` when it has no output).

    Examples
    --------
    >>> counties, total = concentration_shares(
    ...     [("A县", True, 60.0), ("A县", False, 40.0), ("B区", True, 90.0)], [("A县", True), ("A县", False)], 0.7)
    >>> [(c.county, c.output_share, c.enterprise_share, c.project_share, c.meets_target) for c in counties]
    [('A县', 0.6, 0.5, 0.5, False), ('B区', 1.0, 1.0, None, True)]
    >>> total.output_share, total.park_enterprises, total.meets_target
    (0.7895, 2, True)
    """
    targets: Mapping[str, float] = {"": target_share} if isinstance(target_share, int | float) else target_share
    acc: dict[str, list[float]] = {}
    for row in enterprises:
        county, in_park, output = row[0], row[1], row[2]
        count = row[3] if len(row) > 3 else 1
        a = acc.setdefault(county, [0.0] * 6)
        a[0] += output
        a[2] += count
        if in_park:
            a[1] += output
            a[3] += count
    for project in projects:
        count = project[2] if len(project) > 2 else 1
        a = acc.setdefault(project[0], [0.0] * 6)
        a[4] += count
        a[5] += count if project[1] else 0

    def shares(county: str, a: list[float], target: float) -> ConcentrationShares:
        output_share = _share(a[1], a[0])
        meets = None if output_share is None else output_share >= target
        return ConcentrationShares(county, round(a[0], 2), round(a[1], 2), int(a[2]), int(a[3]), int(a[4]),
                                   int(a[5]), None if output_share is None else round(output_share, 4),
                                   _share(a[3], a[2]), _share(a[5], a[4]), target, meets)

    default = float(targets.get("", 0.0))
    counties = [shares(c, acc[c], float(targets.get(c, default))) for c in sorted(acc)]
    total = [sum(a[i] for a in acc.values()) for i in range(6)]
    return counties, shares("", total, default)
