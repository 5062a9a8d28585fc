"""Time the what-to-grow-next page for a city officer over a 200,000-enterprise province register; prints figures.

    .venv/bin/python bench/bench_grow.py --enterprises 200000 --dir /tmp/cd-bench-grow

Builds (or reuses, when ``--dir`` already holds it) a temporary SQLite database with the reference data and a
synthetic province register: enterprises spread over 湖南省's counties and the GB/T 4754 classes with skewed
weights (big counties, common industries, as bench/synthetic_register.py draws them), one yearly figure each.
Then requests ``/analytics/grow/`` through Django's full stack as a 长沙市 city officer: cold (empty cache: the
province-wide relatedness space is computed) and warm (the cached space), at division and group level, and the
cluster-free LQ references (province, named regions). No assertion: the figures are printed.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

import numpy as np


def _build(enterprises: int, seed: int) -> None:
    from decimal import Decimal

    from django.core.management import call_command

    from clusterdesk.changelog.context import change_context
    from clusterdesk.core.codes.uscc import make_uscc
    from clusterdesk.enterprises.models import Enterprise, EnterpriseYearFigure
    from clusterdesk.industry.models import IndustryCode
    from clusterdesk.regions.models import Region
    from clusterdesk.regions.services import refdata_load

    call_command("migrate", verbosity=0)
    with change_context(actor=None, source="cli", message="bench_grow"):
        if not Region.objects.exists():
            refdata_load()
    if Enterprise.objects.count() >= enterprises:
        return
    rng = np.random.default_rng(seed)
    counties = list(Region.objects.filter(level="county", code__startswith="43").values_list("pk", "code"))
    classes = list(IndustryCode.objects.filter(level="class", code__startswith="C").values_list("pk", "code"))
    county_w = rng.pareto(1.2, len(counties)) + 0.05
    class_w = rng.pareto(1.0, len(classes)) + 0.05
    ci = rng.choice(len(counties), size=enterprises, p=county_w / county_w.sum())
    ki = rng.choice(len(classes), size=enterprises, p=class_w / class_w.sum())
    output = np.round(rng.lognormal(7.5, 1.4, enterprises), 2)
    serial: dict[str, int] = {}
    started = time.perf_counter()
    batch = []
    for n in range(enterprises):
        pk, code = counties[ci[n]]
        serial[code] = serial.get(code, 0) + 1
        batch.append(Enterprise(uscc=make_uscc(region_code=code, serial=serial[code]), name=f"基准企业{n:06d}",
                                region_id=pk, industry_id=classes[ki[n]][0]))
    Enterprise.objects.bulk_create(batch, batch_size=5000)
    ids = list(Enterprise.objects.order_by("pk").values_list("pk", flat=True))
    EnterpriseYearFigure.objects.bulk_create(
        [EnterpriseYearFigure(enterprise_id=pk, year=2025, output_wan=Decimal(str(output[i])))
         for i, pk in enumerate(ids[:enterprises])], batch_size=5000)
    print(f"built {enterprises:,} enterprises and their figures in {time.perf_counter() - started:.1f} s")


def _time(client, url: str, params: dict, runs: int, cold: bool) -> list[float]:
    from django.core.cache import cache

    times = []
    for _ in range(runs):
        if cold:
            cache.clear()
        started = time.perf_counter()
        response = client.get(url, params)
        times.append(time.perf_counter() - started)
        assert response.status_code == 200, response.status_code
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--enterprises", type=int, default=200_000)
    parser.add_argument("--dir", default="/tmp/cd-bench-grow", help="folder of the temporary SQLite database")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()

    Path(args.dir).mkdir(parents=True, exist_ok=True)
    os.environ["CLUSTERDESK_DATA_DIR"] = args.dir
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clusterdesk.config.settings.local")
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
    import django

    django.setup()
    from django.conf import settings
    from django.test import Client

    from clusterdesk.accounts.models import User
    from clusterdesk.accounts.services import user_create
    from clusterdesk.changelog.context import change_context
    from clusterdesk.enterprises.models import Enterprise
    from clusterdesk.regions.models import Region

    settings.ALLOWED_HOSTS = ["*"]
    _build(args.enterprises, args.seed)
    user = User.objects.filter(username="bench-city").first()
    if user is None:
        with change_context(actor=None, source="cli", message="bench_grow"):
            user = user_create(username="bench-city", password="bench-pass-2026", role="city_officer",
                               regions=[Region.objects.get(code="430100")])
    client = Client()
    client.force_login(user)
    print(f"register: {Enterprise.objects.count():,} enterprises; user: 长沙市 city officer; runs: {args.runs}")
    url = "/analytics/grow/"
    first = _time(client, url, {"region": "430200"}, 1, cold=True)[0]  # imports, templates, the database's pages
    print(f"{'first request of the process':32s} {first:.3f} s (cold cache, another city: not counted below)")
    cases = [
        ("division, by gain", {"level": "division", "sort": "gain"}),
        ("group, balanced", {"level": "group", "sort": "balanced"}),
        ("group, LQ vs named regions", {"level": "group", "sort": "density", "reference": "regions",
                                        "regions": "430200,430300"}),
    ]
    for label, params in cases:
        cold = _time(client, url, params, args.runs, cold=True)
        warm = _time(client, url, params, args.runs, cold=False)
        print(f"{label:32s} cold median {statistics.median(cold):.3f} s (max {max(cold):.3f}) · "
              f"warm median {statistics.median(warm):.3f} s (max {max(warm):.3f})")
    export = _time(client, url, {"level": "group", "sort": "gain", "export": "xlsx"}, args.runs, cold=False)
    print(f"{'xlsx export, group, warm':32s} median {statistics.median(export):.3f} s")


if __name__ == "__main__":
    main()
