"""The evaluation and placement API: scoped reads with a bearer token."""

import pytest

from clusterdesk.accounts.services import api_token_create
from clusterdesk.evaluation import services
from clusterdesk.evaluation.models import EvaluationRun
from clusterdesk.evaluation.tests.test_services import evaluated, figures  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db


def get(client, user, url):
    _token, key = api_token_create(user=user, description="tests")
    return client.get(url, HTTP_AUTHORIZATION=f"Bearer {key}")


def test_runs_sheets_and_park_results_are_scoped(client, evaluated):  # noqa: F811
    world, run, _ = evaluated
    services.run_collect(run=run, actor=world.users["city"])
    services.run_score(run=run, actor=world.users["city"])
    other = services.run_create(run=EvaluationRun(name="株洲评价", region=world.b.city, year=2025),
                                actor=world.users["admin"])
    runs = get(client, world.users["city"], "/api/evaluation/runs/").json()["items"]
    assert [r["name"] for r in runs] == [run.name]
    sheets = get(client, world.users["secretary"], f"/api/evaluation/runs/{run.pk}/sheets/").json()["items"]
    assert [s["enterprise"] for s in sheets] == [world.a.enterprise.uscc] and sheets[0]["preliminary_class"] == "A"
    parks = get(client, world.users["city"], f"/api/evaluation/runs/{run.pk}/parks/").json()
    assert parks[0]["park"] == world.a.park.pk and parks[0]["enterprises"] == 10
    assert get(client, world.users["city"], f"/api/evaluation/runs/{other.pk}/sheets/").status_code == 404


def test_placement_ranking_through_the_api(client, world):
    response = get(client, world.users["city"], f"/api/placement/projects/{world.a.project.pk}/parks/?chain=50")
    ranked = response.json()
    assert response.status_code == 200 and [r["park"] for r in ranked] == [world.a.park.pk]
    assert [e["criterion"] for e in ranked[0]["explanation"]] == ["industry", "chain", "land", "evaluation", "policy"]
    assert get(client, world.users["city"], f"/api/placement/projects/{world.b.project.pk}/parks/").status_code == 404


def post(client, user, url, body=None):
    _token, key = api_token_create(user=user, description="tests")
    return client.post(url, body or {}, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {key}")


def test_run_steps_through_the_api_get_the_workflow_guards(client, evaluated):  # noqa: F811
    world, run, _ = evaluated
    city = world.users["city"]
    base = f"/api/evaluation/runs/{run.pk}"
    assert post(client, city, f"{base}/score").status_code == 422   # nothing collected yet
    for step in ("collect", "score"):
        assert post(client, city, f"{base}/{step}").status_code == 200
    assert post(client, world.users["secretary"], f"{base}/publish").status_code == 403
    published = post(client, city, f"{base}/publish", {"objection_deadline": "2099年12月31日"})
    assert published.status_code == 200 and published.json()["objection_deadline"] == "2099-12-31"
    refused = post(client, city, f"{base}/finalize")
    assert refused.status_code == 422 and "公示截止日（2099-12-31）及之前不能定级" in str(refused.json()["detail"])
    assert post(client, city, f"{base}/deem").status_code == 422
    assert EvaluationRun.objects.get(pk=run.pk).status == "published"
    assert post(client, city, f"{base}/rank").status_code == 422   # no such step
