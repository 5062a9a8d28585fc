"""Inclusion thresholds per unit type, the candidate detector, the state machine, calendar, checklist, baseline."""

from datetime import date
from decimal import Decimal

import pytest

from clusterdesk.core.monitoring import month_index
from clusterdesk.core.statistics import (
    CANDIDATE_WORKFLOW,
    Basis,
    CandidateState,
    Channel,
    Detection,
    DetectionRules,
    InclusionFacts,
    UnitType,
    application_calendar,
    baseline_gaps,
    channel_for,
    detect_candidate,
    detect_project_candidate,
    inclusion_threshold,
    missing_documents,
    next_deadline,
    reminder_due,
    required_documents,
    unit_type_for_industry,
)
from clusterdesk.core.workflow import ActorFacts, TransitionRefusedError, check_transition, refusals

D = Decimal
OFFICER = ActorFacts("city_officer")


def assert_candidate_transition(current, target, reason="", missing=()):
    check_transition(CANDIDATE_WORKFLOW, current, target, actor=OFFICER,
                     facts={"reason": reason, "missing_documents": list(missing)})


def _found(facts: InclusionFacts) -> Detection:
    detection = detect_candidate(facts)
    assert detection is not None
    return detection


@pytest.mark.parametrize(("code", "unit_type", "threshold"), [
    ("C3711", UnitType.INDUSTRY, 2000), ("B0610", UnitType.INDUSTRY, 2000), ("D4411", UnitType.INDUSTRY, 2000),
    ("F5111", UnitType.WHOLESALE, 2000), ("F5211", UnitType.RETAIL, 500),
    ("H6110", UnitType.ACCOMMODATION, 200), ("H6210", UnitType.CATERING, 200),
    ("G5430", UnitType.SERVICES_HIGH, 2000), ("I6510", UnitType.SERVICES_HIGH, 2000),
    ("N7820", UnitType.SERVICES_HIGH, 2000), ("Q8411", UnitType.SERVICES_HIGH, 2000),
    ("L7211", UnitType.SERVICES_MID, 1000), ("M7310", UnitType.SERVICES_MID, 1000),
    ("P8331", UnitType.SERVICES_MID, 1000), ("K7020", UnitType.SERVICES_MID, 1000),
    ("K7030", UnitType.SERVICES_MID, 1000), ("K7040", UnitType.SERVICES_MID, 1000),
    ("K7090", UnitType.SERVICES_MID, 1000),
    ("O8010", UnitType.SERVICES_LOW, 500), ("R8610", UnitType.SERVICES_LOW, 500), ("Q8510", UnitType.SERVICES_LOW, 500),
    ("K7010", UnitType.REAL_ESTATE, None), ("E4710", UnitType.CONSTRUCTION, None),
])
def test_threshold_per_unit_type(code, unit_type, threshold):
    assert unit_type_for_industry(code) == unit_type
    assert inclusion_threshold(unit_type) == (None if threshold is None else D(threshold))


@pytest.mark.parametrize("code", ["A0111", "J6620", "S9100", "C", "not a code"])
def test_sections_without_a_revenue_threshold(code):
    assert unit_type_for_industry(code) is None


def test_project_threshold_and_overrides():
    assert inclusion_threshold(UnitType.PROJECT) == D(500)
    assert inclusion_threshold("industry", {UnitType.INDUSTRY: D(3000)}) == D(3000)
    assert inclusion_threshold("retail", {UnitType.INDUSTRY: D(3000)}) == D(500)


@pytest.mark.parametrize(("unit_type", "at", "below"), [
    (UnitType.INDUSTRY, "2000", "1999.99"), (UnitType.WHOLESALE, "2000", "1999.99"),
    (UnitType.RETAIL, "500", "499.99"), (UnitType.ACCOMMODATION, "200", "199.99"),
    (UnitType.CATERING, "200", "199.99"), (UnitType.SERVICES_HIGH, "2000", "1999.99"),
    (UnitType.SERVICES_MID, "1000", "999.99"), (UnitType.SERVICES_LOW, "500", "499.99"),
])
def test_meets_exactly_at_the_threshold_and_not_a_cent_below(unit_type, at, below):
    # December: the projection equals the year to date, so below the threshold is only "near".
    met = _found(InclusionFacts(unit_type, 12, revenue_ytd_wan=D(at)))
    near = detect_candidate(InclusionFacts(unit_type, 12, revenue_ytd_wan=D(below)))
    assert met.meets and met.basis is Basis.REVENUE and met.threshold_wan == D(at)
    assert near is not None and not near.meets


def test_near_by_projection_and_by_ratio():
    projected = _found(InclusionFacts(UnitType.INDUSTRY, 6, revenue_ytd_wan=D(1000)))
    assert not projected.meets and projected.projected_wan == D("2000.00") and "预计达到" in projected.explanation
    assert detect_candidate(InclusionFacts(UnitType.INDUSTRY, 6, revenue_ytd_wan=D("999.99"))) is None
    ratio = detect_candidate(InclusionFacts(UnitType.INDUSTRY, 12, revenue_ytd_wan=D(1600)))
    assert ratio is not None and "已达规模以上工业标准2000万元的80.0%" in ratio.explanation
    assert detect_candidate(InclusionFacts(UnitType.INDUSTRY, 12, revenue_ytd_wan=D("1599.99"))) is None


def test_estimates_from_tax_or_electricity_are_only_near():
    by_tax = _found(InclusionFacts(UnitType.INDUSTRY, 10, tax_ytd_wan=D(90)))  # 90 / 4 % = 2250
    assert by_tax.basis is Basis.TAX and not by_tax.meets and by_tax.amount_wan == D(2250)
    assert "需核实实际营业收入" in by_tax.explanation
    by_power = _found(InclusionFacts(UnitType.INDUSTRY, 6, electricity_ytd=D(60)))  # 1200, → 2400
    assert by_power.basis is Basis.ELECTRICITY and not by_power.meets
    reported = detect_candidate(InclusionFacts(UnitType.INDUSTRY, 10, revenue_ytd_wan=D(100), tax_ytd_wan=D(90)))
    assert reported is None  # reported revenue wins over an estimate
    custom = DetectionRules(tax_burden=D("0.1"))
    assert detect_candidate(InclusionFacts(UnitType.INDUSTRY, 12, tax_ytd_wan=D(90)), custom) is None


def test_last_year_revenue_meets_for_the_annual_channel():
    found = _found(InclusionFacts(UnitType.RETAIL, last_year_revenue_wan=D(620)))
    assert found.meets and found.basis is Basis.LAST_YEAR
    assert found.explanation == "上年主营业务收入620万元，已达到限额以上零售业标准500万元，尚未入统，列为达标应入"


def test_no_candidate_when_included_or_without_threshold_or_data():
    assert detect_candidate(InclusionFacts(UnitType.INDUSTRY, 12, revenue_ytd_wan=D(9000), included=True)) is None
    assert detect_candidate(InclusionFacts(UnitType.CONSTRUCTION, 12, revenue_ytd_wan=D(9000))) is None
    assert detect_candidate(InclusionFacts(UnitType.INDUSTRY)) is None


def test_projects_need_the_planned_investment_and_a_start():
    started, not_started = detect_project_candidate(D(500), True, False), detect_project_candidate(D(800), False, False)
    assert started is not None and started.meets
    assert not_started is not None and not not_started.meets
    assert detect_project_candidate(D("499.99"), True, False) is None
    assert detect_project_candidate(D(5000), True, True) is None


ALLOWED = [("near", "meets"), ("near", "rejected"), ("meets", "filed"), ("meets", "near"), ("meets", "rejected"),
           ("filed", "included"), ("filed", "rejected"), ("rejected", "near")]


@pytest.mark.parametrize(("current", "target"), ALLOWED)
def test_allowed_transitions(current, target):
    assert_candidate_transition(current, target, reason="经核实为分支机构，非独立法人")


@pytest.mark.parametrize(("current", "target"), [
    (a, b) for a in CandidateState for b in CandidateState if (a.value, b.value) not in ALLOWED])
def test_refused_transitions(current, target):
    with pytest.raises(TransitionRefusedError, match="不能从"):
        assert_candidate_transition(current, target, reason="x")


def test_rejection_needs_a_reason_and_included_is_final():
    with pytest.raises(TransitionRefusedError, match="必须填写原因"):
        assert_candidate_transition("filed", "rejected", reason="  ")
    with pytest.raises(TransitionRefusedError, match="无（已是最终状态）"):
        assert_candidate_transition("included", "near")
    assert sum(len(t.sources) for t in CANDIDATE_WORKFLOW.transitions) == len(ALLOWED)


def test_filing_names_the_missing_documents_and_the_enterprise_side_never_records_inclusion():
    with pytest.raises(TransitionRefusedError, match="申报前请备齐材料：营业执照、纳税证明") as caught:
        assert_candidate_transition("meets", "filed", missing=["营业执照", "纳税证明"])
    assert list(caught.value.fields) == ["documents"]
    secretary = ActorFacts("secretary", frozenset({"enterprise_side"}))
    assert refusals(CANDIDATE_WORKFLOW, "meets", "filed", actor=secretary, facts={"missing_documents": []}) == []
    assert refusals(CANDIDATE_WORKFLOW, "filed", "included", actor=secretary)
    assert refusals(CANDIDATE_WORKFLOW, "filed", "included", actor=ActorFacts("admin", frozenset({"enterprise_side"})))


def test_channel_depends_on_the_previous_october():
    today = date(2026, 6, 1)
    assert channel_for(date(2025, 10, 1), today) is Channel.MONTHLY
    assert channel_for(date(2025, 9, 30), today) is Channel.ANNUAL
    assert channel_for(None, today) is Channel.ANNUAL


def test_calendar_deadlines():
    deadlines = application_calendar(2026)
    monthly = [d.due for d in deadlines if d.channel is Channel.MONTHLY]
    assert monthly[0] == date(2026, 1, 5)                       # February's inclusion
    assert monthly[1:] == [date(2026, m, 20) for m in range(2, 11)]  # March … November
    assert [d.due for d in deadlines if d.channel is Channel.ANNUAL] == [date(2026, 11, 10), date(2026, 12, 10)]
    assert next_deadline("monthly", date(2026, 5, 20)).due == date(2026, 5, 20)
    assert next_deadline("monthly", date(2026, 10, 21)).due == date(2027, 1, 5)
    assert next_deadline("annual", date(2026, 11, 11)).purpose == "年度申报第2批"


@pytest.mark.parametrize(("today", "due"), [(date(2026, 5, 12), False), (date(2026, 5, 13), True),
                                            (date(2026, 5, 20), True), (date(2026, 5, 21), False)])
def test_reminder_window(today, due):
    assert reminder_due(date(2026, 5, 20), today) is due


def test_document_checklist_per_unit_type():
    assert [k for k, _ in required_documents("industry")][-1] == "monthly_output_sheet"
    assert "qualification" in dict(required_documents("construction"))
    assert "investment_filing" in dict(required_documents("retail", new_build=True))
    assert "investment_filing" not in dict(required_documents("project", new_build=True))
    assert missing_documents("retail", {"inclusion_form", "business_licence", "income_statement", "vat_return"}) == []
    assert missing_documents("industry", set()) == [name for _, name in required_documents("industry")]


def test_baseline_needs_the_twelve_months_before_the_application():
    apply = month_index(2026, 4)
    full = range(apply - 12, apply)
    assert baseline_gaps(full, apply) == []
    assert baseline_gaps([m for m in full if m != apply - 5], apply) == [apply - 5]
    assert baseline_gaps([apply], apply) == list(full)  # the application month itself is no baseline
