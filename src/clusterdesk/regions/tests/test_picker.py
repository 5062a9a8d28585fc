"""The region picker's endpoint answers only with regions in the user's scope; forms take only those."""

import pytest

from clusterdesk.projects.forms import ProjectForm
from clusterdesk.regions.models import Region

pytestmark = pytest.mark.django_db


def _get(client, world, role, **params):
    client.force_login(world.users[role])
    return client.get("/regions/picker/", params).json()


def _names(data) -> list[str]:
    return [r["name"] for r in data["regions"]]


def test_an_administrator_starts_from_the_provinces(client, world):
    top = _get(client, world, "admin")["regions"]
    assert len(top) == Region.objects.filter(level="province").count() > 30
    beijing = next(r for r in top if r["code"] == "110000")
    below = _names(_get(client, world, "admin", parent=beijing["id"]))
    assert below == ["市辖区"]  # 北京市 → 市辖区 → 东城区 …, not 北京市 twice in one list


def test_a_county_officer_sees_only_their_county(client, world):
    assert _names(_get(client, world, "county")) == ["芙蓉区"]
    assert _names(_get(client, world, "county", parent=world.a.city.pk)) == ["芙蓉区"]
    assert _names(_get(client, world, "county", parent=world.b.city.pk)) == []
    assert _get(client, world, "county", q="株洲")["regions"] == []
    found = _get(client, world, "county", q="芙蓉")["regions"]
    assert [(r["name"], [p["name"] for p in r["path"]]) for r in found] == [("湖南省长沙市芙蓉区", ["芙蓉区"])]
    assert _get(client, world, "county", id=world.b.county.pk) == {"path": []}


def test_a_city_officer_picks_any_county_of_the_city_and_nothing_beyond(client, world):
    assert _names(_get(client, world, "city")) == ["长沙市"]
    counties = _names(_get(client, world, "city", parent=world.a.city.pk))
    assert "芙蓉区" in counties and "天元区" not in counties and len(counties) > 5
    assert _get(client, world, "city", q="430211")["regions"] == []  # a 株洲 county by its code
    path = _get(client, world, "city", id=world.a.county.pk)["path"]
    assert [p["name"] for p in path] == ["长沙市", "芙蓉区"]


def test_a_park_officer_picks_in_the_park_region(client, world):
    assert _names(_get(client, world, "park")) == [world.a.park.region.name]


def test_signed_out_gets_nothing(client):
    assert client.get("/regions/picker/").status_code == 302


def test_a_form_offers_and_takes_only_regions_in_scope(world):
    form = ProjectForm(instance=None, user=world.users["county"])
    assert set(form.fields["region"].queryset.values_list("code", flat=True)) == {"430102"}
    assert form.fields["region"].widget.template_name == "common/widgets/region_picker.html"
    html = str(form["region"])
    assert html.count("<option") == 3 and 'data-endpoint="/regions/picker/"' in html  # not 3,223 regions
    refused = ProjectForm({"region": world.b.county.pk}, instance=None, user=world.users["county"])
    assert not refused.is_valid() and "region" in refused.errors


def test_a_region_a_record_names_is_picked_from_every_region(client, world):
    """The district that referred a project may lie outside the scope: that picker asks for every region."""
    from clusterdesk.placement.forms import AgreementForm

    assert len(_get(client, world, "county", anywhere=1)["regions"]) > 30
    form = AgreementForm(instance=None, user=world.users["city"])
    assert 'data-anywhere="1"' in str(form["referring_region"]) and 'data-anywhere' not in str(form["hosting_region"])
    assert form.fields["referring_region"].queryset.filter(pk=world.b.county.pk).exists()
