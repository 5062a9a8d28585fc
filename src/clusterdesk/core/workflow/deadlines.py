"""Due dates and escalation for workflows whose open cases have a time limit.

An `Escalation` says when an overdue case goes one level up: ``first_after_days`` days past its due date, then
one more level every ``every_days`` days, never above the top. Appeals count levels from the due date
(`Escalation.steps`); problems, which may also be escalated by hand, count from their last escalation
(`Escalation.next_date`).
"""

import dataclasses
import datetime

from clusterdesk.core.workflow.engine import WorkflowDefinitionError

__all__ = ["Escalation", "days_overdue", "due_date"]


def due_date(start: datetime.date, days: int) -> datetime.date:
    """Return the due date of a case opened on ``start`` with a time limit of ``days`` calendar days.

    Parameters
    ----------
    start : date
    days : int

    Returns
    -------
    date

    Examples
    --------
    >>> due_date(datetime.date(2026, 3, 1), 30)
    datetime.date(2026, 3, 31)
    """
    return start + datetime.timedelta(days=days)


def days_overdue(due: datetime.date, today: datetime.date) -> int:
    """Return how many days a case is past its due date (0 when it is not).

    Parameters
    ----------
    due, today : date

    Returns
    -------
    int

    Examples
    --------
    >>> days_overdue(datetime.date(2026, 3, 10), datetime.date(2026, 3, 12)), days_overdue(
    ...     datetime.date(2026, 3, 10), datetime.date(2026, 3, 1))
    (2, 0)
    """
    return max((today - due).days, 0)


@dataclasses.dataclass(frozen=True)
class Escalation:
    """When an overdue case escalates: ``first_after_days`` past due, then every ``every_days``, up to ``top``
    levels above where it started.

    Examples
    --------
    >>> Escalation(first_after_days=1, every_days=0)
    Traceback (most recent call last):
    ...
    clusterdesk.core.workflow.engine.WorkflowDefinitionError: 升级间隔天数须为正数，实为 0
    """

    first_after_days: int
    every_days: int
    top: int = 2

    def __post_init__(self) -> None:
        if self.first_after_days < 0:
            raise WorkflowDefinitionError(f"首次升级天数不能为负数，实为 {self.first_after_days}")
        if self.every_days <= 0:
            raise WorkflowDefinitionError(f"升级间隔天数须为正数，实为 {self.every_days}")

    def steps(self, due: datetime.date, today: datetime.date, start: int = 0) -> int:
        """Return the level (counted from 0) an unanswered case should be at today, having started at ``start``.

        Parameters
        ----------
        due, today : date
        start : int

        Returns
        -------
        int
            ``start`` until ``first_after_days`` past due, then one more level and one more each ``every_days``,
            at most ``top``.

        Examples
        --------
        >>> weekly = Escalation(first_after_days=1, every_days=7)
        >>> due = datetime.date(2026, 3, 10)
        >>> [weekly.steps(due, datetime.date(2026, 3, d)) for d in (10, 11, 17, 18, 30)]
        [0, 1, 1, 2, 2]
        """
        overdue = (today - due).days
        if overdue < self.first_after_days or overdue <= 0:
            return min(start, self.top)
        return min(start + 1 + (overdue - self.first_after_days) // self.every_days, self.top)

    def next_date(self, due: datetime.date, last_escalated: datetime.date | None = None) -> datetime.date:
        """Return the day an open case next escalates: ``first_after_days`` past due, and no sooner than
        ``every_days`` after its last escalation.

        Parameters
        ----------
        due : date
        last_escalated : date, optional

        Returns
        -------
        date

        Examples
        --------
        >>> fortnight = Escalation(first_after_days=15, every_days=15, top=4)
        >>> fortnight.next_date(datetime.date(2025, 6, 30)), fortnight.next_date(datetime.date(2025, 6, 30),
        ...                                                                       datetime.date(2025, 7, 15))
        (datetime.date(2025, 7, 15), datetime.date(2025, 7, 30))
        """
        first = due + datetime.timedelta(days=self.first_after_days)
        if last_escalated is None:
            return first
        return max(first, last_escalated + datetime.timedelta(days=self.every_days))
