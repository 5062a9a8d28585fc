"""Region pages: reference data for everyone, figures only from the user's scope."""

import pytest
from django.urls import reverse

from clusterdesk.regions.models import Region

pytestmark = pytest.mark.django_db


def test_region_list_filters_by_parent(client, world):
    client.force_login(world.users["viewer"])
    response = client.get(reverse("regions:region_list"), {"parent": "430100"})
    codes = {r.code for r in response.context["page"]}
    assert "430102" in codes and all(code.startswith("4301") for code in codes)


def test_region_page_counts_only_rows_in_scope(client, world):
    client.force_login(world.users["city"])
    province = Region.objects.get(code="430000")
    context = client.get(reverse("regions:region_detail", args=[province.pk])).context
    assert context["project_stats"]["count"] == 1
    assert context["enterprise_count"] == 1
