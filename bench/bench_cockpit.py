"""Measure the cockpit (its JSON and its page) and the map page for a province and a city user; prints p50/p95.

Run against an existing database (build it first, e.g. `clusterdesk build-demo --scale province`):

    CLUSTERDESK_DATA_DIR=/tmp/province .venv/bin/python bench/bench_cockpit.py --requests 100
    DATABASE_URL=postgres://…/clusterdesk .venv/bin/python bench/bench_cockpit.py --users province,changsha

Requests go through Django's full stack in-process. The cockpit's JSON is kept 30 s per user, as in production;
``--cold`` clears the cache before every request, so every request computes the figures (the worst case: the
first screen after the cache expired). Target: p95 < 500 ms.
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
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument("--users", default="province,changsha", help="comma-separated demo accounts")
    parser.add_argument("--cold", action="store_true", help="clear the cache before each request")
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clusterdesk.config.settings.local")
    import django

    django.setup()
    from django.conf import settings
    from django.core.cache import cache
    from django.test import Client

    from clusterdesk.accounts.models import User
    from clusterdesk.projects.models import Project

    settings.ALLOWED_HOSTS = ["*"]
    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    print(f"database: {engine}; all projects: {Project.objects.count()}; cache: {'cold' if args.cold else 'warm'}")
    targets = {"cockpit data": "/cockpit/data.json", "cockpit page": "/cockpit/", "map page": "/maps/"}
    for username in [u.strip() for u in args.users.split(",") if u.strip()]:
        user = User.objects.get(username=username)
        client = Client()
        client.force_login(user)
        print(f"user {username} ({user.get_role_display()}): projects in scope "
              f"{Project.objects.restrict(user, 'view').count()}")
        for name, url in targets.items():
            client.get(url)  # boundaries and reference data read once, as a running server has them
            times = []
            for _ in range(args.requests):
                if args.cold:
                    cache.clear()
                start = time.perf_counter()
                response = client.get(url)
                times.append((time.perf_counter() - start) * 1000)
                assert response.status_code == 200, response.status_code
            print(f"  {name:<14} n={len(times)}  p50={statistics.median(times):6.1f} ms  "
                  f"p95={_percentile(times, 0.95):6.1f} ms  max={max(times):6.1f} ms")


if __name__ == "__main__":
    main()
