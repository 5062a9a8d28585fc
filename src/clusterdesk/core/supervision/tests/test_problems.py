"""The problem workflow, every transition allowed or refused, and escalation timing at its boundaries."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from clusterdesk.core.supervision import (
    OPEN_STATUSES,
    PROBLEM_TRANSITIONS,
    ProblemStatus,
    ProblemWorkflowError,
    next_escalation,
    problem_transition_errors,
    resolution_figures,
)

FULL = {"owner_unit": "市自然资源局", "owner_person": "王强", "resolution": "已解决", "reason": "再次出现"}


@pytest.mark.parametrize("current", list(ProblemStatus))
@pytest.mark.parametrize("target", list(ProblemStatus))
def test_every_pair_of_statuses(current, target):
    errors = problem_transition_errors(current, target, FULL)
    assert (errors == []) == (target in PROBLEM_TRANSITIONS[current])


def test_the_workflow_reaches_closed_and_back():
    path = ["raised", "assigned", "in_progress", "resolved", "closed", "reopened", "in_progress", "resolved"]
    for current, target in zip(path, path[1:], strict=False):
        assert problem_transition_errors(current, target, FULL) == []


def test_missing_facts_are_named():
    assert problem_transition_errors("raised", "assigned", {}) == ["交办须明确责任单位", "交办须明确责任人"]
    assert problem_transition_errors("in_progress", "resolved", {"resolution": "  "}) == ["办结须填写解决情况"]
    assert problem_transition_errors("closed", "reopened", {}) == ["重新打开须填写原因"]
    with pytest.raises(ProblemWorkflowError):
        problem_transition_errors("open", "resolved", FULL)


DUE = date(2025, 6, 30)


@pytest.mark.parametrize(("days", "today", "expected"), [
    (15, DUE + timedelta(days=14), None),
    (15, DUE + timedelta(days=15), 2),
    (0, DUE, 2),
    (0, DUE - timedelta(days=1), None),
    (30, DUE + timedelta(days=29), None),
    (30, DUE + timedelta(days=30), 2),
])
def test_escalation_timing_boundaries(days, today, expected):
    assert next_escalation(level=1, status="assigned", due_date=DUE, last_escalated=None, today=today,
                           days=days) == expected


def test_escalation_counts_from_the_last_one_and_stops_at_the_top():
    last = DUE + timedelta(days=15)
    assert next_escalation(level=2, status="in_progress", due_date=DUE, last_escalated=last,
                           today=last + timedelta(days=14)) is None
    assert next_escalation(level=2, status="in_progress", due_date=DUE, last_escalated=last,
                           today=last + timedelta(days=15)) == 3
    assert next_escalation(level=4, status="raised", due_date=DUE, last_escalated=None, today=date(2030, 1, 1)) is None


@pytest.mark.parametrize("status", sorted(set(ProblemStatus) - OPEN_STATUSES))
def test_resolved_and_closed_problems_never_escalate(status):
    assert next_escalation(level=1, status=status, due_date=DUE, last_escalated=None, today=date(2030, 1, 1)) is None


def test_invalid_levels_and_days_are_refused():
    with pytest.raises(ProblemWorkflowError):
        next_escalation(level=5, status="raised", due_date=DUE, last_escalated=None, today=DUE)
    with pytest.raises(ProblemWorkflowError):
        next_escalation(level=1, status="raised", due_date=DUE, last_escalated=None, today=DUE, days=-1)


def test_resolution_figures():
    items = [(date(2025, 1, 1), date(2025, 1, 4)), (date(2025, 1, 1), None), (date(2025, 1, 1), date(2025, 1, 2))]
    count, resolved, rate, average = resolution_figures(items)
    assert (count, resolved, round(rate, 2), average) == (3, 2, Decimal("66.67"), Decimal("2"))
