"""Recompute every project's schedule and traffic light for one month on an existing database; prints seconds.

Build the province first (`clusterdesk build-demo --scale province`: 30,000 projects × 20 milestones), then:

    CLUSTERDESK_DATA_DIR=/tmp/i3-data .venv/bin/python bench/bench_pipeline_month.py --month 2026-10
    DATABASE_URL=postgres://…/clusterdesk .venv/bin/python bench/bench_pipeline_month.py

Runs the monthly job as `clusterdesk pipeline-month` does (schedules as of the month's end, then the lights),
inside one change context, and prints each part. Target (issue 3): under 30 s on SQLite.
"""

import argparse
import datetime
import os
import time


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--month", default="2026-10", help="report month, YYYY-MM")
    parser.add_argument("--today", default=None, help="judge the schedules on this day (default: month's end)")
    parser.add_argument("--repeat", type=int, default=2, help="runs (the first also writes every change)")
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clusterdesk.config.settings.local")
    import django

    django.setup()
    from django.conf import settings

    from clusterdesk.changelog.context import change_context
    from clusterdesk.projects.models import Milestone, MilestoneDependency, Project
    from clusterdesk.projects.scheduling import schedules_refresh
    from clusterdesk.projects.supervision import lights_compute

    month = datetime.date.fromisoformat(args.month + "-01")
    following = datetime.date(month.year + (month.month == 12), month.month % 12 + 1, 1)
    today = datetime.date.fromisoformat(args.today) if args.today else following - datetime.timedelta(days=1)
    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    print(f"database: {engine}; projects {Project.objects.count():,}, milestones {Milestone.objects.count():,}, "
          f"links {MilestoneDependency.objects.count():,}; month {month:%Y-%m}, schedules as of {today}")
    for run in range(1, args.repeat + 1):
        with change_context(actor=None, source="job", message="bench pipeline month"):
            start = time.perf_counter()
            schedules = schedules_refresh(today=today)
            middle = time.perf_counter()
            lights = lights_compute(month=month)
            end = time.perf_counter()
        print(f"run {run}: schedules {middle - start:6.2f} s ({schedules['projects']:,} projects, "
              f"{schedules['milestones']:,} milestones, {schedules['changed']:,} rows changed); "
              f"lights {end - middle:6.2f} s (green {lights['green']:,} / yellow {lights['yellow']:,} / "
              f"red {lights['red']:,}); total {end - start:6.2f} s")


if __name__ == "__main__":
    main()
