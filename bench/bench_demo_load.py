"""Time building a fresh database with the demo province: migrate, reference data, demo generation.

    .venv/bin/python bench/bench_demo_load.py --scale province --data-dir /tmp/province          # SQLite
    DATABASE_URL=postgres://…/clusterdesk .venv/bin/python bench/bench_demo_load.py --scale province

The SQLite file is created anew in --data-dir (removed first); a PostgreSQL database must exist and be empty.
Prints the seconds each step took and the total.
"""

import argparse
import os
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
             ("build-demo", ["build-demo", "--scale", args.scale, "--seed", str(args.seed)])]
    database = "PostgreSQL" if "DATABASE_URL" in os.environ else f"SQLite in {data_dir}"
    print(f"database: {database}; scale: {args.scale}")
    total = 0.0
    for name, command in steps:
        start = time.perf_counter()
        subprocess.run(cli + command, env=env, check=True)
        elapsed = time.perf_counter() - start
        total += elapsed
        print(f"{name:<14} {elapsed:8.1f} s")
    print(f"{'total':<14} {total:8.1f} s")


if __name__ == "__main__":
    main()
