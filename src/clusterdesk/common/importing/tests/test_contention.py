"""Writes and sign-ins during a long import on SQLite, against a real server (`clusterdesk serve`) and a real import
process: they wait their turn and succeed; a lock held past the timeout answers 503 with Retry-After, never 500;
an import killed half-way is undone as a whole (issue 16, item 4)."""

import http.cookiejar
import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from clusterdesk.testing import free_port

from .sheets import xlsx

pytestmark = [pytest.mark.skipif("DATABASE_URL" in os.environ, reason="SQLite: the embedded default's single writer"),
              pytest.mark.django_db]  # the test database is set up, to be copied (`site`)

CLI = [sys.executable, "-m", "clusterdesk.cli"]
PASSWORD = "contention-2026"
TIMEOUT = 5  # seconds a write waits for the lock (CLUSTERDESK_SQLITE_TIMEOUT), small to keep the test short


@pytest.fixture(scope="module")
def site(tmp_path_factory, django_db_setup, django_db_blocker):
    """A database file for the server and the imports: a copy of the test database (migrated, reference data
    loaded), made with SQLite's backup API, which is much quicker than migrating another."""
    from django.db import connection

    data_dir = tmp_path_factory.mktemp("contention")
    env = {**os.environ, "CLUSTERDESK_DATA_DIR": str(data_dir), "CLUSTERDESK_SQLITE_TIMEOUT": str(TIMEOUT),
           "DJANGO_SETTINGS_MODULE": "clusterdesk.config.settings.local"}
    with django_db_blocker.unblock():
        connection.ensure_connection()
        target = sqlite3.connect(data_dir / "clusterdesk.sqlite3")
        connection.connection.backup(target)
        target.close()
    subprocess.run(CLI + ["createuser", "boss", "--role", "admin", "--password", PASSWORD], env=env, check=True,
                   capture_output=True)
    return data_dir, env


def _request(url: str, *, method: str = "GET", data: bytes | None = None, headers: dict | None = None,
             opener=None, timeout: float = 120) -> tuple[int, bytes, object]:
    req = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    try:
        with (opener or urllib.request.build_opener()).open(req, timeout=timeout) as resp:
            return resp.status, resp.read(), resp.headers  # headers: found whatever their case
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read(), exc.headers


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _login_post(base: str):
    """Sign in as a browser does: the form (its CSRF cookie), then the POST; 302 is success."""
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), _NoRedirect)
    _status, body, _ = _request(base + "/login/", opener=opener)
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1).decode()
    form = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "username": "boss", "password": PASSWORD})
    return _request(base + "/login/", method="POST", data=form.encode(), opener=opener,
                    headers={"Content-Type": "application/x-www-form-urlencoded", "Referer": base + "/login/"})


def _sheet(path: Path, prefix: str, rows: int) -> Path:
    path.write_bytes(xlsx([["项目名称", "项目编码", "所在地区", "总投资"]]
                          + [[f"{prefix}项目{i}", f"{prefix}-{i}", "430102", 100] for i in range(rows)]))
    return path


def _count(db: Path, sql: str) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchone()[0]


def test_an_import_killed_half_way_is_undone_before_anything_else(site):
    data_dir, env = site
    db = data_dir / "clusterdesk.sqlite3"
    counts = "SELECT (SELECT count(*) FROM projects_project) || '/' || (SELECT count(*) FROM changelog_objectchange) " \
             "|| '/' || (SELECT count(*) FROM changelog_importbatch)"
    before = _count(db, counts)
    sheet = _sheet(data_dir / "kill.xlsx", "KILL", 3000)
    importer = subprocess.Popen(CLI + ["import", "projects", str(sheet)], stdout=subprocess.DEVNULL,
                                env={**env, "CLUSTERDESK_IMPORT_CHUNK_ROWS": "50"}, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while _count(db, "SELECT count(*) FROM projects_project WHERE code LIKE 'KILL-%'") < 200:
        assert importer.poll() is None and time.monotonic() < deadline, "the import ended before it could be killed"
        time.sleep(0.01)
    importer.send_signal(signal.SIGKILL)
    importer.wait()
    assert 0 < _count(db, "SELECT count(*) FROM projects_project WHERE code LIKE 'KILL-%'") < 3000  # half written
    assert _count(db, "SELECT count(*) FROM common_importjournal") == 1
    # The next import (here a dry run of a one-row file) undoes it first; so does `clusterdesk serve` when it starts.
    other = _sheet(data_dir / "other.xlsx", "OTHER", 1)
    subprocess.run(CLI + ["import", "projects", str(other), "--dry-run"], env=env, check=True, capture_output=True)
    assert _count(db, counts) == before
    assert _count(db, "SELECT count(*) FROM common_importjournal") == 0
    assert _count(db, "SELECT count(*) FROM common_importjournalentry") == 0


@pytest.fixture(scope="module")
def server(site):
    data_dir, env = site
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = open(data_dir / "server.log", "w")  # noqa: SIM115 - closed at teardown
    process = subprocess.Popen(CLI + ["serve", "--port", str(port)], env=env, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while True:
        try:
            _request(base + "/login/", timeout=2)
            break
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                raise RuntimeError("server did not start: " + (data_dir / "server.log").read_text()) from None
            time.sleep(0.3)
    code = ("from clusterdesk.accounts.models import User; from clusterdesk.accounts.services import api_token_create; "
            "print(api_token_create(user=User.objects.get(username='boss'))[1])")
    key = subprocess.run(CLI + ["manage", "shell", "-c", code], env=env, check=True, capture_output=True,
                         text=True).stdout.strip().splitlines()[-1]
    yield base, key
    process.terminate()
    process.wait(timeout=20)
    log.close()


def _patch(base: str, key: str, pk: int, value: str) -> tuple[int, bytes, dict]:
    return _request(f"{base}/api/projects/projects/{pk}", method="PATCH",
                    data=json.dumps({"responsible_leader": value}).encode(),
                    headers={"Authorization": f"Bearer {key}", "Content-Type": "application/json"})


def test_writes_and_sign_ins_wait_their_turn_during_a_long_import(site, server):
    data_dir, env = site
    base, key = server
    db = data_dir / "clusterdesk.sqlite3"
    subprocess.run(CLI + ["import", "projects", str(_sheet(data_dir / "mine.xlsx", "MINE", 4))], env=env, check=True,
                   capture_output=True)
    with sqlite3.connect(db) as conn:
        ids = [pk for (pk,) in conn.execute("SELECT id FROM projects_project WHERE code LIKE 'MINE-%' ORDER BY id")]
    # Written whole, this import held the lock longer than a write waits for it (TIMEOUT): writes answered 500.
    # Its chunks are smaller than the default here, so that each stays well under TIMEOUT on a busy test machine.
    sheet = _sheet(data_dir / "long.xlsx", "LONG", 10000)
    importer = subprocess.Popen(CLI + ["import", "projects", str(sheet)], stdout=subprocess.PIPE,
                                env={**env, "CLUSTERDESK_IMPORT_CHUNK_ROWS": "500"}, stderr=subprocess.STDOUT,
                                text=True)
    answers: list[int] = []
    acked: dict[int, list[str]] = {pk: [] for pk in ids}
    signed_in: list[int] = []
    lock = threading.Lock()

    def writer(pk: int) -> None:
        n = 0
        while importer.poll() is None:
            n += 1
            status, _, _ = _patch(base, key, pk, f"w{pk}-{n}")
            with lock:
                answers.append(status)
                if status == 200:
                    acked[pk].append(f"w{pk}-{n}")

    threads = [threading.Thread(target=writer, args=(pk,)) for pk in ids]
    for t in threads:
        t.start()
    probe = sqlite3.connect(db, timeout=0, isolation_level=None)
    while importer.poll() is None and not signed_in:  # sign in while the import holds the write lock
        try:
            probe.execute("BEGIN IMMEDIATE")
            probe.execute("ROLLBACK")
        except sqlite3.OperationalError:
            signed_in.append(_login_post(base)[0])
        time.sleep(0.02)
    probe.close()
    output = importer.communicate()[0]
    for t in threads:
        t.join()
    assert importer.returncode == 0, output
    assert _count(db, "SELECT count(*) FROM projects_project WHERE code LIKE 'LONG-%'") == 10000
    assert answers and not [s for s in answers if s >= 500], sorted(set(answers))
    assert set(answers) == {200}
    assert signed_in == [302]
    with sqlite3.connect(db) as conn:
        (ctype,) = conn.execute("SELECT id FROM django_content_type WHERE app_label = 'projects' AND "
                                "model = 'project'").fetchone()
        for pk, values in acked.items():
            stored = conn.execute("SELECT responsible_leader FROM projects_project WHERE id = ?", [pk]).fetchone()[0]
            logged = conn.execute("SELECT count(*) FROM changelog_objectchange WHERE changed_object_type_id = ? AND "
                                  "changed_object_id = ? AND source = 'api'", [ctype, pk]).fetchone()[0]
            assert (stored, logged) == (values[-1] if values else stored, len(values))


def test_a_lock_held_past_the_timeout_answers_503_with_retry_after(site, server):
    data_dir, _env = site
    base, key = server
    db = data_dir / "clusterdesk.sqlite3"
    with sqlite3.connect(db) as conn:
        (pk,) = conn.execute("SELECT id FROM projects_project ORDER BY id LIMIT 1").fetchone()
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        status, body, headers = _patch(base, key, pk, "不会写入")
        assert (status, headers.get("Retry-After")) == (503, "5")
        assert json.loads(body)["detail"].startswith("数据库正忙")
        page, html, page_headers = _login_post(base)
        assert (page, page_headers.get("Retry-After")) == (503, "5")
        assert "系统正忙" in html.decode()
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT responsible_leader FROM projects_project WHERE id = ?", [pk]).fetchone()[0] \
            != "不会写入"
    assert _patch(base, key, pk, "之后写入")[0] == 200

