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
def test_units_are_read_by_all_and_changed_only_in_scope(client, world, role):
    from clusterdesk.accounts.models import Unit
    from clusterdesk.accounts.services import unit_create

    own = unit_create(unit=Unit(name="长沙市商务局", region=world.a.city), actor=world.users["admin"])
    other = unit_create(unit=Unit(name="株洲市商务局", region=world.b.city), actor=world.users["admin"])
    _login(client, world, role)
    body = client.get(reverse("units:unit_list")).content.decode()
    assert own.name in body and other.name in body  # work is routed to any unit: every unit is public
    assert client.get(reverse("units:unit_detail", args=[other.pk])).status_code == 200
    assert client.get(reverse("units:unit_edit", args=[other.pk])).status_code == 404
    assert client.post(reverse("units:unit_edit", args=[other.pk]), {"name": "hijack"}).status_code == 404
    assert client.post(reverse("units:unit_delete", args=[other.pk])).status_code == 404
    may_change = role == "city"
    assert (client.get(reverse("units:unit_edit", args=[own.pk])).status_code == 200) == may_change
    assert (client.get(reverse("units:unmatched")).status_code == 200) == may_change
    other.refresh_from_db()
    assert other.name == "株洲市商务局"
