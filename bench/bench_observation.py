"""Aggregating an observation round: 500 projects × 30 judges × 5 criteria, weighted totals, the highest and lowest
dropped, ranks with ties, county rankings and movement; prints the figures.

    .venv/bin/python bench/bench_observation.py [--projects 500] [--judges 30] [--repeat 5]

Scores are seeded and 2% of cells are left blank (a judge who skipped a project). Target (issue 13): the whole
aggregation (core.observation: judge_totals, trimmed_means, rank, group_rankings, movement) under 1 s.
"""

import argparse
import time

import numpy as np

from clusterdesk.core.observation import group_rankings, judge_totals, movement, rank, trimmed_means

MAXIMA = np.array([30.0, 25.0, 20.0, 15.0, 10.0])


def aggregate(scores, counties, previous):
    totals = judge_totals(scores, [1.0] * len(MAXIMA))
    means, _counted = trimmed_means(totals)
    ranked = rank({i: float(m) for i, m in enumerate(means) if not np.isnan(m)})
    groups = group_rankings({r.key: r.score for r in ranked}, counties)
    moves = movement({r.key: r.rank for r in ranked}, previous)
    return ranked, groups, moves


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, default=500)
    parser.add_argument("--judges", type=int, default=30)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    rng = np.random.default_rng(2026)
    quality = rng.uniform(0.5, 0.95, args.projects)
    scores = np.clip(quality[:, None, None] * MAXIMA[None, None, :]
                     + rng.normal(0, 2.0, (args.projects, args.judges, len(MAXIMA))), 0, MAXIMA)
    scores[rng.random(scores.shape[:2]) < 0.02] = np.nan
    counties = {i: f"县{i % 17:02d}" for i in range(args.projects)}
    previous = {i: int(p) for i, p in enumerate(rng.permutation(args.projects)[: args.projects // 2] + 1)}
    best = float("inf")
    for _ in range(args.repeat):
        start = time.perf_counter()
        ranked, groups, _moves = aggregate(scores, counties, previous)
        best = min(best, time.perf_counter() - start)
    ties = len(ranked) - len({r.rank for r in ranked})
    print(f"{args.projects} projects × {args.judges} judges × {len(MAXIMA)} criteria: "
          f"best of {args.repeat} {best * 1000:.1f} ms (target < 1000 ms); "
          f"{len(ranked)} ranked, {ties} sharing a rank, {len(groups)} counties; top score {ranked[0].score}")


if __name__ == "__main__":
    main()
