"""Appeal routing, due dates, the status workflow, escalation at its boundaries and the resolution summary."""

from datetime import date, timedelta

import pytest

from clusterdesk.core.appeals import (
    APPEAL_WORKFLOW,
    DEFAULT_APPEAL_RULES,
    AppealCategory,
    AppealFacts,
    AppealRules,
    AppealStatus,
    EscalationLevel,
    appeal_due_date,
    appeal_escalation,
    resolution_summary,
)
from clusterdesk.core.workflow import ActorFacts, RefusalKind, TransitionRefusedError, check_transition, refusals

OFFICER = ActorFacts("county_officer")
FILER = ActorFacts("secretary", frozenset({"filer", "enterprise_side"}))


def _move(current, target, **facts):
    actor = FILER if current == "answered" else OFFICER
    return check_transition(APPEAL_WORKFLOW, current, target, actor=actor, facts=facts)


def test_every_category_has_a_route_and_a_time_limit():
    for category in AppealCategory:
        assert DEFAULT_APPEAL_RULES.routes[category]
        assert appeal_due_date(date(2026, 1, 1), category) > date(2026, 1, 1)
    assert DEFAULT_APPEAL_RULES.routes[AppealCategory.LAND] == "自然资源和规划局"


DUE = date(2026, 3, 10)


@pytest.mark.parametrize(("days_after_due", "start", "expected"), [
    (-5, "county", "county"), (0, "county", "county"), (1, "county", "city"), (7, "county", "city"),
    (8, "county", "province"), (60, "county", "province"),
    (0, "city", "city"), (1, "city", "province"), (1, "province", "province"),
])
def test_escalation_boundaries(days_after_due, start, expected):
    assert appeal_escalation(DUE, DUE + timedelta(days=days_after_due), start) == EscalationLevel(expected)


def test_escalation_pace_is_configurable():
    fast = AppealRules(escalate_every_days=1)
    assert appeal_escalation(DUE, DUE + timedelta(days=2), rules=fast) is EscalationLevel.PROVINCE
    assert appeal_escalation(DUE, DUE + timedelta(days=2)) is EscalationLevel.CITY


@pytest.mark.parametrize(("current", "target"), [
    ("raised", "accepted"), ("accepted", "in_progress"), ("accepted", "answered"), ("in_progress", "answered"),
    ("answered", "closed"), ("answered", "in_progress"),
])
def test_allowed_status_changes(current, target):
    _move(current, target, satisfaction=4, answer="已协调解决")


@pytest.mark.parametrize(("current", "target"), [
    ("raised", "answered"), ("raised", "closed"), ("in_progress", "closed"), ("closed", "in_progress"),
    ("closed", "raised"), ("answered", "raised"),
])
def test_refused_status_changes(current, target):
    with pytest.raises(TransitionRefusedError, match="诉求不能从"):
        _move(current, target, satisfaction=4, answer="x")


@pytest.mark.parametrize("rating", [None, 0, 6])
def test_closing_needs_a_rating_from_one_to_five(rating):
    with pytest.raises(TransitionRefusedError, match="满意度") as caught:
        _move("answered", "closed", satisfaction=rating)
    assert list(caught.value.fields) == ["satisfaction"]


def test_answer_needs_text():
    with pytest.raises(TransitionRefusedError, match="答复须填写答复内容") as caught:
        _move("in_progress", "answered", answer=" ")
    assert list(caught.value.fields) == ["answer"]
    assert AppealStatus.CLOSED.resolved and not AppealStatus.IN_PROGRESS.resolved


@pytest.mark.parametrize("current", ["raised", "accepted", "in_progress"])
def test_the_filer_and_the_enterprise_side_never_handle_the_appeal(current):
    target = {"raised": "accepted", "accepted": "in_progress", "in_progress": "answered"}[current]
    for actor in (ActorFacts("city_officer", frozenset({"filer"})),
                  ActorFacts("county_officer", frozenset({"enterprise_side"})), ActorFacts("secretary")):
        found = refusals(APPEAL_WORKFLOW, current, target, actor=actor, facts={"answer": "已解决"})
        assert found and {r.kind for r in found} == {RefusalKind.ACTOR} and {r.field for r in found} == {"status"}


def test_only_the_enterprise_side_closes_and_never_the_one_who_answered():
    facts = {"satisfaction": 5}
    for actor in (ActorFacts("secretary", frozenset({"filer"})),
                  ActorFacts("secretary", frozenset({"enterprise_side"})),
                  ActorFacts("city_officer", frozenset({"filer"}))):
        assert refusals(APPEAL_WORKFLOW, "answered", "closed", actor=actor, facts=facts) == []
    assert "企业一方" in refusals(APPEAL_WORKFLOW, "answered", "closed", actor=OFFICER, facts=facts)[0].message
    answerer = ActorFacts("admin", frozenset({"filer", "handler"}))
    assert "答复诉求的人" in refusals(APPEAL_WORKFLOW, "answered", "closed", actor=answerer, facts=facts)[0].message


def test_resolution_summary_by_key():
    d = date(2026, 3, 1)
    rows = [
        AppealFacts("land", d, d + timedelta(days=30), d + timedelta(days=10), 4),
        AppealFacts("land", d, d + timedelta(days=30), d + timedelta(days=40), 2),
        AppealFacts("land", d, d + timedelta(days=30), None),
        AppealFacts("labour", d, d + timedelta(days=10), None),
    ]
    summary = resolution_summary(rows, today=d + timedelta(days=20))
    land, labour = summary["land"], summary["labour"]
    assert (land.total, land.resolved, land.on_time, land.overdue_open) == (3, 2, 1, 0)
    assert str(land.rate_pct) == "66.7" and str(land.mean_days) == "25.0" and str(land.mean_satisfaction) == "3.0"
    assert (labour.resolved, labour.overdue_open, labour.mean_days) == (0, 1, None)
    assert list(summary) == ["labour", "land"]
