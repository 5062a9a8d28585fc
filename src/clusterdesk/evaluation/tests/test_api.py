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
