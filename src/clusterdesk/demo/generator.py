"""Generate the demonstration province (湖南省) reproducibly from a seed.

`build_demo` runs, in one transaction, the demo phases the apps registered at start-up
(`clusterdesk.common.registry.DemoPhase`, in their order): regions, industry codes, clusters with chain maps,
parks with their positioning, enterprises with valid credit codes and yearly figures, chain data, projects in
every lifecycle stage with milestones, monthly progress reports and problems, one demonstration account per role,
the pipeline (links, plans, lights), the enterprise service, evaluations and interest agreements. Each phase is
timed (wall and CPU seconds); a `DataLoad` row of kind ``demo`` records the load, its counts, times and the ids a
later `delete_demo` needs, and marks the database as holding demonstration data.

Everything is computed from ``random.Random`` streams derived from the seed and from a fixed reference date
(`REFERENCE_DATE`): the same seed gives the same data on every run and on every database. Rows are written in
bulk, so they get no per-row change record; the `DataLoad` row records the load. What the build does through the
apps' services (the demo accounts, escalations, evaluation runs, the service's jobs) is recorded as those
services record it.
"""

from __future__ import annotations

import resource
import time
from collections import defaultdict
from collections.abc import Callable

from django.core.cache import cache
from django.db import connection, transaction

from clusterdesk.changelog.context import change_context
from clusterdesk.common.bulk import bulk_session
from clusterdesk.common.models import DataLoad
from clusterdesk.common.registry import registry

from .accounts import delete_accounts
from .context import REFERENCE_DATE, DemoContext, DemoDataError, DemoSize

__all__ = [
    "DEMO_CACHE_KEY",
    "PROVINCE_CODE",
    "QUICK_CITIES",
    "REFERENCE_DATE",
    "SCALES",
    "DemoDataError",
    "DemoSize",
    "build_demo",
    "delete_demo",
]

PROVINCE_CODE = "430000"
#: The cache key the page context uses to know whether the database holds demonstration data.
DEMO_CACHE_KEY = "clusterdesk:demo"

QUICK_CITIES = ("430100", "430200", "430300", "430600")
SCALES: dict[str, DemoSize] = {
    "quick": DemoSize(
        cities=QUICK_CITIES,
        max_counties=None,
        parks=40,
        enterprises=2_000,
        projects=1_500,
        milestones=8,
        report_years=3,
    ),
    "province": DemoSize(
        cities=None, max_counties=100, parks=300, enterprises=200_000, projects=30_000, milestones=20, report_years=5
    ),
}


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def peak_memory_mb() -> float:
    """The peak resident memory of this process so far, in MiB (Linux reports kilobytes)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def delete_demo(*, progress: bool = False) -> dict[str, int]:
    """Delete the demonstration rows recorded by the demo `DataLoad` rows, and those rows; returns counts.

    Each phase that registered a ``delete`` removes what it built, in the reverse order of the build; the demo
    accounts go last.
    """
    loads = list(DataLoad.objects.filter(kind=DataLoad.Kind.DEMO))
    deleted: dict[str, int] = defaultdict(int)
    phases = [p for p in reversed(registry.demo_phases) if p.delete is not None]
    for load in loads:
        ids = (load.details or {}).get("ids", {})
        for phase in phases:
            for key, count in (phase.delete(ids) or {}).items():
                deleted[key] += count
    for load in loads or [None]:
        ids = ((load.details or {}).get("ids", {})) if load is not None else {}
        for key, count in delete_accounts(ids).items():
            deleted[key] += count
    DataLoad.objects.filter(kind=DataLoad.Kind.DEMO).delete()
    cache.delete(DEMO_CACHE_KEY)
    return dict(deleted)


def build_demo(
    *,
    scale: str = "quick",
    seed: int = 2026,
    progress: bool = True,
    force: bool = False,
    sizes: DemoSize | None = None,
    report: Callable[[str], None] | None = None,
) -> dict:
    """Build the demonstration province into the database; returns what was done, counts and seconds.

    Parameters
    ----------
    scale : str
        ``"quick"`` (4 cities, 2,000 enterprises, 1,500 projects) or ``"province"`` (14 cities, 100 counties,
        200,000 enterprises, 30,000 projects).
    seed : int
        The same seed gives the same data.
    progress : bool
        Show progress bars.
    force : bool
        Delete existing demonstration data first; without it, existing demonstration data is kept and
        nothing is done.
    sizes : DemoSize, optional
        Override the scale's sizes (tests use small sizes).
    report : callable, optional
        Called with one line per phase as it ends (its wall and CPU seconds and the rows it wrote), and a last line
        with the peak memory.

    Raises
    ------
    DemoDataError
        If the reference data (regions, industry codes) is not loaded.
    """
    if scale not in SCALES and sizes is None:
        raise ValueError(f"unknown scale {scale!r}; choose one of {', '.join(SCALES)}")
    sizes = sizes or SCALES[scale]
    started, cpu_started = time.perf_counter(), _cpu_seconds()
    existing = DataLoad.objects.filter(kind=DataLoad.Kind.DEMO).order_by("-loaded_at").first()
    if existing is not None and not force:
        return {
            "created": False,
            "scale": scale,
            "seed": seed,
            "counts": (existing.details or {}).get("counts", {}),
            "seconds": 0.0,
            "message": f"演示数据已存在（{existing.version}），未做任何修改；使用 --force 重建。"
            f" / Demo data already exists ({existing.version}); nothing done. Use --force to rebuild.",
        }
    say = report or (lambda line: None)
    with (change_context(actor=None, source="job", message="demo build"), transaction.atomic(),
          bulk_session(cache_kib=BUILD_CACHE_KIB)):
        tick, cpu = time.perf_counter(), _cpu_seconds()
        deleted = delete_demo(progress=progress) if existing is not None or force else {}
        phases: dict[str, float] = {}
        phases_cpu: dict[str, float] = {}
        if deleted:
            phases["delete"], phases_cpu["delete"] = time.perf_counter() - tick, _cpu_seconds() - cpu
            say(_phase_line("delete", phases["delete"], phases_cpu["delete"], sum(deleted.values())))
        ctx = DemoContext(scale=scale, sizes=sizes, seed=seed, progress=progress, province_code=PROVINCE_CODE)
        for phase in registry.demo_phases:
            tick, cpu, before = time.perf_counter(), _cpu_seconds(), _rows(ctx.counts)
            phase.build(ctx)
            phases[phase.name] = round(time.perf_counter() - tick, 2)
            phases_cpu[phase.name] = round(_cpu_seconds() - cpu, 2)
            say(_phase_line(phase.name, phases[phase.name], phases_cpu[phase.name], _rows(ctx.counts) - before))
        counts = {"cities": len(ctx.cities), "counties": len(ctx.counties), **ctx.counts}
        elapsed = round(time.perf_counter() - started, 1)
        rows = _rows(counts)
        DataLoad.objects.create(
            name="demo",
            kind=DataLoad.Kind.DEMO,
            source="clusterdesk demo generator",
            version=f"seed {seed}, {scale}",
            row_count=rows,
            details={
                "scale": scale,
                "seed": seed,
                "reference_date": ctx.reference_date.isoformat(),
                "counts": counts,
                "seconds": elapsed,
                "phase_seconds": phases,
                "phase_cpu_seconds": phases_cpu,
                "ids": ctx.ids,
            },
        )
    cache.delete(DEMO_CACHE_KEY)
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        # Millions of fresh rows: the planner's statistics and the visibility map that index-only scans (the
        # dashboard's) rely on are made now rather than whenever autovacuum comes round.
        tick, cpu = time.perf_counter(), _cpu_seconds()
        with connection.cursor() as cursor:
            cursor.execute("VACUUM (ANALYZE)")
        say(_phase_line("vacuum", time.perf_counter() - tick, _cpu_seconds() - cpu, 0))
    seconds = round(time.perf_counter() - started, 1)
    cpu_seconds = round(_cpu_seconds() - cpu_started, 1)
    say(f"{'total':<20} {seconds:8.1f} s  {cpu_seconds:8.1f} s CPU  {rows:>10,} rows  "
        f"peak memory {peak_memory_mb():,.0f} MiB")
    message = f"已生成演示数据：{rows} 行，用时 {elapsed} 秒 / demo data built: {rows} rows in {elapsed} s"
    if ctx.notes:
        message += "\n" + "\n".join(ctx.notes)
    return {
        "created": True,
        "scale": scale,
        "seed": seed,
        "counts": counts,
        "rows": rows,
        "phase_seconds": phases,
        "phase_cpu_seconds": phases_cpu,
        "seconds": seconds,
        "cpu_seconds": cpu_seconds,
        "peak_memory_mb": round(peak_memory_mb()),
        "deleted": deleted,
        "message": message,
    }


#: The build's SQLite page cache (a province's indexes are some hundreds of MiB).
BUILD_CACHE_KIB = 256 * 1024


def _rows(counts: dict[str, int]) -> int:
    return sum(v for k, v in counts.items() if k not in ("cities", "counties"))


def _phase_line(name: str, wall: float, cpu: float, rows: int) -> str:
    return f"{name:<20} {wall:8.1f} s  {cpu:8.1f} s CPU  {rows:>10,} rows"
