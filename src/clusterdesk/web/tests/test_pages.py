"""Pages as a signed-in user uses them (Django test client): forms, validation in Chinese, change log, language."""

import pytest
from django.urls import reverse

from clusterdesk.changelog.models import ObjectChange
from clusterdesk.projects.models import Project
from clusterdesk.testing import PASSWORD

pytestmark = pytest.mark.django_db


def _project_form(world, **overrides):
    data = {
        "code": "2026-430102-37-03-000099", "name": "长沙新能源装备测试项目", "owner": world.a.enterprise.uscc,
        "region": world.a.county.pk, "park": world.a.park.pk, "industry": "C3711",
        "total_investment_wan": "1.2亿元", "land_area_mu": "20公顷", "stage": "planning", "key_level": "municipal",
        "planned_start_date": "2026年3月1日", "planned_completion_date": "2027/6/30",
    }
    data.update(overrides)
    return data


def test_create_project_parses_units_and_dates_and_records_the_change(client, world):
    client.force_login(world.users["city"])
    response = client.post(reverse("projects:project_add"), _project_form(world))
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    project = Project.objects.get(code="2026-430102-37-03-000099")
    assert str(project.total_investment_wan) == "12000.00"
    assert str(project.land_area_mu) == "300.00"
    assert project.planned_start_date.isoformat() == "2026-03-01"
    change = ObjectChange.objects.get(changed_object_id=project.pk, action="create",
                                      changed_object_type__model="project")
    assert change.user == world.users["city"] and change.source == "web"
    page = client.get(project.get_absolute_url()).content.decode()
    assert "长沙新能源装备测试项目" in page and "1.2亿元" in page


def test_invalid_form_shows_chinese_messages_and_writes_nothing(client, world):
    client.force_login(world.users["city"])
    response = client.post(reverse("projects:project_add"), _project_form(
        world, total_investment_wan="很多", planned_start_date="2026-02-30", owner="91430100MA4L00000X"))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert {"total_investment_wan", "planned_start_date", "owner"} <= set(errors)
    assert not Project.objects.filter(code="2026-430102-37-03-000099").exists()


def test_project_in_another_city_cannot_be_created(client, world):
    client.force_login(world.users["city"])
    response = client.post(reverse("projects:project_add"), _project_form(world, region=world.b.county.pk, park=""))
    assert response.status_code == 200
    assert "region" in response.context["form"].errors
    assert not Project.objects.filter(code="2026-430102-37-03-000099").exists()


def test_edit_shows_before_and_after_in_the_change_log(client, world):
    client.force_login(world.users["city"])
    project = world.a.project
    url = reverse("projects:project_edit", args=[project.pk])
    form = client.get(url).context["form"]
    data = {name: ("" if value is None else value) for name, value in form.initial.items() if name in form.fields}
    data.update(name="长沙轨道交通部件项目（二期）", owner=world.a.enterprise.uscc, industry="C3711")
    data = {k: v for k, v in data.items() if not isinstance(v, bool) or v}
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    page = client.get(project.get_absolute_url()).content.decode()
    assert "长沙轨道交通部件项目（二期）" in page
    assert "长沙市轨道交通部件项目A" in page  # the old name, in the change log's "before"
    assert '<span class="text-secondary">名称</span>' in page  # the field as the interface names it


def test_viewer_sees_no_edit_button_and_cannot_post(client, world):
    client.force_login(world.users["viewer"])
    project = world.a.project
    page = client.get(project.get_absolute_url())
    assert page.status_code == 200 and 'data-testid="edit-button"' not in page.content.decode()
    assert client.post(reverse("projects:project_edit", args=[project.pk]), {"name": "x"}).status_code == 404


def test_interface_is_chinese_by_default_and_english_on_request(client, world):
    client.force_login(world.users["city"])
    assert "项目" in client.get(reverse("projects:project_list")).content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("projects:project_list")).content.decode()
    assert "Projects" in page and "Total investment" in page


def test_login_is_throttled_after_repeated_failures(client, world):
    url = reverse("web:login")
    for _ in range(5):
        client.post(url, {"username": "city", "password": "wrong"}, REMOTE_ADDR="10.0.0.9")
    response = client.post(url, {"username": "city", "password": PASSWORD}, REMOTE_ADDR="10.0.0.9")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_login_with_right_password_lands_on_the_dashboard(client, world):
    response = client.post(reverse("web:login"), {"username": "city", "password": PASSWORD}, follow=True)
    assert response.status_code == 200
    assert response.context["summary"]["project_count"] == 1


def test_forms_require_csrf_token(world):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(world.users["city"])
    assert strict.post(reverse("projects:project_add"), {}).status_code == 403


def test_money_in_yuan_is_rounded_to_the_field_precision(client, world):
    client.force_login(world.users["city"])
    response = client.post(reverse("projects:project_add"), _project_form(world, total_investment_wan="12,345,678元"))
    assert response.status_code == 302, response.context["form"].errors
    assert str(Project.objects.get(code="2026-430102-37-03-000099").total_investment_wan) == "1234.57"


def test_global_search_finds_only_what_is_in_scope(client, world):
    client.force_login(world.users["city"])
    response = client.get(reverse("web:search"), {"q": "轨道交通"})
    found = [obj for _label, rows in response.context["results"] for obj in rows]
    assert world.a.project in found and world.a.cluster in found
    assert world.b.project not in found and world.b.cluster not in found
    by_code = client.get(reverse("web:search"), {"q": world.b.enterprise.uscc}).context["results"]
    assert by_code == []


def test_change_log_names_related_objects_not_ids(world):
    from clusterdesk.projects.services import project_update

    project = world.a.project
    project.park = None
    project_update(project=project, actor=world.users["city"])
    change = ObjectChange.objects.filter(changed_object_id=project.pk, action="update",
                                         changed_object_type__model="project").first()
    from django.utils import translation

    with translation.override("en"):
        rows = {label: (before, after) for label, before, after in change.labelled_diff()}
    assert rows["park"] == (world.a.park.name, None)


def test_county_officer_can_save_a_project_linked_to_a_park_of_another_county(client, world, cli_context):
    from clusterdesk.parks.models import Park
    from clusterdesk.parks.services import park_create
    from clusterdesk.regions.models import Region

    neighbour = park_create(park=Park(name="长沙邻县园区", level="municipal", park_type="industrial",
                                      region=Region.objects.get(code="430104")), actor=world.users["admin"])
    project = world.a.project
    Project.objects.filter(pk=project.pk).update(park=neighbour)
    client.force_login(world.users["county"])
    url = reverse("projects:project_edit", args=[project.pk])
    form = client.get(url).context["form"]
    assert neighbour in form.fields["park"].queryset
    other_parks = set(form.fields["park"].queryset) - {neighbour, world.a.park}
    assert other_parks == set()
    data = {name: ("" if value is None else value) for name, value in form.initial.items() if name in form.fields}
    data.update(name="改名后的项目", owner=world.a.enterprise.uscc, industry="C3711", park=neighbour.pk)
    data = {k: v for k, v in data.items() if not isinstance(v, bool) or v}
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    assert Project.objects.get(pk=project.pk).name == "改名后的项目"
