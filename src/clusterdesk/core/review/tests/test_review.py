"""The review workflow (filed → returned / accepted → reported), who reviews whom, and the deadlines."""

import datetime

import pytest

from clusterdesk.core.review import (
    REVIEW_WORKFLOW,
    ReviewRules,
    ReviewStatus,
    initial_status,
    review_deadlines,
    reviewing_level,
)
from clusterdesk.core.workflow import ActorFacts, TransitionRefusedError, check_transition, refusals

REVIEWER = ActorFacts("county_officer", frozenset({"reviewer"}))


def test_filed_is_accepted_then_reported_by_the_reviewer():
    assert REVIEW_WORKFLOW.initial == ReviewStatus.FILED
    assert check_transition(REVIEW_WORKFLOW, "filed", "accepted", actor=REVIEWER).action == "accept"
    assert check_transition(REVIEW_WORKFLOW, "accepted", "reported", actor=REVIEWER).label == "上报"


def test_return_needs_a_reason_and_a_returned_filing_is_filed_again_by_editing():
    with pytest.raises(TransitionRefusedError) as caught:
        check_transition(REVIEW_WORKFLOW, "filed", "returned", actor=REVIEWER, facts={"reason": "  "})
    assert caught.value.fields == {"reason": ["退回须填写退回原因"]}
    assert check_transition(REVIEW_WORKFLOW, "filed", "returned", actor=REVIEWER,
                            facts={"reason": "本月投资与形象进度不符"}).target == "returned"
    assert check_transition(REVIEW_WORKFLOW, "returned", "filed", actor=ActorFacts("park_officer")).action == "refile"
    assert check_transition(REVIEW_WORKFLOW, "accepted", "filed", actor=ActorFacts("park_officer")).action == "refile"


def test_the_filer_never_reviews_their_own_filing_and_others_need_the_reviewing_level():
    own = ActorFacts("county_officer", frozenset({"reviewer", "filer"}))
    assert [r.message for r in refusals(REVIEW_WORKFLOW, "filed", "accepted", actor=own)] == [
        "填报人不能审核、退回或上报自己的填报"]
    same_level = ActorFacts("park_officer")
    assert [r.kind.value for r in refusals(REVIEW_WORKFLOW, "filed", "accepted", actor=same_level)] == ["actor"]
    secretary = ActorFacts("secretary", frozenset({"reviewer"}))
    assert refusals(REVIEW_WORKFLOW, "accepted", "reported", actor=secretary)[0].message == "填报须由上一级的干部审核"


def test_a_filing_cannot_skip_review():
    found = refusals(REVIEW_WORKFLOW, "filed", "reported", actor=REVIEWER)
    assert found[0].kind.value == "state"
    assert "可改为：已审核、已退回" in found[0].message


def test_only_accepted_and_reported_count():
    assert [s.value for s in ReviewStatus if s.counts] == ["accepted", "reported"]


@pytest.mark.parametrize(("filer", "levels", "expected"), [
    ("park", ("enterprise", "park"), "county"),
    ("county", (), "city"),
    ("city", (), "province"),
    ("province", (), "province"),
    ("enterprise", ("enterprise", "park"), "park"),
    ("enterprise", ("enterprise",), "county"),
])
def test_the_level_above_reviews(filer, levels, expected):
    assert reviewing_level(filer, levels) == expected


def test_a_deployment_names_other_reviewing_levels_and_may_switch_review_off():
    rules = ReviewRules(reviewers={"park": "city", "enterprise": "park"})
    assert reviewing_level("park", ("park",), rules) == "city"
    assert reviewing_level("enterprise", ("enterprise",), rules) == "county"  # no park: the next level up
    assert initial_status(ReviewRules(required=False)) == ReviewStatus.ACCEPTED
    with pytest.raises(ValueError, match="不能低于"):
        ReviewRules(reviewers={"city": "county"})
    with pytest.raises(ValueError, match="期限"):
        ReviewRules(file_day=9, review_day=8)


def test_deadlines_are_days_of_the_following_month():
    d = review_deadlines(datetime.date(2026, 2, 14), ReviewRules(file_day=3, review_day=6, report_day=9))
    assert (d.file_by, d.review_by, d.report_by) == (datetime.date(2026, 3, 3), datetime.date(2026, 3, 6),
                                                     datetime.date(2026, 3, 9))
