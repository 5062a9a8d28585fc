"""The pipeline's API: schedule and template, MSPDI in and out, library moves, reports with identities, the
problem workflow, lights, lists; always within the caller's scope."""

import datetime
import json
from decimal import Decimal

import pytest

from clusterdesk.accounts.services import api_token_create
from clusterdesk.projects import supervision
from clusterdesk.projects.models import AnnualPlan, Project

pytestmark = pytest.mark.django_db


class Api:
    def __init__(self, client, user):
        self.client = client
        _token, key = api_token_create(user=user, description="tests")
        self.headers = {"HTTP_AUTHORIZATION": f"Bearer {key}"}

    def get(self, url, params=None):
        return self.client.get(url, params or {}, **self.headers)

    def post(self, url, body=None, content_type="application/json"):
        data = json.dumps(body) if content_type == "application/json" else body
        return self.client.post(url, data, content_type=content_type, **self.headers)


@pytest.fixture
def api(client, world):
    return Api(client, world.users["city"])


def test_template_schedule_and_mspdi_round_trip(api, world):
    pid = world.a.project.pk
    scheduled = api.post(f"/api/projects/projects/{pid}/schedule?apply_template=true")
    assert scheduled.status_code == 200, scheduled.content
    body = scheduled.json()
    assert len(body["nodes"]) == 21 and len(body["links"]) >= 24  # the world's 开工 plus the 20 template nodes
    xml = api.get(f"/api/projects/projects/{pid}/mspdi")
    assert xml.status_code == 200 and "<PredecessorLink>" in xml.content.decode()
    other = Project.objects.create(code="2025-430102-38-03-888001", name="导入测试项目", region=world.a.county,
                                   total_investment_wan=Decimal("9000"))
    imported = api.post(f"/api/projects/projects/{other.pk}/mspdi", xml.content, content_type="application/xml")
    assert imported.status_code == 200, imported.content
    assert imported.json()["links"] == len(body["links"])
    bad = api.post(f"/api/projects/projects/{other.pk}/mspdi", b"<Project><Tasks>", content_type="application/xml")
    assert bad.status_code == 422 and "XML" in json.dumps(bad.json(), ensure_ascii=False)
    assert api.get(f"/api/projects/projects/{world.b.project.pk}/schedule").status_code == 404
    assert api.post(f"/api/projects/projects/{world.b.project.pk}/mspdi", xml.content,
                    content_type="application/xml").status_code == 404


def test_withdraw_restore_and_transitions(api, world):
    pid = world.a.project.pk
    assert api.post(f"/api/projects/projects/{pid}/withdraw", {"reason": ""}).status_code == 422
    assert api.post(f"/api/projects/projects/{pid}/withdraw", {"reason": "业主放弃"}).json()["library_status"] == \
        "withdrawn"
    assert api.post(f"/api/projects/projects/{pid}/restore", {"reason": "恢复"}).json()["library_status"] == "active"
    kinds = [t["kind"] for t in api.get(f"/api/projects/projects/{pid}/transitions").json()]
    assert kinds[:2] == ["restore", "withdraw"]


def test_report_with_breakdown_and_a_refused_identity(api, world):
    pid = world.a.project.pk
    ok = api.post("/api/projects/progress-reports/", {
        "project": pid, "period": "2025年5月", "investment_month_wan": "1000万元", "construction_wan": 600,
        "installation_wan": 100, "equipment_wan": 250, "other_wan": 50, "year_to_date_wan": 4000})
    assert ok.status_code == 201, ok.content
    assert (Decimal(ok.json()["year_to_date_wan"]), Decimal(ok.json()["investment_cumulative_wan"])) == \
        (Decimal("4000"), Decimal("4000"))
    wrong = api.post("/api/projects/progress-reports/", {"project": pid, "period": "2025-06",
                                                          "investment_month_wan": 500, "construction_wan": 100})
    assert wrong.status_code == 422
    assert "本月完成投资应为 100万元" in json.dumps(wrong.json(), ensure_ascii=False)


def test_problem_workflow_and_escalation(api, world):
    problem = world.a.problem.pk
    refused = api.post(f"/api/projects/problems/{problem}/transition", {"status": "assigned"})
    assert refused.status_code == 422 and refused.json()["detail"]["owner_person"] == ["交办须明确责任人"]
    assigned = api.post(f"/api/projects/problems/{problem}/transition", {"status": "assigned", "owner_person": "李明"})
    assert assigned.json()["status"] == "assigned"
    up = api.post(f"/api/projects/problems/{problem}/escalate", {"to_level": 3, "reason": "县里协调不了"})
    assert up.status_code == 200 and up.json()["coordination_level"] == 3
    assert api.post(f"/api/projects/problems/{world.b.problem.pk}/escalate",
                    {"to_level": 3, "reason": "x"}).status_code == 404


def test_the_api_refuses_resolving_a_problem_one_raised(api, world):
    created = api.post("/api/projects/problems/", {
        "project": world.a.project.pk, "category": "funds", "description": "配套资金未到位", "owner_unit": "财政局",
        "owner_person": "李明", "raised_date": "2025-05-01", "due_date": "2025-06-30"})
    assert created.status_code == 201, created.content
    pid = created.json()["id"]
    refused = api.post(f"/api/projects/problems/{pid}/resolve", {"resolution": "已拨付", "resolved_date": "2025-06-01"})
    assert refused.status_code == 403 and "提出人不能自己办理" in refused.json()["detail"]
    moved = api.post(f"/api/projects/problems/{pid}/transition", {"status": "in_progress"})
    assert moved.status_code == 403
    assert api.get(f"/api/projects/problems/{pid}").json()["status"] == "raised"


def test_lights_rollup_and_lists(api, world):
    AnnualPlan.objects.create(project=world.a.project, year=2025, planned_wan=Decimal("10000"))
    supervision.lights_compute(month=datetime.date(2025, 9, 1))
    lights = api.get(f"/api/projects/projects/{world.a.project.pk}/lights").json()
    assert lights[0]["light"] == "red" and lights[0]["summary"].startswith("红灯")
    rollup = api.get("/api/projects/lights/rollup", {"month": "2025-09", "by": "city"}).json()
    assert [r["name"] for r in rollup] == [world.a.city.name]
    behind = api.get("/api/projects/lists/behind_schedule").json()
    assert [p["id"] for p in behind["items"]] == [world.a.project.pk]
    assert api.get("/api/projects/lists/nonsense").status_code == 404
