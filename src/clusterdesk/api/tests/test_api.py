"""The REST API: authentication, scoped reads and writes, validation messages, the change log, the schema.

Uses the two-city world of the root conftest (city A 长沙 in the users' scope, city B 株洲 outside it).
"""

import datetime
import json
from decimal import Decimal

import pytest

from clusterdesk.accounts.services import api_token_create
from clusterdesk.changelog.models import ObjectChange
from clusterdesk.core.codes.uscc import make_uscc
from clusterdesk.enterprises.models import Enterprise
from clusterdesk.parks.models import Park
from clusterdesk.projects.models import Milestone, Problem, ProgressReport, Project

pytestmark = pytest.mark.django_db

JSON = "application/json"


class Api:
    """A test client that sends one user's bearer token and JSON bodies."""

    def __init__(self, client, user):
        self.client = client
        self.user = user
        _token, key = api_token_create(user=user, description="tests")
        self.headers = {"HTTP_AUTHORIZATION": f"Bearer {key}"}

    def get(self, url, params=None):
        return self.client.get(url, params or {}, **self.headers)

    def post(self, url, body):
        return self.client.post(url, json.dumps(body), content_type=JSON, **self.headers)

    def put(self, url, body):
        return self.client.put(url, json.dumps(body), content_type=JSON, **self.headers)

    def patch(self, url, body):
        return self.client.patch(url, json.dumps(body), content_type=JSON, **self.headers)

    def delete(self, url):
        return self.client.delete(url, **self.headers)


@pytest.fixture
def api(client, world):
    """The city officer of city A (长沙市)."""
    return Api(client, world.users["city"])


@pytest.fixture
def admin_api(client, world):
    return Api(client, world.users["admin"])


def _project_body(world, **overrides):
    body = {"code": "2026-430102-38-03-000099", "name": "长沙锂电池项目", "region": "430102",
            "owner": world.a.enterprise.uscc, "park": world.a.park.pk, "industry": "C3841",
            "total_investment_wan": "3.5亿", "land_area_mu": 80, "key_level": "municipal",
            "planned_start_date": "2026-03-01", "planned_completion_date": "2027年6月30日"}
    return {**body, **overrides}


# Authentication -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("url", ["/api/projects/projects/", "/api/parks/parks/", "/api/regions/regions/"])
def test_no_token_is_401(client, world, url):
    assert client.get(url).status_code == 401


def test_wrong_or_expired_token_is_401_and_a_good_one_is_200(client, world):
    assert client.get("/api/parks/parks/", HTTP_AUTHORIZATION="Bearer cd_not-a-key").status_code == 401
    expired, key = api_token_create(user=world.users["city"])
    expired.expires = datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
    expired.save(update_fields=["expires"])
    assert client.get("/api/parks/parks/", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 401
    _token, good = api_token_create(user=world.users["city"])
    assert client.get("/api/parks/parks/", HTTP_AUTHORIZATION=f"Bearer {good}").status_code == 200


def test_no_token_cannot_write(client, world):
    response = client.post("/api/parks/parks/", json.dumps({"name": "x"}), content_type=JSON)
    assert response.status_code == 401
    assert not Park.objects.filter(name="x").exists()


def test_session_login_works_for_reads(client, world):
    client.force_login(world.users["city"])
    response = client.get("/api/projects/projects/")
    assert response.status_code == 200
    assert {item["id"] for item in response.json()["items"]} == {world.a.project.pk}


# Parks ----------------------------------------------------------------------------------------------------------

def test_park_create_read_update_delete(api, world):
    response = api.post("/api/parks/parks/", {
        "name": "芙蓉新能源产业园", "level": "provincial", "park_type": "industrial", "region": "430102",
        "planned_area_mu": "50公顷", "leading_industries": ["C38"], "featured_industries": ["3841"],
        "established_date": "2020/5/8"})
    assert response.status_code == 201, response.content
    park = response.json()
    assert park["region"] == "430102" and park["region_name"] == "湖南省长沙市芙蓉区"
    assert Decimal(park["planned_area_mu"]) == Decimal("750")
    assert park["leading_industries"] == ["C38"] and park["featured_industries"] == ["C3841"]
    assert park["established_date"] == "2020-05-08"

    listed = api.get("/api/parks/parks/", {"q": "芙蓉新能源"}).json()
    assert listed["count"] == 1 and listed["items"][0]["id"] == park["id"]
    assert api.get(f"/api/parks/parks/{park['id']}").json()["name"] == "芙蓉新能源产业园"

    response = api.patch(f"/api/parks/parks/{park['id']}",
                         {"short_name": "芙蓉新能源园", "leading_industries": ["C37"]})
    assert response.status_code == 200, response.content
    assert response.json()["short_name"] == "芙蓉新能源园"
    assert response.json()["leading_industries"] == ["C37"]
    assert response.json()["featured_industries"] == ["C3841"]
    assert Park.objects.get(pk=park["id"]).short_name == "芙蓉新能源园"

    put = {**{k: park[k] for k in ("name", "level", "park_type", "region")}, "management_body": "管委会"}
    response = api.put(f"/api/parks/parks/{park['id']}", put)
    assert response.status_code == 200, response.content
    assert response.json()["management_body"] == "管委会" and response.json()["short_name"] == ""

    assert api.delete(f"/api/parks/parks/{park['id']}").status_code == 204
    assert not Park.objects.filter(pk=park["id"]).exists()
    assert api.get(f"/api/parks/parks/{park['id']}").status_code == 404


def test_park_positioning_rule_is_422_with_messages(api, world):
    response = api.post("/api/parks/parks/", {
        "name": "超限园区", "level": "provincial", "park_type": "industrial", "region": "430102",
        "leading_industries": ["C37", "C38", "C39"]})
    assert response.status_code == 422
    assert any("主导产业最多 2 个" in m for m in response.json()["detail"]["leading_industries"])
    assert not Park.objects.filter(name="超限园区").exists()


def test_unknown_natural_keys_are_422_per_field(api, world):
    response = api.post("/api/parks/parks/", {
        "name": "无名园区", "level": "provincial", "park_type": "industrial", "region": "439999",
        "leading_industries": ["C9999"]})
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert detail["region"] == ["行政区划代码不存在：439999"]
    assert "leading_industries" in detail


# Enterprises ----------------------------------------------------------------------------------------------------

def test_enterprise_create_read_update_delete(api, world):
    uscc = make_uscc(region_code="430102", serial=777)
    response = api.post("/api/enterprises/enterprises/", {
        "uscc": uscc.lower(), "name": "长沙锂电有限公司", "region": "430102", "park": world.a.park.pk,
        "industry": "3841", "annual_revenue_wan": "1.2亿", "chain_segments": [world.segment.pk]})
    assert response.status_code == 201, response.content
    ent = response.json()
    assert ent["uscc"] == uscc and ent["industry"] == "C3841" and ent["industry_name"] == "锂离子电池制造"
    assert Decimal(ent["annual_revenue_wan"]) == Decimal("12000")
    assert ent["chain_segments"] == [world.segment.pk] and ent["park"] == world.a.park.pk

    found = api.get("/api/enterprises/enterprises/", {"industry": "C38"}).json()
    assert [e["id"] for e in found["items"]] == [ent["id"]]

    response = api.patch(f"/api/enterprises/enterprises/{ent['id']}", {"employees": 320, "above_scale": True})
    assert response.status_code == 200, response.content
    stored = Enterprise.objects.get(pk=ent["id"])
    assert stored.employees == 320 and stored.above_scale is True

    assert api.delete(f"/api/enterprises/enterprises/{ent['id']}").status_code == 204
    assert not Enterprise.objects.filter(pk=ent["id"]).exists()


def test_bad_credit_code_is_422_naming_the_field(api, world):
    good = make_uscc(region_code="430102", serial=778)
    bad = good[:-1] + ("0" if good[-1] != "0" else "1")
    response = api.post("/api/enterprises/enterprises/", {"uscc": bad, "name": "校验位错误公司", "region": "430102"})
    assert response.status_code == 422
    messages = response.json()["detail"]["uscc"]
    assert any("校验位错误" in m for m in messages)
    assert not Enterprise.objects.filter(name="校验位错误公司").exists()


def test_missing_and_malformed_fields_are_422_in_chinese(api, world):
    response = api.post("/api/enterprises/enterprises/", {"uscc": make_uscc(region_code="430102", serial=779),
                                                          "region": "430102", "established_date": "2024-02-30",
                                                          "employees": "many"})
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert detail["name"] == ["此字段为必填项。"]
    assert detail["established_date"] == ["日期不存在：2024 年 2 月没有 30 日（\"2024-02-30\"）"]
    assert detail["employees"] == ["请输入整数。"]


# Projects -------------------------------------------------------------------------------------------------------

def test_project_create_read_update_delete(api, world):
    response = api.post("/api/projects/projects/", _project_body(world))
    assert response.status_code == 201, response.content
    project = response.json()
    assert project["owner"] == world.a.enterprise.uscc and project["owner_name"] == world.a.enterprise.name
    assert project["stage"] == "planning" and project["industry"] == "C3841"
    assert Decimal(project["total_investment_wan"]) == Decimal("35000")
    assert project["planned_completion_date"] == "2027-06-30"

    listed = api.get("/api/projects/projects/", {"stage": ["planning", "reserve"]}).json()
    assert [p["id"] for p in listed["items"]] == [project["id"]]
    by_region = api.get("/api/projects/projects/", {"region": "430100", "ordering": "-investment"}).json()
    assert [p["id"] for p in by_region["items"]] == [world.a.project.pk, project["id"]]
    assert api.get(f"/api/projects/projects/{project['id']}").json()["code"] == "2026-430102-38-03-000099"

    response = api.patch(f"/api/projects/projects/{project['id']}", {"total_investment_wan": 40000,
                                                                      "green_channel": True})
    assert response.status_code == 200, response.content
    stored = Project.objects.get(pk=project["id"])
    assert stored.total_investment_wan == Decimal("40000") and stored.green_channel

    assert api.delete(f"/api/projects/projects/{project['id']}").status_code == 204
    assert not Project.objects.filter(pk=project["id"]).exists()


def test_project_dates_out_of_order_are_422(api, world):
    response = api.post("/api/projects/projects/", _project_body(world, planned_completion_date="2025-01-01"))
    assert response.status_code == 422
    assert "planned_completion_date" in response.json()["detail"]


def test_change_stage_refused_by_the_gate_then_allowed(api, world):
    body = _project_body(world, owner=None)
    project = api.post("/api/projects/projects/", body).json()
    url = f"/api/projects/projects/{project['id']}/change-stage"

    refused = api.post(url, {"stage": "reserve"})
    assert refused.status_code == 422
    assert "进入储备须明确项目业主（投资主体）" in refused.json()["detail"]["stage"]
    assert Project.objects.get(pk=project["id"]).stage == "planning"

    skipped = api.post(url, {"stage": "construction"})
    assert skipped.status_code == 422
    assert any("只能逐级推进" in m for m in skipped.json()["detail"]["stage"])

    assert api.patch(f"/api/projects/projects/{project['id']}", {"owner": world.a.enterprise.uscc}).status_code == 200
    allowed = api.post(url, {"stage": "reserve"})
    assert allowed.status_code == 200, allowed.content
    assert allowed.json()["stage"] == "reserve"
    assert Project.objects.get(pk=project["id"]).stage == "reserve"

    back = api.post(url, {"stage": "planning"})
    assert back.status_code == 422 and "须填写原因" in back.json()["detail"]["stage"][0]
    assert api.post(url, {"stage": "planning", "reason": "用地未落实"}).json()["stage"] == "planning"


def test_unknown_stage_is_422(api, world):
    response = api.post(f"/api/projects/projects/{world.a.project.pk}/change-stage", {"stage": "finished"})
    assert response.status_code == 422
    assert "不是有效的选项" in response.json()["detail"]["stage"][0]


# Milestones, monthly reports, problems --------------------------------------------------------------------------

def test_milestone_create_update_delete(api, world):
    response = api.post("/api/projects/milestones/", {"project": world.a.project.pk, "sequence": 2,
                                                      "name": "主体封顶", "planned_date": "2025.9"})
    assert response.status_code == 201, response.content
    milestone = response.json()
    assert milestone["planned_date"] == "2025-09-01" and milestone["project"] == world.a.project.pk

    listed = api.get("/api/projects/milestones/", {"project": world.a.project.pk}).json()
    assert {m["name"] for m in listed["items"]} == {"开工", "主体封顶"}

    response = api.patch(f"/api/projects/milestones/{milestone['id']}", {"actual_date": "2025-09-20"})
    assert response.status_code == 200
    assert Milestone.objects.get(pk=milestone["id"]).actual_date == datetime.date(2025, 9, 20)

    moved = api.patch(f"/api/projects/milestones/{milestone['id']}", {"project": world.b.project.pk})
    assert moved.status_code == 422 and "project" in moved.json()["detail"]

    assert api.delete(f"/api/projects/milestones/{milestone['id']}").status_code == 204
    assert not Milestone.objects.filter(pk=milestone["id"]).exists()


def test_progress_report_create_update_delete(api, world):
    project = world.a.project
    response = api.post("/api/projects/progress-reports/", {"project": project.pk, "period": "2025年5月",
                                                            "investment_month_wan": 2000, "progress_text": "主体施工"})
    assert response.status_code == 201, response.content
    report = response.json()
    assert report["period"] == "2025-05-01"
    assert Decimal(report["investment_cumulative_wan"]) == Decimal("5000")  # 3000 in April + 2000
    assert report["reported_by"] == world.users["city"].display_name
    project.refresh_from_db()
    assert project.investment_completed_wan == Decimal("5000")

    twice = api.post("/api/projects/progress-reports/", {"project": project.pk, "period": "2025-05-20",
                                                         "investment_month_wan": 1})
    assert twice.status_code == 422 and twice.json()["detail"]["period"] == ["该月的进度报告已存在。"]

    response = api.patch(f"/api/projects/progress-reports/{report['id']}", {"investment_month_wan": 2500})
    assert response.status_code == 200
    assert Decimal(response.json()["investment_cumulative_wan"]) == Decimal("5500")

    assert api.delete(f"/api/projects/progress-reports/{report['id']}").status_code == 204
    assert not ProgressReport.objects.filter(pk=report["id"]).exists()
    project.refresh_from_db()
    assert project.investment_completed_wan == Decimal("3000")


def test_problem_create_resolve_delete(api, admin_api, world):
    body = {"project": world.a.project.pk, "category": "funds", "description": "配套资金未到位",
            "owner_unit": "财政局", "raised_date": "2025-05-01", "due_date": "2025-04-01"}
    late = api.post("/api/projects/problems/", body)
    assert late.status_code == 422 and late.json()["detail"]["due_date"] == [
        "办结时限不能早于提出日期（2025-04-01 早于 2025-05-01）"]

    response = api.post("/api/projects/problems/", {**body, "due_date": "2025-07-31", "coordination_level": 3})
    assert response.status_code == 201, response.content
    problem = response.json()
    assert problem["status"] == "raised" and problem["coordination_level"] == 3
    assert [p["id"] for p in api.get("/api/projects/problems/", {"category": "funds"}).json()["items"]] == \
        [problem["id"]]

    no_text = admin_api.post(f"/api/projects/problems/{problem['id']}/resolve", {"resolution": " ",
                                                                                 "resolved_date": "2025-06-01"})
    assert no_text.status_code == 422 and "resolution" in no_text.json()["detail"]
    own = api.post(f"/api/projects/problems/{problem['id']}/resolve", {"resolution": "专项资金已拨付",
                                                                       "resolved_date": "2025-06-01"})
    assert own.status_code == 403   # the city officer raised it: the responsible side resolves it
    resolved = admin_api.post(f"/api/projects/problems/{problem['id']}/resolve", {"resolution": "专项资金已拨付",
                                                                                  "resolved_date": "2025-06-01"})
    assert resolved.status_code == 200 and resolved.json()["status"] == "resolved"

    assert api.delete(f"/api/projects/problems/{problem['id']}").status_code == 204
    assert not Problem.objects.filter(pk=problem["id"]).exists()


# Scope ----------------------------------------------------------------------------------------------------------

def test_city_user_never_sees_the_other_citys_project(api, world):
    other = world.b.project
    listed = api.get("/api/projects/projects/", {"page_size": 500}).json()
    assert other.pk not in {p["id"] for p in listed["items"]}
    assert listed["count"] == 1
    searched = api.get("/api/projects/projects/", {"q": other.name}).json()
    assert searched == {"items": [], "count": 0}
    assert api.get(f"/api/projects/projects/{other.pk}").status_code == 404
    assert api.get(f"/api/projects/milestones/{world.b.milestone.pk}").status_code == 404
    assert api.post(f"/api/projects/projects/{other.pk}/change-stage", {"stage": "completed"}).status_code == 404


def test_city_user_cannot_change_or_delete_the_other_citys_project(api, world):
    other = world.b.project
    assert api.patch(f"/api/projects/projects/{other.pk}", {"name": "hijack"}).status_code == 404
    assert api.delete(f"/api/projects/projects/{other.pk}").status_code == 404
    other.refresh_from_db()
    assert other.name != "hijack"


def test_city_user_cannot_create_a_project_in_the_other_city(api, world):
    body = _project_body(world, code="2026-430211-38-03-000001", name="越界项目", region="430211", owner=None,
                         park=None)
    response = api.post("/api/projects/projects/", body)
    assert response.status_code == 403
    assert not Project.objects.filter(code="2026-430211-38-03-000001").exists()


def test_city_user_cannot_move_a_project_out_of_scope(api, world):
    body = {"region": "430211", "park": None, "cluster": None}
    response = api.patch(f"/api/projects/projects/{world.a.project.pk}", body)
    assert response.status_code == 403
    world.a.project.refresh_from_db()
    assert world.a.project.region == world.a.county


def test_city_user_cannot_name_the_other_citys_enterprise_as_owner(api, world):
    response = api.post("/api/projects/projects/", _project_body(world, owner=world.b.enterprise.uscc))
    assert response.status_code == 422
    assert response.json()["detail"]["owner"] == [f"未找到或无权查看：{world.b.enterprise.uscc}"]


def test_viewer_may_read_but_not_write(client, world):
    viewer = Api(client, world.users["viewer"])
    assert viewer.get(f"/api/projects/projects/{world.a.project.pk}").status_code == 200
    assert viewer.post("/api/projects/projects/", _project_body(world)).status_code == 403
    assert viewer.delete(f"/api/projects/projects/{world.a.project.pk}").status_code == 403
    assert Project.objects.filter(pk=world.a.project.pk).exists()
    assert not Project.objects.filter(code=_project_body(world)["code"]).exists()


def test_admin_sees_both_cities(admin_api, world):
    ids = {p["id"] for p in admin_api.get("/api/projects/projects/").json()["items"]}
    assert {world.a.project.pk, world.b.project.pk} <= ids


# Change log -----------------------------------------------------------------------------------------------------

def test_api_create_is_logged_with_source_api_and_the_token_user(api, world):
    response = api.post("/api/projects/projects/", _project_body(world))
    assert response.status_code == 201
    change = ObjectChange.objects.get(changed_object_id=response.json()["id"], action="create",
                                      changed_object_type__model="project")
    assert change.source == "api"
    assert change.user == world.users["city"] and change.user_name == "city"
    assert change.postchange_data["code"] == "2026-430102-38-03-000099"


def test_api_update_is_logged_with_before_and_after(api, world):
    project = world.a.project
    api.patch(f"/api/projects/projects/{project.pk}", {"responsible_leader": "张三"})
    change = ObjectChange.objects.filter(changed_object_id=project.pk, action="update",
                                         changed_object_type__model="project").first()
    assert change is not None and change.source == "api"
    assert change.prechange_data["responsible_leader"] == "" and change.postchange_data["responsible_leader"] == "张三"


# Lists: pagination and filters ----------------------------------------------------------------------------------

def test_pagination_returns_count_and_caps_page_size(admin_api, world):
    first = admin_api.get("/api/regions/regions/", {"parent": "430000", "page_size": 5}).json()
    assert first["count"] == 14 and len(first["items"]) == 5
    second = admin_api.get("/api/regions/regions/", {"parent": "430000", "page_size": 5, "page": 3}).json()
    assert len(second["items"]) == 4
    capped = admin_api.get("/api/regions/regions/", {"page_size": 100_000}).json()
    assert len(capped["items"]) == 500 and capped["count"] > 500
    assert admin_api.get("/api/regions/regions/", {"page": 0}).status_code == 422


def test_bad_filter_values_are_422(api, world):
    response = api.get("/api/projects/projects/", {"region": "999999"})
    assert response.status_code == 422 and "region" in response.json()["detail"]
    response = api.get("/api/projects/projects/", {"park": world.b.park.pk})
    assert response.status_code == 422 and "park" in response.json()["detail"]
    response = api.get("/api/projects/projects/", {"stage": "nope"})
    assert response.status_code == 422
    assert response.json()["detail"]["stage.0"][0].startswith("不是有效的选项")
    response = api.get("/api/projects/projects/abc")
    assert response.status_code == 422 and response.json()["detail"] == {"id": ["请输入整数。"]}


def test_reference_tables_by_code(api, world):
    region = api.get("/api/regions/regions/430102").json()
    assert region["name"] == "芙蓉区" and region["parent"] == "430100" and region["level"] == "county"
    code = api.get("/api/industry/industry-codes/3841").json()
    assert code["code"] == "C3841" and code["parent"] == "C384"
    children = api.get("/api/industry/industry-codes/", {"parent": "C384"}).json()
    assert "C3841" in {c["code"] for c in children["items"]}
    assert api.get("/api/regions/regions/999999").status_code == 404


def test_industry_chain_segments_and_supply_edges(api, world):
    chain = world.chain
    response = api.post("/api/industry/chain-segments/", {"chain": chain.pk, "name": "关键零部件",
                                                          "position": "midstream", "industry_codes": ["C3714"],
                                                          "keywords": [" 转向架 ", "制动"]})
    assert response.status_code == 201, response.content
    segment = response.json()
    assert segment["keywords"] == ["制动", "转向架"] and segment["industry_codes"] == ["C3714"]
    edge = api.post("/api/industry/supply-edges/", {"source": segment["id"], "target": world.segment.pk})
    assert edge.status_code == 201, edge.content
    assert api.get("/api/industry/supply-edges/", {"chain": chain.pk}).json()["count"] == 1

    other_chain = api.post("/api/industry/chains/", {"name": "储能产业链", "cluster": world.a.cluster.pk}).json()
    lone = api.post("/api/industry/chain-segments/", {"chain": other_chain["id"], "name": "电芯",
                                                      "position": "upstream"}).json()
    across = api.post("/api/industry/supply-edges/", {"source": lone["id"], "target": world.segment.pk})
    assert across.status_code == 422 and across.json()["detail"]["target"] == ["上下游环节必须属于同一条产业链"]

    assert api.delete(f"/api/industry/supply-edges/{edge.json()['id']}").status_code == 204
    assert api.get("/api/industry/supply-edges/", {"chain": chain.pk}).json()["count"] == 0


def test_cluster_of_other_city_is_neither_visible_nor_writable(api, world):
    other = world.b.cluster
    assert api.get(f"/api/industry/clusters/{other.pk}").status_code == 404
    assert other.pk not in {c["id"] for c in api.get("/api/industry/clusters/").json()["items"]}
    response = api.patch(f"/api/industry/clusters/{other.pk}", {"description": "改"})
    assert response.status_code in (403, 404)
    other.refresh_from_db()
    assert other.description == ""


# Schema and docs ------------------------------------------------------------------------------------------------

def test_openapi_schema_lists_the_paths(client, world):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    for path in ("/api/regions/regions/", "/api/industry/clusters/", "/api/parks/parks/{id}",
                 "/api/enterprises/enterprises/", "/api/projects/projects/{id}/change-stage",
                 "/api/projects/milestones/", "/api/projects/progress-reports/{id}", "/api/projects/problems/"):
        assert path in paths
    assert set(paths["/api/projects/projects/{id}"]) == {"get", "put", "patch", "delete"}
    params = {p["name"] for p in paths["/api/projects/projects/"]["get"]["parameters"]}
    assert {"page", "page_size", "q", "region", "stage"} <= params


def test_docs_page_uses_local_static_files(client, world):
    response = client.get("/api/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "cdn.jsdelivr.net" not in html and "unpkg.com" not in html
    asset = client.get("/static/ninja/swagger-ui-bundle.js")
    assert asset.status_code == 200
