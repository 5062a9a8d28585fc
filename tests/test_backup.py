"""Issue 16, operations: `clusterdesk backup` and `clusterdesk restore` lose nothing, also while the server writes.

Each test works on a scratch database of the configured kind (a SQLite file, or a new PostgreSQL database when
DATABASE_URL is set) holding a tiny demo province, through the real command line in subprocesses.
"""

import json
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

import pytest
from django.db import connection

from clusterdesk.common.backup import (
    PG_DUMP_MAGIC,
    SQLITE_MAGIC,
    BackupError,
    backup_database,
    pg_binary,
    restore_database,
)
from clusterdesk.testing.databases import (
    DEMO_SCRIPT,
    MARKER_NAME,
    MARKER_TIME,
    ScratchDatabase,
    run_clusterdesk,
    table_checksums,
)

TEST_SETTINGS = "clusterdesk.config.settings.test"


@pytest.fixture(scope="module")
def demo(tmp_path_factory, django_db_setup, django_db_blocker):
    """A scratch database with a tiny demo, the microsecond marker row and an API token; cloned by each test."""
    with django_db_blocker.unblock():
        database = ScratchDatabase.copy_of_test_database(tmp_path_factory.mktemp("backup-demo"), "backup_demo")
    built = run_clusterdesk(database, script=DEMO_SCRIPT, settings=TEST_SETTINGS)
    assert built.returncode == 0, built.stderr[-3000:]
    database.facts = json.loads(built.stdout.strip().splitlines()[-1])
    yield database
    database.drop()


@pytest.fixture
def scratch(demo, tmp_path):
    """Scratch databases made by the test (clones of the demo or empty ones), dropped at the end."""
    made = []

    def make(label: str, *, empty: bool = False) -> ScratchDatabase:
        folder = tmp_path / label
        database = ScratchDatabase.create(folder, label) if empty else demo.clone(folder, label)
        made.append(database)
        return database

    yield make
    for database in made:
        database.drop()


def _ok(result: subprocess.CompletedProcess) -> subprocess.CompletedProcess:
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def _marker_time(database: ScratchDatabase) -> str:
    value = database.query("SELECT loaded_at FROM common_dataload WHERE name = %s", (MARKER_NAME,))[0][0]
    return value if isinstance(value, str) else value.strftime("%Y-%m-%d %H:%M:%S.%f")


@pytest.mark.django_db  # the test database is set up: the demo starts from a copy of it
def test_a_backup_restores_every_row_and_column_exactly(scratch, tmp_path):
    database = scratch("roundtrip")
    before = table_checksums(database)
    assert sum(t["rows"] for t in before.values()) > 5000 and len(before) > 40
    backup = tmp_path / "clusterdesk.backup"
    _ok(run_clusterdesk(database, "backup", str(backup)))

    # Change, add and delete rows after the backup; the checksums see each kind of change.
    database.execute(
        "DELETE FROM projects_progressreport WHERE id % 3 = 0",
        "UPDATE enterprises_enterprise SET name = name || '（改）' WHERE id % 2 = 0",
        f"UPDATE common_dataload SET loaded_at = '2026-01-02 03:04:05.123' WHERE name = '{MARKER_NAME}'",
        "INSERT INTO django_migrations (app, name, applied) VALUES ('extra', '0001', '2026-01-01 00:00:00')",
    )
    changed = table_checksums(database)
    assert changed != before
    assert {t for t in before if changed.get(t) != before[t]} >= {
        "projects_progressreport", "enterprises_enterprise", "common_dataload", "django_migrations"}

    refused = run_clusterdesk(database, "restore", str(backup))
    assert refused.returncode == 2, refused.stdout + refused.stderr
    assert "--force" in refused.stderr and "已有数据" in refused.stderr and "Traceback" not in refused.stderr
    assert table_checksums(database) == changed  # nothing was touched

    _ok(run_clusterdesk(database, "restore", str(backup), "--force"))
    assert table_checksums(database) == before
    assert _marker_time(database) == MARKER_TIME  # to the microsecond

    # A new machine: restore into an empty database (a missing SQLite file, a new PostgreSQL database).
    fresh = scratch("fresh", empty=True)
    restored = _ok(run_clusterdesk(fresh, "restore", str(backup)))
    assert "已从备份恢复" in restored.stdout
    assert table_checksums(fresh) == before


def test_backup_refuses_to_overwrite_a_file(tmp_path):
    existing = tmp_path / "existing.backup"
    existing.write_bytes(b"keep me")
    with pytest.raises(BackupError, match="--force"):
        backup_database(existing)
    assert existing.read_bytes() == b"keep me"
    with pytest.raises(BackupError, match="目录不存在"):
        backup_database(tmp_path / "no-such-folder" / "b.backup")


def test_restore_refuses_what_is_not_a_backup_of_this_database(tmp_path):
    with pytest.raises(BackupError, match="备份文件不存在"):
        restore_database(tmp_path / "missing.backup", force=True)
    (tmp_path / "notes.txt").write_text("not a backup")
    with pytest.raises(BackupError, match="不是 clusterdesk 备份文件"):
        restore_database(tmp_path / "notes.txt", force=True)
    other = tmp_path / "other-engine.backup"  # a backup of the engine that is not configured
    other.write_bytes(PG_DUMP_MAGIC + b"\0" * 64 if connection.vendor == "sqlite" else SQLITE_MAGIC + b"\0" * 84)
    with pytest.raises(BackupError, match="请用"):
        restore_database(other, force=True)


def test_missing_postgresql_programs_are_named(tmp_path, monkeypatch):
    monkeypatch.setenv("CLUSTERDESK_PG_BIN", str(tmp_path / "nowhere"))
    with pytest.raises(BackupError, match="找不到 pg_dump.*CLUSTERDESK_PG_BIN"):
        pg_binary("pg_dump")
    (tmp_path / "nowhere").mkdir()
    program = tmp_path / "nowhere" / "pg_dump"
    program.write_text("#!/bin/sh\n")
    program.chmod(0o755)
    assert pg_binary("pg_dump") == str(program)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class _Writer(threading.Thread):
    """Logs visits through the API one after another; ``acknowledged`` holds the numbers the server answered 201."""

    def __init__(self, base: str, token: str, uscc: str) -> None:
        super().__init__(daemon=True)
        self.base, self.token, self.uscc = base, token, uscc
        self.acknowledged: list[int] = []
        self.failures: list[str] = []
        self.stop = threading.Event()

    def run(self) -> None:
        number = 0
        while not self.stop.is_set():
            body = json.dumps({"enterprise": self.uscc, "visit_date": "2026-11-02", "visitors": "备份测试组",
                               "topics": f"备份并发写入 #{number}"}).encode()
            request = urllib.request.Request(self.base + "/api/service/visits/", data=body, method="POST", headers={
                "Authorization": f"Bearer {self.token}", "Content-Type": "application/json"})
            try:
                with urllib.request.urlopen(request, timeout=60) as response:
                    status = response.status
            except urllib.error.HTTPError as exc:
                status = exc.code
            except OSError as exc:
                self.failures.append(f"#{number}: {exc}")
                return
            if status != 201:
                self.failures.append(f"#{number}: HTTP {status}")
                return
            self.acknowledged.append(number)
            number += 1


def _wait_until(condition, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting: {what}")
        time.sleep(0.05)


@pytest.mark.django_db
def test_a_backup_taken_while_the_server_writes_holds_every_acknowledged_write(demo, scratch, tmp_path):
    database = scratch("serving")
    port = _free_port()
    log = open(tmp_path / "server.log", "w")  # noqa: SIM115 - closed below
    server = subprocess.Popen([sys.executable, "-m", "clusterdesk.cli", "serve", "--port", str(port)],
                              env=database.env(), cwd=database.folder, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    writer = _Writer(base, demo.facts["token"], demo.facts["uscc"])
    # Another worker is in the middle of a long read (an export), as under load: on SQLite the writes committed
    # meanwhile stay in the -wal file, as the main file may not move past that reader's snapshot (a copy of the main
    # file alone misses them).
    other_worker = database.connect()
    if database.vendor == "sqlite":
        other_worker.isolation_level = None
        other_worker.execute("BEGIN")
    other_worker.execute("SELECT COUNT(*) FROM enterprise_service_visit").fetchall()
    try:
        def answers() -> bool:
            assert server.poll() is None, (tmp_path / "server.log").read_text()
            try:
                urllib.request.urlopen(base + "/login/", timeout=2)
            except OSError:
                return False
            return True

        _wait_until(answers, 120, "the server to start")
        writer.start()
        _wait_until(lambda: len(writer.acknowledged) >= 30 or writer.failures, 120, "30 acknowledged writes")
        backup = tmp_path / "while-writing.backup"
        command = subprocess.Popen([sys.executable, "-m", "clusterdesk.cli", "backup", str(backup)],
                                   env=database.env(), cwd=database.folder, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, text=True)
        said = command.stderr.readline()  # it says so just before it begins
        acknowledged_before = len(writer.acknowledged)
        out, err = command.communicate(timeout=300)
        assert "backing up" in said and command.returncode == 0, said + out + err
        acknowledged_during = len(writer.acknowledged) - acknowledged_before
        _wait_until(lambda: len(writer.acknowledged) >= acknowledged_before + acknowledged_during + 5
                    or writer.failures, 60, "writes after the backup")
    finally:
        writer.stop.set()
        writer.join(timeout=60)
        server.terminate()
        server.wait(timeout=30)
        log.close()
        other_worker.close()
    assert writer.failures == [], writer.failures  # the backup never made a write fail
    assert acknowledged_during > 0  # the server went on writing while the backup ran

    # The backup is a whole database: a single SQLite file that passes the integrity check (restored into an empty
    # database on PostgreSQL, which pg_restore reads whole) …
    if database.vendor == "sqlite":
        restored = ScratchDatabase(f"sqlite:///{backup}", "sqlite", tmp_path)
        assert restored.query("PRAGMA integrity_check") == [("ok",)]
    else:
        restored = scratch("from-backup", empty=True)
        _ok(run_clusterdesk(restored, "restore", str(backup)))
    numbers = sorted(int(topics.rsplit("#", 1)[1]) for (topics,) in restored.query(
        "SELECT topics FROM enterprise_service_visit WHERE topics LIKE %s", ("备份并发写入 #%",)))
    # … holds every write acknowledged before the backup started, and is one moment's state: no gaps, no more
    # than the server had acknowledged (plus one committed as the backup ran, its answer not yet read).
    assert numbers == list(range(len(numbers)))
    assert acknowledged_before <= len(numbers) <= len(writer.acknowledged) + 1
    # Each visit came with its change-log row in the same transaction: both are in the backup, or neither.
    logged = restored.query(
        "SELECT COUNT(*) FROM enterprise_service_visit v WHERE v.topics LIKE %s AND EXISTS ("
        " SELECT 1 FROM changelog_objectchange c JOIN django_content_type t ON t.id = c.changed_object_type_id"
        " WHERE t.app_label = 'enterprise_service' AND t.model = 'visit' AND c.changed_object_id = v.id)",
        ("备份并发写入 #%",))[0][0]
    assert logged == len(numbers)
    if database.vendor == "sqlite":
        assert restored.query("PRAGMA journal_mode") == [("delete",)]  # one file: it needs no -wal beside it
