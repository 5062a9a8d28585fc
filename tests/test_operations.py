"""Operations on a real server (issue 16, "Health and logs"): /healthz and JSON-lines logs with the request id."""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str):
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def _start(command: list[str], env: dict, log_path) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    log = open(log_path, "w")  # noqa: SIM115 - the server writes to it until it stops
    process = subprocess.Popen([*command, "--port", str(port)], env=env, stdout=subprocess.DEVNULL, stderr=log)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            _get(base + "/healthz")
            return process, base
        except OSError as exc:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                raise RuntimeError("server did not start: " + log_path.read_text()) from exc
            time.sleep(0.3)


def _stop(process: subprocess.Popen) -> None:
    process.terminate()
    process.wait(timeout=20)


def _env(tmp_path, **extra) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")}
    env.update(CLUSTERDESK_DATA_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="clusterdesk.config.settings.local", **extra)
    return env


GRANIAN = [sys.executable, "-m", "granian", "--interface", "wsgi", "clusterdesk.config.wsgi:application"]


@pytest.fixture(scope="module")
def json_server(tmp_path_factory):
    """The WSGI application under granian, logging JSON lines to its standard error.

    Its SQLite database is left unmigrated (migrating takes longer than all these tests): the JavaScript catalogue
    needs no table, and /healthz has a real pending-migrations case to report.
    """
    data = tmp_path_factory.mktemp("ops-site")
    process, base = _start(GRANIAN, _env(data, CLUSTERDESK_LOG_FORMAT="json"), data / "server.log")
    yield base, data / "server.log"
    _stop(process)


def _log_lines(path, request_id: str, expected: int) -> list[dict]:
    """The JSON lines that carry ``request_id``; waits (bounded) for the server to have written them."""
    deadline = time.monotonic() + 20
    while True:
        lines = [json.loads(line) for line in path.read_text().splitlines() if line.startswith("{")]
        found = [line for line in lines if line.get("request_id") == request_id]
        if len(found) >= expected or time.monotonic() > deadline:
            return found
        time.sleep(0.2)


def test_healthz_on_a_real_server_with_migrations_not_applied(json_server):
    base, _log = json_server
    status, headers, body = _get(base + "/healthz")
    assert status == 503
    checks = json.loads(body)["checks"]
    assert checks["database"] == {"status": "ok"} and checks["migrations"]["status"] == "fail"
    assert checks["migrations"]["pending"] > 50
    assert headers["Content-Type"] == "application/json" and headers.get("Set-Cookie") is None


def test_every_log_line_is_json_and_request_lines_carry_the_request_id(json_server):
    base, log = json_server
    status, headers, _body = _get(base + "/jsi18n/")
    assert status == 200
    (line,) = _log_lines(log, headers["X-Request-ID"], 1)
    assert line["logger"] == "clusterdesk.request" and line["level"] == "INFO"
    assert (line["method"], line["path"], line["status"]) == ("GET", "/jsi18n/", 200)
    assert isinstance(line["duration_ms"], float) and line["time"].endswith("+00:00")
    status, headers, _body = _get(base + "/healthz")
    assert status == 503
    found = _log_lines(log, headers["X-Request-ID"], 2)  # Django logs the 503 too, after the middleware
    assert {line["logger"] for line in found} == {"clusterdesk.request", "django.request"}
    assert all(line["status"] == 503 for line in found)
    text = log.read_text().strip().splitlines()
    assert text and all(json.loads(line) for line in text)  # nothing but JSON lines


def test_an_unreachable_database_is_503_without_details(tmp_path):
    """The database cannot be opened (its folder does not exist): healthz answers, says which check failed."""
    missing = tmp_path / "gone" / "clusterdesk.sqlite3"
    process, base = _start(GRANIAN, _env(tmp_path, DATABASE_URL=f"sqlite:///{missing}"), tmp_path / "server.log")
    try:
        status, _headers, body = _get(base + "/healthz")
    finally:
        _stop(process)
    assert status == 503
    assert json.loads(body) == {"status": "fail", "checks": {
        "database": {"status": "fail"}, "migrations": {"status": "unknown"}, "worker": {"status": "not configured"}}}
    assert b"sqlite" not in body.lower() and str(tmp_path).encode() not in body


def test_an_unknown_log_format_is_refused_in_one_line(tmp_path):
    code = "import django; django.setup()"
    result = subprocess.run([sys.executable, "-c", code], env=_env(tmp_path, CLUSTERDESK_LOG_FORMAT="xml"),
                            capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [
        "clusterdesk: CLUSTERDESK_LOG_FORMAT 只能是 text 或 json / must be text or json: 'xml'"]
