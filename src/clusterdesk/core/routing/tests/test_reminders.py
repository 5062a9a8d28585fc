"""The reminder rules at their boundaries: the days before, on and after the due day, repeats, escalations."""

import datetime as dt

import pytest

from clusterdesk.core.routing.reminders import ReminderKind, ReminderRuleError, reminder_rules, reminders_due

DUE = dt.date(2026, 12, 5)


def _kinds(kind: str, offset: int, **kw) -> list[tuple[str, int]]:
    return [(r.kind.value, r.days) for r in reminders_due(kind, DUE, DUE + dt.timedelta(days=offset), **kw)]


@pytest.mark.parametrize(("offset", "expected"), [
    (-4, []), (-3, [("before_due", 3)]), (-2, []), (-1, []), (0, [("due_today", 0)]),
    (1, [("overdue", 1)]), (2, [("overdue", 2)]), (30, [("overdue", 30)]),
])
def test_monthly_report_three_days_before_on_the_day_and_every_day_after(offset, expected):
    assert _kinds("report_due", offset) == expected
    assert _kinds("figures_due", offset) == expected


@pytest.mark.parametrize(("offset", "expected"), [
    (-4, []), (-3, [("before_due", 3)]), (-2, []), (-1, [("before_due", 1)]), (0, [("due_today", 0)]),
    (1, [("overdue", 1)]), (2, []), (7, []), (8, [("overdue", 8)]), (14, []), (15, [("overdue", 15)]),
])
def test_other_tasks_due_soon_then_first_day_overdue_then_weekly(offset, expected):
    assert _kinds("problem", offset) == expected


@pytest.mark.parametrize(("offset", "expected"), [
    (-3, []), (-2, [("before_due", 2)]), (-1, []), (0, [("due_today", 0)]), (1, [("overdue", 1)]), (2, []),
])
def test_appeals_two_days_before_their_time_limit(offset, expected):
    assert _kinds("appeal", offset) == expected


def test_closed_tasks_and_tasks_without_a_date_are_quiet_but_sheets_wait_weekly():
    assert reminders_due("problem", DUE, DUE, open_=False) == ()
    assert reminders_due("problem", None, DUE) == ()
    monday = dt.date(2026, 12, 7)
    assert [r.kind for r in reminders_due("sheet", None, monday)] == [ReminderKind.AWAITING]
    assert reminders_due("sheet", None, monday + dt.timedelta(days=1)) == ()


def test_an_escalation_is_told_once_per_new_level():
    first = reminders_due("problem", None, DUE, escalation_level=1, notified_level=0)
    assert [(r.kind, r.days) for r in first] == [(ReminderKind.ESCALATED, 1)]
    assert reminders_due("problem", None, DUE, escalation_level=1, notified_level=1) == ()
    both = reminders_due("problem", DUE, DUE, escalation_level=2, notified_level=1)
    assert [r.kind for r in both] == [ReminderKind.DUE_TODAY, ReminderKind.ESCALATED]


def test_rules_come_from_settings_and_bad_ones_are_refused():
    rules = reminder_rules({"report_before": [5, 1], "report_overdue_every": 3, "appeal_kinds": ["appeal", "x"]})
    assert [r.days for d in (-5, -1, 1, 2, 4) for r in
            reminders_due("report_due", DUE, DUE + dt.timedelta(days=d), rules=rules)] == [5, 1, 1, 4]
    assert reminders_due("x", DUE, DUE - dt.timedelta(days=2), rules=rules)[0].days == 2
    with pytest.raises(ReminderRuleError):
        reminder_rules({"overdue_every": 0})
    with pytest.raises(ReminderRuleError):
        reminder_rules({"before": [0]})
