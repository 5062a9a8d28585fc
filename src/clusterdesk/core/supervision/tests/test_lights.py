"""Traffic lights: every rule at its boundaries, the worst-light combination, reasons, roll-ups, speed."""

import dataclasses
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clusterdesk.core.exceptions import CoreError
from clusterdesk.core.supervision.lights import (
    DEFAULT_RULES,
    RELATIVE_RULES,
    GapMode,
    Light,
    LightResult,
    LightRules,
    ProjectFacts,
    SupervisionError,
    count_lights,
    format_pct,
    investment_light,
    months_between,
    plan_completion,
    project_light,
    start_rate,
    time_progress,
    worst,
)

DETERMINISTIC = settings(derandomize=True, max_examples=300, deadline=None)
SEPTEMBER = date(2024, 9, 1)
#: A project with nothing wrong: on plan, started in January, in the statistics.
CLEAN = ProjectFacts(
    month=SEPTEMBER,
    annual_plan_wan=Decimal(1000),
    year_to_date_wan=Decimal(750),
    planned_start=date(2024, 1, 1),
    actual_start=date(2024, 1, 20),
    in_statistics=True,
    critical_nodes_overdue=0,
    stage="construction",
)


def invest(ytd: str, *, plan: str = "1000", month: int = 9, rules: LightRules = DEFAULT_RULES) -> Light:
    return investment_light(
        annual_plan_wan=Decimal(plan), year_to_date_wan=Decimal(ytd), month=month, rules=rules
    ).light


def facts(**changes: object) -> ProjectFacts:
    return dataclasses.replace(CLEAN, **changes)  # type: ignore[arg-type]


# --- Light, worst, months ---------------------------------------------------------------------------------


def test_light_values_ranks_and_labels():
    assert [light.value for light in Light] == ["green", "yellow", "red"]
    assert [light.rank for light in Light] == [0, 1, 2]
    assert [light.label_zh for light in Light] == ["绿灯", "黄灯", "红灯"]


@pytest.mark.parametrize(
    ("lights", "expected"),
    [
        ((), Light.GREEN),
        ((Light.GREEN, Light.GREEN), Light.GREEN),
        ((Light.YELLOW, Light.GREEN), Light.YELLOW),
        ((Light.GREEN, Light.RED, Light.YELLOW), Light.RED),
        ((Light.RED, Light.YELLOW), Light.RED),
    ],
)
def test_worst(lights, expected):
    assert worst(*lights) is expected


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (date(2024, 3, 1), date(2024, 3, 31), 0),
        (date(2024, 3, 31), date(2024, 4, 1), 1),
        (date(2023, 12, 1), date(2024, 1, 1), 1),
        (date(2023, 6, 15), date(2024, 6, 1), 12),
        (date(2024, 6, 1), date(2024, 3, 1), -3),
    ],
)
def test_months_between_counts_calendar_months(a, b, expected):
    assert months_between(a, b) == expected


# --- time progress and investment -------------------------------------------------------------------------


def test_time_progress_runs_from_one_twelfth_to_one_hundred():
    assert time_progress(12) == Decimal(100)
    assert time_progress(6) == Decimal(50)
    assert time_progress(9) == Decimal(75)
    assert format_pct(time_progress(1)) == "8.33%"
    assert [time_progress(m) for m in range(1, 13)] == sorted(time_progress(m) for m in range(1, 13))


@pytest.mark.parametrize("month", [0, 13, -1, True, 6.0, "6"])
def test_time_progress_rejects_other_months(month):
    with pytest.raises(SupervisionError, match="月份应为 1 至 12"):
        time_progress(month)


@pytest.mark.parametrize(
    ("ytd", "expected"),
    [
        # September: time progress 75 %; gap = 75 − completion.
        ("800", Light.GREEN),  # ahead of time progress
        ("750", Light.GREEN),  # gap 0
        ("650.1", Light.GREEN),  # gap 9.99
        ("650", Light.YELLOW),  # gap exactly 10 → yellow
        ("450", Light.YELLOW),  # gap exactly 30 → still yellow
        ("449.9", Light.RED),  # gap 30.01 → red
        ("0", Light.RED),
    ],
)
def test_investment_absolute_boundaries(ytd, expected):
    assert invest(ytd) is expected


@pytest.mark.parametrize(
    ("ytd", "expected"),
    [
        # December: time progress 100 %; relative shortfall = (100 − completion) / 100.
        ("1000", Light.GREEN),  # shortfall 0
        ("999.9", Light.YELLOW),  # shortfall 0.01 %
        ("500", Light.YELLOW),  # shortfall exactly 50 % → yellow
        ("499.9", Light.RED),  # shortfall 50.01 %
    ],
)
def test_investment_relative_boundaries(ytd, expected):
    assert invest(ytd, month=12, rules=RELATIVE_RULES) is expected


def test_relative_mode_at_a_fractional_time_progress():
    # June: time progress 50 %; exactly half of it (25 %) is yellow, just below is red.
    assert invest("250", month=6, rules=RELATIVE_RULES) is Light.YELLOW
    assert invest("249.99", month=6, rules=RELATIVE_RULES) is Light.RED
    # The same 25 % in absolute mode is a 25-point gap: yellow.
    assert invest("250", month=6) is Light.YELLOW


def test_month_twelve_needs_the_whole_plan_for_green():
    assert invest("910", month=12) is Light.GREEN
    assert invest("900", month=12) is Light.YELLOW
    assert invest("699", month=12) is Light.RED


def test_investment_reason_text():
    result = investment_light(annual_plan_wan=Decimal(1000), year_to_date_wan=Decimal(380), month=9)
    assert result == LightResult(Light.RED, ("累计完成投资占年度计划 38%，序时进度 75%",))
    january = investment_light(annual_plan_wan=Decimal(3), year_to_date_wan=Decimal(0), month=1)
    assert january.reasons == ()  # gap 8.33 pp: green, no reason
    assert investment_light(annual_plan_wan=Decimal(3), year_to_date_wan=Decimal(1), month=6).reasons == (
        "累计完成投资占年度计划 33.33%，序时进度 50%",
    )


@pytest.mark.parametrize("plan", [None, Decimal(0)])
def test_no_annual_plan_is_silently_green_with_a_note(plan):
    result = investment_light(annual_plan_wan=plan, year_to_date_wan=Decimal(0), month=12)
    assert result == LightResult(Light.GREEN, (), ("未下达年度投资计划，未评价投资进度",))
    assert result.summary() == "绿灯（未下达年度投资计划，未评价投资进度）"
    combined = project_light(facts(annual_plan_wan=plan, critical_nodes_overdue=2))
    assert combined.summary() == "黄灯：关键节点逾期 2 个（未下达年度投资计划，未评价投资进度）"


@pytest.mark.parametrize(("plan", "ytd"), [(Decimal(-1), Decimal(0)), (Decimal(1), Decimal(-1))])
def test_negative_amounts_are_rejected(plan, ytd):
    with pytest.raises(SupervisionError, match="不小于 0"):
        investment_light(annual_plan_wan=plan, year_to_date_wan=ytd, month=3)


@given(
    plan=st.decimals(min_value=1, max_value=10**7, places=2),
    high=st.decimals(min_value=0, max_value=2 * 10**7, places=2),
    drop=st.decimals(min_value=0, max_value=2 * 10**7, places=2),
    month=st.integers(1, 12),
    mode=st.sampled_from(list(GapMode)),
)
@DETERMINISTIC
def test_light_never_improves_when_year_to_date_decreases(plan, high, drop, month, mode):
    low = max(high - drop, Decimal(0))
    rules = LightRules(mode=mode)
    assert (
        invest(str(low), plan=str(plan), month=month, rules=rules).rank
        >= invest(str(high), plan=str(plan), month=month, rules=rules).rank
    )
    lower = project_light(facts(month=date(2024, month, 1), annual_plan_wan=plan, year_to_date_wan=low), rules)
    higher = project_light(facts(month=date(2024, month, 1), annual_plan_wan=plan, year_to_date_wan=high), rules)
    assert lower.light.rank >= higher.light.rank


# --- start, statistics, critical nodes --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("planned", "expected", "reason"),
    [
        (date(2024, 10, 1), Light.GREEN, None),  # planned next month: not yet due
        (date(2024, 9, 30), Light.YELLOW, "计划本月开工，尚未开工"),  # 0 months overdue
        (date(2024, 8, 1), Light.YELLOW, "开工逾期 1 个月"),
        (date(2024, 7, 1), Light.YELLOW, "开工逾期 2 个月"),
        (date(2024, 6, 1), Light.RED, "开工逾期 3 个月"),
        (date(2023, 12, 1), Light.RED, "开工逾期 9 个月"),
    ],
)
def test_start_overdue_boundaries(planned, expected, reason):
    result = project_light(facts(planned_start=planned, actual_start=None, stage="preconstruction"))
    assert result.light is expected
    assert result.reasons == ((reason,) if reason else ())


def test_started_projects_get_no_start_light():
    overdue = {"planned_start": date(2024, 1, 1), "stage": "preconstruction"}
    assert project_light(facts(**overdue, actual_start=date(2024, 9, 20))).light is Light.GREEN
    # By stage, even without a start date.
    assert project_light(facts(planned_start=date(2024, 1, 1), actual_start=None)).light is Light.GREEN
    # A start date after the report month does not count yet.
    assert project_light(facts(**overdue, actual_start=date(2024, 10, 2))).reasons == ("开工逾期 8 个月",)
    # No planned start: nothing to judge.
    assert project_light(facts(planned_start=None, actual_start=None, stage="reserve")).light is Light.GREEN


@pytest.mark.parametrize(
    ("started", "expected", "reason"),
    [
        (date(2024, 9, 1), Light.GREEN, None),  # started this month: 0 months
        (date(2024, 8, 31), Light.YELLOW, "开工 1 个月未纳统"),
        (date(2024, 7, 1), Light.YELLOW, "开工 2 个月未纳统"),
        (date(2024, 6, 1), Light.RED, "开工 3 个月未纳统"),  # more than two
    ],
)
def test_statistics_boundaries(started, expected, reason):
    result = project_light(facts(actual_start=started, in_statistics=False))
    assert result.light is expected
    assert result.reasons == ((reason,) if reason else ())
    assert project_light(facts(actual_start=started, in_statistics=True)).light is Light.GREEN


def test_statistics_rule_needs_a_start_date():
    assert project_light(facts(actual_start=None, in_statistics=False)).light is Light.GREEN


@pytest.mark.parametrize(("overdue", "expected"), [(0, Light.GREEN), (1, Light.YELLOW), (5, Light.YELLOW)])
def test_critical_node_boundaries(overdue, expected):
    result = project_light(facts(critical_nodes_overdue=overdue))
    assert result.light is expected
    assert result.reasons == ((f"关键节点逾期 {overdue} 个",) if overdue else ())


def test_critical_node_light_is_configurable():
    rules = LightRules(critical_node_overdue="red")  # type: ignore[arg-type]
    assert rules.critical_node_overdue is Light.RED
    assert project_light(facts(critical_nodes_overdue=1), rules).light is Light.RED


# --- combination and reasons ------------------------------------------------------------------------------


def test_clean_project_is_green_without_reasons():
    assert project_light(CLEAN) == LightResult(Light.GREEN)
    assert project_light(CLEAN).summary() == "绿灯"


def test_worst_light_wins_and_every_fired_rule_gives_a_reason():
    result = project_light(
        facts(
            year_to_date_wan=Decimal(380),
            planned_start=date(2024, 6, 1),
            actual_start=None,
            stage="preconstruction",
            critical_nodes_overdue=2,
        )
    )
    assert result.light is Light.RED
    assert result.summary() == "红灯：累计完成投资占年度计划 38%，序时进度 75%；开工逾期 3 个月；关键节点逾期 2 个"


def test_yellow_rules_together_stay_yellow_and_red_from_one_rule_is_enough():
    several_yellows = facts(year_to_date_wan=Decimal(600), actual_start=date(2024, 8, 1), in_statistics=False)
    several_yellows = dataclasses.replace(several_yellows, critical_nodes_overdue=1)
    result = project_light(several_yellows)
    assert result.light is Light.YELLOW
    assert result.reasons == ("累计完成投资占年度计划 60%，序时进度 75%", "开工 1 个月未纳统", "关键节点逾期 1 个")
    red_by_statistics = project_light(facts(actual_start=date(2024, 1, 1), in_statistics=False))
    assert red_by_statistics.light is Light.RED


def test_custom_thresholds():
    rules = LightRules(yellow_gap_pp=Decimal(5), red_gap_pp=Decimal(15), start_red_months=1)
    assert invest("700", rules=rules) is Light.YELLOW  # gap 5
    assert invest("599", rules=rules) is Light.RED  # gap 15.1
    late = facts(planned_start=date(2024, 8, 1), actual_start=None, stage="preconstruction")
    assert project_light(late, rules).light is Light.RED


@pytest.mark.parametrize(
    "changes",
    [
        {"yellow_gap_pp": Decimal(31)},
        {"yellow_gap_pp": Decimal(-1)},
        {"red_shortfall_pct": Decimal(101)},
        {"yellow_shortfall_pct": Decimal(60)},
        {"start_yellow_months": 4},
        {"statistics_yellow_months": 3},
        {"mode": "ratio"},
        {"critical_node_overdue": "blue"},
    ],
)
def test_invalid_rules_are_rejected(changes):
    with pytest.raises(SupervisionError) as excinfo:
        LightRules(**changes)
    assert isinstance(excinfo.value, CoreError)


def test_presets_and_frozen():
    assert DEFAULT_RULES.mode is GapMode.ABSOLUTE
    assert RELATIVE_RULES.mode is GapMode.RELATIVE
    assert LightRules(mode="relative") == RELATIVE_RULES  # type: ignore[arg-type]
    with pytest.raises(dataclasses.FrozenInstanceError):
        DEFAULT_RULES.red_gap_pp = Decimal(40)  # type: ignore[misc]


# --- roll-ups and formatting ------------------------------------------------------------------------------


def test_count_lights():
    assert count_lights([]) == {Light.GREEN: 0, Light.YELLOW: 0, Light.RED: 0}
    assert count_lights(["red", Light.YELLOW, Light.RED]) == {Light.GREEN: 0, Light.YELLOW: 1, Light.RED: 2}


def test_start_rate():
    assert start_rate(4, 4) == Decimal(100)
    assert start_rate(4, 0) == Decimal(0)
    assert start_rate(0, 0) is None
    for planned, started in [(-1, 0), (2, 3), (2, -1)]:
        with pytest.raises(SupervisionError):
            start_rate(planned, started)


def test_plan_completion():
    assert plan_completion(Decimal(400), Decimal(100), 3) == (Decimal(25), Decimal(25))
    assert plan_completion(Decimal(0), Decimal(5), 12) == (None, Decimal(100))
    with pytest.raises(SupervisionError):
        plan_completion(Decimal(-1), Decimal(0), 3)
    with pytest.raises(SupervisionError):
        plan_completion(Decimal(1), Decimal(0), 13)


@pytest.mark.parametrize(
    ("value", "text"),
    [("38", "38%"), ("37.50", "37.5%"), ("8.333", "8.33%"), ("0.005", "0.01%"), ("-0.001", "0%"), ("100.00", "100%")],
)
def test_format_pct(value, text):
    assert format_pct(Decimal(value)) == text


def test_format_pct_places():
    assert format_pct(Decimal("66.666"), places=0) == "67%"

