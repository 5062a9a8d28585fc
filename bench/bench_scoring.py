"""Score and class 200,000 enterprises (per-mu evaluation, core.scoring), each method; prints the figures.

    .venv/bin/python bench/bench_scoring.py [--enterprises 200000] [--repeat 5]

Figures are lognormal with 10% of emission data missing (scored at the item's average) and 1% vetoes;
the target (issue 4) is scores and classes of 200,000 enterprises in under 5 s.
"""

import argparse
import statistics
import time

import numpy as np

from clusterdesk.core.scoring import Classing, Method, ScoringMethod, evaluate

FIELDS = ("revenue_wan", "output_wan", "value_added_wan", "tax_wan", "employees", "land_mu", "energy_tce",
          "electricity_wan_kwh", "emissions_t", "rd_expense_wan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--enterprises", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    rng = np.random.default_rng(2026)
    n = args.enterprises
    figures = {name: rng.lognormal(3, 1, n) for name in FIELDS}
    figures["emissions_t"][rng.random(n) < 0.1] = np.nan
    vetoed = rng.random(n) < 0.01
    exempt = rng.random(n) < 0.03
    cases = [("ratio to benchmark, rank bands 20/60/95", ScoringMethod(Method.RATIO, cap=3.0), Classing()),
             ("min-max with floor 20, rank bands 25/70/95", ScoringMethod(Method.MINMAX),
              Classing(bands=(0.25, 0.70, 0.95))),
             ("z-score, thresholds 60/50/40", ScoringMethod(Method.ZSCORE), Classing("threshold",
                                                                                    thresholds=(60, 50, 40)))]
    for label, method, classing in cases:
        times = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            result = evaluate(figures, method=method, classing=classing, vetoed=vetoed, exempt=exempt)
            times.append(time.perf_counter() - started)
        counts = {c: result.classes.count(c) for c in "ABCD"}
        print(f"{n} enterprises, {label}: median {statistics.median(times):.3f} s, max {max(times):.3f} s; {counts}")


if __name__ == "__main__":
    main()
