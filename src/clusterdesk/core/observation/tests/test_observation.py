"""Eligibility boundaries, trimming with 2, 3 and many judges, ties, rankings and movement."""

import datetime
from decimal import Decimal

import numpy as np
import pytest

from clusterdesk.core.observation import (
    EligibilityRules,
    ProjectFacts,
    eligibility_reasons,
    group_rankings,
    judge_totals,
    movement,
    rank,
    trimmed_means,
)
from clusterdesk.core.observation.aggregation import ScoresShapeError

DAY = datetime.date(2025, 9, 20)
RULES = EligibilityRules()


def _facts(investment="10000", start=datetime.date(2025, 3, 1), completion=None, **kw):
    return ProjectFacts(kw.pop("industrial", True), Decimal(investment), start, completion, **kw)


def test_exactly_one_yi_is_eligible_and_a_yuan_less_is_not():
    assert eligibility_reasons(_facts("10000"), RULES, round_date=DAY) == ()
    assert eligibility_reasons(_facts("9999.99"), RULES, round_date=DAY) == ("计划总投资 9999.99万元，低于 1亿元",)


def test_started_on_the_first_of_january_counts_and_the_last_day_of_the_previous_year_does_not():
    assert eligibility_reasons(_facts(start=datetime.date(2025, 1, 1)), RULES, round_date=DAY) == ()
    (reason,) = eligibility_reasons(_facts(start=datetime.date(2024, 12, 31)), RULES, round_date=DAY)
    assert reason.startswith("2024-12-31 开工，不是2025年新开工项目")
    # Started after the round: not yet a project started before it.
    assert eligibility_reasons(_facts(start=datetime.date(2025, 9, 21)), RULES, round_date=DAY)


def test_completed_since_the_last_round_counts_but_not_on_its_day():
    old = datetime.date(2023, 5, 1)
    last = datetime.date(2025, 4, 10)
    assert eligibility_reasons(_facts(start=old, completion=datetime.date(2025, 4, 11)), RULES, round_date=DAY,
                               last_round_date=last) == ()
    assert eligibility_reasons(_facts(start=old, completion=last), RULES, round_date=DAY, last_round_date=last)
    # Without a last round, completions of the round's year count.
    assert eligibility_reasons(_facts(start=old, completion=datetime.date(2025, 1, 1)), RULES, round_date=DAY) == ()


def test_every_failing_condition_is_named_and_equipment_share_is_of_completed_investment():
    rules = EligibilityRules(min_equipment_share=Decimal("0.3"))
    facts = _facts("8000", start=None, industrial=False, completed_wan=Decimal(5000), equipment_wan=Decimal(1000))
    reasons = eligibility_reasons(facts, rules, round_date=DAY)
    assert reasons == ("不是工业项目", "计划总投资 8000万元，低于 1亿元",
                       "尚未开工，不是2025年新开工项目，也未在上次推进会后竣工", "设备投资占已完成投资 20.0%，低于 30%")
    enough = _facts(completed_wan=Decimal(5000), equipment_wan=Decimal(1500))
    assert eligibility_reasons(enough, rules, round_date=DAY) == ()


def test_two_judges_are_averaged_three_trimmed_many_trimmed_once():
    means, counted = trimmed_means(np.array([[80.0, 90.0, np.nan], [60.0, 90.0, 30.0]]))
    assert means.tolist() == [85.0, 60.0] and counted.tolist() == [2, 1]
    many = np.array([[10.0, 50.0, 60.0, 70.0, 100.0, 100.0]])
    assert trimmed_means(many)[0].tolist() == [70.0]   # one 100 and the 10 dropped, a tied 100 kept
    assert trimmed_means(many, trim=2, min_judges=5)[0].tolist() == [65.0]
    assert trimmed_means(many, trim=0)[0].tolist() == [65.0]
    assert np.isnan(trimmed_means(np.array([[np.nan, np.nan]]))[0][0])
    with pytest.raises(ScoresShapeError):
        trimmed_means(many, trim=1, min_judges=2)


def test_weighted_totals_per_judge_then_trimmed():
    scores = np.array([[[30.0, 20.0], [10.0, 10.0], [20.0, 10.0]]])
    totals = judge_totals(scores, [1.0, 0.5])
    assert totals.tolist() == [[40.0, 15.0, 25.0]]
    assert trimmed_means(totals)[0].tolist() == [25.0]


def test_ties_share_a_rank_and_are_listed_by_name_whatever_the_input_order():
    scores = {3: 88.0, 1: 92.0, 2: 88.0, 4: 80.0}
    names = {1: "丁项目", 2: "乙项目", 3: "甲项目", 4: "丙项目"}
    first = [(r.key, r.rank) for r in rank(scores, order=names)]
    again = [(r.key, r.rank) for r in rank(dict(reversed(scores.items())), order=names)]
    assert first == again == [(1, 1), (2, 2), (3, 2), (4, 4)]


def test_counties_rank_by_average_and_best_and_projects_move():
    groups = group_rankings({"a": 90.0, "b": 60.0, "c": 80.0, "d": 80.0}, {"a": "x", "b": "x", "c": "y", "d": "z"})
    assert [(g.key, g.rank, g.average, g.best_rank) for g in groups] == [
        ("y", 1, 80.0, 2), ("z", 1, 80.0, 2), ("x", 3, 75.0, 1)]
    assert movement({"a": 1, "b": 3, "n": 2}, {"a": 4, "b": 1}) == {"a": 3, "b": -2, "n": None}
