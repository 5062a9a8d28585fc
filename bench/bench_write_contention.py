"""Writes through the API and sign-ins while a 100,000-row import runs on SQLite (issue 16, item 4).

    .venv/bin/python bench/bench_write_contention.py                    # 100,000 rows, 20 clients, 60 s
    .venv/bin/python bench/bench_write_contention.py --rows 20000 --seconds 20 --reuse

Builds the quick demo database once in --data-dir/base (kept with --reuse) and the project sheet of
bench_import.py, copies the database for the run, starts `clusterdesk serve`, then at once: the import
(`clusterdesk import projects FILE`, a separate process, as an operator would run it), --clients threads that each
PATCH their own project through the API (a Bearer token) for --seconds, --signins sign-ins spread over that time,
and a probe that takes SQLite's write lock (BEGIN IMMEDIATE, then COMMIT) every 0.2 s and records how long it
waited: the longest wait is at least the longest time any writer held the lock.

Afterwards every acknowledged write (2xx) is checked in the database: each client's project holds its last
acknowledged value, and the change log holds exactly one API change per acknowledged write (a write answered 503
must have left nothing). Prints server errors (5xx other than 503), 503 answers, lost writes, write p50/p95/max,
sign-in outcomes, the import's duration and the longest write-lock wait. The machine may be shared: the figures
are noisy; run it on an idle machine for comparable numbers.
"""

import argparse
import http.cookiejar
import json
import os
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from clusterdesk.testing import free_port

HERE = Path(__file__).resolve().parent
CLI = [sys.executable, "-m", "clusterdesk.cli"]


def _env(data_dir: Path) -> dict:
    env = {**os.environ, "CLUSTERDESK_DATA_DIR": str(data_dir),
           "DJANGO_SETTINGS_MODULE": "clusterdesk.config.settings.local"}
    env.pop("DATABASE_URL", None)  # SQLite: the embedded default is what this measures
    return env


def prepare(base: Path, rows: int, reuse: bool) -> Path:
    sheet = base / f"projects-{rows}.xlsx"
    if not (reuse and (base / "clusterdesk.sqlite3").exists()):
        if base.exists():
            shutil.rmtree(base)
        base.mkdir(parents=True)
        for command in (["migrate"], ["load-refdata"], ["build-demo", "--scale", "quick", "--no-progress"]):
            subprocess.run(CLI + command, env=_env(base), check=True, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
    if not sheet.exists():
        subprocess.run([sys.executable, str(HERE / "bench_import.py"), "--rows", str(rows), "--data-dir", str(base),
                        "--phase", "sheet"], env=_env(base), check=True)
    return sheet


def _django(data_dir: Path, code: str) -> str:
    out = subprocess.run(CLI + ["manage", "shell", "-c", code], env=_env(data_dir), check=True,
                         capture_output=True, text=True)
    return out.stdout.strip().splitlines()[-1]  # the last line: what the code printed


def _request(url: str, *, method: str = "GET", data: bytes | None = None, headers: dict | None = None,
             opener=None, timeout: float = 120) -> tuple[int, bytes, object]:
    req = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    try:
        with (opener or urllib.request.build_opener()).open(req, timeout=timeout) as resp:
            return resp.status, resp.read(), resp.headers
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read(), exc.headers


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def sign_in(base: str, username: str, password: str) -> tuple[int, float]:
    """One sign-in as a browser does it: the form (CSRF cookie), then the POST; 302 is success."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), _NoRedirect)
    start = time.perf_counter()
    status, body, _ = _request(base + "/login/", opener=opener)
    if status != 200:
        return status, time.perf_counter() - start
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1).decode()
    form = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "username": username, "password": password})
    status, _, _ = _request(base + "/login/", method="POST", data=form.encode(), opener=opener,
                            headers={"Content-Type": "application/x-www-form-urlencoded", "Referer": base + "/login/"})
    return status, time.perf_counter() - start


def lock_probe(db: Path, stop: threading.Event, waits: list[float]) -> None:
    conn = sqlite3.connect(db, timeout=600, isolation_level=None)
    while not stop.is_set():
        start = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        waits.append(time.perf_counter() - start)
        conn.execute("COMMIT")
        stop.wait(0.2)
    conn.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--signins", type=int, default=10)
    parser.add_argument("--data-dir", default="/tmp/clusterdesk-bench-contention")
    parser.add_argument("--reuse", action="store_true", help="keep the built database in --data-dir/base")
    args = parser.parse_args()
    root = Path(args.data_dir)
    sheet = prepare(root / "base", args.rows, args.reuse)
    run_dir = root / "run"
    if run_dir.exists():
        shutil.rmtree(run_dir)
    run_dir.mkdir()
    for name in ("clusterdesk.sqlite3", "secret_key"):
        shutil.copy(root / "base" / name, run_dir / name)
    db = run_dir / "clusterdesk.sqlite3"
    subprocess.run(CLI + ["migrate"], env=_env(run_dir), check=True, stdout=subprocess.DEVNULL)  # a newer schema
    key = _django(run_dir, "from clusterdesk.accounts.models import User; "
                           "from clusterdesk.accounts.services import api_token_create; "
                           "print(api_token_create(user=User.objects.get(username='admin'), description='bench')[1])")
    # Projects a PATCH may change: a few demo projects repeat another's name in their county and are refused (422).
    ids = json.loads(_django(run_dir, "import json; from clusterdesk.projects.models import Project\n"
                                      "ok = []\nfor p in Project.objects.order_by('pk')[:200]:\n"
                                      "    try:\n        p.full_clean()\n        ok.append(p.pk)\n"
                                      "    except Exception:\n        pass\n"
                                      f"print(json.dumps(ok[:{args.clients}]))"))
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = open(run_dir / "server.log", "w")  # noqa: SIM115 - closed below
    server = subprocess.Popen(CLI + ["serve", "--port", str(port)], env=_env(run_dir), stdout=log,
                              stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                urllib.request.urlopen(base + "/login/", timeout=2)
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise SystemExit("server did not start: " + (run_dir / "server.log").read_text()) from None
                time.sleep(0.3)
        results = run_load(args, base, key, ids, db, sheet, run_dir)
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
    report(args, results, db, ids)


def run_load(args, base: str, key: str, ids: list[int], db: Path, sheet: Path, run_dir: Path) -> dict:
    password = _django(run_dir, "from clusterdesk.demo.accounts import DEMO_PASSWORD; print(DEMO_PASSWORD)")
    stop, probe_stop = threading.Event(), threading.Event()
    writes: list[tuple[int, int, float]] = []  # (client, status, seconds)
    acked: dict[int, list[str]] = {pk: [] for pk in ids}
    signins: list[tuple[int, float]] = []
    samples: dict[int, str] = {}  # the first answer of each refused status
    waits: list[float] = []
    lock = threading.Lock()

    def client(n: int, pk: int) -> None:
        count = 0
        while not stop.is_set():
            count += 1
            value = f"bench-{n}-{count}"
            start = time.perf_counter()
            status, body, _ = _request(f"{base}/api/projects/projects/{pk}", method="PATCH",
                                    data=json.dumps({"responsible_leader": value}).encode(),
                                    headers={"Authorization": f"Bearer {key}", "Content-Type": "application/json"})
            with lock:
                writes.append((n, status, time.perf_counter() - start))
                if not 200 <= status < 300 and status not in samples:
                    samples[status] = body[:300].decode(errors="replace")
                if 200 <= status < 300:
                    acked[pk].append(value)

    def signer() -> None:  # one sign-in every seconds / signins, each in its own thread (one may wait long)
        def one() -> None:
            outcome = sign_in(base, "admin", password)
            with lock:
                signins.append(outcome)

        started = []
        for i in range(args.signins):
            stop.wait(args.seconds / max(args.signins, 1) * (0.5 if i == 0 else 1))
            started.append(threading.Thread(target=one))
            started[-1].start()
        for t in started:
            t.join()

    probe = threading.Thread(target=lock_probe, args=(db, probe_stop, waits))
    probe.start()
    importer_log = open(run_dir / "import.log", "w")  # noqa: SIM115 - closed below
    started = time.perf_counter()
    importer = subprocess.Popen(CLI + ["import", "projects", str(sheet)], env=_env(run_dir), stdout=importer_log,
                                stderr=subprocess.STDOUT)
    time.sleep(2)  # the import reads the file first: let it start
    threads = [threading.Thread(target=client, args=(n, pk)) for n, pk in enumerate(ids)]
    threads.append(threading.Thread(target=signer))
    for t in threads:
        t.start()
    stop.wait(args.seconds)
    stop.set()
    for t in threads:  # the sign-ins started last may still be waiting
        t.join()
    import_rc = importer.wait()
    import_seconds = time.perf_counter() - started
    probe_stop.set()
    probe.join()
    importer_log.close()
    return {"writes": writes, "acked": acked, "signins": signins, "waits": waits, "import_rc": import_rc,
            "import_seconds": import_seconds, "samples": samples,
            "import_log": (run_dir / "import.log").read_text()[-600:]}


def report(args, r: dict, db: Path, ids: list[int]) -> None:
    conn = sqlite3.connect(db)
    lost = 0
    (ctype,) = conn.execute("SELECT id FROM django_content_type WHERE app_label = 'projects' AND model = 'project'") \
        .fetchone()
    for pk, values in r["acked"].items():
        (stored,) = conn.execute("SELECT responsible_leader FROM projects_project WHERE id = ?", [pk]).fetchone()
        (logged,) = conn.execute("SELECT count(*) FROM changelog_objectchange WHERE changed_object_type_id = ? AND "
                                 "changed_object_id = ? AND source = 'api'", [ctype, pk]).fetchone()
        if values and stored != values[-1]:
            lost += 1
        lost += abs(logged - len(values))
    imported = conn.execute("SELECT count(*) FROM projects_project WHERE code LIKE 'BENCH-%'").fetchone()[0]
    statuses = [s for _, s, _ in r["writes"]]
    seconds = sorted(t for _, _, t in r["writes"])
    server_errors = sum(1 for s in statuses if s >= 500 and s != 503)
    print(f"SQLite; {args.rows:,}-row import, {args.clients} clients for {args.seconds:.0f} s, "
          f"{args.signins} sign-ins; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"import: exit {r['import_rc']}, {r['import_seconds']:.1f} s, {imported:,} rows in the database")
    print(f"writes: {len(statuses)} sent, {sum(1 for s in statuses if 200 <= s < 300)} acknowledged, "
          f"{statuses.count(503)} answered 503, server errors (5xx but 503): {server_errors}, "
          f"other: {sorted({s for s in statuses if s < 200 or 300 <= s < 500})}")
    if seconds:
        p95 = seconds[min(len(seconds) - 1, int(len(seconds) * 0.95))]
        print(f"write seconds: p50 {statistics.median(seconds):.2f}, p95 {p95:.2f}, max {seconds[-1]:.2f}")
    for status, body in sorted(r["samples"].items()):
        print(f"  first {status} answer: {body}")
    print(f"lost writes (acknowledged but missing, or a change log that disagrees): {lost}")
    outcomes = [s for s, _ in r["signins"]]
    print(f"sign-ins: {outcomes.count(302)} of {len(outcomes)} succeeded; answers {outcomes}; "
          f"slowest {max((t for _, t in r['signins']), default=0):.2f} s")
    print(f"write lock: longest wait of the probe {max(r['waits'], default=0):.2f} s "
          f"({len(r['waits'])} probes) ≥ the longest hold by any writer")
    if r["import_rc"]:
        print("import output:", r["import_log"])


if __name__ == "__main__":
    sys.path.insert(0, str(HERE))
    main()
