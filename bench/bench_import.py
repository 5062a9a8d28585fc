"""Import a 100,000-row project sheet: validated and committed in one transaction; prints time and peak memory.

    .venv/bin/python bench/bench_import.py --rows 100000 --data-dir /tmp/i7-bench        # SQLite
    DATABASE_URL=postgres://…/db .venv/bin/python bench/bench_import.py --rows 100000     # PostgreSQL

Builds the quick demo database in --data-dir (unless --reuse), writes the sheet with openpyxl (real-world
headers: 总投资 in 亿元, region codes, park names, Chinese dates), then imports it in a fresh process as an
administrator and prints the seconds of each phase, the counts, and the peak RSS of the import process.
The targets (issue 7): under 30 s and under 1 GB.
"""

import argparse
import os
import random
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path


def _env(data_dir: Path) -> dict:
    return {**os.environ, "CLUSTERDESK_DATA_DIR": str(data_dir),
            "DJANGO_SETTINGS_MODULE": "clusterdesk.config.settings.local"}


def build(data_dir: Path) -> None:
    if "DATABASE_URL" not in os.environ and data_dir.exists():
        shutil.rmtree(data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    cli = [sys.executable, "-m", "clusterdesk.cli"]
    for command in (["migrate"], ["load-refdata"], ["build-demo", "--scale", "quick", "--no-progress"]):
        subprocess.run(cli + command, env=_env(data_dir), check=True, stdout=subprocess.DEVNULL)


def write_sheet(path: Path, rows: int) -> None:
    import django

    django.setup()
    from openpyxl import Workbook

    from clusterdesk.parks.models import Park

    parks = list(Park.objects.select_related("region").values_list("name", "region__code"))
    rng = random.Random(7)
    book = Workbook(write_only=True)
    sheet = book.create_sheet("重点项目")
    sheet.append(["2026年重点项目调度表"])
    sheet.append(["序号", "项目编码", "项目名称", "所在地区", "所属园区", "总投资(亿元)", "累计完成投资(万元)",
                  "用地面积(亩)", "项目阶段", "重点级别", "计划开工时间", "计划竣工时间", "责任单位", "建设内容"])
    stages = ["谋划", "储备", "前期", "在建"]
    for i in range(rows):
        park, region = parks[rng.randrange(len(parks))]
        total = rng.randint(5, 5000) / 100
        sheet.append([i + 1, f"BENCH-{i:06d}", f"基准测试项目{i:06d}号", region, park, total,
                      round(total * 10000 * rng.random() * 0.5, 2), rng.randint(10, 500), rng.choice(stages),
                      "市级重点项目", f"2026年{rng.randint(1, 6)}月{rng.randint(1, 28)}日",
                      f"2027-{rng.randint(7, 12):02d}-{rng.randint(1, 28):02d}", "市发改委", "新建厂房及生产线"])
    book.save(path)


def run(path: Path) -> None:
    import django

    django.setup()
    from clusterdesk.accounts.models import User
    from clusterdesk.common.importing.runner import run_import
    from clusterdesk.projects.models import Project

    actor = User.objects.filter(is_superuser=True).first()
    data = path.read_bytes()
    before = Project.objects.count()
    start, cpu = time.perf_counter(), time.process_time()
    report = run_import(kind="projects", data=data, file_name=path.name, actor=actor)
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    assert not report.errors, [e.as_line() for e in report.errors[:5]]
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"import (read + validate + resolve + write + change log): {elapsed:6.1f} s wall, {cpu:6.1f} s CPU")
    print("  phases: " + ", ".join(f"{k} {v:.1f} s" for k, v in report.timings.items()) +
          f"; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"created {report.created}, updated {report.updated}, unchanged {report.unchanged}; "
          f"projects {before} → {Project.objects.count()}")
    print(f"peak RSS of the import process: {peak:,.0f} MB")
    start = time.perf_counter()
    again = run_import(kind="projects", data=data, file_name=path.name, actor=actor)
    print(f"second import of the same file (idempotent): {time.perf_counter() - start:6.1f} s, "
          f"unchanged {again.unchanged}, created {again.created}, updated {again.updated}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--data-dir", default="/tmp/clusterdesk-bench-import")
    parser.add_argument("--reuse", action="store_true", help="keep the database in --data-dir")
    parser.add_argument("--phase", choices=["all", "sheet", "import"], default="all", help=argparse.SUPPRESS)
    args = parser.parse_args()
    data_dir = Path(args.data_dir)
    sheet = data_dir / f"projects-{args.rows}.xlsx"
    if args.phase == "sheet":
        write_sheet(sheet, args.rows)
        return
    if args.phase == "import":
        run(sheet)
        return
    if not args.reuse:
        build(data_dir)
    start = time.perf_counter()
    me = [sys.executable, __file__, "--rows", str(args.rows), "--data-dir", str(data_dir)]
    subprocess.run([*me, "--phase", "sheet"], env=_env(data_dir), check=True)
    print(f"database: {'PostgreSQL' if 'DATABASE_URL' in os.environ else 'SQLite'}; sheet of {args.rows:,} rows "
          f"written in {time.perf_counter() - start:.1f} s ({sheet.stat().st_size / 1e6:.1f} MB)")
    subprocess.run([*me, "--phase", "import"], env=_env(data_dir), check=True)


if __name__ == "__main__":
    main()
