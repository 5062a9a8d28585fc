"""Measure the dashboard and the filtered project list for a city-scoped user; prints p50/p95/max.

Run against an existing database (build it first, e.g. `clusterdesk build-demo --scale province`):

    CLUSTERDESK_DATA_DIR=/tmp/province .venv/bin/python bench/bench_pages.py --requests 200
    DATABASE_URL=postgres://…/clusterdesk .venv/bin/python bench/bench_pages.py --user changsha

Requests go through Django's full stack in-process (middleware, scoping, queries, templates), without network.
"""

import argparse
import os
import statistics
import time


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--user", default="changsha", help="a city-scoped demo account")
    parser.add_argument("--pages", default="", help="comma-separated page names to measure (default: all)")
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clusterdesk.config.settings.local")
    import django

    django.setup()
    from django.conf import settings
    from django.test import Client

    from clusterdesk.accounts.models import User
    from clusterdesk.projects.models import Project

    settings.ALLOWED_HOSTS = ["*"]
    user = User.objects.get(username=args.user)
    client = Client()
    client.force_login(user)
    in_scope = Project.objects.restrict(user, "view").count()
    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    print(f"database: {engine}; user {user.username} ({user.get_role_display()}); projects in scope: {in_scope}; "
          f"all projects: {Project.objects.count()}")
    targets = {
        "dashboard": ("/", {}),
        "project list, filtered": ("/projects/", {"stage": "construction", "min_investment_wan": "10000"}),
        "project list, search": ("/projects/", {"q": "项目"}),
    }
    wanted = {name.strip() for name in args.pages.split(",") if name.strip()}
    for name, (url, params) in targets.items():
        if wanted and name not in wanted:
            continue
        client.get(url, params)  # warm caches once
        times = []
        for _ in range(args.requests):
            start = time.perf_counter()
            response = client.get(url, params)
            times.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, response.status_code
        print(f"{name:<24} n={len(times)}  p50={statistics.median(times):6.1f} ms  "
              f"p95={_percentile(times, 0.95):6.1f} ms  max={max(times):6.1f} ms")


if __name__ == "__main__":
    main()
