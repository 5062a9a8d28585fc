"""LQ against the three kinds of reference, on a table small enough to compute by hand."""

import pytest

from clusterdesk.core.clusters import code_matches, location_quotients, reference_sum, reference_values

# Three counties of a province, output (万元) by division:
#            C37    C38    I65    total
#   county A  800    200      0    1000
#   county B  100    900      0    1000
#   county C  300      0    700    1000
TABLE = {"A": {"C37": 800.0, "C38": 200.0}, "B": {"C37": 100.0, "C38": 900.0}, "C": {"C37": 300.0, "I65": 700.0}}


def test_lq_against_the_province_named_regions_and_a_national_table():
    province = reference_values(TABLE)
    assert province == {"C37": 1200.0, "C38": 1100.0, "I65": 700.0}
    # A in C37: (800 / 1000) / (1200 / 3000) = 0.8 / 0.4 = 2.0
    assert location_quotients(TABLE["A"], province)["C37"] == pytest.approx(2.0)
    # against B and C only: (800 / 1000) / (400 / 2000) = 0.8 / 0.2 = 4.0
    assert location_quotients(TABLE["A"], reference_values(TABLE, ["B", "C"]))["C37"] == pytest.approx(4.0)
    # against a national table: C37 5,000 of 50,000 → (0.8) / (0.1) = 8.0; C38 15,000 → 0.2 / 0.3
    nation = {"C37": 5000.0, "C38": 15000.0, "I65": 30000.0}
    lq = location_quotients(TABLE["A"], nation)
    assert lq["C37"] == pytest.approx(8.0) and lq["C38"] == pytest.approx(0.2 / 0.3)
    # the bug this replaces: a county as its own reference is 1.00 everywhere
    assert set(location_quotients(TABLE["A"], TABLE["A"]).values()) == {1.0}


def test_reference_sum_counts_each_industry_once_across_levels():
    nation = {"C37": 5000.0, "C38": 15000.0, "I65": 30000.0}
    assert reference_sum(nation, ["C37", "C3711", "C3714"]) == (5000.0, 50000.0)
    assert reference_sum(nation, []) == (0.0, 50000.0)
    assert code_matches("C3711", ["C37"]) and not code_matches("C3811", ["C37"])


def test_no_reference_value_gives_no_lq():
    assert location_quotients({"C37": 10.0}, {"C38": 5.0}) == {"C37": None}
