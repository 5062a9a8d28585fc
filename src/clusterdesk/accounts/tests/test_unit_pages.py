"""The units' pages: the tree by region, a unit's members, sub-units and open tasks, who may change what, and the
list of unmatched free-text owners."""

import pytest
from django.urls import reverse

from clusterdesk.accounts.models import Unit
from clusterdesk.accounts.services import units_seed_standard

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(world):
    units_seed_standard(region=world.a.city, actor=None, parks=False)
    units_seed_standard(region=world.b.city, actor=None, parks=False)
    return world


def test_everyone_reads_the_tree_by_region_and_filters_it(client, seeded):
    client.force_login(seeded.users["viewer"])
    body = client.get(reverse("units:unit_list")).content.decode()
    assert "株洲市发展和改革委员会" in body and "芙蓉区发展和改革局" in body  # units are read by all
    assert body.index("430100") < body.index("430102") < body.index("430200")
    body = client.get(reverse("units:unit_list"), {"kind": "commerce", "region": seeded.a.city.pk}).content.decode()
    assert "长沙市商务局" in body and "芙蓉区商务局" in body
    assert "长沙市统计局" not in body and "株洲市商务局" not in body
    assert "长沙市统计局" not in client.get(reverse("units:unit_list"), {"q": "发改"}).content.decode()
    assert "data-testid=\"add-button\"" not in body  # a viewer adds no unit


def test_detail_shows_members_sub_units_and_open_tasks(client, seeded):
    from clusterdesk.accounts.services import user_create

    unit = Unit.objects.get(name="长沙市发展和改革委员会")
    user_create(username="zhang", password="x-Pass-2026!", role="city_officer", full_name="张科长", unit=unit,
                regions=[seeded.a.city])
    client.force_login(seeded.users["viewer"])
    body = client.get(unit.get_absolute_url()).content.decode()
    assert "张科长" in body and "芙蓉区发展和改革局" in body
    assert 'data-testid="open-tasks">0<' in body


def test_city_officer_changes_units_of_their_city_only(client, seeded):
    officer = seeded.users["city"]
    client.force_login(officer)
    response = client.post(reverse("units:unit_add"), {
        "name": "长沙市交通运输局", "short_name": "市交通局", "kind": "other", "region": seeded.a.city.pk,
        "aliases": "交通局\n交通运输局", "is_active": "on"})
    assert response.status_code == 302
    created = Unit.objects.get(name="长沙市交通运输局")
    assert created.alias_list == ["交通局", "交通运输局"]
    other = Unit.objects.get(name="株洲市商务局")
    assert client.get(reverse("units:unit_edit", args=[other.pk])).status_code == 404
    assert client.post(reverse("units:unit_delete", args=[other.pk])).status_code == 404
    response = client.post(reverse("units:unit_add"), {"name": "株洲市交通运输局", "kind": "other",
                                                       "region": seeded.b.city.pk})
    assert response.status_code == 200 and not Unit.objects.filter(name="株洲市交通运输局").exists()
    parent = Unit.objects.get(name="长沙市发展和改革委员会")
    response = client.post(reverse("units:unit_delete", args=[parent.pk]))  # it has sub-units
    assert response.status_code == 302 and Unit.objects.filter(pk=parent.pk).exists()
    assert client.post(reverse("units:unit_delete", args=[created.pk])).status_code == 302
    assert not Unit.objects.filter(pk=created.pk).exists()


def test_unmatched_list_shows_the_scope_only_and_an_administrator_matches(client, seeded):
    from clusterdesk.projects.services import problem_update

    problem_b = seeded.b.problem
    problem_b.owner_unit = "某某指挥部"
    problem_update(problem=problem_b, actor=seeded.users["admin"])
    problem_a = seeded.a.problem
    problem_a.owner_unit = "长沙市某某指挥部"
    problem_update(problem=problem_a, actor=seeded.users["admin"])
    client.force_login(seeded.users["county"])
    assert client.get(reverse("units:unmatched")).status_code == 403
    client.force_login(seeded.users["city"])
    body = client.get(reverse("units:unmatched")).content.decode()
    assert "长沙市某某指挥部" in body and reverse("projects:problem_detail", args=[problem_a.pk]) in body
    assert "某某指挥部<" not in body.replace("长沙市某某指挥部", "")
    assert client.post(reverse("units:unmatched")).status_code == 403
    Unit.objects.filter(name="长沙市发展和改革委员会").update(aliases="长沙市某某指挥部")
    client.force_login(seeded.users["admin"])
    assert client.post(reverse("units:unmatched")).status_code == 302
    problem_a.refresh_from_db()
    assert problem_a.assigned_unit.name == "长沙市发展和改革委员会"


def test_source_pages_show_the_unit_when_set_and_the_text_otherwise(client, seeded):
    from clusterdesk.projects.services import problem_update

    problem = seeded.a.problem
    client.force_login(seeded.users["city"])
    body = client.get(problem.get_absolute_url()).content.decode()
    assert "自然资源局" in body and 'data-testid="responsible-unit"' not in body
    problem.owner_unit = "区自然资源局"
    problem_update(problem=problem, actor=seeded.users["admin"])
    body = client.get(problem.get_absolute_url()).content.decode()
    unit = Unit.objects.get(name="芙蓉区自然资源和规划局")
    assert f'href="{unit.get_absolute_url()}" data-testid="responsible-unit">芙蓉区自然资源和规划局<' in body


def test_the_list_exports_the_sheet_the_import_reads(client, seeded):
    import io

    import openpyxl

    client.force_login(seeded.users["viewer"])
    response = client.get(reverse("units:unit_list"), {"region": seeded.a.city.pk, "export": "xlsx"})
    assert response.status_code == 200
    data = b"".join(response.streaming_content) if response.streaming else response.content
    rows = [[c.value for c in r] for r in openpyxl.load_workbook(io.BytesIO(data)).active.iter_rows()]
    header = next(r for r in rows if r and r[0] == "单位名称")
    assert header[:5] == ["单位名称", "简称", "类型", "上级单位", "所属地区"]
    names = {r[0] for r in rows}
    assert "芙蓉区发展和改革局" in names and "株洲市发展和改革委员会" not in names
