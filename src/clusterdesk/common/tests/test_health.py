"""/healthz (issue 16): database, migrations and the worker's heartbeat, as JSON, without sign-in or details."""

import datetime as dt

import pytest
from django.db.migrations.recorder import MigrationRecorder
from django.test import override_settings
from django.utils import timezone

pytestmark = pytest.mark.django_db

HEARTBEAT = {"at": None}


def last_heartbeat():
    """The heartbeat hook the tests point CLUSTERDESK["WORKER_HEARTBEAT"] at."""
    return HEARTBEAT["at"]


def _with_worker(settings, **extra):
    return override_settings(CLUSTERDESK={**settings.CLUSTERDESK, "WORKER_HEARTBEAT": f"{__name__}.last_heartbeat",
                                          "WORKER_HEARTBEAT_MAX_AGE": 300, **extra})


def test_healthy_without_sign_in_and_without_a_worker_configured(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
    assert response.json() == {"status": "ok", "checks": {
        "database": {"status": "ok"}, "migrations": {"status": "ok"}, "worker": {"status": "not configured"}}}


def test_an_unapplied_migration_answers_503_with_the_count_only(client):
    MigrationRecorder.Migration.objects.filter(app="accounts").order_by("-applied").first().delete()
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "fail"
    assert body["checks"]["migrations"] == {"status": "fail", "pending": 1}
    assert "accounts" not in response.content.decode()  # no migration names, no details


def test_the_worker_heartbeat_counts_when_configured(client, settings):
    with _with_worker(settings):
        HEARTBEAT["at"] = timezone.now() - dt.timedelta(seconds=30)
        fresh = client.get("/healthz")
        HEARTBEAT["at"] = timezone.now() - dt.timedelta(minutes=10)
        stale = client.get("/healthz")
        HEARTBEAT["at"] = None
        never = client.get("/healthz")
    assert fresh.status_code == 200 and fresh.json()["checks"]["worker"]["status"] == "ok"
    assert stale.status_code == 503 and stale.json()["checks"]["worker"]["status"] == "fail"
    assert never.status_code == 503 and never.json()["checks"]["worker"] == {"status": "fail"}


def test_a_failing_check_is_503_not_500_and_says_nothing_of_the_error(client, settings):
    with _with_worker(settings, WORKER_HEARTBEAT="clusterdesk.common.tests.test_health.no_such_function"):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["worker"] == {"status": "fail"}
    assert "no_such_function" not in response.content.decode()


def test_only_get(client):
    assert client.post("/healthz").status_code == 405
