"""Cluster metrics on small hand-made cases."""

import math

import numpy as np
import pytest

from clusterdesk.core.clusters import (
    StrongClusterRule,
    cagr,
    location_quotient,
    peer_location_quotient,
    percentile,
    quadrant,
    shift_share,
    strong_cluster_flags,
)


def test_location_quotient_by_hand_and_undefined_cases():
    # a county with 2,000 of its 10,000 jobs in rail equipment; the nation 1 million of 500 million
    assert location_quotient(2000, 10000, 1_000_000, 500_000_000) == pytest.approx(100.0)
    assert np.isnan(location_quotient(5, 0, 10, 100))
    assert np.isnan(location_quotient(5, 10, 0, 100))


def test_cagr_by_hand():
    assert cagr(1000, 1464.1, 4) == pytest.approx(0.1)
    assert cagr(200, 100, 1) == pytest.approx(-0.5)
    assert np.isnan(cagr(0, 100, 3)) and np.isnan(cagr(100, 120, 0))


def test_shift_share_components_add_up_and_match_hand_figures():
    # base 400 jobs, end 500; nation's industry grew 1.10×, all industries 1.05×
    s = shift_share(400, 500, 10_000, 11_000, 100_000, 105_000)
    assert float(s.national_growth) == pytest.approx(20.0)
    assert float(s.industry_mix) == pytest.approx(20.0)
    assert float(s.regional_shift) == pytest.approx(60.0)
    assert float(s.expected) == pytest.approx(440.0)
    assert float(s.national_growth + s.industry_mix + s.regional_shift) == pytest.approx(100.0)


def test_peer_specialisation_uses_the_peer_totals_only():
    values = [[50, 50], [10, 90], [30, 70], [400, 600]]
    totals = [100, 100, 100, 1000]
    lq = peer_location_quotient(values, totals, 0, [0, 1, 2])
    assert lq[0] == pytest.approx(0.5 / (90 / 300))
    assert lq[1] == pytest.approx(0.5 / (210 / 300))


def test_percentile_interpolates_linearly():
    assert percentile([10, 20, 30, 40, 50], 25) == 20.0
    assert percentile([1, 2, 3, 4], 25) == 1.75
    assert percentile([7.0, float("nan")], 75) == 7.0
    assert math.isnan(percentile([], 50))


def test_strong_cluster_flags_apply_every_condition():
    lq = [0.8, 1.5, 2.5, 3.0, 4.0, 1.1, 0.4, 2.0]
    employment = [100, 300, 20, 500, 900, 200, 50, 400]
    enterprises = [3, 8, 2, 12, 1, 6, 2, 9]
    # p75 LQ = 2.625, p25 employment = 87.5, p25 enterprises = 2
    flags = strong_cluster_flags(lq, employment, enterprises)
    assert flags.tolist() == [False, False, False, True, False, False, False, False]
    looser = strong_cluster_flags(lq, employment, enterprises, StrongClusterRule(lq_percentile=50))
    assert looser.tolist() == [False, False, False, True, False, False, False, True]
    # LQ ≥ 1 is required even at the top of a weak industry
    assert strong_cluster_flags([0.5, 0.9], [10, 20], [1, 2]).tolist() == [False, False]


def test_quadrants():
    assert quadrant(1.0, 0.09) == "high_rising"
    assert quadrant(2.0, 0.0) == "high_falling"
    assert quadrant(0.5, 0.4) == "low_rising"
    assert quadrant(0.5, None) is None
    assert quadrant(0.5, float("nan")) is None


def test_quadrant_trend_follows_the_sign_of_the_growth_rate_not_the_lq():
    # Output grew 12 % a year while the LQ slipped (the nation grew faster): the label is 上升, as the figure says.
    assert quadrant(1.3, 0.12) == "high_rising"
    assert quadrant(1.3, -0.05) == "high_falling"
    for growth in (-0.3, -0.001, 0.001, 0.3):
        assert quadrant(1.0, growth) == ("high_rising" if growth > 0 else "high_falling")
