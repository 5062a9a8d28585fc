"""Composite park evaluation, entropy weights, TOPSIS, movement, bottom flags and featured-park decisions."""

import math

import numpy as np
import pytest

from clusterdesk.core.scoring import (
    DEFAULT_CATEGORIES,
    DEFAULT_PARK_SYSTEM,
    CompositeIndicator,
    Criterion,
    ScoringError,
    bottom_flags,
    check_criteria,
    composite_evaluate,
    entropy_weights,
    featured_decision,
    rank_movement,
    topsis,
)


def test_default_system_has_the_national_shape():
    assert DEFAULT_CATEGORIES == {"opening_up": 30, "development_quality": 30, "innovation": 15, "green": 15,
                                  "coordination": 10}
    for category, weight in DEFAULT_CATEGORIES.items():
        assert sum(i.weight for i in DEFAULT_PARK_SYSTEM if i.category == category) == weight


@pytest.mark.parametrize("method", ["ratio", "minmax", "zscore", "entropy", "topsis"])
def test_every_method_ranks_a_dominating_park_first_and_a_dominated_one_last(method):
    rng = np.random.default_rng(1)
    k = len(DEFAULT_PARK_SYSTEM)
    middle = rng.uniform(2, 8, size=(5, k))
    best = np.array([10.0 if i.higher_is_better else 1.0 for i in DEFAULT_PARK_SYSTEM])
    worst = np.array([1.0 if i.higher_is_better else 10.0 for i in DEFAULT_PARK_SYSTEM])
    result = composite_evaluate(np.vstack([middle, best, worst]), method=method)
    assert result.ranks[5] == 1 and result.ranks[6] == 7
    assert sum(result.categories[c][5] for c in DEFAULT_CATEGORIES) == pytest.approx(result.totals[5])


def test_minmax_composite_splits_points_by_category():
    system = (CompositeIndicator("a", "A", "x", 60.0), CompositeIndicator("b", "B", "y", 40.0, False))
    r = composite_evaluate(np.array([[10.0, 1.0], [5.0, math.nan], [0.0, 3.0]]), system)
    assert r.categories["x"].tolist() == [60.0, 30.0, 0.0]
    assert r.categories["y"].tolist() == [40.0, 20.0, 0.0]   # missing takes the item's average


def test_unknown_method_and_wrong_shape_are_refused():
    with pytest.raises(ScoringError, match="未知的综合评价方法"):
        composite_evaluate(np.zeros((2, len(DEFAULT_PARK_SYSTEM))), method="ahp")
    with pytest.raises(ScoringError, match="不符"):
        composite_evaluate(np.zeros((2, 3)))


def test_entropy_weights_favour_the_discriminating_column_and_sum_to_one():
    m = np.array([[1.0, 10.0], [2.0, 10.5], [3.0, 11.0], [100.0, 10.2]])
    w = entropy_weights(m, [True, True])
    assert w.sum() == pytest.approx(1.0) and w[0] > w[1]
    assert entropy_weights(np.ones((3, 2)), [True, False]).tolist() == [0.5, 0.5]
    with pytest.raises(ScoringError):
        entropy_weights(np.ones((1, 2)), [True, True])
    with pytest.raises(ScoringError, match="缺失"):
        entropy_weights(np.array([[1.0], [math.nan]]), [True])


def test_topsis_against_a_hand_computation():
    m = np.array([[3.0, 4.0], [4.0, 3.0]])
    c = topsis(m, [0.5, 0.5], [True, True])
    assert c.tolist() == pytest.approx([0.5, 0.5])
    c = topsis(np.array([[1.0, 0.0], [0.0, 1.0]]), [0.75, 0.25], [True, True])
    assert c.tolist() == pytest.approx([0.75, 0.25])
    with pytest.raises(ScoringError):
        topsis(m, [-1.0, 2.0], [True, True])


def test_rank_movement_and_bottom_flags_with_ties_and_gaps():
    assert rank_movement({"a": 1}, {"a": 4, "b": 1}) == {"a": -3, "b": None}
    history = {2023: {"a": 1, "b": 2, "c": 3, "d": 3}, 2024: {"a": 1, "b": 4, "c": 2, "d": 3}}
    assert bottom_flags(history, 2024, bottom_n=2) == ["d"]
    assert bottom_flags(history, 2024, bottom_n=2, years=1) == ["b", "d"]
    assert bottom_flags(history, 2025, bottom_n=2) == []


def test_criteria_boundaries_are_inclusive_for_ge_and_exclusive_for_gt():
    c_ge, c_gt = Criterion("s", "占比", ">=", 65.0), Criterion("s", "占比", ">", 65.0)
    assert [r.passed for r in check_criteria({"s": 65.0}, [c_ge, c_gt])] == [True, False]
    assert check_criteria({"s": None}, [c_ge])[0].passed is False
    with pytest.raises(ScoringError):
        Criterion("s", "x", "==", 1.0)


@pytest.mark.parametrize("current,values,status,change", [
    ("none", {"featured_share_pct": 70, "rd_intensity_pct": 1.0, "featured_output_wan": 600000,
              "output_growth_pct": 0.0}, "certified", "gains"),
    ("certified", {"featured_share_pct": 70, "rd_intensity_pct": 1.0, "featured_output_wan": 600000,
                   "output_growth_pct": 5}, "certified", "keeps"),
    ("certified", {"featured_share_pct": 64.9, "rd_intensity_pct": 1.0, "featured_output_wan": 600000,
                   "output_growth_pct": 5}, "cultivation", "loses"),
    ("cultivation", {"featured_share_pct": 49, "featured_output_wan": 600000}, "none", "loses"),
    ("none", {"featured_share_pct": 50, "featured_output_wan": 200000}, "cultivation", "gains"),
    ("none", {}, "none", "none"),
])
def test_featured_decisions(current, values, status, change):
    decision = featured_decision(current, values)
    assert (decision.status, decision.change) == (status, change)
    if change == "loses":
        assert any("未达标" in r or "无数据" in r for r in decision.reasons)
