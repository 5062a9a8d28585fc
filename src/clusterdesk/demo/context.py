"""What the phases of one demo build share: the seed and sizes, the seeded streams, counts, ids, the in-memory world.

The demo build (`clusterdesk.demo.generator.build_demo`) creates one `DemoContext` and hands it to every phase the
apps registered (`clusterdesk.common.registry.DemoPhase`). A phase reads what earlier phases left on the context
(the regions, parks, enterprises in memory, with their database ids) and leaves what later phases need; it adds its
row counts to ``counts`` and what a later deletion needs to ``ids``. Phases write their rows in bulk through `Sink`
(model instances) or `RowSink` (plain tuples, for the largest tables).

Every random draw comes from a stream named by the phase (`DemoContext.rng`), derived from the seed: the same seed
gives the same data on every run and on every database.
"""

from __future__ import annotations

import datetime as dt
import random
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import accumulate
from typing import Any

from django.db import connection
from django.utils import timezone
from tqdm import tqdm

from .spec import CITY_POOLS, CITY_WEIGHTS, MANUFACTURING_WEIGHTS, SERVICES, ClusterSpec, SegmentSpec

__all__ = [
    "BATCH_SIZE",
    "REFERENCE_DATE",
    "DemoCity",
    "DemoCluster",
    "DemoContext",
    "DemoCounty",
    "DemoDataError",
    "DemoEnterprise",
    "DemoPark",
    "DemoSegment",
    "DemoSize",
    "Progress",
    "RowSink",
    "Sink",
    "choice_cum",
    "reserve_ids",
    "weighted",
]

#: "Today" for the demonstration data: reports run up to the month before it. Fixed for determinism.
REFERENCE_DATE = dt.date(2026, 11, 1)
BATCH_SIZE = 5000


class DemoDataError(RuntimeError):
    """The demonstration data cannot be built (reference data missing or inconsistent)."""


@dataclass(frozen=True)
class DemoSize:
    """How much to generate. ``cities`` None means every city of the province.

    ``milestones`` selects the milestone template: 20 gives the full list, anything less the short one (8).
    """

    cities: tuple[str, ...] | None
    max_counties: int | None
    parks: int
    enterprises: int
    projects: int
    milestones: int
    report_years: int


def choice_cum(rng: random.Random, items: Sequence, cum: Sequence[float]):
    """One of ``items`` drawn with the cumulative weights ``cum``."""
    return items[bisect_right(cum, rng.random() * cum[-1])]


def weighted(rng: random.Random, pairs) -> Any:
    """One item of ``(item, weight)`` pairs, drawn by weight."""
    items = [p[0] for p in pairs]
    cum = list(accumulate(p[1] for p in pairs))
    return choice_cum(rng, items, cum)


# ---------------------------------------------------------------------------------------------------------
# The in-memory world the phases share
# ---------------------------------------------------------------------------------------------------------


@dataclass(slots=True, eq=False)
class DemoCity:
    code: str
    name: str
    short: str
    pk: int
    counties: list = field(default_factory=list)
    clusters: list = field(default_factory=list)
    parks: list = field(default_factory=list)


@dataclass(slots=True, eq=False)
class DemoCounty:
    code: str
    name: str
    full_name: str
    short: str
    pk: int
    city: DemoCity
    lon: float | None
    lat: float | None
    weight: float = 1.0
    parks: list = field(default_factory=list)


@dataclass(slots=True, eq=False)
class DemoSegment:
    spec: SegmentSpec
    cluster: DemoCluster
    chain_index: int
    pk: int = 0


@dataclass(slots=True, eq=False)
class DemoCluster:
    spec: ClusterSpec
    city: DemoCity
    pk: int = 0
    segments: list = field(default_factory=list)
    chain_segments: list = field(default_factory=list)  # per chain, the list of DemoSegment


@dataclass(slots=True, eq=False)
class DemoPark:
    name: str
    short: str
    level: str
    park_type: str
    county: DemoCounty
    leading: tuple[str, ...]
    featured: tuple[str, ...]
    established_year: int
    featured_status: str
    weight: float = 1.0
    pk: int = 0

    def matches(self, industry_code: str) -> bool:
        return any(industry_code.startswith(code) for code in self.leading + self.featured)


@dataclass(slots=True, eq=False)
class DemoEnterprise:
    county: DemoCounty
    park: DemoPark | None
    industry: str
    segments: list
    revenue_cents: int
    established: dt.date
    leader: bool = False
    key: bool = False
    name: str = ""
    uscc: str = ""
    pk: int = 0

    @property
    def above_scale(self) -> bool:
        return self.revenue_cents >= 2000_00


# ---------------------------------------------------------------------------------------------------------
# Writing in bulk
# ---------------------------------------------------------------------------------------------------------


class Progress:
    """A tqdm bar when progress is wanted, a no-op otherwise."""

    def __init__(self, enabled: bool):
        self.enabled = enabled

    def bar(self, desc: str, total: int | None = None):
        return tqdm(total=total, desc=desc, unit="行", disable=not self.enabled, leave=True, dynamic_ncols=True)


class Sink:
    """Collects model instances and bulk-inserts them in batches (``on_flush(start, batch)`` sees their ids)."""

    def __init__(self, model, bar, size: int = BATCH_SIZE, on_flush: Callable | None = None):
        self.model, self.bar, self.size, self.on_flush = model, bar, size, on_flush
        self.buffer: list = []
        self.count = 0

    def add(self, obj) -> None:
        self.buffer.append(obj)
        if len(self.buffer) >= self.size:
            self.flush()

    def flush(self) -> None:
        if self.buffer:
            self.model.objects.bulk_create(self.buffer, batch_size=self.size)
            if self.on_flush is not None:
                self.on_flush(self.count, self.buffer)
            self.count += len(self.buffer)
            self.bar.update(len(self.buffer))
            self.buffer = []


class RowSink:
    """Inserts plain tuples of ``fields`` into ``model``'s table in batches, for tables of hundreds of thousands.

    The columns not named get what ``Model(...)`` and ``bulk_create`` would give them: the field's default, or the
    time of the write for ``auto_now``/``auto_now_add`` fields. Values are passed as the database adapter takes them
    (dates, `Decimal`, str, int, bool, None), as Django passes them; JSON and datetime values are prepared as Django
    prepares them.
    As with ``bulk_create``, no signal is sent; unlike it, no ids come back: use it for rows nobody refers to.
    """

    def __init__(self, model, fields: Sequence[str], bar=None, size: int = BATCH_SIZE):
        opts = model._meta
        named = [opts.get_field(name) for name in fields]
        rest = [f for f in opts.concrete_fields if not f.primary_key and f not in named]
        self._timestamps = [getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False) for f in rest]
        self._rest = rest
        self._constants = [None if stamp else f.get_db_prep_save(f.get_default(), connection)
                           for f, stamp in zip(rest, self._timestamps, strict=True)]
        self._encoders = [self._encoder(f) for f in named]
        columns = ", ".join(connection.ops.quote_name(f.column) for f in named + rest)
        marks = ", ".join(["%s"] * (len(named) + len(rest)))
        self.sql = f"INSERT INTO {connection.ops.quote_name(opts.db_table)} ({columns}) VALUES ({marks})"
        self.bar, self.size = bar, size
        self.buffer: list[tuple] = []
        self.count = 0

    @staticmethod
    def _encoder(f) -> Callable | None:
        """How a value of ``f`` is prepared for the database where the adapter alone would store it otherwise:
        JSON encoded, aware datetimes made naive in the connection's zone (SQLite), as Django does."""
        if f.get_internal_type() in ("JSONField", "DateTimeField", "TimeField", "DurationField", "UUIDField"):
            return lambda value: f.get_db_prep_save(value, connection)
        return None

    def add(self, row: tuple) -> None:
        self.buffer.append(row)
        if len(self.buffer) >= self.size:
            self.flush()

    def flush(self) -> None:
        if not self.buffer:
            return
        now = timezone.now()
        suffix = tuple(f.get_db_prep_save(now, connection) if stamp else value
                       for f, stamp, value in zip(self._rest, self._timestamps, self._constants, strict=True))
        encoders = self._encoders
        if any(encoders):
            rows = [tuple(e(v) if e else v for e, v in zip(encoders, row, strict=True)) + suffix
                    for row in self.buffer]
        else:
            rows = [row + suffix for row in self.buffer]
        with connection.cursor() as cursor:
            cursor.executemany(self.sql, rows)
        self.count += len(rows)
        if self.bar is not None:
            self.bar.update(len(rows))
        self.buffer = []


def reserve_ids(model, count: int) -> int:
    """The first of ``count`` consecutive ids the database would give the next rows of ``model``, taken for them.

    Rows written with these ids through `RowSink` get the ids ``bulk_create`` would have given them: on SQLite the
    next value of the table's AUTOINCREMENT sequence (which the insert then moves on), on PostgreSQL the next
    values of its sequence (moved past them here).
    """
    if count <= 0:
        return 0
    table, pk = model._meta.db_table, model._meta.pk.column
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_get_serial_sequence(%s, %s)", [table, pk])
            (sequence,) = cursor.fetchone()
            cursor.execute("SELECT nextval(%s)", [sequence])
            (first,) = cursor.fetchone()
            if count > 1:
                cursor.execute("SELECT setval(%s, %s)", [sequence, first + count - 1])
            return first
        cursor.execute(f"SELECT max({quote(pk)}) FROM {quote(table)}")
        top = cursor.fetchone()[0] or 0
        if connection.vendor == "sqlite":
            cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
            row = cursor.fetchone()
            top = max(top, row[0] if row else 0)
        return top + 1


# ---------------------------------------------------------------------------------------------------------
# The context
# ---------------------------------------------------------------------------------------------------------


class DemoContext:
    """The state of one build, handed to every phase in turn (see the module docstring)."""

    def __init__(self, *, scale: str, sizes: DemoSize, seed: int, progress: bool, province_code: str,
                 reference_date: dt.date = REFERENCE_DATE):
        self.scale, self.sizes, self.seed = scale, sizes, seed
        self.province_code = province_code
        self.reference_date = reference_date
        self.progress = Progress(progress)
        self.window = sizes.report_years * 12
        self.ref_month = reference_date.year * 12 + reference_date.month - 1
        self.window_first = self.ref_month - self.window
        self.counts: dict[str, int] = {}
        self.ids: dict[str, Any] = {}
        self.notes: list[str] = []
        self._streams: dict[str, random.Random] = {}
        # Filled by the phases, in order: regions, industry codes, clusters, parks, enterprises, projects, accounts.
        self.province_pk = 0
        self.region_pk: dict[str, int] = {}
        self.province_county_pks: list[int] = []
        self.cities: dict[str, DemoCity] = {}
        self.counties: dict[str, DemoCounty] = {}
        self.city_list: list[DemoCity] = []
        self.city_cum: list[float] = []
        self.industry_pk: dict[str, int] = {}
        self.industry_name: dict[str, str] = {}
        self.classes: list[str] = []
        self.clusters: list[DemoCluster] = []
        self.segments: list[DemoSegment] = []
        self.parks: list[DemoPark] = []
        self.ents: list[DemoEnterprise] = []
        self.plans: list[Any] = []
        self.users: dict[str, int] = {}
        self._under: dict[str, list[str]] = {}
        self._park_cache: dict[tuple[str, str], tuple[list, list[float]]] = {}

    def rng(self, name: str) -> random.Random:
        """The seeded stream ``name``: the same object for the whole build, so a stream continues across phases."""
        stream = self._streams.get(name)
        if stream is None:
            stream = self._streams[name] = random.Random(f"clusterdesk-demo:{self.seed}:{name}")
        return stream

    # -- draws over the world -------------------------------------------------------------------------------

    def classes_under(self, prefix: str) -> list[str]:
        found = self._under.get(prefix)
        if found is None:
            found = [c for c in self.classes if c.startswith(prefix)] or [prefix]
            self._under[prefix] = found
        return found

    def choose_city(self, rng: random.Random) -> DemoCity:
        return choice_cum(rng, self.city_list, self.city_cum)

    def choose_county(self, rng: random.Random, city: DemoCity) -> DemoCounty:
        return weighted(rng, [(c, c.weight) for c in city.counties])

    def general_industry(self, rng: random.Random, city: DemoCity, services: float) -> str:
        if rng.random() < services:
            return rng.choice(self.classes_under(weighted(rng, SERVICES)))
        pool = CITY_POOLS.get(city.code, ())
        if pool and rng.random() < 0.55:
            return rng.choice(self.classes_under(rng.choice(pool)))
        return rng.choice(self.classes_under(weighted(rng, MANUFACTURING_WEIGHTS.items())))

    def choose_park(self, rng: random.Random, city: DemoCity, industry: str,
                    match_factor: float = 6.0) -> DemoPark | None:
        key = (city.code, industry)
        cached = self._park_cache.get(key)
        if cached is None:
            parks = [p for p in city.parks if p.park_type != "bonded" or industry.startswith("C39")]
            weights = [p.weight * (match_factor if p.matches(industry) else 1.0) for p in parks]
            cached = (parks, list(accumulate(weights)))
            self._park_cache[key] = cached
        parks, cum = cached
        return choice_cum(rng, parks, cum) if parks else None

    def set_city_weights(self) -> None:
        """The cumulative city weights `choose_city` draws with (after the regions phase)."""
        self.city_list = list(self.cities.values())
        self.city_cum = list(accumulate(CITY_WEIGHTS.get(c.code, 3.0) for c in self.city_list))
