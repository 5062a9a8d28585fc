"""Time building a fresh database with the demo province: migrate, reference data, demo generation.

    .venv/bin/python bench/bench_demo_load.py --scale province --data-dir /tmp/province          # SQLite
    DATABASE_URL=postgres://…/clusterdesk .venv/bin/python bench/bench_demo_load.py --scale province

The SQLite file is created anew in --data-dir (removed first); a PostgreSQL database must exist and be empty.
Prints each phase of the demo build as it ends (wall and CPU seconds, rows), then the wall and CPU seconds of each
step, the total and the peak memory. CPU seconds are this machine's work whatever else runs on it (on PostgreSQL
they leave out the server's own work); wall seconds are what a user waits on an idle machine.
"""

import argparse
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", choices=["quick", "province"], default="province")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--data-dir", default="/tmp/clusterdesk-bench")
    args = parser.parse_args()

    data_dir = Path(args.data_dir)
    if "DATABASE_URL" not in os.environ and data_dir.exists():
        shutil.rmtree(data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "CLUSTERDESK_DATA_DIR": str(data_dir),
           "DJANGO_SETTINGS_MODULE": "clusterdesk.config.settings.local"}
    cli = [sys.executable, "-m", "clusterdesk.cli"]
    steps = [("migrate", ["migrate"]), ("load-refdata", ["load-refdata"]),
             ("build-demo", ["build-demo", "--scale", args.scale, "--seed", str(args.seed), "--no-progress"])]
    database = "PostgreSQL" if "DATABASE_URL" in os.environ else f"SQLite in {data_dir}"
    print(f"database: {database}; scale: {args.scale}")
    total = total_cpu = 0.0
    for name, command in steps:
        start, cpu = time.perf_counter(), _children_cpu()
        subprocess.run(cli + command, env=env, check=True)
        elapsed, used = time.perf_counter() - start, _children_cpu() - cpu
        total += elapsed
        total_cpu += used
        print(f"{name:<14} {elapsed:8.1f} s  {used:8.1f} s CPU", flush=True)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"{'total':<14} {total:8.1f} s  {total_cpu:8.1f} s CPU  peak memory {peak:,.0f} MiB")


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


if __name__ == "__main__":
    main()
