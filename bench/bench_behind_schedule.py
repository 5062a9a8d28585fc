"""Measure the "behind schedule" list (yellow and red projects) for a city-scoped user; prints p50/p95/max.

Run against the province demo after a monthly run (build-demo computes the lights):

    CLUSTERDESK_DATA_DIR=/tmp/i3-data .venv/bin/python bench/bench_behind_schedule.py --requests 200

Requests go through Django's full stack in-process (middleware, scoping, queries, templates). Measured: the
page (first page of 25 with the count), the page filtered to red only, its .xlsx export, and the API list.
Target (issue 3): the page under 300 ms at the 95th percentile.
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
    parser.add_argument("--exports", type=int, default=10, help="requests of the .xlsx export")
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clusterdesk.config.settings.local")
    import django

    django.setup()
    from django.conf import settings
    from django.test import Client

    from clusterdesk.accounts.models import User
    from clusterdesk.accounts.services import api_token_create
    from clusterdesk.changelog.context import change_context
    from clusterdesk.projects.selectors import standard_list

    settings.ALLOWED_HOSTS = ["*"]
    user = User.objects.get(username=args.user)
    client = Client()
    client.force_login(user)
    with change_context(actor=user, source="cli", message="bench token"):
        _token, key = api_token_create(user=user, description="bench")
    behind = standard_list(user=user, key="behind_schedule").count()
    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    print(f"database: {engine}; user {user.username} ({user.get_role_display()}); behind schedule in scope: {behind}")
    targets = {
        "behind-schedule page": ("/projects/lists/behind_schedule/", {}, args.requests, {}),
        "behind, red, page 3": ("/projects/lists/behind_schedule/", {"current_light": "red", "page": "3"},
                                args.requests, {}),
        "behind, API page": ("/api/projects/lists/behind_schedule", {}, args.requests,
                             {"HTTP_AUTHORIZATION": f"Bearer {key}"}),
        "behind, .xlsx export": ("/projects/lists/behind_schedule/", {"export": "xlsx"}, args.exports, {}),
    }
    for name, (url, params, count, headers) in targets.items():
        client.get(url, params, **headers)
        times = []
        for _ in range(count):
            start = time.perf_counter()
            response = client.get(url, params, **headers)
            times.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, response.status_code
        print(f"{name:<24} n={len(times)}  p50={statistics.median(times):7.1f} ms  "
              f"p95={_percentile(times, 0.95):7.1f} ms  max={max(times):7.1f} ms")


if __name__ == "__main__":
    main()
