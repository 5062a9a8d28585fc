"""When a task's people are reminded of it: before, on and after its due day, and when it is escalated.

The rules look at one open task on one day and answer which reminders (if any) it gives that day. They know
nothing of who is reminded or how; the notifications app asks them once per open task in its daily job, and the
unique (user, reminder key, day) of its notifications makes sure nobody hears of the same thing twice a day.

Defaults (all configurable through `ReminderRules`, from ``CLUSTERDESK["REMINDERS"]`` in the settings):

- monthly reports and figures (kinds ``report_due``, ``figures_due``): 3 days before the due day, on the day, and
  every day after it until filed;
- appeals (``appeal``): 2 days before their time limit, on the day, then as overdue tasks;
- every other task with a due date: 3 days and 1 day before, on the day; overdue on the first day past it, then
  every 7 days;
- data sheets awaiting an enterprise's confirmation (``sheet``) with no due date: every Monday while open;
- escalations: on the day a task's escalation level rises above the level last notified.
"""

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, fields
from enum import StrEnum
from typing import Any

from clusterdesk.core.exceptions import CoreError

__all__ = ["Reminder", "ReminderKind", "ReminderRuleError", "ReminderRules", "reminder_rules", "reminders_due"]


class ReminderRuleError(CoreError):
    """A reminder setting is unknown or out of range."""


class ReminderKind(StrEnum):
    """What a reminder says: due in some days, due today, overdue, escalated, or still awaiting someone."""

    BEFORE_DUE = "before_due"
    DUE_TODAY = "due_today"
    OVERDUE = "overdue"
    ESCALATED = "escalated"
    AWAITING = "awaiting"


@dataclass(frozen=True)
class Reminder:
    """One reminder of a task on a day; ``days`` counts days before (``BEFORE_DUE``) or after (``OVERDUE``) the due
    day, and for ``ESCALATED`` the new level."""

    kind: ReminderKind
    days: int = 0

    @property
    def key(self) -> str:
        """The part of the de-duplication key this reminder adds to the task's (one per kind a day)."""
        return self.kind.value


@dataclass(frozen=True)
class ReminderRules:
    """The configurable offsets of the reminder rules (days)."""

    report_kinds: frozenset[str] = frozenset({"report_due", "figures_due"})
    report_before: tuple[int, ...] = (3,)
    report_overdue_every: int = 1
    appeal_kinds: frozenset[str] = frozenset({"appeal"})
    appeal_before: tuple[int, ...] = (2,)
    awaiting_kinds: frozenset[str] = frozenset({"sheet"})
    awaiting_weekday: int = 0
    before: tuple[int, ...] = (3, 1)
    overdue_every: int = 7

    def __post_init__(self) -> None:
        if self.report_overdue_every < 1 or self.overdue_every < 1:
            raise ReminderRuleError("overdue repeats must be at least every 1 day")
        if any(d < 1 for d in (*self.report_before, *self.appeal_before, *self.before)):
            raise ReminderRuleError("days before the due day must be positive")
        if not 0 <= self.awaiting_weekday <= 6:
            raise ReminderRuleError("awaiting_weekday is 0 (Monday) to 6 (Sunday)")


def reminder_rules(settings: Mapping[str, Any] | None = None) -> ReminderRules:
    """Build the rules from a settings mapping (``CLUSTERDESK["REMINDERS"]``); unknown names are refused.

    Parameters
    ----------
    settings : mapping, optional
        Field names of `ReminderRules` with their values; lists become tuples or sets.

    Returns
    -------
    ReminderRules

    Raises
    ------
    ReminderRuleError
        If a name is unknown or a value out of range.

    Examples
    --------
    >>> reminder_rules({"before": [5, 2], "overdue_every": 3}).before
    (5, 2)
    >>> reminder_rules({"sooner": 1})
    Traceback (most recent call last):
    ...
    clusterdesk.core.routing.reminders.ReminderRuleError: unknown reminder setting: sooner
    """
    values: dict[str, Any] = {}
    known = {f.name: f for f in fields(ReminderRules)}
    for name, value in (settings or {}).items():
        if name not in known:
            raise ReminderRuleError(f"unknown reminder setting: {name}")
        if name.endswith("_kinds"):
            values[name] = frozenset(str(v) for v in value)
        elif isinstance(value, list | tuple):
            values[name] = tuple(sorted((int(v) for v in value), reverse=True))
        else:
            values[name] = int(value)
    return ReminderRules(**values)


def _dated(due: dt.date, today: dt.date, before: tuple[int, ...], every: int) -> Reminder | None:
    left = (due - today).days
    if left == 0:
        return Reminder(ReminderKind.DUE_TODAY)
    if left > 0:
        return Reminder(ReminderKind.BEFORE_DUE, left) if left in before else None
    late = -left
    return Reminder(ReminderKind.OVERDUE, late) if (late - 1) % every == 0 else None


def reminders_due(kind: str, due: dt.date | None, today: dt.date, *, open_: bool = True, escalation_level: int = 0,
                  notified_level: int = 0, rules: ReminderRules | None = None) -> tuple[Reminder, ...]:
    """The reminders an open task of ``kind`` due on ``due`` gives on ``today``.

    Parameters
    ----------
    kind : str
        The task's kind (``report_due``, ``appeal``, ``sheet``, ``problem`` …).
    due : date or None
        Its due date; a task without one is only reminded when escalated or awaiting.
    today : date
    open_ : bool
        Closed tasks (done, cancelled) give no reminder.
    escalation_level, notified_level : int
        The task's escalation level now and the level its people were last told of.
    rules : ReminderRules, optional
        The offsets; the defaults when omitted.

    Returns
    -------
    tuple of Reminder
        Empty on a day with nothing to say; at most one dated reminder plus an escalation.

    Examples
    --------
    >>> due = dt.date(2026, 12, 5)
    >>> [r.kind.value for d in (1, 2, 5, 6, 7) for r in reminders_due("report_due", due, dt.date(2026, 12, d))]
    ['before_due', 'due_today', 'overdue', 'overdue']
    >>> [(d, reminders_due("problem", due, due + dt.timedelta(days=d))[0].days) for d in (1, 8, 15)]
    [(1, 1), (8, 8), (15, 15)]
    >>> reminders_due("problem", due, due + dt.timedelta(days=2))
    ()
    >>> reminders_due("problem", None, due, escalation_level=2, notified_level=1)
    (Reminder(kind=<ReminderKind.ESCALATED: 'escalated'>, days=2),)
    """
    if not open_:
        return ()
    rules = rules or ReminderRules()
    found: list[Reminder] = []
    dated: Reminder | None = None
    if due is not None:
        if kind in rules.report_kinds:
            dated = _dated(due, today, rules.report_before, rules.report_overdue_every)
        elif kind in rules.appeal_kinds:
            dated = _dated(due, today, rules.appeal_before, rules.overdue_every)
        else:
            dated = _dated(due, today, rules.before, rules.overdue_every)
    elif kind in rules.awaiting_kinds and today.weekday() == rules.awaiting_weekday:
        dated = Reminder(ReminderKind.AWAITING)
    if dated is not None:
        found.append(dated)
    if escalation_level > notified_level:
        found.append(Reminder(ReminderKind.ESCALATED, escalation_level))
    return tuple(found)
