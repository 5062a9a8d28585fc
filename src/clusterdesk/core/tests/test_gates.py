"""Configurable gate conditions, entry thresholds and libraries."""

from decimal import Decimal

import pytest

from clusterdesk.core.exceptions import StageTransitionError
from clusterdesk.core.lifecycle import (
    DEFAULT_ENTRY_THRESHOLDS_WAN,
    DEFAULT_GATE_CONDITIONS,
    DEFAULT_LIBRARIES,
    STAGES,
    GateCondition,
    Stage,
    condition_errors,
    entry_threshold_error,
    gate_errors,
    library_of,
)

READY_MILESTONES = frozenset({"land_preapproval", "eia", "energy_review", "construction_permit"})
CONSTRUCTION_READY = {"milestones_done": READY_MILESTONES, "actual_start_date": "2025-03-01"}


def test_construction_gate_names_each_missing_milestone():
    assert gate_errors(current="preconstruction", target="construction", facts=CONSTRUCTION_READY) == []
    for code, message in (("eia", "环评批复"), ("energy_review", "能评审查"), ("land_preapproval", "用地预审"),
                          ("construction_permit", "施工许可")):
        facts = {**CONSTRUCTION_READY, "milestones_done": READY_MILESTONES - {code}}
        assert gate_errors(current="preconstruction", target="construction", facts=facts) == \
            [f"进入在建须完成{message}节点"]


@pytest.mark.parametrize(("total", "ok"), [(Decimal("499.99"), False), (Decimal("500"), True), (None, False)])
def test_statistics_gate_threshold_boundary(total, ok):
    facts = {"total_investment_wan": total, "actual_start_date": "2025-03-01"}
    assert (gate_errors(current="capacity", target="statistics", facts=facts) == []) is ok


def test_a_custom_rule_set_replaces_the_defaults():
    rules = {Stage.RESERVE: (GateCondition("signed_date", "present", None, "须已签约"),)}
    assert gate_errors(current="planning", target="reserve", facts={}, conditions=rules) == ["须已签约"]
    assert gate_errors(current="planning", target="reserve", facts={"signed_date": "2025-01-01"},
                       conditions=rules) == []
    with pytest.raises(StageTransitionError):
        condition_errors((GateCondition("x", "matches"),), {})


@pytest.mark.parametrize(("sector", "amount", "ok"), [
    ("industry", Decimal("4999.99"), False), ("industry", Decimal("5000"), True),
    ("agriculture", Decimal("2999"), False), ("agriculture", Decimal("3000"), True),
    ("innovation", Decimal("999"), False), ("innovation", Decimal("1000"), True),
    ("unknown", Decimal("1"), True),
])
def test_entry_thresholds_at_their_boundaries(sector, amount, ok):
    assert (entry_threshold_error(sector, amount, thresholds=DEFAULT_ENTRY_THRESHOLDS_WAN) is None) is ok


def test_default_libraries_hold_every_stage_once():
    stages = [stage for library in DEFAULT_LIBRARIES for stage in library.stages]
    assert sorted(stages) == sorted(info.stage for info in STAGES)
    library = library_of("preconstruction")
    assert library is not None and library.name_zh == "滚动库"
    assert set(DEFAULT_GATE_CONDITIONS) == {info.stage for info in STAGES}
