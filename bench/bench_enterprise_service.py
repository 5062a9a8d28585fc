"""Time the enterprise service's two province-scale jobs; prints the figures.

1. Recompute every warning for one month over 20,000 key enterprises × 60 months of figures (target < 10 s).
2. Run the inclusion candidate detector over every enterprise (200,000 at province scale; target < 5 s).

Run against the province demo (build it first; it has fewer key enterprises, so the script tops them up to
``--key`` with generated figures, inside its own database, and says how many it added):

    CLUSTERDESK_DATA_DIR=/tmp/i6-data .venv/bin/clusterdesk build-demo --scale province
    CLUSTERDESK_DATA_DIR=/tmp/i6-data .venv/bin/python bench/bench_enterprise_service.py
    DATABASE_URL=postgres://…/clusterdesk .venv/bin/python bench/bench_enterprise_service.py --runs 3

Each job runs as it does in production (`clusterdesk service-job …`): one transaction that reads the figures,
applies the rules and replaces the month's warnings (or adds the new candidates). The candidate run is repeated
after removing the candidates the job created, so every run detects and writes from scratch.

Both wall-clock and CPU time are printed: SQLite runs in-process, so on a shared machine the CPU time is the
job's own cost and the wall time adds the wait for a core.
"""

import argparse
import os
import random
import statistics
import time


def _top_up(target: int, months: int, last: int) -> int:
    """Make ``target`` enterprises key enterprises with ``months`` months of figures each; returns how many added."""
    from django.db import transaction

    from clusterdesk.changelog.context import change_context
    from clusterdesk.enterprise_service.demo import monthly_figures
    from clusterdesk.enterprise_service.models import MonthlyFigure
    from clusterdesk.enterprises.models import Enterprise

    have = Enterprise.objects.filter(key_enterprise=True).count()
    missing = target - have
    if missing <= 0:
        return 0
    rng = random.Random(6)
    picked = list(Enterprise.objects.filter(key_enterprise=False).order_by("-annual_revenue_wan", "pk")
                  .values_list("pk", "industry__code", "annual_revenue_wan")[:missing])
    with change_context(actor=None, source="job", message="bench top-up"), transaction.atomic():
        Enterprise.objects.filter(pk__in=[p for p, _, _ in picked]).update(key_enterprise=True)
        batch = []
        for pk, code, revenue in picked:
            batch += monthly_figures(rng, pk, code or "C3411", float(revenue or 5000), last, months=months)
            if len(batch) >= 20_000:
                MonthlyFigure.objects.bulk_create(batch, batch_size=5000)
                batch = []
        MonthlyFigure.objects.bulk_create(batch, batch_size=5000)
    return len(picked)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--key", type=int, default=20_000, help="key enterprises to monitor")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clusterdesk.config.settings.local")
    import django

    django.setup()
    from django.conf import settings

    from clusterdesk.changelog.context import change_context
    from clusterdesk.core.monitoring import month_date
    from clusterdesk.enterprise_service.inclusion import candidates_detect
    from clusterdesk.enterprise_service.models import EnterpriseWarning, InclusionCandidate, MonthlyFigure
    from clusterdesk.enterprise_service.services import warnings_recompute
    from clusterdesk.enterprises.models import Enterprise

    latest = MonthlyFigure.objects.order_by("-period").values_list("period", flat=True).first()
    if latest is None:
        raise SystemExit("no monthly figures: build the demo first (clusterdesk build-demo --scale province)")
    last = latest.year * 12 + latest.month - 1
    started = time.perf_counter()
    added = _top_up(args.key, 60, last)
    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    key = Enterprise.objects.filter(key_enterprise=True).count()
    print(f"database: {engine}; enterprises {Enterprise.objects.count():,}; key enterprises {key:,} "
          f"({added:,} topped up in {time.perf_counter() - started:.0f} s); monthly figures "
          f"{MonthlyFigure.objects.count():,}")

    period = month_date(last)
    times, cpu = [], []
    for _ in range(args.runs):
        tick = time.process_time()
        with change_context(actor=None, source="job", message="bench warnings"):
            run = warnings_recompute(period=period, actor=None)
        cpu.append(time.process_time() - tick)
        times.append(float(run.seconds))
    counts = run.counts
    print(f"warnings for {period:%Y-%m}: {counts['enterprises']:,} enterprises, {counts['warnings']:,} warnings "
          f"(watch {counts['watch']:,}, warning {counts['warning']:,}, serious {counts['serious']:,}); "
          f"wall median {statistics.median(times):.2f} s (runs {', '.join(f'{t:.2f}' for t in times)}), "
          f"CPU median {statistics.median(cpu):.2f} s (target < 10 s)")
    stored = EnterpriseWarning.objects.filter(period=period).count()
    assert stored == counts["warnings"], (stored, counts)

    times, cpu = [], []
    for _ in range(args.runs):
        InclusionCandidate.objects.filter(run__kind="candidates").delete()
        tick = time.process_time()
        with change_context(actor=None, source="job", message="bench candidates"):
            run = candidates_detect(actor=None, as_of=period.replace(day=28))
        cpu.append(time.process_time() - tick)
        times.append(float(run.seconds))
    counts = run.counts
    scanned = Enterprise.objects.filter(above_scale=False).count()
    print(f"candidates over {Enterprise.objects.count():,} enterprises ({scanned:,} not yet above size): "
          f"{counts['new']:,} new ({counts['new_enterprises']:,} enterprises, {counts['new_projects']:,} projects, "
          f"{counts['meets']:,} meeting the threshold); wall median {statistics.median(times):.2f} s "
          f"(runs {', '.join(f'{t:.2f}' for t in times)}), CPU median {statistics.median(cpu):.2f} s (target < 5 s)")


if __name__ == "__main__":
    main()
