"""Projects and monthly reports through the Excel import: the same rules as the form and the API."""

import json

import pytest

from clusterdesk.accounts.services import api_token_create
from clusterdesk.common.importing.runner import run_import
from clusterdesk.common.importing.tests.sheets import xlsx
from clusterdesk.projects.models import Project

pytestmark = pytest.mark.django_db


def _run(world, kind, data, user="city"):
    return run_import(kind=kind, data=data, file_name=f"{kind}.xlsx", actor=world.users[user])


def test_blank_optional_sector_takes_the_default_and_the_api_list_still_answers(world, client):
    """Defect 3: a blank 所属领域 was stored as '' (refused by the form) and the project API then answered 500."""
    data = xlsx([["项目编码", "项目名称", "所在地区", "总投资", "所属领域", "项目类型", "重点级别"],
                 ["D3-1", "领域留空的项目", "430102", 2000, None, None, None]])
    report = _run(world, "projects", data)
    assert [e.as_line() for e in report.errors] == []
    project = Project.objects.get(code="D3-1")
    assert (project.sector, project.project_type, project.key_level) == ("industry", "industrial", "general")
    _token, key = api_token_create(user=world.users["city"], description="tests")
    response = client.get("/api/projects/projects/", {"page_size": 500}, HTTP_AUTHORIZATION=f"Bearer {key}")
    assert response.status_code == 200, response.content[:300]
    assert "D3-1" in {row["code"] for row in json.loads(response.content)["items"]}


def test_a_second_project_of_the_same_name_in_the_county_is_refused_on_every_channel(world, client):
    """One rule in one place (the model's natural duplicates): the import refused a second project of the same name
    in the same county while the form and the API accepted it."""
    from django.test import Client

    taken = world.a.project
    report = _run(world, "projects", xlsx([["项目编码", "项目名称", "所在地区", "总投资"],
                                            ["DUP-1", taken.name, taken.region.code, 2000]]))
    assert any("重复" in e.as_line() for e in report.errors)
    _token, key = api_token_create(user=world.users["city"], description="tests")
    response = client.post("/api/projects/projects/", json.dumps({
        "code": "DUP-2", "name": taken.name, "region": taken.region.code, "total_investment_wan": "2000"}),
        content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert response.status_code == 422 and "name" in response.json()["detail"], response.content
    page = Client()
    page.force_login(world.users["city"])
    form = page.post("/projects/add/", {"code": "DUP-3", "name": taken.name, "region": taken.region.pk,
                                        "total_investment_wan": "2000", "stage": "planning", "key_level": "general"})
    assert form.status_code == 200 and "重复" in form.content.decode()
    assert not Project.objects.filter(code__in=["DUP-1", "DUP-2", "DUP-3"]).exists()
    # The same name in another county is another project.
    _token, admin_key = api_token_create(user=world.users["admin"], description="tests")
    response = client.post("/api/projects/projects/", json.dumps({
        "code": "DUP-4", "name": taken.name, "region": world.b.county.code, "total_investment_wan": "2000"}),
        content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {admin_key}")
    assert response.status_code in (200, 201), response.content
    assert Project.objects.get(code="DUP-4").name == taken.name
