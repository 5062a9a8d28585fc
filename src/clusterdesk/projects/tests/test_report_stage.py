"""Defect 6: a monthly progress report on a project still in 谋划 or 储备 is refused, naming the stage, on the
page, in the API and in the Excel import."""

import datetime
import json
from decimal import Decimal

import pytest
from django.urls import reverse

from clusterdesk.accounts.services import api_token_create
from clusterdesk.common.importing.runner import run_import
from clusterdesk.common.importing.tests.sheets import xlsx
from clusterdesk.projects.models import ProgressReport, Project
from clusterdesk.projects.services import project_create

pytestmark = pytest.mark.django_db


def _project(world, stage: str, code: str) -> Project:
    return project_create(project=Project(code=code, name=f"{stage}阶段项目", region=world.a.county, stage=stage,
                                          total_investment_wan=Decimal(20000)), actor=world.users["admin"])


def test_the_page_refuses_a_report_on_a_reserve_project(client, world):
    project = _project(world, "reserve", "R-1")
    client.force_login(world.users["city"])
    response = client.post(reverse("projects:child_add", args=[project.pk, "report"]),
                           {"period": "2025-05", "investment_month_wan": "100"})
    assert response.status_code == 200
    assert any("「储备」" in e for e in response.context["form"].non_field_errors())
    assert not ProgressReport.objects.filter(project=project).exists()


def test_the_api_refuses_it_under_project(client, world):
    project = _project(world, "planning", "R-2")
    headers = {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user=world.users['city'], description='t')[1]}"}
    response = client.post("/api/projects/progress-reports/", json.dumps(
        {"project": project.pk, "period": "2025-05", "investment_month_wan": 100}), content_type="application/json",
        **headers)
    assert response.status_code == 422
    assert list(response.json()["detail"]) == ["project"]
    assert "「谋划」" in response.json()["detail"]["project"][0]


def test_the_import_refuses_it_on_the_project_column(world):
    project = _project(world, "reserve", "R-3")
    report = run_import(kind="progress-reports", file_name="r.xlsx", actor=world.users["city"], data=xlsx([
        ["项目编码", "填报月份", "本月完成投资"], [project.code, "2025-05", 100],
        [world.a.project.code, "2025-05", 100]]))
    lines = [e.as_line() for e in report.errors]
    assert len(lines) == 1 and lines[0].startswith("Sheet1!A2 项目编码：项目处于「储备」阶段"), lines
    assert not ProgressReport.objects.filter(period=datetime.date(2025, 5, 1)).exists()
