"""Time the traffic light of 30,000 projects for one month (the core rules alone); prints the figure.

    .venv/bin/python bench/bench_lights.py
"""

import time
from datetime import date
from decimal import Decimal

from clusterdesk.core.supervision.lights import ProjectFacts, project_light


def main() -> None:
    projects = [
        ProjectFacts(month=date(2026, 10, 1), annual_plan_wan=Decimal(5000), year_to_date_wan=Decimal(i % 5000),
                     planned_start=date(2026, 1 + i % 12, 1),
                     actual_start=None if i % 3 else date(2026, 1 + i % 9, 1), in_statistics=bool(i % 2),
                     critical_nodes_overdue=i % 4, stage="preconstruction" if i % 3 else "construction")
        for i in range(30_000)
    ]
    started = time.perf_counter()
    results = [project_light(p) for p in projects]
    elapsed = time.perf_counter() - started
    red = sum(1 for r in results if r.light == "red")
    print(f"{len(results)} projects: {elapsed:.3f} s ({elapsed / len(results) * 1e6:.1f} µs each); {red} red")


if __name__ == "__main__":
    main()
