"""Fuzzing the REST API from its OpenAPI schema with schemathesis (a test dependency, imported when used).

`fuzz_api` runs what ``schemathesis run URL --header 'Authorization: Bearer KEY' --max-examples N --seed S
--checks all`` runs (the examples, coverage, fuzzing and stateful phases) in this process, against a server
that is already listening, and returns every failure found as one line each. The suite's API fuzz test and
``scripts/fuzz_api.py`` (the full run) share it.

`serve_in_test_transaction` is the live server of the suite's fuzz test: a threaded HTTP server in this
process that answers on the test's own database connection, inside the test's transaction. The test sees the
fixture's rows (on PostgreSQL too) and everything the fuzzer writes is rolled back with the test; pytest-django's
``live_server`` needs ``transactional_db`` instead, whose flush empties the reference tables the session
loaded once.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

__all__ = ["FuzzResult", "fuzz_api", "is_rule_refusal", "serve_in_test_transaction"]

#: schemathesis's code for a schema-valid request that was refused.
REJECTED_VALID = "ST202"


def is_rule_refusal(line: str) -> bool:
    """A schema-valid request refused with a 422: a business rule (an unknown code, a stage gate, a workflow
    step) that the schema cannot express, answered with its reason as documented. Not a departure."""
    return line.startswith(REJECTED_VALID + " ") and " → 422 " in line


@contextmanager
def serve_in_test_transaction() -> Iterator[str]:
    """Serve the Django application at ``http://127.0.0.1:<port>`` on this thread's connection; yields the URL.

    Requests are answered one at a time (the fuzzer waits for each answer), so the connection is never used
    by two threads at once. Django closes connections at the end of each request; that is turned off while the
    server runs, as Django's test client does, since closing this one would end the test's transaction.
    """
    from django.core.handlers.wsgi import WSGIHandler
    from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections, connections

    class Quiet(WSGIRequestHandler):
        def log_message(self, format, *args) -> None:  # noqa: A002 - the name socketserver calls it with
            pass

    class SharedConnectionServer(ThreadedWSGIServer):
        def _close_connections(self) -> None:
            pass

    connection = connections["default"]
    connection.inc_thread_sharing()
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    server = SharedConnectionServer(("127.0.0.1", 0), Quiet, allow_reuse_address=False,
                                    connections_override={"default": connection})
    server.set_app(WSGIHandler())
    thread = threading.Thread(target=server.serve_forever, name="api-fuzz-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
        connection.dec_thread_sharing()


@dataclass
class FuzzResult:
    """What one run found: failures as ``CODE METHOD PATH: title (detail)`` lines, and the run's size."""

    failures: list[str] = field(default_factory=list)
    operations: int = 0
    cases: int = 0
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)

    def departures(self) -> list[str]:
        """The failures that count: all but the rule refusals."""
        return [line for line in self.failures if not is_rule_refusal(line)]

    def by_code(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for line in self.failures:
            code = "ST202 (422, a rule)" if is_rule_refusal(line) else line.split(" ", 1)[0]
            counts[code] = counts.get(code, 0) + 1
        return dict(sorted(counts.items()))


def _request(case) -> str:
    parts = [f"{case.method} {case.formatted_path}"]
    if case.query:
        parts.append(f"query={case.query!r}")
    body = getattr(case, "body", None)
    if body is not None and type(body).__name__ != "NotSet":
        parts.append(f"body={body!r}"[:300])
    return " ".join(parts)


def _line(failure, label: str, case, response) -> str:
    message = " ".join(str(getattr(failure, "message", "")).split())
    status = f" → {response.status_code}" if response is not None else ""
    answer = f" {response.content[:200].decode('utf-8', 'replace')}" if response is not None else ""
    return f"{failure.code} {label}: {failure.title} ({message[:200]}) [{_request(case)}{status}{answer}]"


def fuzz_api(base_url: str, token: str, *, max_examples: int, seed: int,
             phases: tuple[str, ...] = ("examples", "coverage", "fuzzing", "stateful"),
             ids: list[int] | None = None, max_time: int | None = None) -> FuzzResult:
    """Fuzz every operation of ``{base_url}/api/openapi.json`` as the token's user; all checks.

    ``ids``: ids of existing objects, drawn for half of the ``{id}`` path parameters so that operations reach
    real rows instead of answering 404. ``max_time`` (seconds) bounds the run; operations not reached in time
    are skipped, not failed.
    """
    import schemathesis
    from schemathesis.engine import events, from_schema

    settings: dict = {}
    if ids:
        settings["dictionaries"] = {"ids": {"values": sorted(set(ids))}}
        settings["parameters"] = {"path.id": {"dictionary": "ids", "probability": 0.5}}
    config = schemathesis.Config.from_dict(settings)
    config.update(seed=seed, max_failures=None, max_time=max_time)
    project = config.projects.override
    project.update(headers={"Authorization": f"Bearer {token}"})
    project.phases.update(phases=list(phases))
    project.checks.update(included_check_names=["all"])
    project.generation.update(max_examples=max_examples, deterministic=True)
    schema = schemathesis.openapi.from_url(f"{base_url}/api/openapi.json", config=config)

    result = FuzzResult()
    started = time.monotonic()
    seen: set[tuple[str, str, str, str]] = set()
    operations: set[str] = set()
    for event in from_schema(schema).execute():
        if isinstance(event, events.ScenarioFinished):
            recorder = event.recorder
            result.cases += len(recorder.cases)
            if event.label and event.phase.value != "stateful":
                operations.add(event.label)
            for case_id, checks in recorder.checks.items():
                for check in checks:
                    info = check.failure_info
                    if info is None:
                        continue
                    failure = info.failure
                    label = failure.operation or recorder.label
                    key = (failure.code, label, failure.title, str(getattr(failure, "message", ""))[:120])
                    if key not in seen:
                        seen.add(key)
                        node = recorder.cases.get(case_id)
                        case = node.value if node is not None else None
                        response = recorder.find_response(case_id=case_id)
                        result.failures.append(_line(failure, label, case, response) if case is not None
                                               else f"{failure.code} {label}: {failure.title}")
        elif isinstance(event, events.NonFatalError):
            result.errors.append(f"{event.label}: {event.value!r}"[:500])
        elif isinstance(event, events.FatalError):
            result.errors.append(f"fatal: {event.exception!r}")
    result.operations = len(operations)
    result.seconds = time.monotonic() - started
    result.failures.sort()
    return result
