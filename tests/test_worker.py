"""The real job worker (`clusterdesk worker`, a django-q2 cluster) on a copy of the test database, SQLite or
PostgreSQL as the run is configured: a job that fails is retried, and a job whose worker is killed (SIGKILL, the
whole process group) in the middle is run again by the next worker and completes."""

import os
import signal
import subprocess
import sys
import time

import pytest

from clusterdesk.testing.databases import ScratchDatabase

#: Short times so that the test takes seconds: a job not acknowledged 4 s after it was taken is delivered again.
FAST = {"CLUSTERDESK_JOB_MODULES": "clusterdesk.common.tests.jobs_for_tests", "CLUSTERDESK_JOB_TIMEOUT": "3",
        "CLUSTERDESK_JOB_RETRY_SECONDS": "4", "CLUSTERDESK_JOB_POLL_SECONDS": "0.2",
        "CLUSTERDESK_WORKER_HEARTBEAT_INTERVAL": "1"}

#: Queue a run of each test job, as "run now" does (one process start for both).
ENQUEUE = """
import django
django.setup()
from clusterdesk.common.jobs import enqueue_job
for key in ("test-flaky", "test-hangs"):
    enqueue_job(key, trigger="command")
"""


@pytest.fixture(scope="module")
def database(tmp_path_factory, django_db_setup, django_db_blocker):
    """A copy of the migrated test database (the worker subprocesses cannot reach the test run's own)."""
    with django_db_blocker.unblock():
        copy = ScratchDatabase.copy_of_test_database(tmp_path_factory.mktemp("jobs"), "jobs")
    yield copy
    copy.drop()


def _start_worker(database: ScratchDatabase, log) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "clusterdesk.cli", "worker"], env=database.env(**FAST),
                            cwd=database.folder, stdout=log, stderr=log, start_new_session=True)


def _attempts(database: ScratchDatabase) -> dict[str, list[tuple[int, str]]]:
    rows = database.query("SELECT key, attempt, status FROM common_jobattempt ORDER BY key, attempt")
    found: dict[str, list[tuple[int, str]]] = {}
    for key, attempt, status in rows:
        found.setdefault(key, []).append((attempt, status))
    return found


def _wait_for(database: ScratchDatabase, done, worker: subprocess.Popen, log_path, seconds: float = 60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        attempts = _attempts(database)
        if done(attempts):
            return attempts
        assert worker.poll() is None, log_path.read_text()
        time.sleep(0.1)
    raise AssertionError(f"{_attempts(database)}\n{log_path.read_text()}")


@pytest.mark.django_db  # the test database is set up: the worker runs on a copy of it
def test_a_failed_job_and_a_job_killed_with_its_worker_are_retried_and_complete(database, tmp_path):
    queued = subprocess.run([sys.executable, "-c", ENQUEUE], env=database.env(**FAST), cwd=database.folder,
                            capture_output=True, text=True, timeout=120)
    assert queued.returncode == 0, queued.stderr
    log_path = tmp_path / "worker.log"
    with open(log_path, "ab") as log:
        worker = _start_worker(database, log)
        try:
            # The flaky job fails its first attempt; the hanging one is killed with its worker in its first attempt.
            _wait_for(database, lambda a: ("test-hangs", [(1, "running")]) in a.items()
                      and a.get("test-flaky", [])[:1] == [(1, "retrying")], worker, log_path)
        finally:
            os.killpg(worker.pid, signal.SIGKILL)
            worker.wait()
        assert _attempts(database)["test-hangs"] == [(1, "running")]  # what the killed worker left
        worker = _start_worker(database, log)
        try:
            attempts = _wait_for(database, lambda a: (2, "succeeded") in a.get("test-hangs", [])
                                 and (2, "succeeded") in a.get("test-flaky", []), worker, log_path)
            beats = database.query("SELECT name, pid FROM common_workerheartbeat")
        finally:
            worker.send_signal(signal.SIGTERM)  # a clean stop
            try:
                stopped = worker.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(worker.pid, signal.SIGKILL)
                raise
    assert attempts["test-hangs"] == [(1, "interrupted"), (2, "succeeded")]
    assert attempts["test-flaky"] == [(1, "retrying"), (2, "succeeded")]
    assert beats == [("worker", worker.pid)]
    assert stopped == 0
    (error,), = database.query("SELECT error FROM common_jobattempt WHERE key = %s AND attempt = 1", ("test-flaky",))
    assert "first attempt fails on purpose" in error
    (result,), = database.query("SELECT result FROM common_jobattempt WHERE key = %s AND attempt = 2",
                                ("test-hangs",))
    assert result == "completed on attempt 2"
