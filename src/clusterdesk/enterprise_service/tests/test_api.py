"""The enterprise-service API with bearer tokens: scoped reads, writes through the services, workflow endpoints."""

import datetime
import json

import pytest

from clusterdesk.accounts.services import api_token_create
from clusterdesk.enterprise_service.inclusion import candidates_detect
from clusterdesk.enterprise_service.models import InclusionCandidate
from clusterdesk.enterprise_service.services import warnings_recompute

pytestmark = pytest.mark.django_db
BASE = "/api/service"


def _headers(user):
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user=user, description='tests')[1]}"}


def _post(client, user, url, body):
    return client.post(url, json.dumps(body), content_type="application/json", **_headers(user))


def test_monthly_figures_and_warnings_through_the_api(client, world):
    city, admin = world.users["city"], world.users["admin"]
    a, b = world.a.enterprise, world.b.enterprise
    for uscc, user in ((a.uscc, city), (b.uscc, admin)):
        assert _post(client, user, f"{BASE}/monthly-figures/", {
            "enterprise": uscc, "period": "2024年3月", "output_wan": "1亿", "revenue_wan": 9000}).status_code == 201
    created = _post(client, city, f"{BASE}/monthly-figures/", {
        "enterprise": a.uscc, "period": "2025-03", "output_wan": "6000万元", "capacity": 100, "capacity_unit": "吨",
        "capacity_output": 45})
    assert created.status_code == 201, created.content
    assert created.json()["utilisation_pct"] == "45.00" and created.json()["output_wan"] == "6000.00"
    refused = _post(client, city, f"{BASE}/monthly-figures/", {"enterprise": b.uscc, "period": "2025-03"})
    assert refused.status_code == 422 and "enterprise" in refused.json()["detail"]
    bad = _post(client, city, f"{BASE}/monthly-figures/", {"enterprise": a.uscc, "period": "2025-03",
                                                           "capacity_output": 5})
    assert bad.status_code == 422 and "capacity" in bad.json()["detail"]
    warnings_recompute(period=datetime.date(2025, 3, 1), actor=admin)
    rows = client.get(f"{BASE}/warnings/", {"period": "2025-03"}, **_headers(city)).json()["items"]
    assert {r["enterprise"] for r in rows} == {a.uscc}
    assert {r["rule"] for r in rows} >= {"output_yoy_month", "low_utilisation"}
    figures = client.get(f"{BASE}/monthly-figures/", **_headers(city)).json()["items"]
    assert {f["enterprise"] for f in figures} == {a.uscc}
    colours = client.get(f"{BASE}/four-colour", {"period": "2025-03"}, **_headers(city)).json()
    assert colours["total"]["red"] == 1 and colours["parks"][0]["name"] == world.a.park.name


def test_the_api_never_lets_a_secretary_handle_their_own_appeal(client, world):
    """Defect 5 through the API: file, accept, answer, close and rate one's own appeal."""
    secretary, city = world.users["secretary"], world.users["city"]
    created = _post(client, secretary, f"{BASE}/appeals/", {
        "enterprise": world.a.enterprise.uscc, "title": "融资难", "description": "流动资金缺口 3000 万元",
        "category": "financing", "raised_date": "2025-03-01"})
    url = f"{BASE}/appeals/{created.json()['id']}/transition"
    refused = _post(client, secretary, url, {"status": "accepted"})
    assert refused.status_code == 403 and "提出诉求的人不能受理" in refused.json()["detail"]
    assert _post(client, city, url, {"status": "accepted"}).status_code == 200
    assert _post(client, secretary, url, {"status": "answered", "answer": "自己答复"}).status_code == 403
    assert _post(client, city, url, {"status": "answered", "answer": "已对接三家银行"}).status_code == 200
    closing = _post(client, city, url, {"status": "closed", "satisfaction": 5})
    assert closing.status_code == 403 and "答复诉求的人" in closing.json()["detail"]
    no_rating = _post(client, secretary, url, {"status": "closed"})
    assert no_rating.status_code == 422 and no_rating.json()["detail"]["satisfaction"] == [
        "办结须由企业给出满意度评价（1–5）"]
    closed = _post(client, secretary, url, {"status": "closed", "satisfaction": 3})
    assert closed.status_code == 200 and closed.json()["status"] == "closed"


def test_appeal_workflow_through_the_api(client, world):
    secretary, city = world.users["secretary"], world.users["city"]
    created = _post(client, secretary, f"{BASE}/appeals/", {
        "enterprise": world.a.enterprise.uscc, "title": "电力增容", "description": "新产线需增容 2000kVA",
        "category": "energy", "raised_date": "2025年3月1日"})
    assert created.status_code == 201, created.content
    appeal = created.json()
    assert appeal["unit"] == "发展和改革委员会" and appeal["due_date"] == "2025-03-11"
    url = f"{BASE}/appeals/{appeal['id']}/transition"
    refused = _post(client, city, url, {"status": "closed", "satisfaction": 5})
    assert refused.status_code == 422 and "诉求不能从" in refused.json()["detail"]["status"][0]
    assert _post(client, city, url, {"status": "accepted"}).json()["status"] == "accepted"
    assert _post(client, city, url, {"status": "answered", "answer": "已协调供电公司"}).status_code == 200
    assert _post(client, secretary, url, {"status": "closed", "satisfaction": 4}).json()["satisfaction"] == 4
    other = _post(client, secretary, f"{BASE}/appeals/", {"enterprise": world.b.enterprise.uscc, "title": "x",
                                                          "description": "x", "category": "other"})
    assert other.status_code == 422
    assert client.get(f"{BASE}/appeals/", **_headers(world.users["viewer"])).json()["count"] == 1
    assert _post(client, world.users["viewer"], url, {"status": "in_progress"}).status_code == 403


def test_candidates_through_the_api(client, world):
    candidates_detect(actor=None, as_of=datetime.date(2025, 4, 1))
    city = world.users["city"]
    rows = client.get(f"{BASE}/candidates/", **_headers(city)).json()["items"]
    assert [r["project"] for r in rows] == [world.a.project.code]
    candidate = InclusionCandidate.objects.get(project=world.a.project)
    url = f"{BASE}/candidates/{candidate.pk}/transition"
    refused = _post(client, city, url, {"state": "rejected"})
    assert refused.status_code == 422 and "原因" in refused.json()["detail"]["reason"][0]
    done = _post(client, city, url, {"state": "rejected", "reason": "项目为单纯购置，已在其他单位入库"})
    assert done.json()["state"] == "rejected"
    hidden = InclusionCandidate.objects.get(project=world.b.project)
    assert client.get(f"{BASE}/candidates/{hidden.pk}", **_headers(city)).status_code == 404


def test_visit_with_tasks_through_the_api(client, world):
    secretary = world.users["secretary"]
    created = _post(client, secretary, f"{BASE}/visits/", {
        "enterprise": world.a.enterprise.uscc, "visit_date": "2025-03-02", "visitors": "刘思远", "topics": "融资需求",
        "tasks": [{"description": "对接银行授信", "owner_unit": "市金融办", "due_date": "2025年3月20日"}]})
    assert created.status_code == 201, created.content
    assert created.json()["tasks"][0]["due_date"] == "2025-03-20"
    assert client.get(f"{BASE}/visits/", **_headers(world.users["park"])).json()["count"] == 1
