"""Services of the enterprise service against a real database: validation, jobs, workflows, change log, scope."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from clusterdesk.changelog.models import ObjectChange
from clusterdesk.core.codes.uscc import make_uscc
from clusterdesk.enterprise_service import selectors
from clusterdesk.enterprise_service.assignment import secretaries_import
from clusterdesk.enterprise_service.inclusion import candidate_documents_set, candidate_transition, candidates_detect
from clusterdesk.enterprise_service.models import (
    Appeal,
    EnterpriseWarning,
    FollowUpTask,
    InclusionCandidate,
    JobRun,
    MonthlyFigure,
    Visit,
)
from clusterdesk.enterprise_service.services import (
    appeal_create,
    appeal_transition,
    appeals_escalate,
    follow_up_complete,
    monthly_figure_save,
    secretary_assign,
    visit_create,
    warnings_recompute,
)
from clusterdesk.enterprises.models import Enterprise, EnterpriseYearFigure
from clusterdesk.enterprises.services import enterprise_create
from clusterdesk.industry.models import IndustryCode

D = Decimal
TODAY = datetime.date(2025, 4, 10)
pytestmark = pytest.mark.django_db


def _figure(enterprise, year, month, **values):
    return MonthlyFigure(enterprise=enterprise, period=datetime.date(year, month, 1), **values)


def _save(world, enterprise, year, month, **values):
    return monthly_figure_save(figure=_figure(enterprise, year, month, **values), actor=world.users["admin"],
                               today=TODAY)


def test_monthly_figures_are_validated_with_field_messages(world):
    ent = world.a.enterprise
    with pytest.raises(ValidationError) as caught:
        _save(world, ent, 2025, 5, output_wan=D(-1), capacity_output=D(10))
    errors = caught.value.message_dict
    assert errors["period"] == ["2025年5月尚未到来，不能填报"]
    assert errors["output_wan"] == ["不能为负数"]
    assert "产能" in errors["capacity"][0]
    with pytest.raises(ValidationError, match="同一计量单位"):
        _save(world, ent, 2025, 3, capacity=D(100), capacity_unit="吨", capacity_output=D(201))
    with pytest.raises(ValidationError, match="计量单位"):
        _save(world, ent, 2025, 3, capacity=D(100), capacity_output=D(50))
    assert not MonthlyFigure.objects.exists()


def test_second_entry_for_a_month_corrects_the_first_and_both_are_logged(world):
    ent = world.a.enterprise
    first = _save(world, ent, 2025, 3, output_wan=D(100), capacity=D(200), capacity_unit="吨", capacity_output=D(130))
    assert first.utilisation_pct == D("65.00") and first.reported_by == world.users["admin"]
    again = _save(world, ent, 2025, 3, output_wan=D(120))
    assert again.pk == first.pk and MonthlyFigure.objects.get().output_wan == D(120)
    actions = list(ObjectChange.objects.filter(changed_object_id=first.pk, changed_object_type__model="monthlyfigure")
                   .values_list("action", flat=True).order_by("pk"))
    assert actions == ["create", "update"]


def test_warnings_job_stores_explained_warnings_and_replaces_them(world):
    a, b = world.a.enterprise, world.b.enterprise
    for month in (1, 2, 3):
        _save(world, a, 2024, month, output_wan=D(100), revenue_wan=D(100))
        _save(world, a, 2025, month, output_wan=D(75), revenue_wan=D(98))
    _save(world, b, 2025, 2, output_wan=D(50))  # b stops reporting after February
    run = warnings_recompute(period=datetime.date(2025, 3, 1), actor=world.users["admin"])
    found = {(w.enterprise_id, w.rule): w for w in EnterpriseWarning.objects.all()}
    assert found[(a.pk, "output_yoy_month")].level == "warning"
    assert found[(a.pk, "output_yoy_ytd")].explanation.startswith("2025年1–3月累计产值同比下降25.0%")
    assert (a.pk, "revenue_yoy_month") not in found  # −2 % is no warning
    assert found[(b.pk, "missing_report")].level == "watch"
    assert run.counts["warnings"] == len(found) and run.counts["warning"] == 2
    assert ObjectChange.objects.filter(changed_object_type__model="jobrun", changed_object_id=run.pk).exists()
    _save(world, a, 2025, 3, output_wan=D(100), revenue_wan=D(100))
    warnings_recompute(period=datetime.date(2025, 3, 1), actor=world.users["admin"])
    assert not EnterpriseWarning.objects.filter(enterprise=a, rule="output_yoy_month").exists()
    assert JobRun.objects.filter(kind="warnings").count() == 2


def test_out_of_scope_user_sees_none_of_another_citys_service_data(world):
    b = world.b.enterprise
    _save(world, b, 2025, 2, output_wan=D(50))
    warnings_recompute(period=datetime.date(2025, 3, 1), actor=world.users["admin"])
    appeal_create(appeal=Appeal(enterprise=b, title="用地指标", description="扩产用地", category="land"),
                  actor=world.users["admin"], today=TODAY)
    visit_create(visit=Visit(enterprise=b, visit_date=TODAY, visitors="张三", topics="扩产"),
                 actor=world.users["admin"])
    for role in ("city", "county", "park", "secretary", "viewer"):
        user = world.users[role]
        assert not selectors.warning_list(user=user).filter(enterprise=b).exists(), role
        assert not selectors.appeal_list(user=user).exists(), role
        assert not MonthlyFigure.objects.restrict(user, "view").exists(), role
        assert not Visit.objects.restrict(user, "view").exists(), role
        assert selectors.monitoring_by_group(user=user, period=datetime.date(2025, 3, 1))["total"].counts["blue"] == 0
    assert selectors.warning_list(user=world.users["province"]).filter(enterprise=b).exists()


def test_secretary_cannot_write_figures_for_an_enterprise_outside_their_scope(world):
    with pytest.raises(PermissionDenied):
        monthly_figure_save(figure=_figure(world.b.enterprise, 2025, 3, output_wan=D(1)),
                            actor=world.users["secretary"], today=TODAY)
    saved = monthly_figure_save(figure=_figure(world.a.enterprise, 2025, 3, output_wan=D(1)),
                                actor=world.users["secretary"], today=TODAY)
    assert saved.source == "secretary"


def test_visit_with_follow_ups_and_the_overdue_list(world):
    visit = Visit(enterprise=world.a.enterprise, visit_date=datetime.date(2025, 3, 1), visitors="刘思远", topics="融资")
    with pytest.raises(ValidationError, match="早于走访日期"):
        visit_create(visit=visit, actor=world.users["secretary"],
                     tasks=[FollowUpTask(description="对接银行", due_date=datetime.date(2025, 2, 1))])
    visit_create(visit=visit, actor=world.users["secretary"], tasks=[
        FollowUpTask(description="对接银行", owner=world.users["secretary"], due_date=datetime.date(2025, 3, 20)),
        FollowUpTask(description="申报技改资金", owner_unit="市工信局", due_date=datetime.date(2025, 5, 1)),
    ])
    overdue = list(selectors.follow_ups_overdue(user=world.users["secretary"], today=TODAY))
    assert [t.description for t in overdue] == ["对接银行"]
    assert overdue[0].enterprise == world.a.enterprise
    with pytest.raises(ValidationError, match="不能早于走访日期") as early:
        follow_up_complete(task=overdue[0], actor=world.users["secretary"], done_date=datetime.date(2025, 2, 28))
    assert list(early.value.message_dict) == ["done_date"]
    follow_up_complete(task=overdue[0], actor=world.users["secretary"], done_date=TODAY)
    with pytest.raises(ValidationError, match="已完成"):   # done once, not again
        follow_up_complete(task=overdue[0], actor=world.users["city"], done_date=TODAY)
    assert FollowUpTask.objects.get(pk=overdue[0].pk).done_date == TODAY
    assert not selectors.follow_ups_overdue(user=world.users["secretary"], today=TODAY).exists()
    assert not selectors.follow_ups_overdue(user=world.users["city"], today=TODAY).exclude(
        enterprise=world.a.enterprise).exists()


def _appeal(world, raised, category="labour"):
    return appeal_create(appeal=Appeal(enterprise=world.a.enterprise, title="招工难", description="缺少技术工人",
                                       category=category, raised_date=raised), actor=world.users["secretary"])


def test_appeal_is_routed_and_walks_its_workflow(world):
    appeal = _appeal(world, datetime.date(2025, 3, 1))
    assert appeal.unit == "人力资源和社会保障局" and appeal.due_date == datetime.date(2025, 3, 11)
    assert appeal.raised_by == world.users["secretary"] and appeal.status == "raised"
    with pytest.raises(ValidationError, match="诉求不能从“已提出”直接改为“已答复”"):
        appeal_transition(appeal=appeal, status="answered", answer="x", actor=world.users["city"])
    for status in ("accepted", "in_progress"):
        appeal_transition(appeal=appeal, status=status, actor=world.users["city"], today=datetime.date(2025, 3, 2))
    appeal_transition(appeal=appeal, status="answered", answer="已组织专场招聘会", actor=world.users["city"],
                      today=datetime.date(2025, 3, 6))
    with pytest.raises(ValidationError, match="满意度"):
        appeal_transition(appeal=appeal, status="closed", actor=world.users["secretary"])
    appeal_transition(appeal=appeal, status="closed", satisfaction=5, actor=world.users["secretary"],
                      today=datetime.date(2025, 3, 7))
    appeal.refresh_from_db()
    assert (appeal.accepted_date, appeal.answered_date, appeal.satisfaction) == (
        datetime.date(2025, 3, 2), datetime.date(2025, 3, 6), 5)
    stats = selectors.appeal_resolution(user=world.users["city"], today=TODAY)
    assert stats["unit"]["人力资源和社会保障局"].rate_pct == D("100.0")
    assert stats["unit"]["人力资源和社会保障局"].mean_days == D("5.0")


def test_a_secretary_files_but_never_handles_their_own_appeal_and_the_answerer_never_closes_it(world):
    """Defect 5: the secretary filed, accepted, answered, closed and rated their own appeal."""
    secretary, city, county = world.users["secretary"], world.users["city"], world.users["county"]
    appeal = _appeal(world, datetime.date(2025, 3, 1))   # filed by the enterprise's work secretary
    with pytest.raises(PermissionDenied, match="提出诉求的人不能受理"):
        appeal_transition(appeal=appeal, status="accepted", actor=secretary)
    assert Appeal.objects.get(pk=appeal.pk).status == "raised" and appeal.status == "raised"
    appeal_transition(appeal=appeal, status="accepted", actor=city)
    for status in ("in_progress", "answered"):
        with pytest.raises(PermissionDenied):
            appeal_transition(appeal=appeal, status=status, answer="已自行解决", actor=secretary)
    appeal_transition(appeal=appeal, status="answered", answer="已组织专场招聘会", actor=city)
    with pytest.raises(PermissionDenied, match="答复诉求的人不能自己办结"):
        appeal_transition(appeal=appeal, status="closed", satisfaction=5, actor=city)
    with pytest.raises(PermissionDenied, match="企业一方"):
        appeal_transition(appeal=appeal, status="closed", satisfaction=5, actor=county)
    stored = Appeal.objects.get(pk=appeal.pk)
    assert (stored.status, stored.satisfaction, stored.answered_by) == ("answered", None, city)
    appeal_transition(appeal=appeal, status="closed", satisfaction=4, actor=secretary)
    assert Appeal.objects.get(pk=appeal.pk).satisfaction == 4


def test_an_officer_who_files_for_the_enterprise_confirms_but_does_not_handle(world):
    county, city = world.users["county"], world.users["city"]
    appeal = appeal_create(appeal=Appeal(enterprise=world.a.enterprise, title="物流不畅", description="园区道路未通",
                                         category="logistics", raised_date=datetime.date(2025, 3, 1)), actor=county)
    with pytest.raises(PermissionDenied):
        appeal_transition(appeal=appeal, status="accepted", actor=county)
    appeal_transition(appeal=appeal, status="accepted", actor=city)
    appeal_transition(appeal=appeal, status="answered", answer="道路月底通车", actor=city,
                      today=datetime.date(2025, 3, 5))
    appeal_transition(appeal=appeal, status="in_progress", actor=county)   # not satisfied: sent back
    appeal.refresh_from_db()
    assert (appeal.status, appeal.answered_date) == ("in_progress", None)
    appeal_transition(appeal=appeal, status="answered", answer="道路已通车", actor=city)
    appeal_transition(appeal=appeal, status="closed", satisfaction=5, actor=county)


def test_overdue_appeals_escalate_one_level_then_another(world):
    late = _appeal(world, datetime.date(2025, 3, 1))  # due 11 March
    answered = _appeal(world, datetime.date(2025, 3, 1))
    appeal_transition(appeal=answered, status="accepted", actor=world.users["city"])
    appeal_transition(appeal=answered, status="answered", answer="已解决", actor=world.users["city"])
    on_time = _appeal(world, datetime.date(2025, 3, 1), category="land")  # due 31 March
    run = appeals_escalate(actor=None, today=datetime.date(2025, 3, 11))
    assert run.counts == {"escalated": 0, "overdue": 0}
    appeals_escalate(actor=None, today=datetime.date(2025, 3, 12))
    late.refresh_from_db()
    assert late.escalation_level == "city" and late.escalated_date == datetime.date(2025, 3, 12)
    appeals_escalate(actor=None, today=datetime.date(2025, 3, 18))
    late.refresh_from_db()
    assert late.escalation_level == "city"
    appeals_escalate(actor=None, today=datetime.date(2025, 3, 19))
    late.refresh_from_db()
    answered.refresh_from_db()
    on_time.refresh_from_db()
    assert late.escalation_level == "province"
    assert answered.escalation_level == "county" and on_time.escalation_level == "county"
    assert ObjectChange.objects.filter(changed_object_id=late.pk, changed_object_type__model="appeal",
                                       action="update").count() == 2


def _small(world, name, code, serial, revenue=None):
    return enterprise_create(enterprise=Enterprise(
        uscc=make_uscc(region_code="430102", serial=serial), name=name, region=world.a.county,
        industry=IndustryCode.objects.get(code=code), annual_revenue_wan=revenue), actor=world.users["admin"])


def test_candidate_detection_and_the_state_machine(world):
    shop = _small(world, "芙蓉区某某超市有限公司", "F5212", 71, revenue=D(620))
    factory = _small(world, "芙蓉区某某机械厂", "C3411", 72)
    EnterpriseYearFigure.objects.create(enterprise=factory, year=2024, revenue_wan=D(900))
    for month in (1, 2, 3):
        _save(world, factory, 2025, month, revenue_wan=D(450), output_wan=D(440))
    run = candidates_detect(actor=world.users["admin"], as_of=TODAY)
    by_subject = {(c.enterprise_id, c.project_id): c for c in InclusionCandidate.objects.all()}
    retail = by_subject[(shop.pk, None)]
    assert (retail.state, retail.basis, retail.unit_type) == ("meets", "last_year", "retail")
    assert retail.channel == "annual" and retail.deadline == datetime.date(2025, 11, 10)
    machine = by_subject[(factory.pk, None)]
    assert (machine.state, machine.basis, machine.projected_wan) == ("near", "revenue", D("5400.00"))
    project = by_subject[(None, world.a.project.pk)]
    assert project.state == "meets" and project.unit_type == "project"
    assert world.a.enterprise.pk not in {c.enterprise_id for c in by_subject.values()}  # already above size
    assert run.counts["new"] == 4  # the two cities' projects count too

    with pytest.raises(ValidationError, match="申报前请备齐材料"):
        candidate_transition(candidate=retail, state="filed", actor=world.users["city"])
    candidate_documents_set(candidate=retail, documents=["inclusion_form", "business_licence", "income_statement",
                                                         "vat_return"], actor=world.users["city"])
    candidate_transition(candidate=retail, state="filed", actor=world.users["city"], today=TODAY)
    with pytest.raises(ValidationError, match="不能从“已申报”直接改为“准规上”"):
        candidate_transition(candidate=retail, state="near", actor=world.users["city"])
    with pytest.raises(PermissionDenied, match="统计部门"):   # the enterprise's side never records its inclusion
        candidate_transition(candidate=retail, state="included", actor=world.users["secretary"], today=TODAY)
    assert InclusionCandidate.objects.get(pk=retail.pk).state == "filed"
    candidate_transition(candidate=retail, state="included", actor=world.users["city"], today=TODAY)
    shop.refresh_from_db()
    assert shop.above_scale
    with pytest.raises(ValidationError, match="必须填写原因") as no_reason:
        candidate_transition(candidate=machine, state="rejected", actor=world.users["city"])
    assert list(no_reason.value.message_dict) == ["reason"]
    candidate_transition(candidate=machine, state="rejected", reason="经核实为分公司，不具备法人资格",
                         actor=world.users["city"])

    # A second run adds nothing already known and leaves decided candidates alone.
    again = candidates_detect(actor=world.users["admin"], as_of=TODAY)
    assert again.counts["new"] == 0
    machine.refresh_from_db()
    assert machine.state == "rejected"
    assert selectors.candidate_list(user=world.users["city"]).filter(project=world.b.project).count() == 0


def test_near_candidate_becomes_meets_when_reported_revenue_reaches_the_threshold(world):
    factory = _small(world, "芙蓉区某某电子厂", "C3971", 73)
    _save(world, factory, 2025, 1, revenue_wan=D(700))
    candidates_detect(actor=None, as_of=datetime.date(2025, 2, 10))
    assert InclusionCandidate.objects.get(enterprise=factory).state == "near"
    _save(world, factory, 2025, 2, revenue_wan=D(700))
    _save(world, factory, 2025, 3, revenue_wan=D(700))
    run = candidates_detect(actor=None, as_of=TODAY)
    assert run.counts["promoted"] == 1
    assert InclusionCandidate.objects.get(enterprise=factory).state == "meets"


def _sheet(rows):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_bulk_secretary_assignment_is_all_or_nothing_with_row_messages(world):
    from clusterdesk.accounts.services import user_create

    new_secretary = user_create(username="wang", password="x-pass-2026", role="secretary", full_name="王秘书",
                                enterprises=[world.a.enterprise])
    other = _small(world, "芙蓉区某某食品厂", "C1431", 74)
    content = _sheet([["企业名称", "统一社会信用代码", "工作秘书"],
                      ["甲", other.uscc, "王秘书"],
                      ["乙", "91430102MA0000000X", "wang"],
                      ["丙", world.b.enterprise.uscc, "wang"],
                      ["丁", world.a.enterprise.uscc, "nobody"]])
    with pytest.raises(ValidationError) as caught:
        secretaries_import(content=content, actor=world.users["city"])
    messages = caught.value.messages
    assert messages[0].startswith("第3行「统一社会信用代码」")
    assert messages[1] == f"第4行「统一社会信用代码」：未找到或无权修改：{world.b.enterprise.uscc}"
    assert messages[2] == "第5行「工作秘书」：nobody 不是您可分配的工作秘书"
    other.refresh_from_db()
    assert other.secretary is None  # nothing saved
    changed = secretaries_import(content=_sheet([["统一社会信用代码", "工作秘书"], [other.uscc, "wang"]]),
                                 actor=world.users["city"])
    other.refresh_from_db()
    assert changed == 1 and other.secretary == new_secretary
    with pytest.raises(ValidationError, match="缺少列：工作秘书"):
        secretaries_import(content=_sheet([["统一社会信用代码"], [other.uscc]]), actor=world.users["city"])
    with pytest.raises(ValidationError, match="xlsx"):
        secretaries_import(content=b"not a workbook", actor=world.users["city"])


def test_coverage_report_and_assignment_by_hand(world):
    coverage = selectors.secretary_coverage(user=world.users["city"])
    assert [e.pk for e in coverage["uncovered"]] == [world.a.enterprise.pk]
    secretary_assign(enterprise=world.a.enterprise, secretary=world.users["secretary"], actor=world.users["admin"])
    coverage = selectors.secretary_coverage(user=world.users["city"])
    assert not coverage["uncovered"].exists()
    assert coverage["loads"][0]["count"] == 1 and not coverage["loads"][0]["overloaded"]
    with pytest.raises(PermissionDenied):
        secretary_assign(enterprise=world.b.enterprise, secretary=None, actor=world.users["city"])


def test_owner_of_a_newly_producing_project_is_followed_and_old_starts_are_not_listed(world):
    from clusterdesk.projects.models import Project
    from clusterdesk.projects.services import project_create

    owner = _small(world, "芙蓉区某某新材料有限公司", "C3985", 75)
    project_create(project=Project(code="2025-430102-39-03-000075", name="新型电子材料项目", owner=owner,
                                   region=world.a.county, total_investment_wan=D(8000), stage="capacity",
                                   actual_start_date=datetime.date(2023, 5, 1),
                                   actual_production_date=datetime.date(2025, 1, 15)), actor=world.users["admin"])
    candidates_detect(actor=None, as_of=TODAY)
    followed = InclusionCandidate.objects.get(enterprise=owner)
    assert (followed.state, followed.basis, followed.channel) == ("near", "new_production", "monthly")
    assert followed.explanation.startswith("新型电子材料项目于2025年1月投产，业主尚未入统")
    assert not InclusionCandidate.objects.filter(project__code="2025-430102-39-03-000075").exists()  # started 2023
