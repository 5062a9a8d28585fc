"""For every role and every page, export and API endpoint: a user scoped to city A never sees city B's data."""

import json

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
def test_the_map_and_the_cockpit_show_only_scope(client, world, role):
    """Issue 14: the map sends the browser only records in scope; the cockpit's figures are the scope's."""
    _login(client, world, role)
    secrets = [world.b.project.name, world.b.park.name, world.b.cluster.name, world.b.enterprise.name]
    body = client.get(reverse("maps:map")).content.decode()
    assert 'id="cd-map"' in body
    for secret in secrets:
        assert secret not in body, secret
    assert client.get(reverse("maps:boundaries", args=[world.b.city.code])).status_code == 404
    response = client.get(reverse("cockpit:data"))
    if role in ("park", "secretary"):  # not leaders: no cockpit
        assert response.status_code == 403
        return
    assert response.status_code == 200 and response.json()["figures"]["above_scale"] <= 1
    text = json.dumps(response.json(), ensure_ascii=False)
    assert world.a.project.name in text  # the check reads real names: A's overdue problem is there
    for secret in secrets:
        assert secret not in text, secret

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


@pytest.mark.django_db
@pytest.mark.parametrize("role", SCOPED_ROLES)
def test_notifications_are_their_addressees_and_robots_follow_the_units_region(client, world, role):
    # issue 12: a notification is read by its addressee only; a group robot by the officers of its unit's region.
    from clusterdesk.accounts.models import Unit
    from clusterdesk.notifications.models import GroupRobot
    from clusterdesk.notifications.services import notify

    mine = notify(user=world.users[role], kind="reminder", title="本人的提醒", dedup_key="m")
    other = notify(user=world.users["admin"], kind="reminder", title="他人的提醒", dedup_key="o")
    unit_a = Unit.objects.create(name="长沙测试单位", region=world.a.county)
    unit_b = Unit.objects.create(name="株洲测试单位", region=world.b.county)
    for unit in (unit_a, unit_b):
        GroupRobot.objects.create(name=f"{unit.name}群", kind="wecom", url="https://example.org/hook", unit=unit)
    _login(client, world, role)
    body = client.get(reverse("notifications:notification_list")).content.decode()
    assert mine.title in body and other.title not in body
    assert client.post(reverse("notifications:read", args=[other.pk])).status_code == 404
    robots = client.get(reverse("notifications:robot_list"))
    assert robots.status_code in (200, 403)
    assert "株洲测试单位群" not in robots.content.decode()
    if robots.status_code == 200:
        assert "长沙测试单位群" in robots.content.decode()
    robot_b = GroupRobot.objects.get(unit=unit_b)
    assert client.get(reverse("notifications:robot_edit", args=[robot_b.pk])).status_code in (403, 404)
    assert client.post(reverse("notifications:robot_test", args=[robot_b.pk])).status_code == 404


# The enterprise role (企业用户, issue 12): bound to one enterprise, it sees and files that enterprise's rows only.

#: Every grant of the enterprise role, by model: anything not listed here it may not do at all.
ENTERPRISE_GRANTS = {
    "enterprises.enterprise": {"view"},
    "enterprises.enterpriseyearfigure": {"view"},
    "enterprise_service.monthlyfigure": {"view", "add", "change"},
    "enterprise_service.appeal": {"view", "add", "change"},
    "enterprise_service.enterprisewarning": {"view"},
    "evaluation.evaluationsheet": {"view", "change"},
}


@pytest.fixture
def neighbour(world):
    """A second enterprise in city A's park, and each enterprise's figures, appeal, warning and per-mu sheet."""
    import datetime
    from decimal import Decimal

    from clusterdesk.core.codes.uscc import make_uscc
    from clusterdesk.enterprise_service.models import Appeal, EnterpriseWarning, MonthlyFigure
    from clusterdesk.enterprise_service.services import appeal_create, monthly_figure_save
    from clusterdesk.enterprises.models import Enterprise
    from clusterdesk.enterprises.services import enterprise_create
    from clusterdesk.evaluation.models import EvaluationRun, EvaluationSheet
    from clusterdesk.evaluation.services import run_create

    admin, a = world.users["admin"], world.a
    other = enterprise_create(enterprise=Enterprise(
        uscc=make_uscc(region_code="430102", serial=7), name="长沙邻居精密制造有限公司", region=a.county, park=a.park,
        industry=a.enterprise.industry, above_scale=True, key_enterprise=True), actor=admin)
    run = run_create(run=EvaluationRun(name="芙蓉区2025年度亩均效益评价", region=a.county, year=2025,
                                       status="collecting"), actor=admin)
    for enterprise, tag in ((a.enterprise, "本企业"), (other, "邻居")):
        monthly_figure_save(figure=MonthlyFigure(enterprise=enterprise, period=datetime.date(2025, 9, 1),
                                                 output_wan=Decimal("1200"), revenue_wan=Decimal("1100")),
                            actor=admin, today=datetime.date(2025, 10, 3))
        appeal_create(appeal=Appeal(enterprise=enterprise, title=f"{tag}用电增容", description="新产线需增容",
                                    category="energy"), actor=admin, today=datetime.date(2025, 10, 3))
        EnterpriseWarning.objects.create(enterprise=enterprise, period=datetime.date(2025, 9, 1),
                                         rule="output_yoy_month", level="warning", level_rank=2, value=Decimal("-30"),
                                         threshold=Decimal("-20"), explanation=f"{tag}产值同比下降30%")
        EvaluationSheet.objects.create(run=run, enterprise=enterprise, above_scale=True, revenue_wan=Decimal("9000"),
                                       land_mu=Decimal("50"))
    return other


def test_the_enterprise_role_is_granted_its_own_rows_and_nothing_else():
    from clusterdesk.accounts.roles import ALL_ACTIONS, role_allows
    from clusterdesk.accounts.scoping import SCOPE_PATHS

    granted = {label: {action for action in ALL_ACTIONS if role_allows("enterprise", label, action)}
               for label in SCOPE_PATHS}
    assert {label: actions for label, actions in granted.items() if actions} == ENTERPRISE_GRANTS
    assert {"enterprises.enterprise", "projects.project", "parks.park"} <= set(SCOPE_PATHS)


@pytest.mark.django_db
def test_the_enterprise_user_reaches_only_its_own_enterprise_rows(world, neighbour):
    from django.apps import apps

    from clusterdesk.accounts.scoping import restrict

    user, own = world.users["enterprise"], world.a.enterprise
    for label, granted in ENTERPRISE_GRANTS.items():
        model = apps.get_model(label)
        field = "pk" if label == "enterprises.enterprise" else "enterprise_id"
        everyone = set(model.objects.values_list(field, flat=True))
        for action in ("view", "add", "change", "delete"):
            rows = set(restrict(model.objects.all(), user, action).values_list(field, flat=True))
            # Where the fixture has rows of several enterprises, a granted action reaches exactly its own.
            expected = {own.pk} & everyone if action in granted else set()
            assert rows == expected, (label, action)
            if action in granted and label != "enterprises.enterpriseyearfigure":
                assert everyone > {own.pk}, label   # the other enterprises' rows are there, and not reached


@pytest.mark.django_db
def test_the_enterprise_user_is_the_enterprise_side_of_its_appeals_and_sheet(world, neighbour):
    from django.core.exceptions import PermissionDenied

    from clusterdesk.enterprise_service.models import Appeal
    from clusterdesk.enterprise_service.services import appeal_transition
    from clusterdesk.evaluation.models import EvaluationSheet
    from clusterdesk.evaluation.services import sheet_confirm, sheet_verify_land

    user, county = world.users["enterprise"], world.users["county"]
    appeal = Appeal.objects.get(enterprise=world.a.enterprise)
    with pytest.raises(PermissionDenied):   # accepting and answering are the responsible unit's
        appeal_transition(appeal=appeal, status="accepted", actor=user)
    appeal_transition(appeal=appeal, status="accepted", actor=county)
    appeal_transition(appeal=appeal, status="answered", actor=county, answer="已协调供电公司")
    appeal_transition(appeal=appeal, status="closed", actor=user, satisfaction=5)
    appeal.refresh_from_db()
    assert (appeal.status, appeal.satisfaction) == ("closed", 5)
    sheet = EvaluationSheet.objects.select_related("run").get(enterprise=world.a.enterprise)
    with pytest.raises(PermissionDenied):   # the enterprise confirms its land figures, it does not verify them
        sheet_verify_land(sheet=sheet, land_mu=1, actor=user)
    assert sheet_confirm(sheet=sheet, actor=user).status == "confirmed"
    assert EvaluationSheet.objects.get(pk=sheet.pk).confirmed_by == user


@pytest.mark.django_db
def test_the_enterprise_user_files_and_confirms_through_its_pages(client, world, neighbour):
    from clusterdesk.enterprise_service.models import Appeal, MonthlyFigure
    from clusterdesk.evaluation.models import EvaluationSheet

    client.force_login(world.users["enterprise"])
    own, other = world.a.enterprise, neighbour
    figures = {"period": "2025-10", "output_wan": "1300", "revenue_wan": "1250"}
    response = client.post(reverse("enterprise_service:figure_add", args=[own.pk]), figures)
    assert response.status_code == 302
    filed = MonthlyFigure.objects.get(enterprise=own, period="2025-10-01")
    assert (filed.source, filed.reported_by) == ("enterprise", world.users["enterprise"])
    assert client.post(reverse("enterprise_service:figure_add", args=[other.pk]), figures).status_code == 404
    response = client.post(reverse("enterprise_service:appeal_add"), {
        "enterprise": own.pk, "title": "招工难", "category": "labour", "description": "缺技工40人"})
    assert response.status_code == 302
    assert Appeal.objects.get(title="招工难").unit == "人力资源和社会保障局"
    client.post(reverse("enterprise_service:appeal_add"), {
        "enterprise": other.pk, "title": "冒名诉求", "category": "labour", "description": "x"})
    assert not Appeal.objects.filter(title="冒名诉求").exists()
    mine, theirs = (EvaluationSheet.objects.get(enterprise=e) for e in (own, other))
    client.post(reverse("evaluation:sheet_action", args=[mine.pk, "confirm"]))
    assert client.post(reverse("evaluation:sheet_action", args=[theirs.pk, "confirm"])).status_code == 404
    assert EvaluationSheet.objects.get(pk=mine.pk).status == "confirmed"
    assert EvaluationSheet.objects.get(pk=theirs.pk).status == "collected"


@pytest.mark.django_db
def test_the_enterprise_home_page_shows_its_own_business(client, world, neighbour):
    client.force_login(world.users["enterprise"])
    assert client.get(reverse("web:dashboard"))["Location"] == reverse("enterprise_service:my_enterprise")
    response = client.get(reverse("enterprise_service:my_enterprise"))
    body = response.content.decode()
    assert response.status_code == 200
    for text in (world.a.enterprise.name, "本企业用电增容", "本企业产值同比下降30%", 'data-testid="sheet-to-confirm"',
                 'data-testid="enterprise-nav"'):
        assert text in body, text
    for text in (neighbour.name, "邻居", world.b.enterprise.name, world.a.project.name, world.a.park.get_absolute_url(),
                 reverse("projects:project_list"), 'data-testid="global-search"'):
        assert text not in body, text
    # On its appeal's page the enterprise is offered only its own steps: none while the unit handles it.
    from clusterdesk.enterprise_service.services import appeal_transition

    appeal = world.a.enterprise.appeals.get()
    assert 'data-testid="appeal-action"' not in client.get(appeal.get_absolute_url()).content.decode()
    appeal_transition(appeal=appeal, status="accepted", actor=world.users["county"])
    appeal_transition(appeal=appeal, status="answered", actor=world.users["county"], answer="已协调")
    body = client.get(appeal.get_absolute_url()).content.decode()
    assert 'data-testid="appeal-action"' in body and 'value="closed"' in body and 'value="in_progress"' in body
    assert 'value="accepted"' not in body and 'value="answered"' not in body


#: Pages the enterprise user is sent to first; the walk follows their links one step.
ENTERPRISE_WALK = ["/", "/service/my/", "/service/appeals/", "/service/appeals/add/", "/me/", "/projects/",
                   "/projects/pipeline/", "/projects/problems/", "/enterprises/", "/parks/", "/evaluation/runs/",
                   "/evaluation/map/", "/evaluation/composite/", "/evaluation/featured/", "/service/",
                   "/service/monitoring/", "/service/inclusion/", "/service/coverage/", "/industry/clusters/",
                   "/industry/chains/", "/industry/codes/", "/regions/", "/leads/", "/leads/funnel/", "/intake/",
                   "/placement/agreements/", "/placement/allocate/", "/users/", "/search/?q=长沙", "/observation/"]


@pytest.mark.django_db
def test_the_enterprise_user_walks_every_page_and_meets_no_other_enterprise(client, world, neighbour):
    """Each page is its own data (200) or refused (403/404); no other enterprise, project or park name appears."""
    import re

    from clusterdesk.evaluation.models import EvaluationSheet

    client.force_login(world.users["enterprise"])
    own = world.a.enterprise
    start = [*ENTERPRISE_WALK, own.get_absolute_url(), neighbour.get_absolute_url(),
             world.b.enterprise.get_absolute_url(), world.a.project.get_absolute_url(),
             world.a.park.get_absolute_url(), world.a.cluster.get_absolute_url(),
             *(s.get_absolute_url() for s in EvaluationSheet.objects.all()),
             *(a.get_absolute_url() for e in (neighbour, own) for a in e.appeals.all())]
    for name in ("milestone", "report", "problem"):
        start.append(reverse("projects:child_edit", args=[world.a.project.pk, name, getattr(world.a, name).pk]))
    secrets = [neighbour.name, "邻居", world.b.enterprise.name, world.a.project.name, world.b.project.name,
               world.a.cluster.name, world.b.park.name, world.chain.name]
    seen, queue, opened = set(), [(path, 0) for path in start], {}
    while queue:
        path, depth = queue.pop(0)
        if path in seen or re.search(r"/logout/|/api/|/static/|/i18n/|/jsi18n/|export=", path):
            continue
        seen.add(path)
        response = client.get(path)
        opened[path] = response.status_code
        assert response.status_code in (200, 302, 403, 404), (path, response.status_code)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        body = response.content.decode()
        for secret in secrets:
            assert secret not in body, (path, secret)
        if depth == 0:
            queue += [(href, 1) for href in re.findall(r'href="(/[^"]*)"', body)]
    allowed = {p for p, status in opened.items() if status == 200}
    assert {"/service/my/", "/service/appeals/", "/service/appeals/add/", own.get_absolute_url()} <= allowed
    for refused in ("/projects/", "/parks/", "/enterprises/", "/service/monitoring/", "/industry/chains/",
                    "/leads/funnel/",
                    "/users/", neighbour.get_absolute_url(), world.a.project.get_absolute_url()):
        assert opened[refused] in (403, 404), refused


@pytest.mark.django_db
def test_the_enterprise_user_api_gives_only_its_own_rows(client, world, neighbour):
    _token, key = api_token_create(user=world.users["enterprise"])
    for path in ("/api/enterprises/enterprises/", "/api/projects/projects/", "/api/parks/parks/",
                 "/api/service/appeals/", "/api/service/monthly-figures/", "/api/service/warnings/",
                 "/api/service/visits/", "/api/service/candidates/", "/api/projects/problems/",
                 "/api/observation/rounds/"):
        response = client.get(path, HTTP_AUTHORIZATION=f"Bearer {key}")
        assert response.status_code == 200, (path, response.content)
        body = response.content.decode()
        assert neighbour.name not in body and world.b.enterprise.name not in body and "邻居" not in body, path
        items = response.json()["items"]
        if path.startswith("/api/service/") and path.endswith(("appeals/", "figures/", "warnings/")):
            assert {item["enterprise"] for item in items} == {world.a.enterprise.uscc}, path
        elif path.startswith("/api/enterprises/"):
            assert [item["id"] for item in items] == [world.a.enterprise.pk]
        else:
            assert items == [], path
    other = neighbour.appeals.get()
    assert client.get(f"/api/service/appeals/{other.pk}", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("role", SCOPED_ROLES)
def test_observation_rounds_and_their_results_stay_in_scope(client, world, role):
    """Observation rounds (issue 13) are seen in their city and refused in the other; nobody but the round's judges
    reaches a judge's sheet, whatever their role."""
    import datetime

    from clusterdesk.observation.models import ObservationRound, ObservationSeries
    from clusterdesk.observation.services import round_create, series_create

    admin = world.users["admin"]
    rounds = {}
    for side, tag in ((world.a, "长沙"), (world.b, "株洲")):
        series = series_create(series=ObservationSeries(name=f"{tag}产业项目现场推进会", region=side.city), actor=admin)
        rounds[tag] = round_create(round_=ObservationRound(series=series, number=3, held_on=datetime.date(2025, 9, 1)),
                                   actor=admin)
    _login(client, world, role)
    body = client.get(reverse("observation:round_list")).content.decode()
    assert "株洲产业项目现场推进会" not in body
    assert ("长沙产业项目现场推进会" in body) == (role != "secretary")
    other = rounds["株洲"]
    for name in ("observation:round_detail", "observation:results_export", "observation:my_sheet"):
        assert client.get(reverse(name, args=[other.pk])).status_code == 404, name
    assert client.get(reverse("observation:my_sheet", args=[rounds["长沙"].pk])).status_code == 404
    _token, key = api_token_create(user=world.users[role])
    auth = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    assert client.get(f"/api/observation/rounds/{other.pk}/results/", **auth).status_code == 404
    assert "株洲" not in client.get("/api/observation/rounds/", **auth).content.decode()


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


@pytest.mark.django_db
@pytest.mark.parametrize("role", SCOPED_ROLES)
def test_what_to_grow_next_shows_no_other_city(client, world, role):
    """Issue 13: the page compares regions by aggregates only; a scoped user picks only their own regions and
    sees no park or enterprise of city B."""
    _login(client, world, role)
    response = client.get(reverse("opportunities:grow"), {"region": world.b.county.code})
    assert response.status_code == 200
    assert world.b.county.code not in {r.code for r in response.context["regions"]}
    body = response.content.decode()
    assert world.b.park.name not in body and world.b.enterprise.name not in body
