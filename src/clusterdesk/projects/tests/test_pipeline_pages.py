"""The pipeline pages as the city officer sees them: every page answers, shows city A and never city B."""

import datetime
import io
import re
from decimal import Decimal

import pytest
from django.test import Client
from openpyxl import load_workbook

from clusterdesk.projects import scheduling, supervision
from clusterdesk.projects.models import AnnualPlan, CoordinationMeeting, Project

pytestmark = pytest.mark.django_db


@pytest.fixture
def city(world):
    client = Client()
    client.force_login(world.users["city"])
    for side in (world.a, world.b):
        AnnualPlan.objects.create(project=side.project, year=2025, planned_wan=Decimal("10000"))
        scheduling.template_apply(project=side.project, actor=world.users["admin"], today=datetime.date(2025, 3, 1))
    supervision.lights_compute(month=datetime.date(2025, 9, 1))
    return client


PAGES = ["/projects/pipeline/", "/projects/lists/", "/projects/lists/all/", "/projects/lists/behind_schedule/",
         "/projects/lists/open_problems/", "/projects/lists/by_leader/", "/projects/lists/by_park/",
         "/projects/lights/?month=2025-09&by=park", "/projects/lights/?month=2025-09&by=city",
         "/projects/reports/late/?month=2025-09", "/projects/problems/", "/projects/meetings/",
         "/projects/settings/", "/projects/meetings/add/"]


@pytest.mark.parametrize("url", PAGES)
def test_page_shows_city_a_and_never_city_b(city, world, url):
    response = city.get(url)
    assert response.status_code == 200
    text = response.content.decode()
    assert world.b.project.name not in text and world.b.park.name not in text


def test_project_page_has_schedule_lights_and_history(city, world):
    text = city.get(world.a.project.get_absolute_url()).content.decode()
    for fragment in ("gantt-data", "施工许可", "红灯", "data-testid=\"light-history\"", "data-testid=\"transitions\""):
        assert fragment in text
    assert city.get(world.b.project.get_absolute_url()).status_code == 404
    assert city.get(f"/projects/problems/{world.b.problem.pk}/").status_code == 404
    assert city.get(f"/projects/{world.b.project.pk}/mspdi/").status_code == 404


@pytest.mark.parametrize("url", ["/projects/lists/all/?export=xlsx", "/projects/lists/by_unit/?export=xlsx",
                                 "/projects/problems/?export=xlsx", "/projects/lights/?month=2025-09&export=xlsx"])
def test_excel_exports_have_chinese_headers_and_only_the_scope(city, world, url):
    response = city.get(url)
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [[c for c in row] for row in sheet.iter_rows(values_only=True)]
    assert any("\u4e00" <= ch <= "\u9fff" for ch in str(rows[0][0]) + str(rows[0][1]))
    flat = " ".join(str(v) for row in rows for v in row)
    assert world.b.project.name not in flat and world.b.project.code not in flat
    assert len(rows) >= 2


def test_list_export_row_matches_the_project(city, world):
    sheet = load_workbook(io.BytesIO(city.get("/projects/lists/all/?export=xlsx").content)).active
    header, row = [c.value for c in sheet[1]], [c.value for c in sheet[2]]
    assert header[:3] == ["项目代码", "名称", "所在区域"] or header[0] == "项目代码"
    assert row[0] == world.a.project.code and row[5] == float(world.a.project.total_investment_wan)


def test_saved_list_is_shared_and_each_colleague_sees_their_own_scope(city, world):
    response = city.post("/projects/lists/save/", {"name": "我的红灯项目", "shared": "on", "base": "red",
                                                    "query": "stage=construction"})
    assert response.status_code == 302
    other = Client()
    other.force_login(world.users["province"])
    index = other.get("/projects/lists/").content.decode()
    assert "我的红灯项目" in index
    opened = other.get(response["Location"], follow=True)
    assert opened.status_code == 200
    text = opened.content.decode()
    assert world.a.project.name in text and world.b.project.name in text  # the province sees both cities


def test_problem_is_moved_through_the_workflow_from_its_page(city, world):
    problem = world.a.problem
    url = f"/projects/problems/{problem.pk}/transition/"
    city.post(url, {"status": "assigned", "owner_person": "李明"})
    city.post(url, {"status": "resolved", "resolution": "已调整用地指标"})
    problem.refresh_from_db()
    assert (problem.status, problem.owner_person, problem.resolution) == ("resolved", "李明", "已调整用地指标")
    refused = city.post(url, {"status": "assigned"}, follow=True).content.decode()
    assert "不能从“已解决”直接改为“已交办”" in refused


def test_the_problem_page_refuses_resolving_a_problem_one_raised(city, world):
    from clusterdesk.projects.models import Problem
    from clusterdesk.projects.services import problem_create

    problem = problem_create(problem=Problem(
        project=world.a.project, category="funds", description="配套资金未到位", owner_unit="财政局",
        owner_person="李明", raised_date=datetime.date(2025, 5, 1), due_date=datetime.date(2025, 6, 30)),
        actor=world.users["city"])
    page = city.post(f"/projects/problems/{problem.pk}/transition/", {"status": "resolved", "resolution": "已拨付"},
                     follow=True)
    assert page.status_code == 200 and "提出人不能自己办理" in page.content.decode()
    problem.refresh_from_db()
    assert (problem.status, problem.resolution) == ("raised", "")


def test_meeting_with_a_decision(city, world):
    response = city.post("/projects/meetings/add/", {"title": "重大项目调度会", "held_on": "2025年9月10日",
                                                      "region": world.a.city.pk, "level": 3,
                                                      "problems": [world.a.problem.pk]})
    errors = re.findall(r'(?:invalid-feedback|alert-danger)[^>]*>(.*?)</', response.content.decode(), re.S)
    assert response.status_code == 302, errors
    meeting = CoordinationMeeting.objects.get(title="重大项目调度会")
    response = city.post(f"/projects/meetings/{meeting.pk}/decisions/add/", {
        "text": "市自然资源局10日内完成用地报批", "problem": world.a.problem.pk, "owner_unit": "市自然资源局",
        "due_date": "2025-09-20", "status": "open"})
    assert response.status_code == 302
    assert meeting.decisions.get().problem == world.a.problem
    out = city.post("/projects/meetings/add/", {"title": "越界", "held_on": "2025-09-10", "region": world.b.city.pk,
                                                "level": 3})
    assert out.status_code == 200 and not CoordinationMeeting.objects.filter(title="越界").exists()


def test_withdraw_and_restore_from_the_project_page(city, world):
    project = world.a.project
    city.post(f"/projects/{project.pk}/library/withdraw/", {"reason": "资金链断裂"})
    assert Project.objects.get(pk=project.pk).library_status == "withdrawn"
    city.post(f"/projects/{project.pk}/library/restore/", {"reason": "引入新投资方"})
    assert Project.objects.get(pk=project.pk).library_status == "active"
    assert city.post(f"/projects/{world.b.project.pk}/library/withdraw/", {"reason": "x"}).status_code == 404


@pytest.mark.parametrize("role", ["province", "county", "park", "secretary", "viewer"])
def test_every_role_opens_the_pipeline_pages_within_its_scope(city, world, role):
    client = Client()
    client.force_login(world.users[role])
    for url in ("/projects/pipeline/", "/projects/lists/behind_schedule/", "/projects/problems/",
                "/projects/lights/?month=2025-09", "/projects/meetings/", world.a.project.get_absolute_url()):
        response = client.get(url)
        assert response.status_code == 200, (role, url)
        if role != "province":
            assert world.b.project.name not in response.content.decode(), (role, url)
    viewer_post = client.post(f"/projects/{world.a.project.pk}/library/withdraw/", {"reason": "x"})
    if role in ("viewer", "secretary"):
        assert viewer_post.status_code == 404
        assert Project.objects.get(pk=world.a.project.pk).library_status == "active"


def test_administrator_edits_the_rules_and_others_may_only_read_them(city, world):
    from clusterdesk.projects.models import LightRuleSet, SectorThreshold

    threshold = SectorThreshold.objects.get(sector="agriculture")
    assert city.get(f"/projects/settings/threshold/{threshold.pk}/edit/").status_code == 403
    admin = Client()
    admin.force_login(world.users["admin"])
    response = admin.post(f"/projects/settings/threshold/{threshold.pk}/edit/",
                          {"sector": "agriculture", "min_investment_wan": "0.25亿元"})
    assert response.status_code == 302
    assert SectorThreshold.objects.get(pk=threshold.pk).min_investment_wan == Decimal("2500")
    relative = LightRuleSet.objects.get(mode="relative")
    fields = {"name": relative.name, "mode": "relative", "yellow_gap_pp": "10", "red_gap_pp": "30",
              "yellow_shortfall_pct": "0", "red_shortfall_pct": "50", "start_red_months": "3",
              "statistics_yellow_months": "1", "statistics_red_months": "2", "critical_node_overdue": "yellow",
              "active": "on"}
    assert admin.post(f"/projects/settings/lights/{relative.pk}/edit/", fields).status_code == 302
    assert list(LightRuleSet.objects.filter(active=True)) == [relative]
    crossed = admin.post(f"/projects/settings/lights/{relative.pk}/edit/", {**fields, "red_gap_pp": "5"})
    assert crossed.status_code == 200 and "黄灯 ≤ 红灯" in crossed.content.decode()


@pytest.mark.parametrize("user", ["city", "admin"])
def test_a_monthly_report_is_saved_through_the_page_for_a_project_with_earlier_reports(world, user):
    """Defect 1 of issue 11: on SQLite, sums of earlier months came back with nine decimal places, and the
    form answered "确认小数不超过 2 位" (attached to no field) for every project that already had reports."""
    from clusterdesk.projects.models import ProgressReport
    from clusterdesk.projects.services import progress_report_create

    project = world.a.project
    for month, amount in ((5, "3906.07"), (6, "3164.97"), (7, "9116.05"), (8, "4796.10")):
        progress_report_create(report=ProgressReport(project=project, period=datetime.date(2025, month, 1),
                                                     investment_month_wan=Decimal(amount),
                                                     investment_cumulative_wan=Decimal(0)),
                               actor=world.users["admin"])
    client = Client()
    client.force_login(world.users[user])
    response = client.post(f"/projects/{project.pk}/report/add/", {
        "period": "2025年9月", "investment_month_wan": "123.45", "construction_wan": "123.45",
        "installation_wan": "0", "equipment_wan": "0", "other_wan": "0",
        "typed_year_to_date_wan": "24106.64", "typed_cumulative_wan": "24106.64", "progress_text": "主体封顶"})
    errors = re.findall(r'(?:invalid-feedback|alert-danger)[^>]*>(.*?)</', response.content.decode(), re.S)
    assert response.status_code == 302, errors
    saved = project.progress_reports.get(period=datetime.date(2025, 9, 1))
    assert saved.year_to_date_wan == Decimal("24106.64")
    assert saved.investment_cumulative_wan == Decimal("24106.64")


def test_a_park_officer_sees_only_their_problems_and_decisions_of_a_city_meeting(world):
    """Defect 2 of issue 11: a park officer opening the city's coordination meeting saw the problems of projects
    outside the park (in the page, the meeting list, its .xlsx export and the decision form's drop-down)."""
    from clusterdesk.projects.models import MeetingDecision, Problem, Project
    from clusterdesk.projects.services import decision_create, meeting_create, problem_create, project_create

    admin = world.users["admin"]
    outside = project_create(project=Project(
        code="2025-430102-37-03-000099", name="园区外的城市项目", owner=world.a.enterprise, region=world.a.county,
        industry=world.a.project.industry, total_investment_wan=Decimal("20000"), stage="construction",
        actual_start_date=datetime.date(2025, 3, 1), land_secured=True), actor=admin)
    far = problem_create(problem=Problem(project=outside, category="funds", description="园区外项目资金缺口",
                                         owner_unit="财政局", raised_date=datetime.date(2025, 5, 1),
                                         due_date=datetime.date(2025, 7, 1)), actor=admin)
    meeting = meeting_create(meeting=CoordinationMeeting(title="市重点项目调度会", held_on=datetime.date(2025, 6, 1),
                                                         region=world.a.city, notes="纪要：园区外项目资金由财政局统筹"),
                             actor=admin, problems=[world.a.problem, far])
    decision_create(decision=MeetingDecision(meeting=meeting, problem=world.a.problem, text="园区用地指标月底前落实",
                                             owner_unit="自然资源局", due_date=datetime.date(2025, 6, 30)), actor=admin)
    decision_create(decision=MeetingDecision(meeting=meeting, problem=far, text="园区外项目资金缺口由财政局统筹",
                                             owner_unit="财政局", due_date=datetime.date(2025, 6, 30)), actor=admin)
    park = Client()
    park.force_login(world.users["park"])
    page = park.get(meeting.get_absolute_url())
    assert page.status_code == 200
    text = page.content.decode()
    assert world.a.problem.description in text and "园区用地指标月底前落实" in text
    assert "园区外项目资金缺口" not in text and "园区外的城市项目" not in text and "纪要：" not in text
    listing = park.get("/projects/meetings/").content.decode()
    assert "园区外项目资金缺口" not in listing and "园区用地指标月底前落实" in listing
    sheet = load_workbook(io.BytesIO(park.get("/projects/meetings/?export=xlsx").content)).active
    flat = " ".join(str(v) for row in sheet.iter_rows(values_only=True) for v in row)
    assert "园区用地指标月底前落实" in flat and "园区外项目资金缺口" not in flat
    form = park.get(f"/projects/meetings/{meeting.pk}/decisions/add/").content.decode()
    assert world.a.project.name in form and "园区外的城市项目" not in form
    # The city officer, whose scope covers the meeting's region, sees it whole.
    city = Client()
    city.force_login(world.users["city"])
    whole = city.get(meeting.get_absolute_url()).content.decode()
    assert "园区外项目资金缺口" in whole and "纪要：园区外项目资金由财政局统筹" in whole
