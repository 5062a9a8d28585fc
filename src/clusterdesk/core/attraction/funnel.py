"""The attraction funnel (招商漏斗): how many leads reached each stage, the share that went on to the next, and how
many days they spent in each stage, from the stage-history rows of the leads (one row per stage entered).

A lead has *reached* a stage when it entered that stage or any later one of `FUNNEL_STAGES` (a lead may skip ahead
before signing). The conversion rate of a stage is the share of the leads that reached it which reached the next.
The days of a stage are measured on the leads that left it (entered another stage after it); a lead still in a
stage has no finished spell there. Termination (终止) is not a funnel stage: a terminated lead counts in the stages it
reached before.

Examples
--------
>>> import datetime as dt
>>> d = dt.date
>>> rows = [StageEntry(1, "lead", d(2026, 1, 1)), StageEntry(1, "contact", d(2026, 1, 11)),
...         StageEntry(2, "lead", d(2026, 1, 1)), StageEntry(2, "terminated", d(2026, 1, 5))]
>>> f = funnel(rows)
>>> [(s.stage, s.current, s.reached) for s in f.stages[:2]], f.stages[0].conversion, f.stages[0].days
([('lead', 0, 2), ('contact', 1, 1)], 0.5, (10, 4))
>>> f.stages[0].median_days, f.stages[0].mean_days, f.terminated, f.total
(7.0, 7.0, 1, 2)
"""

import datetime
import statistics
from collections.abc import Hashable, Iterable
from dataclasses import dataclass

from clusterdesk.core.attraction.stages import LeadStage

__all__ = ["FUNNEL_STAGES", "Funnel", "StageEntry", "StageFigures", "funnel"]

#: The stages of the funnel, in order (termination is not one).
FUNNEL_STAGES: tuple[str, ...] = tuple(str(s) for s in (LeadStage.LEAD, LeadStage.CONTACT, LeadStage.INSPECTION,
                                                         LeadStage.NEGOTIATION, LeadStage.SIGNED, LeadStage.LANDED))


@dataclass(frozen=True)
class StageEntry:
    """One stage-history row: lead ``lead`` entered ``stage`` on ``entered``."""

    lead: Hashable
    stage: str
    entered: datetime.date


@dataclass(frozen=True)
class StageFigures:
    """One stage of the funnel: leads in it now, leads that reached it, the share that reached the next stage
    (None for the last stage, or when none reached this one), and the days of each finished spell in it."""

    stage: str
    current: int
    reached: int
    conversion: float | None
    days: tuple[int, ...]

    @property
    def median_days(self) -> float | None:
        """The median of the finished spells' days, or None when there is none."""
        return float(statistics.median(self.days)) if self.days else None

    @property
    def mean_days(self) -> float | None:
        """The mean of the finished spells' days, or None when there is none."""
        return float(statistics.fmean(self.days)) if self.days else None


@dataclass(frozen=True)
class Funnel:
    """The funnel of a group of leads: its stages in order, how many leads, how many terminated."""

    stages: tuple[StageFigures, ...]
    total: int
    terminated: int

    @property
    def landed_rate(self) -> float | None:
        """The share of all leads that landed (the funnel's overall conversion), or None with no leads."""
        return self.stages[-1].reached / self.total if self.total else None


def funnel(entries: Iterable[StageEntry]) -> Funnel:
    """The funnel figures of the leads whose stage-history rows are ``entries`` (in any order).

    Parameters
    ----------
    entries : iterable of StageEntry
        Every stage a lead entered, with the day; rows of one day keep their given order.

    Returns
    -------
    Funnel

    Examples
    --------
    >>> import datetime as dt
    >>> rows = [StageEntry("a", "lead", dt.date(2026, 3, 1)), StageEntry("a", "inspection", dt.date(2026, 3, 4)),
    ...         StageEntry("a", "signed", dt.date(2026, 3, 24))]
    >>> f = funnel(rows)
    >>> [(s.stage, s.reached, s.conversion, s.days) for s in f.stages]  # doctest: +NORMALIZE_WHITESPACE
    [('lead', 1, 1.0, (3,)), ('contact', 1, 1.0, ()), ('inspection', 1, 1.0, (20,)),
     ('negotiation', 1, 1.0, ()), ('signed', 1, 0.0, ()), ('landed', 0, None, ())]
    >>> funnel([]).landed_rate is None
    True
    """
    by_lead: dict[Hashable, list[tuple[datetime.date, int, str]]] = {}
    for n, entry in enumerate(entries):
        by_lead.setdefault(entry.lead, []).append((entry.entered, n, str(entry.stage)))
    order = {stage: i for i, stage in enumerate(FUNNEL_STAGES)}
    current = dict.fromkeys(FUNNEL_STAGES, 0)
    reached = dict.fromkeys(FUNNEL_STAGES, 0)
    days: dict[str, list[int]] = {stage: [] for stage in FUNNEL_STAGES}
    terminated = 0
    for rows in by_lead.values():
        rows.sort()
        furthest = max((order[stage] for _, _, stage in rows if stage in order), default=-1)
        for i in range(furthest + 1):
            reached[FUNNEL_STAGES[i]] += 1
        for (entered, _, stage), (left, _, _) in zip(rows, rows[1:], strict=False):
            if stage in order:
                days[stage].append((left - entered).days)
        last = rows[-1][2]
        if last in current:
            current[last] += 1
        elif last == LeadStage.TERMINATED:
            terminated += 1
    stages = []
    for i, stage in enumerate(FUNNEL_STAGES):
        following = FUNNEL_STAGES[i + 1] if i + 1 < len(FUNNEL_STAGES) else None
        rate = reached[following] / reached[stage] if following and reached[stage] else None
        stages.append(StageFigures(stage, current[stage], reached[stage], rate, tuple(days[stage])))
    return Funnel(tuple(stages), len(by_lead), terminated)
