"""Each warning rule at its boundaries, year on year with missing months, and the four-colour view."""

from decimal import Decimal

import pytest

from clusterdesk.core.monitoring import (
    DEFAULT_MONITORING_RULES,
    Figures,
    Level,
    MonitoringError,
    MonitoringRules,
    Rule,
    Tiers,
    colour,
    evaluate_month,
    month_index,
    worst_level,
)

D = Decimal
MAR25 = month_index(2025, 3)


def _rules(series, period=MAR25, **kwargs):
    return {f.rule: f for f in evaluate_month(series, period, **kwargs)}


def _pair(field, base, now, period=MAR25):
    return {period - 12: Figures(**{field: D(base)}), period: Figures(**{field: D(now)})}


@pytest.mark.parametrize(("now", "expected"), [
    ("90.01", None), ("90", Level.WATCH), ("80.01", Level.WATCH), ("80", Level.WARNING),
    ("70.01", Level.WARNING), ("70", Level.SERIOUS), ("0", Level.SERIOUS), ("150", None),
])
@pytest.mark.parametrize(("field", "rule"), [("output_wan", Rule.OUTPUT_YOY_MONTH),
                                             ("revenue_wan", Rule.REVENUE_YOY_MONTH)])
def test_same_month_drop_at_each_boundary(field, rule, now, expected):
    found = _rules(_pair(field, "100", now))
    assert (found[rule].level if rule in found else None) == expected


def test_same_month_explanation_names_the_figures():
    text = _rules(_pair("revenue_wan", "2000", "1500"))[Rule.REVENUE_YOY_MONTH].explanation
    assert text == "2025年3月主营业务收入同比下降25.0%（1500万元，上年同月2000万元），达到预警线20.0%"


def test_same_month_is_silent_without_a_positive_base():
    assert Rule.OUTPUT_YOY_MONTH not in _rules(_pair("output_wan", "0", "50"))
    assert Rule.OUTPUT_YOY_MONTH not in _rules({MAR25: Figures(output_wan=D(50))})


def _year(values, year):
    return {month_index(year, m): Figures(output_wan=D(v)) for m, v in enumerate(values, start=1) if v is not None}


def test_year_to_date_sums_january_to_the_report_month():
    series = {**_year([100, 100, 100], 2024), **_year([90, 90, 90], 2025)}
    finding = _rules(series)[Rule.OUTPUT_YOY_YTD]
    assert finding.level == Level.WATCH and finding.value == D(10)
    assert "1–3月累计产值同比下降10.0%（270万元，上年同期300万元）" in finding.explanation
    assert "缺报" not in finding.explanation


def test_year_to_date_leaves_out_a_month_missing_this_year_from_both_sums():
    # February 2025 not reported: without like-for-like, 180 against 300 would read as a 40 % fall.
    series = {**_year([100, 100, 100], 2024), **_year([90, None, 90], 2025)}
    finding = _rules(series)[Rule.OUTPUT_YOY_YTD]
    assert finding.value == D(10) and finding.level == Level.WATCH
    assert "2月两年中有一年缺报，按可比的2个月计算" in finding.explanation


def test_year_to_date_leaves_out_a_month_missing_last_year():
    # January 2024 missing: 300 this year against 200 last year would look like growth; like for like it is −25 %.
    series = {**_year([None, 100, 100], 2024), **_year([150, 75, 75], 2025)}
    finding = _rules(series)[Rule.OUTPUT_YOY_YTD]
    assert finding.value == D(25) and finding.level == Level.WARNING
    assert "1月两年中有一年缺报，按可比的2个月计算" in finding.explanation


def test_year_to_date_silent_when_no_month_is_comparable():
    series = {**_year([None, None, 100], 2024), **_year([50, 50, None], 2025)}
    series[MAR25] = Figures(revenue_wan=D(1))  # reported, but without output
    assert Rule.OUTPUT_YOY_YTD not in _rules(series)


def test_year_to_date_in_january_is_the_month_itself():
    jan = month_index(2025, 1)
    finding = _rules(_pair("output_wan", 100, 69, jan), jan)[Rule.OUTPUT_YOY_YTD]
    assert finding.level == Level.SERIOUS and "2025年1月累计" in finding.explanation


def _orders(values, end=MAR25):
    start = end - len(values) + 1
    return {start + k: Figures(orders_on_hand_wan=D(v)) for k, v in enumerate(values) if v is not None}


@pytest.mark.parametrize(("values", "expected"), [
    ([100, 90, 80], None),                      # two falls
    ([100, 90, 80, 70], Level.WATCH),           # three
    ([100, 90, 80, 70, 60], Level.WARNING),     # four
    ([100, 90, 80, 70, 60, 50], Level.WARNING),  # five
    ([100, 90, 80, 70, 60, 50, 40], Level.SERIOUS),  # six
    ([100, 90, 90, 80, 70], None),              # a flat month ends the run: two falls
    ([100, 90, None, 80, 70, 60], None),        # a gap ends the run: two falls
])
def test_orders_falling_counts_consecutive_falls(values, expected):
    found = _rules(_orders(values))
    assert (found[Rule.ORDERS_FALLING].level if Rule.ORDERS_FALLING in found else None) == expected


@pytest.mark.parametrize(("values", "expected"), [
    (["1000", "990", "980.1", "970.299"], Level.WATCH),   # exactly 1 % each month
    (["1000", "990", "980.1", "970.3"], None),            # the last fall is 0.9999… %: noise, the run is two
])
def test_orders_falling_counts_only_falls_of_one_percent(values, expected):
    found = _rules(_orders(values))
    assert (found[Rule.ORDERS_FALLING].level if Rule.ORDERS_FALLING in found else None) == expected
    assert Rule.ORDERS_FALLING in _rules(_orders(values), rules=MonitoringRules(orders_fall_min_pct=D(0)))


def test_orders_falling_explanation():
    text = _rules(_orders([100, 90, 80, 70]))[Rule.ORDERS_FALLING].explanation
    assert text == "在手订单连续3个月下降（2024年12月100万元 → 2025年3月70万元），达到关注线3个月"


@pytest.mark.parametrize(("output", "expected"), [
    ("700", None), ("699.9", Level.WATCH), ("600", Level.WATCH), ("599.9", Level.WARNING),
    ("500", Level.WARNING), ("499.9", Level.SERIOUS), ("1200", None),
])
def test_low_utilisation_strictly_below_each_threshold(output, expected):
    series = {MAR25: Figures(capacity=D(1000), capacity_output=D(output))}
    found = _rules(series)
    assert (found[Rule.LOW_UTILISATION].level if Rule.LOW_UTILISATION in found else None) == expected


def test_low_utilisation_silent_without_capacity():
    assert Rule.LOW_UTILISATION not in _rules({MAR25: Figures(capacity=D(0), capacity_output=D(10))})
    assert "产能利用率65.0%，低于关注线70.0%" in _rules(
        {MAR25: Figures(capacity=D(200), capacity_output=D(130))})[Rule.LOW_UTILISATION].explanation


def _power(output_now, power_now):
    return {MAR25 - 12: Figures(output_wan=D(100), electricity=D(100)),
            MAR25: Figures(output_wan=D(output_now), electricity=D(power_now))}


@pytest.mark.parametrize(("output", "power", "expected"), [
    ("100", "80", Level.WATCH),     # −20 % power, flat output: 20 points
    ("99.9", "80", None),           # 19.9 points
    ("105", "75", Level.WARNING),   # 30 points
    ("100", "50", Level.SERIOUS),   # 50 points
    ("100", "90.1", None),          # power down 9.9 %: below the 10 % floor even with a gap
    ("120", "90", Level.WARNING),   # power down exactly 10 %, output +20 %: 30 points
    ("60", "50", None),             # both down together: consistent
])
def test_electricity_against_output(output, power, expected):
    found = _rules(_power(output, power))
    got = found[Rule.ELECTRICITY_MISMATCH].level if Rule.ELECTRICITY_MISMATCH in found else None
    assert got == expected


def test_electricity_explanation_says_to_check_the_data():
    text = _rules(_power("105", "70"))[Rule.ELECTRICITY_MISMATCH].explanation
    assert text.startswith("2025年3月用电量同比下降30.0%，产值同比增长5.0%，相差35.0个百分点")
    assert "请核实" in text


@pytest.mark.parametrize(("reported_until", "expected"), [
    (0, None), (-1, Level.WATCH), (-2, Level.WARNING), (-3, Level.SERIOUS), (-10, Level.SERIOUS),
])
def test_missing_report_counts_unreported_months(reported_until, expected):
    series = {MAR25 - 20 + k: Figures(output_wan=D(1)) for k in range(20 + reported_until + 1)}
    found = _rules(series)
    assert (found[Rule.MISSING_REPORT].level if Rule.MISSING_REPORT in found else None) == expected
    if expected is not None:
        assert set(found) == {Rule.MISSING_REPORT}


def test_missing_report_does_not_count_before_the_first_expected_month():
    found = _rules({}, first_expected=MAR25 - 1)
    assert found[Rule.MISSING_REPORT].level == Level.WARNING
    assert found[Rule.MISSING_REPORT].explanation == "自2025年2月起连续2个月未报送月度数据，达到预警线2个月"
    one = _rules({}, first_expected=MAR25)[Rule.MISSING_REPORT]
    assert one.explanation == "2025年3月月度数据未报送，达到关注线1个月"
    assert evaluate_month({}, MAR25, first_expected=MAR25 + 1) == []


def test_rules_can_be_switched_off_and_thresholds_changed():
    series = _pair("output_wan", 100, 85)
    assert Rule.OUTPUT_YOY_MONTH in _rules(series)
    strict = MonitoringRules(yoy_drop_pct=Tiers(D(5), D(10), D(15)))
    assert _rules(series, rules=strict)[Rule.OUTPUT_YOY_MONTH].level == Level.SERIOUS
    off = MonitoringRules(enabled=frozenset(Rule) - {Rule.OUTPUT_YOY_MONTH, Rule.OUTPUT_YOY_YTD})
    assert _rules(series, rules=off) == {}


def test_tiers_out_of_order_are_refused():
    with pytest.raises(MonitoringError, match="关注 ≤ 预警 ≤ 严重"):
        Tiers(D(30), D(20), D(10))
    with pytest.raises(MonitoringError, match="关注 ≥ 预警 ≥ 严重"):
        Tiers(D(50), D(60), D(70), ascending=False)
    with pytest.raises(MonitoringError):
        MonitoringRules(electricity_drop_min_pct=D(-1))


def test_worst_level_and_colours():
    findings = evaluate_month({**_pair("output_wan", 100, 75), MAR25 - 12: Figures(output_wan=D(100))}, MAR25)
    assert worst_level(findings) == Level.WARNING
    assert [colour(level) for level in (None, *Level)] == ["green", "blue", "orange", "red"]
    assert DEFAULT_MONITORING_RULES.yoy_drop_pct.watch == D(10)


def test_float_figures_as_sqlite_stores_them_reach_the_same_boundaries():
    orders = {MAR25 - 3 + k: Figures(orders_on_hand_wan=v) for k, v in enumerate([1000.0, 990.0, 980.1, 970.299])}
    assert _rules(orders)[Rule.ORDERS_FALLING].level == Level.WATCH  # 980.1 is not exactly 1 % below in binary
    drop = {MAR25 - 12: Figures(output_wan=100.0), MAR25: Figures(output_wan=80.0)}
    finding = _rules(drop)[Rule.OUTPUT_YOY_MONTH]
    assert finding.level == Level.WARNING and finding.value == D("20.00")
    assert "（80万元，上年同月100万元）" in finding.explanation
    power = {MAR25 - 12: Figures(output_wan=100.0, electricity=100.0),
             MAR25: Figures(output_wan=120.0, electricity=90.0)}
    assert _rules(power)[Rule.ELECTRICITY_MISMATCH].level == Level.WARNING
