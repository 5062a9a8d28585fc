"""/healthz: is this installation able to serve? Database reachable, migrations applied, the worker alive.

The answer is JSON, needs no sign-in and names no host, database, table or error text: only each check's status.
A worker reports its heartbeat through ``settings.CLUSTERDESK["WORKER_HEARTBEAT"]``, the dotted path of a function
that returns the time of the last heartbeat (an aware datetime) or None; while it is empty the worker is reported
"not configured" and does not make the answer fail.
"""

import datetime as dt
import logging

from django.conf import settings
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.http import JsonResponse
from django.utils import timezone
from django.utils.module_loading import import_string
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

__all__ = ["health_checks", "healthz"]

log = logging.getLogger(__name__)


def _database() -> dict:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {"status": "ok"}


def _migrations() -> dict:
    executor = MigrationExecutor(connection)
    pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return {"status": "fail", "pending": len(pending)} if pending else {"status": "ok"}


def _worker() -> dict:
    path = settings.CLUSTERDESK.get("WORKER_HEARTBEAT", "")
    if not path:
        return {"status": "not configured"}
    last = import_string(path)()
    if last is None:
        return {"status": "fail"}
    age = (timezone.now() - last).total_seconds()
    limit = dt.timedelta(seconds=int(settings.CLUSTERDESK.get("WORKER_HEARTBEAT_MAX_AGE", 300)))
    return {"status": "ok" if age <= limit.total_seconds() else "fail", "age_seconds": int(age)}


def health_checks() -> dict[str, dict]:
    """Each check's result; a check that raises is a failure, logged here with its details, answered without them."""
    results = {}
    for name, check in (("database", _database), ("migrations", _migrations), ("worker", _worker)):
        if name == "migrations" and results["database"]["status"] != "ok":
            results[name] = {"status": "unknown"}
            continue
        try:
            results[name] = check()
        except Exception:  # any failure is an unhealthy answer, never a 500
            log.exception("health check %s failed", name)
            results[name] = {"status": "fail"}
    return results


@never_cache
@require_GET
def healthz(request):
    """200 with ``{"status": "ok", ...}`` when every configured check passes, else 503 with ``"fail"``."""
    checks = health_checks()
    healthy = all(c["status"] in ("ok", "not configured") for c in checks.values())
    return JsonResponse({"status": "ok" if healthy else "fail", "checks": checks}, status=200 if healthy else 503)
