"""For every role and every page, export and API endpoint: a user scoped to city A never sees city B's data."""

import pytest
from django.urls import reverse

from clusterdesk.accounts.services import api_token_create

SCOPED_ROLES = ["city", "county", "park", "secretary", "viewer"]
OBJECTS = ["park", "enterprise", "project", "cluster"]

LISTS = {
    "park": "parks:park_list",
    "enterprise": "enterprises:enterprise_list",
    "project": "projects:project_list",
    "cluster": "industry:cluster_list",
}
DETAILS = {
    "park": "parks:park_detail",
    "enterprise": "enterprises:enterprise_detail",
    "project": "projects:project_detail",
    "cluster": "industry:cluster_detail",
}
EDITS = {
    "park": "parks:park_edit",
    "enterprise": "enterprises:enterprise_edit",
    "project": "projects:project_edit",
    "cluster": "industry:cluster_edit",
}
API_LISTS = {
    "park": "/api/parks/parks/",
    "enterprise": "/api/enterprises/enterprises/",
    "project": "/api/projects/projects/",
    "milestone": "/api/projects/milestones/",
    "report": "/api/projects/progress-reports/",
    "problem": "/api/projects/problems/",
}


def _login(client, world, role):
    client.force_login(world.users[role])
    return client


@pytest.mark.django_db
@pytest.mark.parametrize("role", SCOPED_ROLES)
@pytest.mark.parametrize("kind", OBJECTS)
def test_list_pages_show_only_scope(client, world, role, kind):
    _login(client, world, role)
    response = client.get(reverse(LISTS[kind]))
    assert response.status_code == 200
    body = response.content.decode()
    assert getattr(world.b, kind).name not in body
    assert getattr(world.a, kind).name in body


@pytest.mark.django_db
@pytest.mark.parametrize("role", SCOPED_ROLES)
@pytest.mark.parametrize("kind", OBJECTS)
def test_detail_and_edit_of_other_city_are_404(client, world, role, kind):
    _login(client, world, role)
    other = getattr(world.b, kind)
    assert client.get(reverse(DETAILS[kind], args=[other.pk])).status_code == 404
    assert client.get(reverse(EDITS[kind], args=[other.pk])).status_code in (403, 404)
    assert client.post(reverse(EDITS[kind], args=[other.pk]), {"name": "hijack"}).status_code in (403, 404)
    other.refresh_from_db()
    assert other.name != "hijack"


@pytest.mark.django_db
@pytest.mark.parametrize("role", SCOPED_ROLES)
@pytest.mark.parametrize("kind", OBJECTS)
def test_csv_export_shows_only_scope(client, world, role, kind):
    _login(client, world, role)
    response = client.get(reverse(LISTS[kind]), {"export": "csv"})
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode()
    assert getattr(world.b, kind).name not in body
    assert getattr(world.a, kind).name in body


@pytest.mark.django_db
@pytest.mark.parametrize("role", SCOPED_ROLES)
def test_dashboard_counts_only_scope(client, world, role):
    _login(client, world, role)
    response = client.get(reverse("web:dashboard"))
    assert response.status_code == 200
    summary = response.context["summary"]
    assert summary["project_count"] == 1
    assert summary["total_investment"] == world.a.project.total_investment_wan
    assert world.b.problem.project.name not in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("role", SCOPED_ROLES)
@pytest.mark.parametrize("kind", ["milestone", "report", "problem"])
def test_project_children_of_other_city_are_404(client, world, role, kind):
    _login(client, world, role)
    child = getattr(world.b, kind)
    url = reverse("projects:child_edit", args=[world.b.project.pk, kind, child.pk])
    assert client.get(url).status_code in (403, 404)
    delete = reverse("projects:child_delete", args=[world.b.project.pk, kind, child.pk])
    assert client.post(delete).status_code == 404
    assert type(child).objects.filter(pk=child.pk).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("role", SCOPED_ROLES)
@pytest.mark.parametrize("kind", list(API_LISTS))
def test_api_lists_and_details_show_only_scope(client, world, role, kind):
    _token, key = api_token_create(user=world.users[role])
    auth = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    response = client.get(API_LISTS[kind], **auth)
    assert response.status_code == 200, response.content
    ids = {item["id"] for item in response.json()["items"]}
    other = getattr(world.b, kind)
    assert other.pk not in ids
    assert client.get(f"{API_LISTS[kind]}{other.pk}", **auth).status_code == 404


@pytest.mark.django_db
def test_province_officer_sees_both_cities(client, world):
    _login(client, world, "province")
    body = client.get(reverse("projects:project_list")).content.decode()
    assert world.a.project.name in body and world.b.project.name in body


@pytest.mark.django_db
def test_anonymous_gets_login_page_and_api_401(client, world):
    response = client.get(reverse("projects:project_list"))
    assert response.status_code == 302 and reverse("web:login") in response["Location"]
    assert client.get("/api/projects/projects/").status_code == 401


@pytest.mark.django_db
@pytest.mark.parametrize("role", SCOPED_ROLES)
def test_inbox_board_and_instructions_show_only_scope(client, world, role):
    """Issue 12: the inbox, the 督办 board and the instructions (pages and exports) of city B stay hidden."""
    import datetime

    from clusterdesk.accounts.models import Unit
    from clusterdesk.tasks.models import Instruction
    from clusterdesk.tasks.services import instruction_create

    unit_b = Unit.objects.create(name="株洲市工业和信息化局", region=world.b.city)
    mine = {}
    for side, unit in (("a", None), ("b", unit_b)):
        mine[side] = instruction_create(instruction=Instruction(
            text=f"督办事项{side.upper()}", region=getattr(world, side).city, assigned_unit=unit,
            issued_date=datetime.date(2026, 11, 1), due_date=datetime.date(2026, 11, 30)), actor=world.users["admin"])
    _login(client, world, role)
    assert client.get(f"/tasks/instructions/{mine['b'].pk}/").status_code == 404
    assert client.post(f"/tasks/instructions/{mine['b'].pk}/close/", {"result": "x"}).status_code == 404
    assert client.get(f"/tasks/?unit={unit_b.pk}").status_code == 404
    for url in ("/tasks/", "/tasks/board/", "/tasks/instructions/", "/tasks/instructions/?export=xlsx",
                "/tasks/board/?export=xlsx", "/tasks/?box=unit&export=xlsx"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "督办事项B".encode() not in response.content and unit_b.name.encode() not in response.content, url
    listed = client.get("/tasks/instructions/").content.decode()
    assert ("督办事项A" in listed) == (role in ("city", "viewer"))  # it lies in city A, above the county
    assert Instruction.objects.get(pk=mine["b"].pk).status == "assigned"
