"""The leads API: create, follow-ups, stage moves and the conversion, scoped like the pages."""

import pytest

from clusterdesk.accounts.services import api_token_create
from clusterdesk.attraction.models import Lead

pytestmark = pytest.mark.django_db


def test_leads_through_the_api(client, world):
    _token, key = api_token_create(user=world.users["city"])
    auth = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    body = {"name": "接口线索", "company": world.a.enterprise.name, "region": world.a.county.code,
            "park": world.a.park.pk, "planned_investment_wan": "20000", "land_area_mu": "60"}
    created = client.post("/api/attraction/leads/", body, content_type="application/json", **auth)
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    follow = client.post(f"/api/attraction/leads/{pk}/follow-ups", {"date": "2026-05-01", "kind": "visit",
                                                                    "summary": "拜访", "next_step": "发函"},
                         content_type="application/json", **auth)
    assert follow.status_code == 201 and client.get(f"/api/attraction/leads/{pk}", **auth).json()["next_step"] == "发函"
    assert client.get(f"/api/attraction/leads/{pk}/follow-ups", **auth).json()["count"] == 1
    jump = client.post(f"/api/attraction/leads/{pk}/transition", {"stage": "signed"},
                       content_type="application/json", **auth)
    assert jump.status_code == 422
    for stage in ("inspection", "signed"):
        moved = client.post(f"/api/attraction/leads/{pk}/transition", {"stage": stage, "on": "2026-05-02"},
                            content_type="application/json", **auth)
        assert moved.status_code == 200 and moved.json()["stage"] == stage
    refused = client.post(f"/api/attraction/leads/{pk}/convert", {}, content_type="application/json", **auth)
    assert refused.status_code == 422 and refused.json()["detail"]["__all__"] == ["缺少所属行业"]
    assert client.patch(f"/api/attraction/leads/{pk}", {"industry": "C3711"}, content_type="application/json",
                        **auth).status_code == 200
    converted = client.post(f"/api/attraction/leads/{pk}/convert", {}, content_type="application/json", **auth)
    assert converted.status_code == 201
    assert Lead.objects.get(pk=pk).project_id == converted.json()["project"]
    other = Lead.objects.create(name="株洲线索", company="x", region=world.b.county)
    assert client.get(f"/api/attraction/leads/{other.pk}", **auth).status_code == 404
    assert [row["id"] for row in client.get("/api/attraction/leads/", **auth).json()["items"]] == [pk]
