"""Cluster metrics for every county × industry class × year: the Ibis expressions on DuckDB against plain pandas.

    .venv/bin/python bench/bench_cluster_metrics.py --enterprises 10000000 --years 5 --dir /tmp/clusterdesk-register

Generates the synthetic register (bench/synthetic_register.py) unless it is already in ``--dir``, then times
`clusterdesk.analytics.metrics.cluster_metrics` on DuckDB (reading the Parquet files, writing the result to
Parquet) and a straightforward pandas implementation of the same measures (merge, groupby, transform), prints
both times and checks that the two agree. ``--backend spark`` times the same expressions on Spark instead.
"""

import argparse
import resource
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic_register import generate  # noqa: E402

from clusterdesk.analytics.backends import connect, read_table  # noqa: E402
from clusterdesk.analytics.metrics import cluster_metrics  # noqa: E402


def run_ibis(folder: Path, out: Path, backend: str, memory: str) -> float:
    started = time.perf_counter()
    con = connect(backend, threads=2, memory_limit=memory) if backend == "duckdb" else connect(backend)
    expr = cluster_metrics(read_table(con, folder / "enterprises.parquet"), read_table(con, folder / "figures.parquet"))
    if backend == "duckdb":
        con.to_parquet(expr, out)
    else:
        expr.to_pyarrow()
    return time.perf_counter() - started


def run_pandas(folder: Path) -> tuple[float, pd.DataFrame]:
    started = time.perf_counter()
    ent = pd.read_parquet(folder / "enterprises.parquet", columns=["enterprise_id", "region_code", "industry_code"])
    fig = pd.read_parquet(folder / "figures.parquet")
    rows = fig.merge(ent, on="enterprise_id")
    del fig, ent
    rows = rows.rename(columns={"region_code": "region", "industry_code": "industry", "employees": "employment"})
    rows["employment"] = rows["employment"].astype("float64")
    keys = ["year", "region", "industry"]
    t = rows.groupby(keys, observed=True).agg(enterprises=("enterprise_id", "size"), employment=("employment", "sum"),
                                               output_wan=("output_wan", "sum")).reset_index()
    region_total = rows.groupby(["year", "region"], observed=True).employment.sum().rename("region_total")
    nation_total = rows.groupby("year").employment.sum().rename("nation_total")
    del rows
    t = t.join(region_total, on=["year", "region"]).join(nation_total, on="year")
    t["province"] = t.region.astype(str).str[:2]
    t["nation_industry"] = t.groupby(["year", "industry"], observed=True).employment.transform("sum")
    t["province_industry"] = t.groupby(["year", "province", "industry"], observed=True).employment.transform("sum")
    t["share_province"] = t.employment / t.province_industry
    t["share_nation"] = t.employment / t.nation_industry
    t["lq"] = (t.employment / t.region_total) / (t.nation_industry / t.nation_total)
    base_year = int(t.year.min())
    base = t[t.year == base_year].set_index(["region", "industry"])
    t = t.join(base.employment.rename("base_value"), on=["region", "industry"])
    t = t.join(base.groupby("industry", observed=True).nation_industry.first().rename("base_nation_industry"),
               on="industry")
    base_nation = float(nation_total[base_year])
    years = (t.year - base_year).astype(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        t["cagr"] = np.where((years > 0) & (t.base_value > 0), (t.employment / t.base_value) ** (1 / years) - 1,
                             np.nan)
    g_total, g_ind = t.nation_total / base_nation, t.nation_industry / t.base_nation_industry
    t["expected"] = t.base_value * g_ind
    t["national_growth"] = t.base_value * (g_total - 1)
    t["industry_mix"] = t.base_value * (g_ind - g_total)
    t["regional_shift"] = t.employment - t.base_value * g_ind
    groups = t.groupby(["year", "industry"], observed=True)
    t["lq_p"] = groups.lq.transform(lambda s: s.quantile(0.75))
    t["employment_p"] = groups.employment.transform(lambda s: s.quantile(0.25))
    t["enterprises_p"] = groups.enterprises.transform(lambda s: s.quantile(0.25))
    t["strong"] = (t.lq >= t.lq_p) & (t.employment > t.employment_p) & (t.enterprises > t.enterprises_p) & (t.lq >= 1)
    t = t.sort_values(["year", "industry", "strong", "lq", "employment", "region"],
                      ascending=[True, True, False, False, False, True])
    t["rank"] = t.groupby(["year", "industry"], observed=True).cumcount() + 1
    t = t.sort_values(["region", "industry", "year"])
    t["lq_previous"] = t.groupby(["region", "industry"], observed=True).lq.shift()
    high = np.where(t.lq >= 1, "high", "low")
    trend = np.where(t.lq > t.lq_previous, "_rising", "_falling")
    t["quadrant"] = np.where(t.lq_previous.isna(), None, np.char.add(high, trend))
    return time.perf_counter() - started, t


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--enterprises", type=int, default=10_000_000)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--dir", type=Path, default=Path("/tmp/clusterdesk-register"))
    parser.add_argument("--backend", choices=["duckdb", "spark"], default="duckdb")
    parser.add_argument("--memory", default="8GB", help="DuckDB memory_limit")
    parser.add_argument("--skip-pandas", action="store_true")
    args = parser.parse_args()
    if not (args.dir / "figures.parquet").exists():
        info = generate(args.dir, args.enterprises, args.years)
        print(f"生成合成登记库 {args.enterprises:,} 家 × {args.years} 年：{info['seconds']:.1f} 秒")
    out = args.dir / "cluster_metrics.parquet"
    seconds = run_ibis(args.dir, out, args.backend, args.memory)
    result = pd.read_parquet(out) if args.backend == "duckdb" else None
    rows = len(result) if result is not None else 0
    print(f"{args.backend}（Ibis 表达式）：{seconds:.1f} 秒，{rows:,} 行（县 × 行业小类 × 年）")
    if args.skip_pandas:
        return
    pandas_seconds, frame = run_pandas(args.dir)
    print(f"pandas（直接实现）：{pandas_seconds:.1f} 秒，{len(frame):,} 行")
    print(f"加速比 speed-up: {pandas_seconds / seconds:.1f}×")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 / 1024
    print(f"峰值内存 peak RSS: {peak:.1f} GB")
    if result is not None:
        keys = ["year", "region", "industry"]
        a = result.set_index(keys).sort_index()
        b = frame.astype({"region": str, "industry": str}).set_index(keys).sort_index()
        assert len(a) == len(b), (len(a), len(b))
        for column in ("lq", "cagr", "regional_shift", "lq_p"):
            diff = np.nanmax(np.abs(a[column].to_numpy(float) - b[column].to_numpy(float)))
            print(f"  {column}: 最大差 max |duckdb − pandas| = {diff:.2e}")
        agree = (a.strong.to_numpy() == b.strong.to_numpy()).mean()
        print(f"  strong: {agree:.4%} 一致, rank 一致 {(a['rank'].to_numpy() == b['rank'].to_numpy()).mean():.4%}")


if __name__ == "__main__":
    main()
