"""Per-mu scoring: every method and classing rule at its boundaries, ties, missing data, vetoes, exemptions."""

import math

import numpy as np
import pytest

from clusterdesk.core.scoring import (
    ABOVE_SCALE_INDICATORS,
    BELOW_SCALE_INDICATORS,
    RANK_BANDS_25_70_95,
    Classing,
    Indicator,
    Method,
    ScoringError,
    ScoringMethod,
    aggregate_figures,
    area_values,
    classify,
    competition_rank,
    consecutive_years_in_class,
    electricity_surcharge,
    evaluate,
    indicator_points,
    per_mu_indicators,
)

TAX = Indicator("t", "亩均税收", "tax_wan", "land_mu", 30)
ENERGY = Indicator("e", "单位增加值能耗", "energy_tce", "value_added_wan", 10, higher_is_better=False)


def col(*values):
    return np.array([[v] for v in values], dtype=float)


def test_default_weights_are_the_real_30_20_20_10_10_10_and_sum_to_100():
    assert [i.weight for i in ABOVE_SCALE_INDICATORS] == [30, 20, 20, 10, 10, 10]
    assert sum(i.weight for i in BELOW_SCALE_INDICATORS) == 100
    assert [i.missing for i in ABOVE_SCALE_INDICATORS].count("average") == 1  # emissions only


def test_indicators_are_ratios_and_a_zero_or_missing_denominator_is_missing():
    figures = {"tax_wan": [100.0, 50.0, 10.0, math.nan], "land_mu": [20.0, 0.0, math.nan, 5.0],
               "rd_expense_wan": [3.0, 0, 0, 0], "revenue_wan": [100.0, 0, 0, 0]}
    m = per_mu_indicators(figures, [TAX, ABOVE_SCALE_INDICATORS[5]])
    assert m[0].tolist() == [5.0, 3.0]          # R&D share in percent
    assert np.isnan(m[1:, 0]).all()


def test_ratio_to_benchmark_gives_weight_times_ratio_and_the_area_benchmark_is_a_ratio_of_sums():
    figures = {"tax_wan": [10.0, 30.0], "land_mu": [10.0, 10.0]}
    assert area_values(figures, [TAX]) == [2.0]
    result = evaluate(figures, [TAX])
    assert result.points[:, 0].tolist() == [15.0, 45.0]   # 1/2 × 30 and 3/2 × 30


def test_ratio_cap_limits_an_indicator_to_cap_times_weight():
    pts = indicator_points(col(10.0, 100.0), [TAX], ScoringMethod(Method.RATIO, benchmarks=(10.0,), cap=2.0))
    assert pts[:, 0].tolist() == [30.0, 60.0]


def test_ratio_inverted_indicator_rewards_low_values_and_zero_takes_the_best():
    pts = indicator_points(col(2.0, 4.0, 0.0), [ENERGY], ScoringMethod(Method.RATIO, benchmarks=(4.0,), cap=3.0))
    assert pts[:, 0].tolist() == [20.0, 10.0, 30.0]


def test_minmax_floor_gives_20_percent_to_the_worst_and_the_whole_weight_to_the_best():
    pts = indicator_points(col(0.0, 5.0, 10.0), [TAX], ScoringMethod(Method.MINMAX))
    assert pts[:, 0].tolist() == [6.0, 18.0, 30.0]   # 30 × (20 + 80 × t) / 100
    inv = indicator_points(col(0.0, 5.0, 10.0), [ENERGY], ScoringMethod(Method.MINMAX))
    assert inv[:, 0].tolist() == [10.0, 6.0, 2.0]
    flat = indicator_points(col(7.0, 7.0), [TAX], ScoringMethod(Method.MINMAX, floor=0.0))
    assert flat[:, 0].tolist() == [30.0, 30.0]


def test_zscore_is_a_t_score_and_inverts():
    pts = indicator_points(col(1.0, 3.0), [TAX], ScoringMethod(Method.ZSCORE))
    assert pts[:, 0].tolist() == pytest.approx([12.0, 18.0])   # 30 × (50 ∓ 10) / 100
    inv = indicator_points(col(1.0, 3.0), [ENERGY], ScoringMethod(Method.ZSCORE))
    assert inv[:, 0].tolist() == pytest.approx([6.0, 4.0])


@pytest.mark.parametrize("policy,expected", [("average", 20.0), ("zero", 0.0), ("min", 10.0)])
def test_missing_values_follow_the_indicator_policy(policy, expected):
    ind = Indicator("x", "单位排放增加值", "value_added_wan", "emissions_t", 10, missing=policy)
    pts = indicator_points(col(1.0, 3.0, math.nan), [ind], ScoringMethod(Method.RATIO, benchmarks=(1.0,), cap=None))
    assert pts[2, 0] == expected


def test_exempt_units_do_not_set_the_statistics():
    figures = {"tax_wan": [10.0, 20.0, 1000.0], "land_mu": [1.0, 1.0, 1.0]}
    result = evaluate(figures, [TAX], ScoringMethod(Method.MINMAX), exempt=[False, False, True])
    assert result.points[:2, 0].tolist() == [6.0, 30.0]
    assert result.classes[2] == "" and result.ranks[2] == 0


def test_bonus_penalty_and_veto():
    figures = {"tax_wan": [10.0, 20.0, 30.0, 40.0], "land_mu": [1.0] * 4}
    result = evaluate(figures, [TAX], ScoringMethod(Method.RATIO, benchmarks=(10.0,)),
                      Classing(bands=(0.25, 0.5, 0.75)),
                      bonus=[5.0, 0, 0, 0], penalty=[0, 0, 0, 2.5], vetoed=[False, False, False, True])
    assert result.totals.tolist() == [35.0, 60.0, 90.0, 117.5]
    assert result.classes == ["D", "C", "B", "D"]   # the vetoed leader is D whatever its score
    assert result.ranks.tolist() == [4, 3, 2, 1]


def test_competition_rank_shares_the_best_rank_among_ties():
    assert competition_rank(np.array([5.0, 7.0, 7.0, 3.0, 7.0])).tolist() == [4, 1, 1, 5, 1]


def test_rank_bands_20_60_95_on_exactly_100_units():
    classes, _ = classify(np.arange(100.0, 0.0, -1.0))
    assert [classes.count(c) for c in "ABCD"] == [20, 40, 35, 5]
    assert classes[19] == "A" and classes[20] == "B" and classes[59] == "B" and classes[60] == "C"
    assert classes[94] == "C" and classes[95] == "D"


def test_rank_bands_25_70_95():
    classes, _ = classify(np.arange(20.0, 0.0, -1.0), Classing(bands=RANK_BANDS_25_70_95))
    assert [classes.count(c) for c in "ABCD"] == [5, 9, 5, 1]


def test_a_tie_across_a_band_boundary_takes_the_better_class_for_every_tied_unit():
    totals = np.array([10, 9, 8, 8, 8, 5, 4, 3, 2, 1], dtype=float)   # ranks 1 2 3 3 3 6 7 8 9 10
    classes, ranks = classify(totals, Classing(bands=(0.2, 0.4, 0.9)))
    assert ranks.tolist() == [1, 2, 3, 3, 3, 6, 7, 8, 9, 10]
    assert classes == ["A", "A", "B", "B", "B", "C", "C", "C", "C", "D"]


def test_all_tied_units_are_all_a():
    classes, ranks = classify(np.full(7, 50.0))
    assert set(classes) == {"A"} and set(ranks.tolist()) == {1}


def test_thresholds_are_inclusive_at_the_boundary():
    classing = Classing("threshold", thresholds=(80.0, 60.0, 40.0))
    classes, _ = classify(np.array([80.0, 79.999, 60.0, 59.9, 40.0, 39.9]), classing)
    assert classes == ["A", "B", "B", "C", "C", "D"]


def test_exempt_units_do_not_count_in_the_band_sizes():
    totals = np.array([10, 9, 8, 7, 6, 100], dtype=float)
    classes, ranks = classify(totals, Classing(bands=(0.2, 0.6, 0.8)), exempt=np.array([0, 0, 0, 0, 0, 1], bool))
    assert classes == ["A", "B", "B", "C", "D", ""]
    assert ranks.tolist() == [1, 2, 3, 4, 5, 0]


@pytest.mark.parametrize("kwargs", [{"mode": "quantile"}, {"bands": (0.5, 0.4, 0.9)}, {"thresholds": (1, 2, 3)}])
def test_bad_classing_is_refused_with_a_message(kwargs):
    with pytest.raises(ScoringError):
        Classing(**kwargs)


def test_benchmarks_of_the_wrong_length_are_refused():
    with pytest.raises(ScoringError, match="基准值有 2 个"):
        indicator_points(col(1.0), [TAX], ScoringMethod(Method.RATIO, benchmarks=(1.0, 2.0)))


def test_park_figures_are_sums_over_members_that_reported():
    sums = aggregate_figures({"tax_wan": [1.0, 2.0, math.nan, 4.0], "land_mu": [1.0, 1.0, 1.0, 2.0]},
                             [0, 0, 1, 1], 2)
    assert sums["tax_wan"].tolist() == [3.0, 4.0] and sums["land_mu"].tolist() == [2.0, 3.0]


def test_surcharge_grows_with_consecutive_years_in_d():
    history = {2021: "D", 2022: "D", 2023: "D", 2024: "D"}
    assert [consecutive_years_in_class(history, y) for y in (2021, 2022, 2023, 2024, 2025)] == [1, 2, 3, 4, 0]
    assert electricity_surcharge(history, 2021, 100.0) == (0.05, 5.0)
    assert electricity_surcharge(history, 2022, 100.0) == (0.10, 10.0)
    assert electricity_surcharge(history, 2024, 100.0) == (0.15, 15.0)
    assert electricity_surcharge(history, 2024, None) == (0.15, 0.0)
    assert electricity_surcharge(history, 2022, 100.0, schedule=(0.2,)) == (0.2, 20.0)


def test_two_hundred_thousand_enterprises_are_scored_and_classed():
    rng = np.random.default_rng(7)
    n = 200_000
    figures = {name: rng.lognormal(3, 1, n) for name in
               ("revenue_wan", "value_added_wan", "tax_wan", "employees", "land_mu", "energy_tce", "emissions_t",
                "rd_expense_wan")}
    figures["emissions_t"][::10] = np.nan
    result = evaluate(figures)
    counts = [result.classes.count(c) for c in "ABCD"]
    assert sum(counts) == n
    assert counts[0] == pytest.approx(0.2 * n, abs=5) and counts[3] == pytest.approx(0.05 * n, abs=5)
