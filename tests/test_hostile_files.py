"""Issue 16, item 1: a 4.9 KB .xlsx stopped the server and killed `clusterdesk import` with SIGABRT.

The same hostile file through every door: the upload page answers with the limit, the command line exits with the
message (not a signal), and `clusterdesk serve` runs several workers and replaces one that dies.
"""

import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from clusterdesk.common.importing.tests import hostile

FAR = "工作表“项目”的数据区域为 A1:XFD1048576（1,048,576 行 × 16,384 列），超过上限 10,000,000 个单元格"
CLI = [sys.executable, "-m", "clusterdesk.cli"]

pytestmark = pytest.mark.django_db  # so the session's test database exists even when only the server tests run


def test_the_upload_page_refuses_the_far_cell_file_and_the_zip_bomb(client, world):
    client.force_login(world.users["city"])
    for name, data, expected in (("far.xlsx", hostile.far_cell("XFD1048576"), FAR),
                                 ("bomb.xlsx", hostile.zip_bomb(), "疑似压缩炸弹，已拒绝")):
        response = client.post("/intake/import/", {"kind": "projects", "file": SimpleUploadedFile(name, data)})
        body = response.content.decode()
        assert response.status_code == 200
        assert 'data-testid="import-errors"' in body and expected in body
        assert 'data-testid="confirm-import"' not in body


@pytest.fixture(scope="module")
def site(tmp_path_factory, django_db_setup, django_db_blocker):
    """A SQLite site for subprocesses: a copy of the migrated test database (SQLite runs) or a fresh migration
    (PostgreSQL runs), with one administrator."""
    data_dir = tmp_path_factory.mktemp("hostile-site")
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(CLUSTERDESK_DATA_DIR=str(data_dir), DJANGO_SETTINGS_MODULE="clusterdesk.config.settings.local")
    from django.db import connection

    with django_db_blocker.unblock():
        if connection.vendor == "sqlite":
            connection.ensure_connection()
            target = sqlite3.connect(data_dir / "clusterdesk.sqlite3")
            connection.connection.backup(target)  # the session's migrated schema and reference data
            target.close()
        else:
            subprocess.run(CLI + ["migrate"], env=env, check=True, capture_output=True)
    subprocess.run(CLI + ["createuser", "admin", "--role", "admin", "--password", "hostile-files-0"], env=env,
                   check=True, capture_output=True)
    return env


def test_the_command_line_exits_with_the_message_not_a_signal(site, tmp_path):
    path = tmp_path / "far.xlsx"
    path.write_bytes(hostile.far_cell("XFD1048576"))
    result = subprocess.run(CLI + ["import", "projects", str(path), "--dry-run", "--no-progress"], env=site,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 1, (result.returncode, result.stderr[-2000:])  # before the fix: -6, SIGABRT
    assert FAR in result.stderr and "Traceback" not in result.stderr


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _workers(pid: int) -> set[int]:
    return {int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()}


def _get(url: str) -> int:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status


def test_serve_runs_several_workers_and_replaces_one_that_dies(site, tmp_path):
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    with open(tmp_path / "server.log", "w") as log:
        server = subprocess.Popen(CLI + ["serve", "--port", str(port)], env=site, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                _get(base + "/login/")
                break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline, (tmp_path / "server.log").read_text()
                time.sleep(0.3)
        workers = _workers(server.pid)
        assert len(workers) >= 2, workers  # the default: several workers, never one
        victim = min(workers)
        os.kill(victim, signal.SIGKILL)  # what a native abort in a reader does to a worker
        # Until granian has reaped it: a connection made while the dead worker is still a zombie can be reset.
        while Path(f"/proc/{victim}").exists():
            assert time.monotonic() < deadline + 60, "the killed worker was never reaped"
            time.sleep(0.05)
        statuses = [_get(base + "/login/") for _ in range(20)]
        assert statuses == [200] * 20
        while not (_workers(server.pid) - workers):  # a new worker takes the dead one's place
            assert server.poll() is None and time.monotonic() < deadline, (tmp_path / "server.log").read_text()
            time.sleep(0.3)
        assert len(_workers(server.pid)) == len(workers) and victim not in _workers(server.pid)
        assert _get(base + "/login/") == 200
    finally:
        server.terminate()
        server.wait(timeout=30)
