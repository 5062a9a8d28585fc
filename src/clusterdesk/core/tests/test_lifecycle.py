"""Project lifecycle: stage data, neighbours, and the gate rules for moving between stages."""

import dataclasses
import datetime
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clusterdesk.core.exceptions import CoreError, StageTransitionError
from clusterdesk.core.lifecycle import (
    ABOVE_SCALE_REVENUE_WAN,
    STAGE_GATES,
    STAGES,
    GateRequirement,
    Stage,
    StageInfo,
    assert_stage_transition,
    fact_is_met,
    is_above_scale,
    next_stage,
    previous_stage,
    stage_gate_errors,
    stage_info,
)

DETERMINISTIC = settings(derandomize=True, max_examples=300, deadline=None)
ALL_FACTS = {
    "total_investment_wan": Decimal("50000"),
    "owner": 7,
    "park": None,
    "region": 3,
    "planned_start_date": datetime.date(2024, 3, 1),
    "actual_start_date": datetime.date(2024, 4, 1),
    "land_secured": True,
    "actual_completion_date": datetime.date(2025, 6, 30),
    "actual_production_date": datetime.date(2025, 9, 1),
    "above_scale": True,
    "reason": "",
}
STAGE_VALUES = st.sampled_from(list(Stage))


def test_stage_values_are_the_database_slugs_in_order():
    assert [stage.value for stage in Stage] == [
        "planning", "reserve", "preconstruction", "construction", "completed", "capacity", "statistics",
    ]  # fmt: skip
    assert Stage("construction") is Stage.CONSTRUCTION
    assert isinstance(Stage.PLANNING, str)


def test_stages_table_is_in_order_and_complete():
    assert [info.stage for info in STAGES] == list(Stage)
    assert [info.order for info in STAGES] == list(range(1, 8))
    assert [info.label_zh for info in STAGES] == ["谋划", "储备", "前期", "在建", "竣工", "达产", "入统"]
    assert all(info.label_en and info.library_zh and info.library_en and info.description_zh for info in STAGES)


def test_stage_info_is_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        STAGES[0].label_zh = "x"  # type: ignore[misc]
    assert isinstance(STAGES[0], StageInfo)


def test_stage_info_accepts_a_stage_or_its_slug():
    assert stage_info(Stage.RESERVE) is stage_info("reserve")
    assert stage_info("planning").library_zh == "谋划库"
    assert stage_info("statistics").library_zh == "入统清单"


def test_unknown_stage_raises_stage_transition_error():
    with pytest.raises(StageTransitionError, match='未知的项目阶段："building"'):
        stage_info("building")
    with pytest.raises(StageTransitionError):
        stage_gate_errors(current="planning", target="building", facts={})
    assert issubclass(StageTransitionError, CoreError)


def test_next_and_previous_stage():
    assert next_stage(Stage.PLANNING) is Stage.RESERVE
    assert next_stage("capacity") is Stage.STATISTICS
    assert next_stage(Stage.STATISTICS) is None
    assert previous_stage(Stage.RESERVE) is Stage.PLANNING
    assert previous_stage(Stage.PLANNING) is None


def test_every_stage_has_a_gate_entry_and_every_gate_a_message():
    assert set(STAGE_GATES) == set(Stage)
    assert STAGE_GATES[Stage.PLANNING] == ()
    for requirements in STAGE_GATES.values():
        for requirement in requirements:
            assert isinstance(requirement, GateRequirement)
            assert requirement.fact and requirement.message_zh.startswith("进入")


def test_gate_table_names_the_required_facts():
    facts = {stage: [r.fact for r in requirements] for stage, requirements in STAGE_GATES.items()}
    assert facts[Stage.RESERVE] == ["total_investment_wan", "owner"]
    assert facts[Stage.PRECONSTRUCTION] == ["park|region", "planned_start_date"]
    assert facts[Stage.CONSTRUCTION] == ["actual_start_date", "land_secured"]
    assert facts[Stage.COMPLETED] == ["actual_completion_date"]
    assert facts[Stage.CAPACITY] == ["actual_production_date"]
    assert facts[Stage.STATISTICS] == ["above_scale"]


@pytest.mark.parametrize(
    ("value", "met"),
    [
        (None, False), (False, False), (True, True), ("", False), ("  ", False), ("某公司", True),
        (0, False), (-5, False), (3, True), (0.0, False), (0.5, True), (float("nan"), False),
        (Decimal("0"), False), (Decimal("-1"), False), (Decimal("0.01"), True), (Decimal("NaN"), False),
        (datetime.date(2024, 1, 1), True), (object(), True),
    ],
)  # fmt: skip
def test_fact_is_met(value, met):
    assert fact_is_met(value) is met


def test_is_above_scale_uses_the_2000_wan_threshold():
    assert ABOVE_SCALE_REVENUE_WAN == Decimal("2000")
    assert is_above_scale(Decimal("2000"))
    assert not is_above_scale(Decimal("1999.9999"))
    assert not is_above_scale(None)
    assert is_above_scale(Decimal("600"), threshold_wan=Decimal("500"))


def test_forward_one_step_with_every_fact_passes():
    for info in STAGES[:-1]:
        target = next_stage(info.stage)
        assert target is not None
        assert stage_gate_errors(current=info.stage, target=target, facts=ALL_FACTS) == []


def test_reserve_gate_lists_every_missing_fact_not_just_the_first():
    errors = stage_gate_errors(current=Stage.PLANNING, target=Stage.RESERVE, facts={"total_investment_wan": 0})
    assert errors == ["进入储备须填写大于 0 的总投资（万元）", "进入储备须明确项目业主（投资主体）"]


def test_negative_investment_does_not_open_the_reserve_gate():
    facts = {**ALL_FACTS, "total_investment_wan": Decimal("-10")}
    assert stage_gate_errors(current="planning", target="reserve", facts=facts) == [
        "进入储备须填写大于 0 的总投资（万元）"
    ]


@pytest.mark.parametrize(
    ("park", "region", "met"), [(1, None, True), (None, 2, True), (1, 2, True), (None, None, False)]
)
def test_preconstruction_needs_a_park_or_a_region(park, region, met):
    facts = {**ALL_FACTS, "park": park, "region": region}
    errors = stage_gate_errors(current="reserve", target="preconstruction", facts=facts)
    assert (errors == []) is met
    if not met:
        assert errors == ["进入前期须明确建设地点（所在园区或区域）"]


@pytest.mark.parametrize(
    ("current", "target", "missing", "message"),
    [
        ("reserve", "preconstruction", "planned_start_date", "进入前期须填写计划开工日期"),
        ("preconstruction", "construction", "actual_start_date", "进入在建须填写实际开工日期"),
        ("preconstruction", "construction", "land_secured", "进入在建须已落实项目用地"),
        ("construction", "completed", "actual_completion_date", "进入竣工须填写实际竣工日期"),
        ("completed", "capacity", "actual_production_date", "进入达产须填写实际投产日期"),
        ("capacity", "statistics", "above_scale", "进入入统须项目业主已达到规模以上标准"),
    ],
)
def test_each_gate_blocks_on_its_missing_fact(current, target, missing, message):
    facts = {**ALL_FACTS, missing: None}
    errors = stage_gate_errors(current=current, target=target, facts=facts)
    assert len(errors) == 1
    assert errors[0].startswith(message)


def test_skipping_a_stage_is_refused_and_the_target_gate_still_reported():
    errors = stage_gate_errors(current="planning", target="construction", facts={})
    assert errors[0] == "只能逐级推进：「谋划」的下一阶段是「储备」，不能直接进入「在建」"
    assert errors[1:] == ["进入在建须填写实际开工日期", "进入在建须已落实项目用地"]
    assert stage_gate_errors(current="planning", target="construction", facts=ALL_FACTS) == [errors[0]]


def test_staying_in_the_same_stage_is_reported():
    assert stage_gate_errors(current="construction", target="construction", facts=ALL_FACTS) == [
        "项目已处于「在建」阶段"
    ]


def test_moving_back_needs_a_reason_and_nothing_else():
    assert stage_gate_errors(current="construction", target="reserve", facts={}) == ["从「在建」退回「储备」须填写原因"]
    assert stage_gate_errors(current="construction", target="reserve", facts={"reason": "   "}) == [
        "从「在建」退回「储备」须填写原因"
    ]
    assert stage_gate_errors(current="statistics", target="planning", facts={"reason": "业主撤资"}) == []


def test_custom_gates_replace_the_default_table():
    gates = {**STAGE_GATES, Stage.RESERVE: (GateRequirement("approved", "须经联席会审议"),)}
    facts = {"total_investment_wan": 0}
    assert stage_gate_errors(current="planning", target="reserve", facts=facts, gates=gates) == ["须经联席会审议"]
    assert stage_gate_errors(current="planning", target="reserve", facts={"approved": True}, gates=gates) == []


def test_assert_stage_transition_joins_every_message():
    with pytest.raises(StageTransitionError) as caught:
        assert_stage_transition(current=Stage.PLANNING, target=Stage.RESERVE, facts={})
    assert str(caught.value) == "进入储备须填写大于 0 的总投资（万元）；进入储备须明确项目业主（投资主体）"


def test_assert_stage_transition_is_silent_when_allowed():
    assert_stage_transition(current="planning", target="reserve", facts=ALL_FACTS)   # raises when refused


@DETERMINISTIC
@given(current=STAGE_VALUES, target=STAGE_VALUES, reason=st.sampled_from(["", "项目停滞"]))
def test_with_all_facts_only_the_move_itself_can_be_refused(current, target, reason):
    errors = stage_gate_errors(current=current, target=target, facts={**ALL_FACTS, "reason": reason})
    step = stage_info(target).order - stage_info(current).order
    allowed = step == 1 or (step < 0 and bool(reason))
    assert (errors == []) is allowed


@DETERMINISTIC
@given(
    current=STAGE_VALUES,
    target=STAGE_VALUES,
    facts=st.dictionaries(st.sampled_from(sorted(ALL_FACTS)), st.sampled_from([None, True, 0, 1, "", "x"])),
)
def test_assert_agrees_with_the_error_list(current, target, facts):
    errors = stage_gate_errors(current=current, target=target, facts=facts)
    try:
        assert_stage_transition(current=current, target=target, facts=facts)
    except StageTransitionError as exc:
        assert str(exc).split("；") == errors
    else:
        assert errors == []
