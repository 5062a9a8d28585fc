"""What the phases of one demo build share: the seed and sizes, the seeded streams, counts, ids, the in-memory world.

The demo build (`clusterdesk.demo.generator.build_demo`) creates one `DemoContext` and hands it to every phase the
apps registered (`clusterdesk.common.registry.DemoPhase`). A phase reads what earlier phases left on the context
(the regions, parks, enterprises in memory, with their database ids) and leaves what later phases need; it adds its
row counts to ``counts`` and what a later deletion needs to ``ids``. Phases write their rows in bulk through `Sink`
(model instances) or `clusterdesk.common.bulk.RowSink` (plain tuples, for the largest tables).

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

from tqdm import tqdm

from clusterdesk.common.bulk import BATCH_SIZE, RowSink, reserve_ids

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


_SERVICE_DRAW = ([code for code, _ in SERVICES], list(accumulate(w for _, w in SERVICES)))
_MANUFACTURING_DRAW = (list(MANUFACTURING_WEIGHTS), list(accumulate(MANUFACTURING_WEIGHTS.values())))


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
        self._county_cum: dict[str, list[float]] = {}

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
        cum = self._county_cum.get(city.code)
        if cum is None:  # the same cumulative weights `weighted` would build on every draw
            cum = self._county_cum[city.code] = list(accumulate(c.weight for c in city.counties))
        return choice_cum(rng, city.counties, cum)

    def general_industry(self, rng: random.Random, city: DemoCity, services: float) -> str:
        if rng.random() < services:
            return rng.choice(self.classes_under(choice_cum(rng, *_SERVICE_DRAW)))
        pool = CITY_POOLS.get(city.code, ())
        if pool and rng.random() < 0.55:
            return rng.choice(self.classes_under(rng.choice(pool)))
        return rng.choice(self.classes_under(choice_cum(rng, *_MANUFACTURING_DRAW)))

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
