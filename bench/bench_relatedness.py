"""Relatedness for 3,000 regions × 1,400 industries × 5 years: clusterdesk against the ecomplexity package.

    .venv/bin/python bench/bench_relatedness.py --locations 3000 --products 1400 --years 5

Generates a long table (about 60 % of the pairs present, log-normal values), runs
`clusterdesk.core.complexity.complexity_long(compat="ecomplexity")` and ``ecomplexity.ecomplexity`` (0.5.3, its
defaults, output suppressed) on the same input, prints both times and the largest difference per column.
"""

import argparse
import contextlib
import io
import time
import warnings

import numpy as np
import pandas as pd

from clusterdesk.core.complexity import complexity_long

COLUMNS = ["diversity", "ubiquity", "rca", "mcp", "eci", "pci", "density", "coi", "cog"]


def panel(locations: int, products: int, years: int, seed: int = 3) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    frames = []
    for t in range(years):
        size = rng.lognormal(0, 1, locations)[:, None] * rng.lognormal(0, 1, products)[None, :]
        values = size * rng.lognormal(0, 1.2, (locations, products)) * (rng.random((locations, products)) < 0.6)
        loc, prod = np.nonzero(values)
        frames.append(pd.DataFrame({"time": 2021 + t, "loc": loc.astype(np.int32), "prod": prod.astype(np.int32),
                                    "val": values[loc, prod]}))
    return pd.concat(frames, ignore_index=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--locations", type=int, default=3000)
    parser.add_argument("--products", type=int, default=1400)
    parser.add_argument("--years", type=int, default=5)
    args = parser.parse_args()
    df = panel(args.locations, args.products, args.years)
    print(f"输入 {len(df):,} 行（{args.locations} 地区 × {args.products} 产业 × {args.years} 年）")
    started = time.perf_counter()
    ours = pd.DataFrame(complexity_long(df.time.to_numpy(), df["loc"].to_numpy(), df["prod"].to_numpy(),
                                        df.val.to_numpy(), compat="ecomplexity"))
    mine = time.perf_counter() - started
    print(f"clusterdesk（compat=ecomplexity）：{mine:.1f} 秒")
    started = time.perf_counter()
    from ecomplexity import ecomplexity

    with warnings.catch_warnings(), contextlib.redirect_stdout(io.StringIO()):
        warnings.simplefilter("ignore")
        theirs = ecomplexity(df, {"time": "time", "loc": "loc", "prod": "prod", "val": "val"}, verbose=False)
    package = time.perf_counter() - started
    print(f"ecomplexity 0.5.3：{package:.1f} 秒")
    print(f"加速比 speed-up: {package / mine:.1f}×（目标 ≥ 10×）")
    keys = ["time", "loc", "prod"]
    ours = ours.sort_values(keys).reset_index(drop=True)
    theirs = theirs.sort_values(keys).reset_index(drop=True)
    assert len(ours) == len(theirs)
    for column in COLUMNS:
        diff = np.nanmax(np.abs(ours[column].to_numpy(float) - theirs[column].to_numpy(float)))
        print(f"  {column}: 最大差 {diff:.1e}")


if __name__ == "__main__":
    main()
