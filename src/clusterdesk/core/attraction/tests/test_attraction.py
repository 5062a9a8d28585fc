"""The lead workflow's guards, the conversion refusals and the funnel figures on a hand-made history."""

import datetime as dt

import pytest

from clusterdesk.core.attraction import FUNNEL_STAGES, LEAD_WORKFLOW, StageEntry, conversion_refusals, funnel
from clusterdesk.core.workflow import ActorFacts, TransitionRefusedError, check_transition

OFFICER = ActorFacts("county_officer")


def test_signing_needs_a_date_landing_a_project_and_terminating_a_reason():
    with pytest.raises(TransitionRefusedError) as err:
        check_transition(LEAD_WORKFLOW, "negotiation", "signed", actor=OFFICER, facts={"signed_date": None})
    assert err.value.fields == {"signed_date": ["签约须填写签约日期"]}
    assert check_transition(LEAD_WORKFLOW, "negotiation", "signed", actor=OFFICER,
                            facts={"signed_date": dt.date(2026, 5, 1)}).action == "sign"
    with pytest.raises(TransitionRefusedError):
        check_transition(LEAD_WORKFLOW, "signed", "landed", actor=OFFICER, facts={"project": None})
    with pytest.raises(TransitionRefusedError) as err:
        check_transition(LEAD_WORKFLOW, "contact", "terminated", actor=OFFICER, facts={"reason": " "})
    assert err.value.fields == {"reason": ["终止须说明原因"]}


def test_no_skipping_signing_no_moves_after_landing_and_only_officers_move():
    for current, target in (("lead", "signed"), ("contact", "landed"), ("landed", "terminated"),
                            ("signed", "negotiation")):
        with pytest.raises(Exception):  # noqa: B017 - an undefined move is a WorkflowError, a refusal a CoreError
            check_transition(LEAD_WORKFLOW, current, target, actor=OFFICER,
                             facts={"signed_date": dt.date(2026, 1, 1), "project": 1, "reason": "x"})
    with pytest.raises(TransitionRefusedError) as err:
        check_transition(LEAD_WORKFLOW, "lead", "contact", actor=ActorFacts("viewer"))
    assert err.value.by_actor


def test_conversion_names_every_missing_item_in_order():
    assert conversion_refusals({"stage": "inspection", "project": 3}) == [
        "线索尚未签约，签约或落地后方可转为项目", "线索已转为项目",
        "缺少项目名称、投资方、计划投资额、用地面积、所属行业、拟落户园区"]


def test_funnel_rates_and_days_by_hand():
    d = dt.date
    rows = [
        # A: lead 10 days, contact 5 days, inspection 15 days, negotiation 30 days, signed 20 days, landed.
        *(StageEntry("A", s, day) for s, day in (("lead", d(2026, 1, 1)), ("contact", d(2026, 1, 11)),
                                                  ("inspection", d(2026, 1, 16)), ("negotiation", d(2026, 1, 31)),
                                                  ("signed", d(2026, 3, 2)), ("landed", d(2026, 3, 22)))),
        # B: lead 2 days, straight to inspection (skips contact), 6 days, then terminated.
        StageEntry("B", "lead", d(2026, 2, 1)), StageEntry("B", "inspection", d(2026, 2, 3)),
        StageEntry("B", "terminated", d(2026, 2, 9)),
        # C: lead 4 days, contact (still there).
        StageEntry("C", "contact", d(2026, 2, 5)), StageEntry("C", "lead", d(2026, 2, 1)),
        # D: a lead still at its first stage.
        StageEntry("D", "lead", d(2026, 3, 1)),
    ]
    f = funnel(rows)
    by = {s.stage: s for s in f.stages}
    assert [s.stage for s in f.stages] == list(FUNNEL_STAGES)
    assert [by[s].reached for s in FUNNEL_STAGES] == [4, 3, 2, 1, 1, 1]
    assert [by[s].current for s in FUNNEL_STAGES] == [1, 1, 0, 0, 0, 1]
    assert (f.total, f.terminated) == (4, 1)
    assert [by[s].conversion for s in FUNNEL_STAGES] == [0.75, 2 / 3, 0.5, 1.0, 1.0, None]
    assert sorted(by["lead"].days) == [2, 4, 10]
    assert (by["lead"].median_days, by["lead"].mean_days) == (4.0, 16 / 3)
    assert sorted(by["inspection"].days) == [6, 15]
    assert (by["inspection"].median_days, by["negotiation"].mean_days, by["signed"].days) == (10.5, 30.0, (20,))
    assert by["landed"].median_days is None
    assert f.landed_rate == 0.25
