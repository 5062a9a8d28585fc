"""Simulated office users against a real `clusterdesk serve`: per-page count, errors, p50/p95/max, overall figures.

Builds the demo province in the database if it holds none (migrate, load-refdata, build-demo --scale), starts
`clusterdesk serve` on 127.0.0.1 (loopback only), and runs --users threads for --duration seconds. Each user signs in
as one of the demo accounts (administrator, province, city, county and park officers, work secretary, viewer) and,
with a think time between requests, browses the dashboard, lists with filters, detail pages, search and filtered
exports, and writes: visits logged through the page form and through the API (session and CSRF token, as the
browser's pages do). An error is a server error, a refused or unexpected answer, or a failed connection.

    .venv/bin/python bench/bench_load.py --scale quick --users 10 --duration 30 --data-dir /tmp/load-quick
    .venv/bin/python bench/bench_load.py --scale province --users 50 --duration 300 --data-dir /tmp/province
    .venv/bin/python bench/bench_load.py --scale province --users 50 --duration 300 --data-dir /tmp/province-pg \\
        --database-url 'postgres://postgres@/clusterdesk_load?host=/tmp/pgshared&port=54330'

Bounded: the server listens on the loopback address only, each request times out after 60 s, the run stops after
--duration (users finish the request in flight) and the server is stopped at the end.
"""

import argparse
import http.cookiejar
import json
import os
import random
import re
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from pathlib import Path

from clusterdesk.testing import free_port

PASSWORD = "cd-demo-2026"  # clusterdesk.demo.accounts.DEMO_PASSWORD
#: Demo accounts and how many of the simulated users sign in as each (per 50 users; scaled to --users).
ACCOUNTS = [("changsha", 12), ("county", 10), ("park", 8), ("secretary", 8), ("province", 6), ("viewer", 4),
            ("admin", 2)]
WRITERS = {"changsha", "county", "park", "secretary", "province", "admin"}
REQUEST_TIMEOUT = 60


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


class Stats:
    """Per-page timings (ms) and errors, shared by the user threads."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.times: dict[str, list[float]] = defaultdict(list)
        self.kinds: dict[str, str] = {}
        self.errors: dict[str, int] = defaultdict(int)
        self.samples: list[str] = []

    def record(self, name: str, kind: str, ms: float, error: str | None) -> None:
        with self.lock:
            self.kinds[name] = kind
            self.times[name].append(ms)
            if error:
                self.errors[name] += 1
                if len(self.samples) < 12:
                    self.samples.append(f"{name}: {error}")


class User:
    """One simulated user: a cookie jar, a signed-in session and the ids it has seen on list pages."""

    def __init__(self, base: str, username: str, stats: Stats, rng: random.Random) -> None:
        self.base, self.username, self.stats, self.rng = base, username, stats, rng
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect())
        self.seen: dict[str, list[str]] = defaultdict(list)
        self.written = 0

    def csrf(self) -> str:
        return next((c.value for c in self.jar if c.name == "csrftoken"), "")

    def request(self, name: str, kind: str, path: str, *, data: bytes | None = None, headers: dict | None = None,
                expect: tuple[int, ...] = (200,)) -> tuple[int, bytes]:
        request = urllib.request.Request(self.base + urllib.parse.quote(path, safe="/?=&"), data=data,
                                         headers=headers or {}, method="POST" if data is not None else "GET")
        started = time.perf_counter()
        error = None
        try:
            with self.opener.open(request, timeout=REQUEST_TIMEOUT) as response:
                status, body = response.status, response.read()
        except urllib.error.HTTPError as exc:
            status, body = exc.code, exc.read()
        except Exception as exc:  # a failed connection, a timeout, a reset: an error of this request, not the run
            status, body, error = 0, b"", f"{type(exc).__name__}: {exc}"
        ms = (time.perf_counter() - started) * 1000
        if error is None and status not in expect:
            error = f"HTTP {status} for {path}"
        self.stats.record(name, kind, ms, error)
        return status, body

    def sign_in(self) -> bool:
        self.request("sign-in page", "sign-in", "/login/")
        form = urllib.parse.urlencode({"username": self.username, "password": PASSWORD,
                                       "csrfmiddlewaretoken": self.csrf()}).encode()
        status, _ = self.request("sign-in", "sign-in", "/login/", data=form, expect=(302,),
                                 headers={"Content-Type": "application/x-www-form-urlencoded",
                                          "Referer": self.base + "/login/"})
        return status == 302

    def page(self, name: str, path: str, collect: str | None = None) -> None:
        status, body = self.request(name, "export" if "export=" in path else "page", path)
        if collect and status == 200:
            ids = re.findall(rf'href="/{collect}/(\d+)/"', body.decode("utf-8", "replace"))
            if ids:
                self.seen[collect] = sorted(set(ids))[:200]

    def detail(self, name: str, kind: str) -> None:
        if self.seen[kind]:
            self.page(name, f"/{kind}/{self.rng.choice(self.seen[kind])}/")

    def write_visit_form(self) -> None:
        if not self.seen["enterprises"]:
            return
        pk = self.rng.choice(self.seen["enterprises"])
        path = f"/service/enterprises/{pk}/visits/add/"
        status, _ = self.request("visit form", "page", path, expect=(200, 403, 404))
        if status != 200:  # not this user's enterprise to serve (a scope or role limit): nothing to write
            return
        self.written += 1
        form = urllib.parse.urlencode({
            "csrfmiddlewaretoken": self.csrf(), "visit_date": time.strftime("%Y-%m-%d"),
            "visitors": f"压测 {self.username}", "topics": f"负载测试走访 {self.written}", "notes": "bench_load",
        }).encode()
        self.request("visit form, save", "write", path, data=form, expect=(302,),
                     headers={"Content-Type": "application/x-www-form-urlencoded", "Referer": self.base + path})

    def write_visit_api(self) -> None:
        page = self.rng.randint(1, 3)
        status, body = self.request("API enterprises", "page", f"/api/enterprises/enterprises/?page={page}")
        if status != 200:
            return
        items = json.loads(body).get("items") or []
        if not items:
            return
        self.written += 1
        payload = json.dumps({"enterprise": self.rng.choice(items)["uscc"], "visit_date": time.strftime("%Y-%m-%d"),
                              "visitors": f"压测 {self.username}", "topics": f"负载测试 API {self.written}"}).encode()
        self.request("API visit, create", "write", "/api/service/visits/", data=payload, expect=(201, 403, 422),
                     headers={"Content-Type": "application/json", "X-CSRFToken": self.csrf(),
                              "Referer": self.base + "/"})

    def step(self) -> None:
        """One action, drawn with weights like an office's day: mostly reading, some searching, a few exports."""
        actions = [
            (10, lambda: self.page("dashboard", "/")),
            (8, lambda: self.page("project list, filtered", "/projects/?stage=construction&min_investment_wan=10000",
                                  collect="projects")),
            (5, lambda: self.page("project list, search", "/projects/?q=项目", collect="projects")),
            (8, lambda: self.detail("project detail", "projects")),
            (5, lambda: self.page("enterprise list", "/enterprises/?q=科技", collect="enterprises")),
            (5, lambda: self.detail("enterprise detail", "enterprises")),
            (3, lambda: self.page("park list", "/parks/", collect="parks")),
            (3, lambda: self.detail("park detail", "parks")),
            (4, lambda: self.page("search", "/search/?q=长沙")),
            (3, lambda: self.page("problem board", "/projects/problems/")),
            (3, lambda: self.page("appeal board", "/service/appeals/")),
            (2, lambda: self.page("traffic lights", "/projects/lights/")),
            (1, lambda: self.page("export, projects .xlsx",
                                  "/projects/?stage=construction&min_investment_wan=50000&export=xlsx")),
            (1, lambda: self.page("export, enterprises .csv", "/enterprises/?q=科技&export=csv")),
        ]
        if self.username == "secretary":
            actions.append((6, lambda: self.page("secretary workbench", "/service/")))
        if self.username in WRITERS:
            actions += [(3, self.write_visit_form), (3, self.write_visit_api)]
        weights = [w for w, _ in actions]
        self.rng.choices([a for _, a in actions], weights)[0]()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Report a redirect as the answer (a saved form, a signed-in user) instead of following it."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


def _run_user(base: str, username: str, stats: Stats, stop_at: float, think: tuple[float, float], seed: int) -> None:
    rng = random.Random(seed)
    time.sleep(rng.uniform(0, think[1]))  # staggered arrivals
    user = User(base, username, stats, rng)
    if not user.sign_in():
        return
    user.page("project list, filtered", "/projects/?stage=construction", collect="projects")
    user.page("enterprise list", "/enterprises/", collect="enterprises")
    while time.monotonic() < stop_at:
        user.step()
        time.sleep(rng.uniform(*think))


def _accounts(users: int) -> list[str]:
    total = sum(n for _, n in ACCOUNTS)
    names = []
    for name, share in ACCOUNTS:
        names += [name] * max(1, round(users * share / total))
    return (names * users)[:users]


def _clusterdesk(env: dict, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "clusterdesk.cli", *args], env=env, check=check,
                          capture_output=True, text=True)


def _prepare(env: dict, scale: str) -> str:
    """Build the demo if the database holds none; returns a line saying what the database holds."""
    _clusterdesk(env, "migrate")
    probe = ("import json, django; django.setup()\n"
             "from clusterdesk.common.models import DataLoad\nfrom clusterdesk.projects.models import Project\n"
             "load = DataLoad.objects.filter(kind='demo').order_by('-loaded_at').first()\n"
             "print(json.dumps([load.version if load else '', Project.objects.count()]))")

    def holds() -> tuple[str, int]:
        out = subprocess.run([sys.executable, "-c", probe], env=env, check=True, capture_output=True, text=True)
        version, projects = json.loads(out.stdout.strip().splitlines()[-1])
        return version, projects

    version, projects = holds()
    if not version:
        print(f"building the demo at the {scale} scale …", flush=True)
        started = time.perf_counter()
        _clusterdesk(env, "load-refdata")
        _clusterdesk(env, "build-demo", "--scale", scale, "--no-progress")
        print(f"  built in {time.perf_counter() - started:.0f} s", flush=True)
        version, projects = holds()
    return f"demo {version}, {projects:,} projects"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--duration", type=float, default=300, help="seconds of load (after the users sign in)")
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", ""),
                        help="PostgreSQL URL (default: SQLite in --data-dir)")
    parser.add_argument("--data-dir", default=os.environ.get("CLUSTERDESK_DATA_DIR", "/tmp/clusterdesk-load"))
    parser.add_argument("--scale", choices=["quick", "province"], default="quick",
                        help="demo scale built when the database holds no demo")
    parser.add_argument("--workers", type=int, help="server worker processes (default: the serve command's)")
    parser.add_argument("--think", default="1,3", help="think time between a user's requests: MIN,MAX seconds")
    parser.add_argument("--seed", type=int, default=16)
    args = parser.parse_args()
    think = tuple(float(x) for x in args.think.split(","))

    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")}
    env.update(CLUSTERDESK_DATA_DIR=str(Path(args.data_dir).resolve()),
               DJANGO_SETTINGS_MODULE="clusterdesk.config.settings.local")
    if args.database_url:
        env["DATABASE_URL"] = args.database_url
    Path(env["CLUSTERDESK_DATA_DIR"]).mkdir(parents=True, exist_ok=True)
    holds = _prepare(env, args.scale)

    port = free_port()
    serve = ["serve", "--host", "127.0.0.1", "--port", str(port)]
    if args.workers:
        serve += ["--workers", str(args.workers)]
    log_path = Path(env["CLUSTERDESK_DATA_DIR"]) / "bench_load_server.log"
    log = open(log_path, "w")  # noqa: SIM115 - closed at the end
    server = subprocess.Popen([sys.executable, "-m", "clusterdesk.cli", *serve], env=env, stdout=log,
                              stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                urllib.request.urlopen(base + "/login/", timeout=5).read()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit("server did not start:\n" + log_path.read_text()[-3000:]) from None
                time.sleep(0.3)
        engine = "PostgreSQL" if args.database_url.startswith("postgres") else "SQLite"
        print(f"database: {engine} ({holds}); server: {' '.join(serve)}; users: {args.users}; "
              f"duration: {args.duration:.0f} s; think: {think[0]}–{think[1]} s", flush=True)

        stats = Stats()
        started = time.monotonic()
        stop_at = started + args.duration
        threads = [threading.Thread(target=_run_user, args=(base, name, stats, stop_at, think, args.seed + i),
                                    daemon=True) for i, name in enumerate(_accounts(args.users))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=max(1.0, stop_at - time.monotonic()) + REQUEST_TIMEOUT + 10)
        elapsed = time.monotonic() - started
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()

    print(f"\n{'page':<28}{'count':>7}{'errors':>8}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}")
    for name in sorted(stats.times, key=lambda n: (stats.kinds[n], n)):
        times = stats.times[name]
        print(f"{name:<28}{len(times):>7}{stats.errors[name]:>8}{statistics.median(times):>9.0f}"
              f"{_percentile(times, 0.95):>9.0f}{max(times):>9.0f}")
    everything = [t for times in stats.times.values() for t in times]
    by_kind: dict[str, list[float]] = defaultdict(list)
    for name, times in stats.times.items():
        by_kind[stats.kinds[name]] += times
    errors = sum(stats.errors.values())
    print(f"\nrequests: {len(everything):,} in {elapsed:.0f} s ({len(everything) / elapsed:.1f}/s); errors: {errors}")
    for kind in ("page", "write", "export", "sign-in"):
        if by_kind[kind]:
            times = by_kind[kind]
            print(f"{kind + 's':<9} n={len(times):<6,} p50={statistics.median(times):6.0f} ms  "
                  f"p95={_percentile(times, 0.95):6.0f} ms  max={max(times):6.0f} ms")
    for sample in stats.samples:
        print("  error:", sample)
    alive = sum(t.is_alive() for t in threads)
    if alive:
        print(f"  {alive} users were still waiting on a request at the end")


if __name__ == "__main__":
    main()
