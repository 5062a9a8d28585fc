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
def test_review_queue_and_its_steps_stay_in_scope(client, world, role, review_required):
    """City B's filings waiting for review never reach city A's users: not in the queue, not to be accepted."""
    from clusterdesk.projects.models import ProgressReport

    ProgressReport.objects.filter(pk__in=[world.a.report.pk, world.b.report.pk]).update(review_status="filed")
    _login(client, world, role)
    page = client.get(reverse("web:review_queue"))
    assert page.status_code == 200
    assert world.b.project.name not in page.content.decode()
    client.post(reverse("web:review_act"), {"action": "accept", "filing": f"report:{world.b.report.pk}"})
    assert ProgressReport.objects.get(pk=world.b.report.pk).review_status == "filed"
    _token, key = api_token_create(user=world.users[role])
    moved = client.post(f"/api/projects/progress-reports/{world.b.report.pk}/review", {"action": "accept"},
                        content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert moved.status_code == 404
    import datetime

    from clusterdesk.enterprise_service.models import MonthlyFigure
    from clusterdesk.enterprise_service.services import monthly_figure_save

    figure = monthly_figure_save(figure=MonthlyFigure(enterprise=world.b.enterprise, period=datetime.date(2025, 3, 1)),
                                 actor=world.users["admin"], today=datetime.date(2025, 4, 1))
    assert world.b.enterprise.name not in client.get(reverse("web:review_queue")).content.decode()
    assert client.post(f"/api/service/monthly-figures/{figure.pk}/review", {"action": "accept"},
                       content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 404
    assert MonthlyFigure.objects.get(pk=figure.pk).review_status == "filed"
    # Within scope, only the county (the park project's reviewing level) sees city A's filing.
    assert (world.a.project.name in page.content.decode()) == (role == "county")


@pytest.mark.django_db
def test_the_jobs_page_and_run_now_are_for_administrators_only(client, world):
    """Issue 12: /jobs/ shows no data of any scope, but running a job is an administrator's act."""
    for role in [*SCOPED_ROLES, "province"]:
        _login(client, world, role)
        assert client.get(reverse("jobs:job_list")).status_code == 404, role
        assert client.post(reverse("jobs:job_run_now", args=["backup"])).status_code == 404, role
    _login(client, world, "admin")
    assert client.get(reverse("jobs:job_list")).status_code == 200
