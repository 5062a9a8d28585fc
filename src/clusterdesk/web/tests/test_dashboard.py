"""The dashboard counts projects the way the pipeline board does: the libraries by stage, withdrawn apart."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from clusterdesk.projects.models import Project
from clusterdesk.projects.services import project_create, project_withdraw

pytestmark = pytest.mark.django_db


@pytest.fixture
def withdrawn(world):
    """A second project of city A in construction, withdrawn from the libraries (退库)."""
    a, admin = world.a, world.users["admin"]
    project = project_create(project=Project(
        code="2025-430102-37-03-000077", name="长沙退库测试项目", owner=a.enterprise, region=a.county, park=a.park,
        industry=a.project.industry, total_investment_wan=Decimal("8000"), land_area_mu=Decimal("30"),
        stage="construction", key_level="county", planned_start_date=datetime.date(2025, 5, 1),
        actual_start_date=datetime.date(2025, 5, 10), land_secured=True), actor=admin)
    return project_withdraw(project=project, actor=admin, reason="业主投资意向变化")


def test_dashboard_stage_counts_equal_the_boards_and_withdrawn_is_shown_apart(client, world, withdrawn):
    client.force_login(world.users["city"])
    dashboard = client.get(reverse("web:dashboard"))
    board = client.get(reverse("projects:pipeline_board"))
    summary = dashboard.context["summary"]
    on_dashboard = {s["stage"]: s["count"] for s in summary["stages"]}
    on_board = {c["stage"]: c["count"] for c in board.context["columns"]}
    assert on_dashboard == on_board
    assert on_dashboard["construction"] == 1  # world A's project; the withdrawn one is not in the libraries
    assert summary["project_count"] == sum(on_dashboard.values()) == 1
    assert summary["withdrawn_count"] == board.context["withdrawn_count"] == 1
    assert summary["total_investment"] == world.a.project.total_investment_wan
    for response in (dashboard, board):
        page = response.content.decode()
        assert 'data-testid="withdrawn-count"' in page and "退库" in page
    assert 'data-testid="counting-note"' in dashboard.content.decode()


def test_the_withdrawn_count_follows_the_scope(client, world, withdrawn):
    client.force_login(world.users["province"])
    assert client.get(reverse("web:dashboard")).context["summary"]["withdrawn_count"] == 1
    client.force_login(world.users["park"])  # the withdrawn project is in the park of city A
    assert client.get(reverse("web:dashboard")).context["summary"]["withdrawn_count"] == 1
    client.force_login(world.users["county"])
    summary = client.get(reverse("web:dashboard")).context["summary"]
    assert summary["project_count"] == 1 and summary["withdrawn_count"] == 1
