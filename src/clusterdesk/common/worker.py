"""`clusterdesk worker`: run the scheduled jobs (django-q2 cluster on the database queue) and beat the heartbeat.

At start the registered schedules are copied into the schedule table (`services.job_schedules_sync`); then the
cluster runs (one worker process: on SQLite one writer at a time is all there is) while this process writes the
heartbeat every ``WORKER_HEARTBEAT_INTERVAL`` seconds. SIGTERM or SIGINT stops the cluster, after the job in hand.

`start_beside_server` starts it as a child of `clusterdesk demo` / `serve`: restarted if it dies, stopped with the
server, and killed by the kernel if the server itself is killed.
"""

import ctypes
import logging
import os
import signal
import subprocess
import sys
import threading
import time

from django.conf import settings
from django.db import connections
from django.utils import timezone

__all__ = ["HEARTBEAT_FUNCTION", "run_worker", "start_beside_server"]

log = logging.getLogger(__name__)

#: What `CLUSTERDESK_WORKER_HEARTBEAT` names for /healthz when this worker runs.
HEARTBEAT_FUNCTION = "clusterdesk.common.jobs.worker_heartbeat"


def _beat(name: str, started) -> None:
    from clusterdesk.common.services import worker_heartbeat_record

    try:
        worker_heartbeat_record(name=name, started=started)
    except Exception:  # a busy or unreachable database: the next beat tries again; /healthz sees the age
        log.exception("worker heartbeat failed")
    finally:
        connections.close_all()


def run_worker(*, name: str = "worker") -> None:
    """Sync the schedules, start the cluster and beat until it stops."""
    from django_q.cluster import Cluster

    from clusterdesk.common.services import job_schedules_sync

    for change in job_schedules_sync():
        print(f"计划 / schedule {change}", file=sys.stderr, flush=True)
    interval = float(settings.CLUSTERDESK.get("WORKER_HEARTBEAT_INTERVAL", 30))
    started = timezone.now()
    _beat(name, started)
    connections.close_all()  # the cluster's processes fork from this one: no connection may be shared
    cluster = Cluster()
    cluster.start()
    print(f"clusterdesk worker 已启动 / started (pid {os.getpid()})", file=sys.stderr, flush=True)
    next_beat = time.monotonic() + interval
    while cluster.sentinel is not None and cluster.sentinel.is_alive():
        if time.monotonic() >= next_beat:
            _beat(name, started)
            next_beat = time.monotonic() + interval
        time.sleep(min(0.5, interval))
    print("clusterdesk worker 已停止 / stopped", file=sys.stderr, flush=True)


def _die_with_parent() -> None:  # runs in the child before exec: SIGTERM when the server process ends, however
    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except OSError:
        pass


class start_beside_server:  # noqa: N801 -- used as a context manager, named like a function
    """Run ``clusterdesk worker`` as a child while the block runs (the server); restart it when it dies."""

    def __init__(self) -> None:
        self.process: subprocess.Popen | None = None
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._watch, name="clusterdesk-worker-watch", daemon=True)

    def _start(self) -> None:
        self.process = subprocess.Popen([sys.executable, "-m", "clusterdesk.cli", "worker"],
                                        preexec_fn=_die_with_parent if sys.platform == "linux" else None)

    def _watch(self) -> None:
        while not self.stopping.wait(2.0):
            if self.process is not None and self.process.poll() is not None:
                print(f"clusterdesk worker 已退出（{self.process.returncode}），重新启动 / exited, restarting",
                      file=sys.stderr, flush=True)
                self._start()

    def __enter__(self) -> "start_beside_server":
        os.environ.setdefault("CLUSTERDESK_WORKER_HEARTBEAT", HEARTBEAT_FUNCTION)
        settings.CLUSTERDESK["WORKER_HEARTBEAT"] = os.environ["CLUSTERDESK_WORKER_HEARTBEAT"]
        self._start()
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stopping.set()
        self.thread.join(timeout=5)
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
