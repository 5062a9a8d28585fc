"""The pipeline pages as the city officer sees them: every page answers, shows city A and never city B."""

import datetime
import io
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
    assert response.status_code == 302, response.content.decode()[:2000]
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
