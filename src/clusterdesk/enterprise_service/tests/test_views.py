"""The pages as a client sees them: every board renders for every role, exports are .xlsx, scope holds."""

import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse

from clusterdesk.enterprise_service.inclusion import candidates_detect
from clusterdesk.enterprise_service.models import Appeal, InclusionCandidate, MonthlyFigure
from clusterdesk.enterprise_service.services import appeal_create, monthly_figure_save, visit_create, warnings_recompute

pytestmark = pytest.mark.django_db
ROLES = ["admin", "province", "city", "county", "park", "secretary", "viewer"]
PAGES = ["workbench", "monitoring", "appeal_list", "candidate_list", "coverage"]


@pytest.fixture
def service(world):
    admin = world.users["admin"]
    today = datetime.date.today()
    last_year = today.replace(year=today.year - 1, day=1)
    for side in (world.a, world.b):
        for period, output in ((last_year, 100), (today.replace(day=1), 60)):
            monthly_figure_save(figure=MonthlyFigure(enterprise=side.enterprise, period=period, output_wan=Decimal(
                output), revenue_wan=Decimal(output)), actor=admin)
        appeal_create(appeal=Appeal(enterprise=side.enterprise, title=f"用地诉求{side.city.name}", description="扩产",
                                    category="land"), actor=admin)
        from clusterdesk.enterprise_service.models import Visit

        visit_create(visit=Visit(enterprise=side.enterprise, visit_date=today, visitors="刘思远",
                                 topics=f"走访{side.city.name}"), actor=admin)
    warnings_recompute(period=today.replace(day=1), actor=admin)
    candidates_detect(actor=admin, as_of=datetime.date(2025, 4, 10))
    return world


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", PAGES)
def test_every_board_renders_for_every_role_and_shows_only_its_scope(client, service, role, page):
    client.force_login(service.users[role])
    body = client.get(reverse(f"enterprise_service:{page}")).content.decode()
    assert "clusterdesk" in body
    if role not in ("admin", "province"):
        assert service.b.enterprise.name not in body
        assert "用地诉求株洲市" not in body


def test_monitoring_shows_the_four_colours_and_the_explanation(client, service):
    client.force_login(service.users["city"])
    response = client.get(reverse("enterprise_service:monitoring"))
    body = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="count-red"' in body and "同比下降40.0%" in body
    assert response.context["groups"]["total"].counts["red"] == 1
    assert [g.name for g in response.context["groups"]["parks"]] == [service.a.park.name]


@pytest.mark.parametrize(("page", "export", "header"), [
    ("monitoring", "warnings", "说明"), ("monitoring", "groups", "红（严重）"), ("appeal_list", "xlsx", "责任单位"),
    ("candidate_list", "xlsx", "申报截止"), ("coverage", "xlsx", "统一社会信用代码"), ("workbench", "appeals", "诉求"),
    ("workbench", "warnings", "规则"), ("workbench", "enterprises", "监测颜色"), ("workbench", "followups", "事项"),
])
def test_exports_are_xlsx_with_chinese_headers_and_scoped_rows(client, service, page, export, header):
    from openpyxl import load_workbook

    client.force_login(service.users["city"])
    response = client.get(reverse(f"enterprise_service:{page}") + f"?export={export}")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert header in rows[0]
    flat = " ".join(str(v) for row in rows for v in row if v is not None)
    assert service.b.enterprise.name not in flat and service.b.project.name not in flat


def test_enterprise_page_carries_the_service_panel(client, service):
    client.force_login(service.users["city"])
    body = client.get(service.a.enterprise.get_absolute_url()).content.decode()
    assert 'data-testid="service-panel"' in body and 'id="svc-series"' in body
    assert "走访长沙市" in body and "用地诉求长沙市" in body and "同比下降40.0%" in body


def test_secretary_enters_figures_through_the_page_with_errors_named(client, service):
    client.force_login(service.users["secretary"])
    url = reverse("enterprise_service:figure_add", args=[service.a.enterprise.pk])
    response = client.post(url, {"period": "2024年2月", "output_wan": "1.2亿", "capacity": "100",
                                 "capacity_output": "80", "source": "secretary"})
    assert response.status_code == 200 and "计量单位" in response.content.decode()
    response = client.post(url, {"period": "2024年2月", "output_wan": "1.2亿", "capacity": "100",
                                 "capacity_unit": "吨", "capacity_output": "80", "source": "secretary"})
    assert response.status_code == 302
    saved = MonthlyFigure.objects.get(enterprise=service.a.enterprise, period=datetime.date(2024, 2, 1))
    assert saved.output_wan == Decimal("12000.00") and saved.utilisation_pct == Decimal("80.00")
    other = reverse("enterprise_service:figure_add", args=[service.b.enterprise.pk])
    assert client.get(other).status_code == 404


def test_appeal_and_candidate_actions_through_the_pages(client, service):
    client.force_login(service.users["city"])
    appeal = Appeal.objects.get(enterprise=service.a.enterprise)
    url = reverse("enterprise_service:appeal_detail", args=[appeal.pk])
    response = client.post(url, {"status": "closed", "satisfaction": "5"})
    assert "诉求不能从“已提出”直接改为“已办结”" in response.content.decode()
    assert client.post(url, {"status": "accepted"}).status_code == 302
    appeal.refresh_from_db()
    assert appeal.status == "accepted"
    other = Appeal.objects.get(enterprise=service.b.enterprise)
    assert client.get(reverse("enterprise_service:appeal_detail", args=[other.pk])).status_code == 404
    candidate = InclusionCandidate.objects.get(project=service.a.project)
    url = reverse("enterprise_service:candidate_detail", args=[candidate.pk])
    response = client.post(url, {"state": "filed"})
    assert "申报前请备齐材料" in response.content.decode()
    client.post(url, {"action": "documents", "documents": ["business_licence", "investment_proof",
                                                           "construction_contract", "site_photos"]})
    assert client.post(url, {"state": "filed"}).status_code == 302
    candidate.refresh_from_db()
    assert candidate.state == "filed" and candidate.filed_date is not None


def test_the_appeal_page_never_lets_the_enterprise_side_handle_its_own_appeal(client, service):
    """Defect 5 through the page: the work secretary may not accept (nor answer) their enterprise's appeal."""
    client.force_login(service.users["secretary"])
    appeal = Appeal.objects.get(enterprise=service.a.enterprise)
    url = reverse("enterprise_service:appeal_detail", args=[appeal.pk])
    response = client.post(url, {"status": "accepted"})
    assert response.status_code == 200 and "诉求须由责任单位的干部受理" in response.content.decode()
    appeal.refresh_from_db()
    assert appeal.status == "raised"
    client.force_login(service.users["city"])
    assert client.post(url, {"status": "accepted"}).status_code == 302
    response = client.post(url, {"status": "answered", "answer": " "})
    assert response.context["form"].errors["answer"] == ["答复须填写答复内容"]
    assert client.post(url, {"status": "answered", "answer": "已协调用地指标"}).status_code == 302
    response = client.post(url, {"status": "closed", "satisfaction": "5"})
    assert "答复诉求的人不能自己办结" in response.content.decode()
    appeal.refresh_from_db()
    assert (appeal.status, appeal.satisfaction) == ("answered", None)
    client.force_login(service.users["secretary"])
    assert client.post(url, {"status": "closed", "satisfaction": "4"}).status_code == 302
    appeal.refresh_from_db()
    assert (appeal.status, appeal.satisfaction) == ("closed", 4)


def test_visit_page_logs_tasks_and_the_secretary_cannot_assign(client, service):
    client.force_login(service.users["secretary"])
    url = reverse("enterprise_service:visit_add", args=[service.a.enterprise.pk])
    visit = {"visit_date": "2025/3/1", "visitors": "刘思远", "topics": "用工", "task_0": "联系人社局"}
    assert "交办事项须填写完成时限" in client.post(url, visit).content.decode()
    assert client.post(url, {"visit_date": "2025/3/1", "visitors": "刘思远", "topics": "用工", "task_0": "联系人社局",
                             "task_0_due": "2025年3月20日"}).status_code == 302
    assert service.a.enterprise.follow_up_tasks.get().due_date == datetime.date(2025, 3, 20)
    assert client.post(reverse("enterprise_service:coverage"), {"enterprise": service.a.enterprise.pk}).status_code \
        == 403
