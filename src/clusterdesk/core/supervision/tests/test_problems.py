"""The problem workflow, every transition allowed or refused, and escalation timing at its boundaries."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from clusterdesk.core.supervision import (
    OPEN_STATUSES,
    PROBLEM_WORKFLOW,
    ProblemStatus,
    ProblemWorkflowError,
    next_escalation,
    resolution_figures,
)
from clusterdesk.core.workflow import ActorFacts, RefusalKind, WorkflowError, refusals

FULL = {"owner_unit": "市自然资源局", "owner_person": "王强", "resolution": "已解决", "reason": "再次出现"}
OFFICER = ActorFacts("county_officer")
MOVES = {("raised", "assigned"), ("raised", "in_progress"), ("raised", "resolved"), ("assigned", "in_progress"),
         ("assigned", "resolved"), ("in_progress", "resolved"), ("reopened", "assigned"),
         ("reopened", "in_progress"), ("reopened", "resolved"), ("resolved", "closed"), ("resolved", "reopened"),
         ("closed", "reopened")}


def _messages(current, target, facts, actor=OFFICER):
    return [r.message for r in refusals(PROBLEM_WORKFLOW, current, target, actor=actor, facts=facts)]


@pytest.mark.parametrize("current", list(ProblemStatus))
@pytest.mark.parametrize("target", list(ProblemStatus))
def test_every_pair_of_statuses(current, target):
    assert (_messages(current, target, FULL) == []) == ((current, target) in MOVES)


def test_the_workflow_reaches_closed_and_back():
    path = ["raised", "assigned", "in_progress", "resolved", "closed", "reopened", "in_progress", "resolved"]
    for current, target in zip(path, path[1:], strict=False):
        assert _messages(current, target, FULL) == []


def test_missing_facts_are_named():
    assert _messages("raised", "assigned", {}) == ["交办须明确责任单位", "交办须明确责任人"]
    assert _messages("in_progress", "resolved", {"resolution": "  "}) == ["办结须填写解决情况"]
    assert _messages("closed", "reopened", {}) == ["重新打开须填写原因"]
    assert _messages("closed", "in_progress", {}) == ["问题不能从“已销号”直接改为“办理中”，可改为：重新打开"]
    with pytest.raises(WorkflowError):
        _messages("open", "resolved", FULL)


def test_the_one_who_raised_a_problem_does_not_handle_it_and_the_resolver_does_not_strike_it_off():
    filer = ActorFacts("county_officer", frozenset({"filer"}))
    assert _messages("raised", "assigned", FULL, filer) == []          # dispatching is not handling
    for target in ("in_progress", "resolved"):
        found = refusals(PROBLEM_WORKFLOW, "assigned", target, actor=filer, facts=FULL)
        assert [r.kind for r in found] == [RefusalKind.ACTOR] and "提出人" in found[0].message
    resolver = ActorFacts("city_officer", frozenset({"handler"}))
    assert "销号" in _messages("resolved", "closed", FULL, resolver)[0]
    secretary_who_raised_it = ActorFacts("secretary", frozenset({"filer"}))
    assert _messages("resolved", "closed", FULL, secretary_who_raised_it) == []   # the filer confirms
    assert _messages("assigned", "resolved", FULL, ActorFacts("secretary")) != []
    assert _messages("resolved", "reopened", FULL, ActorFacts("viewer")) != []


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
    assert rate is not None
    assert (count, resolved, round(rate, 2), average) == (3, 2, Decimal("66.67"), Decimal("2"))
