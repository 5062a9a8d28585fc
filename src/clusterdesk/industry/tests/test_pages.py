"""Cluster and chain pages: the chain map counts only what the user may see."""

import pytest
from django.urls import reverse

from clusterdesk.enterprises.models import Enterprise
from clusterdesk.projects.models import Project

pytestmark = pytest.mark.django_db


def test_chain_map_counts_only_rows_in_scope(client, world):
    Enterprise.chain_segments.through.objects.create(enterprise=world.a.enterprise, chainsegment=world.segment)
    Enterprise.chain_segments.through.objects.create(enterprise=world.b.enterprise, chainsegment=world.segment)
    Project.objects.filter(pk__in=[world.a.project.pk, world.b.project.pk]).update(chain_segment=world.segment)
    url = reverse("industry:chain_detail", args=[world.chain.pk])
    client.force_login(world.users["city"])
    segment = client.get(url).context["segments"][0]
    assert (segment.local_enterprises, segment.project_count) == (1, 1)
    # the chain is analysed in its cluster's city by default; the province officer can widen the region
    client.force_login(world.users["province"])
    segment = client.get(url).context["segments"][0]
    assert (segment.local_enterprises, segment.project_count) == (1, 2)
    segment = client.get(url, {"region": "430000"}).context["segments"][0]
    assert (segment.local_enterprises, segment.project_count) == (2, 2)
    client.force_login(world.users["city"])
    assert client.get(url, {"region": "430000"}).context["segments"][0].local_enterprises == 1


def test_another_citys_cluster_is_not_found_but_the_provinces_is_visible(client, world, cli_context):
    from clusterdesk.industry.models import Cluster
    from clusterdesk.industry.services import cluster_create
    from clusterdesk.regions.models import Region

    provincial = cluster_create(cluster=Cluster(name="全省航空装备集群", region=Region.objects.get(code="430000"),
                                                level="provincial"), actor=world.users["admin"])
    for role in ("city", "county", "park", "secretary", "viewer"):
        client.force_login(world.users[role])
        assert client.get(reverse("industry:cluster_detail", args=[world.b.cluster.pk])).status_code == 404
        assert client.get(reverse("industry:chain_list")).status_code == 200
        page = client.get(reverse("industry:cluster_detail", args=[provincial.pk]))
        assert page.status_code == 200
        assert page.context["project_stats"]["count"] == 0
    client.force_login(world.users["city"])
    assert client.get(reverse("industry:cluster_detail", args=[world.a.cluster.pk])).status_code == 200


def test_industry_classification_is_searchable(client, world):
    client.force_login(world.users["viewer"])
    response = client.get(reverse("industry:industrycode_list"), {"q": "3711"})
    codes = [c.code for c in response.context["page"]]
    assert codes == ["C3711"]
