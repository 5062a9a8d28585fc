"""Rank 3,000 parks for one new project (suitability with explanation, core.optimization); prints the figures.

    .venv/bin/python bench/bench_ranking.py [--parks 3000] [--projects 500]

Each park declares four GB/T 4754 codes; each project gets the upstream/downstream enterprise counts of
every park. Timed: `rank_parks` over all parks plus `explain` for the best 20. Target (issue 4): < 20 ms.
"""

import argparse
import statistics
import time

import numpy as np

from clusterdesk.core.optimization import ParkTable, ProjectNeed, explain, rank_parks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--parks", type=int, default=3000)
    parser.add_argument("--projects", type=int, default=500)
    args = parser.parse_args()
    rng = np.random.default_rng(2026)
    m = args.parks

    def code():
        return f"C{rng.integers(13, 43)}{rng.integers(1, 10)}{rng.integers(1, 10)}"

    table = ParkTable([f"园区{j}" for j in range(m)], [[code()[: rng.choice([3, 4, 5])] for _ in range(4)]
                                                     for _ in range(m)],
                      rng.uniform(0, 3000, m), np.where(rng.random(m) < 0.8, rng.uniform(30, 95, m), np.nan),
                      np.where(rng.random(m) < 0.5, rng.uniform(0, 50_000, m), np.inf), rng.integers(1, 4, m))
    needs = [ProjectNeed(code(), float(rng.uniform(20, 400)), float(rng.uniform(0, 20_000)), int(rng.integers(1, 4)))
             for _ in range(args.projects)]
    synergy = [(rng.poisson(1.5, m).astype(float), rng.poisson(1.5, m).astype(float)) for _ in needs]
    times, feasible = [], []
    for need, (up, down) in zip(needs, synergy, strict=True):
        started = time.perf_counter()
        ranking = rank_parks(table, need, upstream=up, downstream=down)
        for j in ranking.order[:20]:
            explain(ranking, int(j), table, need)
        times.append(time.perf_counter() - started)
        feasible.append(int(ranking.feasible.sum()))
    times_ms = sorted(t * 1000 for t in times)
    p95 = times_ms[int(0.95 * (len(times_ms) - 1))]
    print(f"{m} parks, {len(needs)} projects: median {statistics.median(times_ms):.2f} ms, p95 {p95:.2f} ms, "
          f"max {times_ms[-1]:.2f} ms per project (ranking + 20 explanations); "
          f"median {statistics.median(feasible):.0f} feasible parks")


if __name__ == "__main__":
    main()
