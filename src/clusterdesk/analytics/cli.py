"""Command-line faces of the analytics layer, added to `clusterdesk` by `add_commands`.

    clusterdesk relatedness INPUT.csv --out OUTPUT.csv [--compat ecomplexity] [--backend duckdb|spark]
    clusterdesk analytics cluster-metrics --enterprises E.parquet --figures F.parquet --out OUT.parquet
        [--backend duckdb|spark] [--region-level county|city|province] [--industry-level class|group|division]
        [--measure employees|output_wan] [--base-year YEAR] [--clusters CLUSTERS.csv]
    clusterdesk analytics register-values --enterprises E.parquet --figures F.parquet --out LONG.csv …
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from clusterdesk.analytics.choices import BACKENDS, INDUSTRY_LEVELS, MEASURES, REGION_LEVELS, AnalyticsError
from clusterdesk.core.exceptions import CoreError
from clusterdesk.core.text.cells import csv_field

if TYPE_CHECKING:
    import pandas as pd

# pandas, ibis and scipy are imported by the commands that use them: every `clusterdesk` call builds this parser,
# and importing them here cost each call (a migrate, a backup) about two seconds.

__all__ = ["add_commands", "read_long_table", "write_frame"]


def read_long_table(path: str | Path) -> pd.DataFrame:
    """Read and check a ``time, loc, prod, val`` table (CSV or Parquet); errors name the file, line and column.

    Parameters
    ----------
    path : str or Path

    Returns
    -------
    pandas.DataFrame

    Raises
    ------
    AnalyticsError
    """
    import pandas as pd

    path = Path(path)
    if not path.exists():
        raise AnalyticsError(f"文件不存在：{path}")
    if path.suffix.lower() == ".csv":
        frame = pd.read_csv(path, dtype={"loc": str, "prod": str}, encoding="utf-8-sig", keep_default_na=False)
        first_line = 2
    else:
        frame = pd.read_parquet(path)
        first_line = 1
    missing = [c for c in ("time", "loc", "prod", "val") if c not in frame.columns]
    if missing:
        raise AnalyticsError(f"{path}: 缺少列 {', '.join(missing)}（需要 time, loc, prod, val）")
    values = pd.to_numeric(frame["val"].replace("", float("nan")), errors="coerce")
    bad = values.isna() | (values < 0)
    if bad.any():
        i = int(bad.to_numpy().nonzero()[0][0])
        raise AnalyticsError(f"{path}: 第 {i + first_line} 行 val 列不是非负数：{frame['val'].iloc[i]!r}")
    for column in ("time", "loc", "prod"):
        blank = frame[column].astype(str).str.strip() == ""
        if blank.any():
            i = int(blank.to_numpy().nonzero()[0][0])
            raise AnalyticsError(f"{path}: 第 {i + first_line} 行 {column} 列为空")
    duplicated = frame.duplicated(["time", "loc", "prod"])
    if duplicated.any():
        i = int(duplicated.to_numpy().nonzero()[0][0])
        row = frame.iloc[i]
        raise AnalyticsError(f"{path}: 第 {i + first_line} 行与前面的行重复（time={row['time']}, loc={row['loc']}, "
                             f"prod={row['prod']}）")
    return frame.assign(val=values.astype("float64"))


def write_frame(frame: pd.DataFrame, out: str | Path) -> None:
    """Write a result as CSV (UTF-8 with BOM, for Excel; text that starts a formula prefixed with a quote) or
    Parquet, by the file's suffix; all or nothing.

    Parameters
    ----------
    frame : pandas.DataFrame
    out : str or Path
    """
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(out.name + ".partial")
    if out.suffix.lower() == ".parquet":
        frame.to_parquet(partial, index=False)
    else:  # text columns with formulas neutralised (names read from the inputs could start one)
        frame = frame.copy()
        for column in frame.select_dtypes(include=["object", "string"]).columns:
            frame[column] = frame[column].map(csv_field)
        frame.to_csv(partial, index=False, encoding="utf-8-sig")
    partial.replace(out)


def _connect(args: argparse.Namespace) -> Any:
    from clusterdesk.analytics.backends import connect

    options = {"master": args.spark_master} if args.backend == "spark" and args.spark_master else {}
    return connect(args.backend, **options)


def cmd_relatedness(args: argparse.Namespace) -> None:
    from clusterdesk.analytics.relatedness import relatedness, relatedness_frame

    started = time.perf_counter()
    frame = read_long_table(args.input)
    if args.backend:
        con = _connect(args)
        result = relatedness(con.create_table("relatedness_input", frame, overwrite=True), compat=args.compat,
                             rca_threshold=args.rca_threshold)
    else:
        result = relatedness_frame(frame, compat=args.compat, rca_threshold=args.rca_threshold)
    write_frame(result, args.out)
    print(f"{len(result)} 行 → {args.out}（{args.compat}，{args.backend or 'numpy'}，"
          f"{time.perf_counter() - started:.1f} 秒）")


def cmd_cluster_metrics(args: argparse.Namespace) -> None:
    from clusterdesk.analytics.backends import read_table
    from clusterdesk.analytics.metrics import ClusterMetricsOptions, cluster_metrics

    started = time.perf_counter()
    con = _connect(args)
    enterprises = read_table(con, args.enterprises)
    figures = read_table(con, args.figures)
    clusters = read_table(con, args.clusters) if args.clusters else None
    options = ClusterMetricsOptions(region_level=args.region_level, industry_level=args.industry_level,
                                    measure=args.measure, base_year=args.base_year)
    expr = cluster_metrics(enterprises, figures, options=options, clusters=clusters).order_by(
        ["year", "region", "industry"])
    result = expr.to_pandas()
    write_frame(result, args.out)
    print(f"{len(result)} 行 → {args.out}（{args.backend}，{time.perf_counter() - started:.1f} 秒）")


def cmd_register_values(args: argparse.Namespace) -> None:
    from clusterdesk.analytics.backends import read_table
    from clusterdesk.analytics.relatedness import register_values

    con = _connect(args)
    expr = register_values(read_table(con, args.enterprises), read_table(con, args.figures),
                           region_level=args.region_level, industry_level=args.industry_level,
                           measure=args.measure)
    result = expr.order_by(["time", "loc", "prod"]).to_pandas()
    write_frame(result, args.out)
    print(f"{len(result)} 行 → {args.out}")


def _run(func: Any) -> Any:
    def run(args: argparse.Namespace) -> None:
        try:
            func(args)
        except (AnalyticsError, CoreError) as exc:
            print(f"错误 / error: {exc}", file=sys.stderr)
            raise SystemExit(2) from exc

    return run


def _compat_mode(value: str) -> str:
    from clusterdesk.core.complexity import COMPAT_MODES

    if value not in COMPAT_MODES:
        raise argparse.ArgumentTypeError(f"invalid choice: {value!r} (choose from {', '.join(COMPAT_MODES)})")
    return value


def _backend(p: argparse.ArgumentParser, *, default: str | None) -> None:
    p.add_argument("--backend", choices=BACKENDS, default=default,
                   help="engine of the analytics layer" + ("" if default else " (default: numpy directly)"))
    p.add_argument("--spark-master", help="Spark master URL (default CLUSTERDESK_SPARK_MASTER or local[2])")


def _register(p: argparse.ArgumentParser) -> None:
    p.add_argument("--enterprises", required=True, help="Parquet/CSV: enterprise_id, region_code, industry_code")
    p.add_argument("--figures", required=True, help="Parquet/CSV: enterprise_id, year, employees, output_wan")
    p.add_argument("--out", required=True, help=".parquet or .csv")
    p.add_argument("--region-level", choices=REGION_LEVELS, default="county")
    p.add_argument("--industry-level", choices=INDUSTRY_LEVELS, default="class")


def add_commands(sub: Any) -> None:
    """Add ``relatedness`` and ``analytics`` to the `clusterdesk` command's subparsers.

    Parameters
    ----------
    sub : argparse._SubParsersAction
    """
    rel = sub.add_parser("relatedness", help="economic complexity and relatedness of a time/loc/prod/val table")
    rel.add_argument("input", help="CSV or Parquet with columns time, loc, prod, val")
    rel.add_argument("--out", required=True, help="output .csv or .parquet")
    rel.add_argument("--compat", type=_compat_mode, default="atlas",
                     help="atlas (default) or ecomplexity (reproduces the PyPI package 0.5.3)")
    rel.add_argument("--rca-threshold", type=float, default=1.0)
    _backend(rel, default=None)
    rel.set_defaults(func=_run(cmd_relatedness), django=False)

    analytics = sub.add_parser("analytics", help="cluster metrics over Parquet files of a register")
    tasks = analytics.add_subparsers(dest="task", required=True)
    metrics = tasks.add_parser("cluster-metrics", help="LQ, shares, growth, shift-share, strong clusters")
    _register(metrics)
    metrics.add_argument("--measure", choices=MEASURES, default="employees")
    metrics.add_argument("--base-year", type=int)
    metrics.add_argument("--clusters", help="CSV/Parquet: cluster, industry_code (measure clusters, not classes)")
    _backend(metrics, default="duckdb")
    metrics.set_defaults(func=_run(cmd_cluster_metrics), django=False)
    values = tasks.add_parser("register-values", help="the time/loc/prod/val table of a register (for relatedness)")
    _register(values)
    values.add_argument("--measure", default="output_wan")
    _backend(values, default="duckdb")
    values.set_defaults(func=_run(cmd_register_values), django=False)
