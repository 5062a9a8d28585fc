"""Time a unit's inbox at province scale (2,000 units, 50,000 open tasks); prints p50/p95/max.

Issue 12's target: on the province demo with 2,000 units and 50,000 open tasks, a unit's inbox answers in < 150 ms
at the 95th percentile. The script fills the database it is given (bulk inserts: units under the counties, one
officer per unit, open tasks spread over the units with due dates around today, a tenth with a person), unless it
already holds ``--tasks`` open tasks, then requests 本单位待办 and 我的待办 for random units' officers through
Django's full stack in-process (middleware, scoping, the header badge, queries, template), and the selectors alone:

    CLUSTERDESK_DATA_DIR=/tmp/inbox-bench .venv/bin/clusterdesk migrate
    CLUSTERDESK_DATA_DIR=/tmp/inbox-bench .venv/bin/clusterdesk load-refdata
    CLUSTERDESK_DATA_DIR=/tmp/inbox-bench .venv/bin/python bench/bench_inbox.py --requests 200
    DATABASE_URL=postgres://…/clusterdesk .venv/bin/python bench/bench_inbox.py
"""

import argparse
import datetime as dt
import os
import random
import statistics
import time


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def _fill(units: int, tasks: int, seed: int) -> None:
    """Bulk-insert the units, their officers and the open tasks (no change log: this is a load, not work)."""
    from django.contrib.auth.hashers import make_password
    from django.db import transaction

    from clusterdesk.accounts.models import Unit, User
    from clusterdesk.regions.models import Region
    from clusterdesk.tasks.models import Task, TaskKind

    rng = random.Random(seed)
    counties = list(Region.objects.filter(level=Region.Level.COUNTY, code__startswith="43").values_list("pk", "code"))
    if not counties:
        raise SystemExit("no regions: run `clusterdesk load-refdata` first")
    kinds = [k for k in TaskKind.values if k != "review"]
    today = dt.date.today()
    password = make_password("bench-pass-2026")
    with transaction.atomic():
        made = Unit.objects.bulk_create([
            Unit(name=f"基准单位{n:04d}", short_name=f"单位{n:04d}", region_id=counties[n % len(counties)][0])
            for n in range(units)], batch_size=1000)
        made = list(Unit.objects.filter(name__startswith="基准单位").values_list("pk", "region_id"))
        users = User.objects.bulk_create([
            User(username=f"bench{n:04d}", password=password, role="county_officer", unit_id=pk)
            for n, (pk, _region) in enumerate(made)], batch_size=1000)
        users = dict(User.objects.filter(username__startswith="bench").values_list("unit_id", "pk"))
        scope = User.scope_regions.through
        scope.objects.bulk_create([scope(user_id=users[pk], region_id=region) for pk, region in made],
                                  batch_size=2000)
        rows = []
        for n in range(tasks):
            pk, region = made[rng.randrange(len(made))]
            kind = rng.choice(kinds)
            rows.append(Task(key=f"bench.source:{n}:{kind}", kind=kind, source_model="bench.source", source_id=n,
                             title=f"基准待办事项 {n}", unit_id=pk, person_id=users[pk] if rng.random() < 0.1 else None,
                             region_id=region, due_date=today + dt.timedelta(days=rng.randint(-30, 60)),
                             url="/"))
            if len(rows) >= 5000:
                Task.objects.bulk_create(rows)
                rows = []
        Task.objects.bulk_create(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--units", type=int, default=2000)
    parser.add_argument("--tasks", type=int, default=50_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--seed", type=int, default=12)
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clusterdesk.config.settings.local")
    import django

    django.setup()
    from django.conf import settings
    from django.test import Client
    from django.utils import timezone

    from clusterdesk.accounts.models import User
    from clusterdesk.tasks.models import Task, TaskStatus
    from clusterdesk.tasks.selectors import InboxQuery, inbox_counts, inbox_tasks

    settings.ALLOWED_HOSTS = ["*"]
    have = Task.objects.filter(status=TaskStatus.OPEN).count()
    if have < args.tasks:
        started = time.perf_counter()
        _fill(args.units, args.tasks - have, args.seed)
        print(f"filled {args.units} units and {args.tasks - have} open tasks in {time.perf_counter() - started:.1f} s")
    print(f"open tasks: {Task.objects.filter(status=TaskStatus.OPEN).count()}, "
          f"units with tasks: {Task.objects.values('unit_id').distinct().count()}")
    officers = list(User.objects.filter(username__startswith="bench").select_related("unit"))
    rng = random.Random(args.seed)
    client = Client()
    today = timezone.localdate()
    for label, path in (("本单位待办 /tasks/?box=unit", "/tasks/?box=unit"), ("我的待办 /tasks/", "/tasks/"),
                        ("overdue filter", "/tasks/?box=unit&light=overdue")):
        times = []
        for _ in range(args.requests):
            user = rng.choice(officers)
            client.force_login(user)
            started = time.perf_counter()
            response = client.get(path)
            times.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, response.status_code
        print(f"{label:34s} p50 {statistics.median(times):6.1f} ms  p95 {_percentile(times, 0.95):6.1f} ms  "
              f"max {max(times):6.1f} ms  ({args.requests} requests)")
    times = []
    for _ in range(args.requests):
        user = rng.choice(officers)
        started = time.perf_counter()
        query = InboxQuery(box="unit")
        list(inbox_tasks(user=user, query=query, today=today)[:50])
        inbox_counts(user=user, query=query)
        times.append((time.perf_counter() - started) * 1000)
    print(f"{'selectors (rows + counts)':34s} p50 {statistics.median(times):6.1f} ms  "
          f"p95 {_percentile(times, 0.95):6.1f} ms  max {max(times):6.1f} ms")


if __name__ == "__main__":
    main()
