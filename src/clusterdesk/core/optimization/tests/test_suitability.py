"""Park suitability: fit levels, hard constraints, weights, explanation, and ranking 3,000 parks."""

import numpy as np
import pytest

from clusterdesk.core.optimization import DEFAULT_WEIGHTS, ParkTable, ProjectNeed, explain, rank_parks


def table(codes, land=None, evaluation=None, energy=None, pollution=None):
    n = len(codes)
    return ParkTable([f"P{j}" for j in range(n)], codes,
                     np.asarray(land if land is not None else [1000.0] * n, dtype=float),
                     np.asarray(evaluation if evaluation is not None else [np.nan] * n, dtype=float),
                     np.asarray(energy if energy is not None else [np.inf] * n, dtype=float),
                     np.asarray(pollution if pollution is not None else [3] * n))


def test_fit_levels_exact_ancestor_group_division_chain_none():
    t = table([["C3841"], ["C38"], ["C3842"], ["C3811"], ["C26"], ["C"]])
    fit = t.industry_fit("C3841", chain_related=np.array([False, False, False, False, True, False]))
    assert fit.tolist() == [1.0, 1.0, 0.8, 0.6, 0.4, 1.0]


def test_land_and_pollution_are_hard_constraints_with_reasons():
    t = table([["C38"]] * 3, land=[99.99, 100.0, 500.0], pollution=[3, 3, 1])
    r = rank_parks(t, ProjectNeed("C3841", 100.0, pollution_class=2))
    assert r.order.tolist() == [1]
    assert "少于项目需地" in r.excluded[0] and "污染等级 2" in r.excluded[2]


def test_positioning_can_be_a_soft_criterion():
    t = table([["C26"], ["C38"]])
    assert rank_parks(t, ProjectNeed("C3841", 10.0)).order.tolist() == [1]
    assert rank_parks(t, ProjectNeed("C3841", 10.0), require_industry_fit=False).order.tolist() == [1, 0]


def test_synergy_land_evaluation_and_policy_move_the_ranking_as_weighted():
    t = table([["C38"]] * 3, land=[200.0, 200.0, 1000.0], evaluation=[90.0, 40.0, np.nan],
              energy=[np.inf, 10.0, np.inf])
    r = rank_parks(t, ProjectNeed("C3841", 100.0, energy_tce=50.0), upstream=np.array([0.0, 10.0, 0.0]))
    # land: full at ≥ 2 × need for all three; evaluation 0.9 / 0.4 / 0.5; energy fails at P1.
    assert r.values[:, 2].tolist() == [1.0, 1.0, 1.0]
    assert r.values[:, 3].tolist() == [0.9, 0.4, 0.5] and r.values[:, 4].tolist() == [1.0, 0.0, 1.0]
    assert r.values[1, 1] == pytest.approx(1 - np.exp(-2))
    assert r.totals.tolist() == pytest.approx((r.values * [DEFAULT_WEIGHTS[c] for c in DEFAULT_WEIGHTS]).sum(1))
    heavy_chain = rank_parks(t, ProjectNeed("C3841", 100.0, energy_tce=50.0), upstream=np.array([0.0, 10.0, 0.0]),
                             weights={"chain": 80.0})
    assert heavy_chain.order[0] == 1 and r.order[0] == 0


def test_ties_rank_by_park_order_and_limit_keeps_the_best():
    r = rank_parks(table([["C38"]] * 5), ProjectNeed("C3841", 10.0), limit=3)
    assert r.order.tolist() == [0, 1, 2]


def test_explanation_has_one_sentence_and_points_per_criterion():
    t = table([["C3842"]], land=[300.0], evaluation=[72.5], energy=[40.0])
    need = ProjectNeed("C3841", 100.0, energy_tce=50.0)
    lines = explain(rank_parks(t, need, downstream=np.array([3.0])), 0, t, need)
    assert [e["criterion"] for e in lines] == ["industry", "chain", "land", "evaluation", "policy"]
    texts = [str(e["text"]) for e in lines]
    assert lines[0]["points"] == pytest.approx(0.8 * 35) and "中类" in texts[0]
    assert "3 家" in texts[1] and "3.0 倍" in texts[2] and "72.5" in texts[3]
    assert "不足 50" in texts[4] and lines[4]["points"] == 0


def test_three_thousand_parks_are_ranked_best_first():
    rng = np.random.default_rng(3)
    codes = [[f"C{rng.integers(13, 43)}{rng.integers(1, 10)}{rng.integers(1, 10)}" for _ in range(4)]
             for _ in range(3000)]
    t = table(codes, land=rng.uniform(0, 2000, 3000), evaluation=rng.uniform(30, 95, 3000))
    r = rank_parks(t, ProjectNeed("C3841", 150.0), upstream=rng.poisson(2, 3000).astype(float))
    assert len(r.order) and all(r.totals[a] >= r.totals[b] for a, b in zip(r.order, r.order[1:], strict=False))
