"""Issue 13's reads on a large database: park concentration of a region and a cluster's target progress.

    CLUSTERDESK_DATA_DIR=/tmp/province .venv/bin/python bench/bench_targets.py --user changsha --region 430000

Times `industry.selectors.park_concentration` for the region (per county, or per city for a province) and
`cluster_target_progress` of every cluster the user sees, as the region and cluster pages call them; prints the
median and worst of ``--repeat`` runs in milliseconds.
"""

import argparse
import os
import statistics
import time


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--user", default="changsha")
    parser.add_argument("--region", default="430000")
    parser.add_argument("--year", type=int, default=2025)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clusterdesk.config.settings.local")
    import django

    django.setup()
    from django.contrib.auth import get_user_model

    from clusterdesk.industry.selectors import cluster_list, cluster_target_progress, park_concentration
    from clusterdesk.regions.selectors import region_by_code

    user = get_user_model().objects.get(username=args.user)
    region = region_by_code(args.region)

    def timed(call) -> tuple[float, float]:
        runs = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            call()
            runs.append((time.perf_counter() - started) * 1000)
        return statistics.median(runs), max(runs)

    median, worst = timed(lambda: park_concentration(user, region, args.year))
    rows = len(park_concentration(user, region, args.year)["counties"])
    print(f"park_concentration {region.full_name} {args.year} ({rows} rows): median {median:.0f} ms, "
          f"max {worst:.0f} ms")
    for cluster in cluster_list(user=user).select_related("region"):
        median, worst = timed(lambda c=cluster: cluster_target_progress(user, c, args.year))
        members = cluster_target_progress(user, cluster, args.year)["members"]
        print(f"cluster_target_progress {cluster.name} ({members} enterprises): median {median:.0f} ms, "
              f"max {worst:.0f} ms")


if __name__ == "__main__":
    main()
