"""Text intake against the register: the gazetteer of known names in a user's scope, linking, drafts.

Views and the CLI call `analyse_text`; it normalises with OpenCC, finds entities with the core extractor
(known names matched with an Aho-Corasick automaton), links the rest with rapidfuzz and builds the drafts.
"""

import datetime
import time
from collections.abc import Iterator, Sequence

import ahocorasick
import numpy as np
from rapidfuzz import fuzz, process

from clusterdesk.common.text import t2s
from clusterdesk.core.text import (
    DEFAULT_LINK_THRESHOLD,
    Gazetteer,
    KnownName,
    draft_records,
    extract_entities,
    link_entities,
    normalize_text,
    region_aliases,
)
from clusterdesk.intake.ner import lac_tagger

__all__ = ["AhoCorasickGazetteer", "analyse_text", "rapidfuzz_matcher", "rapidfuzz_matcher_many", "register_gazetteer",
           "t2s"]

GAZETTEER_SECONDS = 300


class AhoCorasickGazetteer(Gazetteer):
    """The core gazetteer, matched with pyahocorasick: the same longest-first results, fast for 100,000s of names."""

    def __init__(self, names=()) -> None:
        super().__init__(names)
        self._automaton = ahocorasick.Automaton()
        for index, known in enumerate(self.known_names()):
            self._automaton.add_word(known.text, index)
        self._by_index = self.known_names()
        if self._by_index:
            self._automaton.make_automaton()

    def finditer(self, text: str) -> Iterator[tuple[KnownName, int]]:
        if not self._by_index:
            return
        for end, index in self._automaton.iter_long(text):
            known = self._by_index[index]
            yield known, end - len(known.text) + 1


def rapidfuzz_matcher(query: str, choices: Sequence[str], limit: int) -> list[tuple[int, float]]:
    """Best ``limit`` choices by rapidfuzz's normalised similarity (0–100)."""
    return [(index, round(score, 1)) for _, score, index in process.extract(query, choices, scorer=fuzz.ratio,
                                                                             limit=limit)]


def rapidfuzz_matcher_many(queries: Sequence[str], choices: Sequence[str], limit: int) -> list[list[tuple[int, float]]]:
    """`rapidfuzz_matcher` for several queries in one pass over the choices (rapidfuzz's ``cdist``, which scores
    short strings several at a time): the same candidates, best first, ties by position, as ``process.extract``.
    """
    if not queries:
        return []
    scores = process.cdist(queries, choices, scorer=fuzz.ratio, dtype=np.float64, workers=1)
    best = []
    for row in scores:
        if len(row) > limit:  # the limit-th best score; everything above it, then the first of those equal to it
            kth = np.partition(row, len(row) - limit)[len(row) - limit]
            above = np.flatnonzero(row > kth)
            top = np.concatenate([above, np.flatnonzero(row == kth)[: limit - len(above)]])
        else:
            top = np.arange(len(row))
        order = sorted(top.tolist(), key=lambda i: (-row[i], i))
        best.append([(i, round(float(row[i]), 1)) for i in order])
    return best


#: Region names that are placeholders in GB/T 2260 listings rather than places people write.
PLACEHOLDER_REGIONS = frozenset({"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划",
                                 "城区", "郊区", "矿区"})


def region_known_names(rows) -> list[KnownName]:
    """Known names of regions from (code, name, full name, level) rows: each name and its short form.

    A short form shared by a city and a county (长沙 for 长沙市 and 长沙县) names the higher level.
    """
    names = []
    rank = {"province": 2, "city": 1, "county": 0}
    for code, name, full_name, level in rows:
        if name in PLACEHOLDER_REGIONS:
            continue
        names.append(KnownName(name, "region", code, full_name or name, priority=rank.get(level, 0)))
        names += [KnownName(a, "region", code, full_name or name, alias=True, priority=rank.get(level, 0))
                  for a in region_aliases(name)]
    return names


def _region_names() -> list[KnownName]:
    from clusterdesk.regions.models import Region

    return region_known_names(Region.objects.values_list("code", "name", "full_name", "level"))


def _record_names(user) -> list[KnownName]:
    from clusterdesk.enterprises.models import Enterprise
    from clusterdesk.industry.models import Cluster
    from clusterdesk.parks.models import Park
    from clusterdesk.projects.models import Project

    def scoped(model):
        return model.objects.all() if user is None else model.objects.restrict(user, "view")

    names = []
    for pk, name, short, region in scoped(Park).values_list("pk", "name", "short_name", "region__code"):
        names.append(KnownName(name, "park", str(pk), name, region=region or ""))
        if short and len(short) >= 3:
            names.append(KnownName(short, "park", str(pk), name, alias=True, region=region or ""))
    for pk, name, region in scoped(Cluster).values_list("pk", "name", "region__code"):
        names.append(KnownName(name, "cluster", str(pk), name, region=region or ""))
    for uscc, name, region in scoped(Enterprise).values_list("uscc", "name", "region__code"):
        names.append(KnownName(name, "enterprise", uscc, name, region=region or ""))
    for code, name, region in scoped(Project).values_list("code", "name", "region__code"):
        if len(name) >= 4:
            names.append(KnownName(name, "project", code, name, region=region or ""))
    return names


_cache: dict[object, tuple[float, tuple, Gazetteer]] = {}


def _register_version() -> tuple:
    """Changes whenever a park, cluster, enterprise or project is added, removed or edited."""
    from django.db.models import Count, Max

    from clusterdesk.enterprises.models import Enterprise
    from clusterdesk.industry.models import Cluster
    from clusterdesk.parks.models import Park
    from clusterdesk.projects.models import Project

    return tuple(tuple(m.objects.aggregate(n=Count("pk"), top=Max("pk"), last=Max("last_updated")).values())
                 for m in (Park, Cluster, Enterprise, Project))


def register_gazetteer(user=None, *, fresh: bool = False) -> Gazetteer:
    """Known names of regions and of the records the user may see (all records when ``user`` is None).

    Built once and reused while the register is unchanged (for at most `GAZETTEER_SECONDS`).
    """
    key = None if user is None else user.pk
    version = _register_version()
    cached = _cache.get(key)
    if cached and not fresh and cached[1] == version and time.monotonic() - cached[0] < GAZETTEER_SECONDS:
        return cached[2]
    gazetteer = AhoCorasickGazetteer([*_region_names(), *_record_names(user)])
    _cache[key] = (time.monotonic(), version, gazetteer)
    return gazetteer


def analyse_text(raw: str, *, user=None, year: int | None = None, gazetteer: Gazetteer | None = None,
                 threshold: float = DEFAULT_LINK_THRESHOLD, link: bool = True, tagger=None) -> dict:
    """Normalise, extract, link and draft: everything the intake page and `clusterdesk intake` show.

    Dates without a year take the year of the article's own date line (发布时间：…), else ``year``, else this year. The
    sequence model is LAC (`clusterdesk.intake.ner.lac_tagger`) unless a ``tagger`` is passed. With
    ``link=False`` (no database) nothing is linked to the register.
    """
    normalized = normalize_text(raw, convert=t2s)
    gazetteer = gazetteer if gazetteer is not None else register_gazetteer(user)
    tagger = tagger if tagger is not None else lac_tagger()
    entities = extract_entities(normalized.text, gazetteer=gazetteer, tagger=tagger,
                                year=normalized.year or year or datetime.date.today().year)
    if link:
        link_entities(entities, gazetteer, matcher=rapidfuzz_matcher, matcher_many=rapidfuzz_matcher_many,
                      threshold=threshold)
    return {
        "normalized": normalized,
        "entities": entities,
        "drafts": draft_records(normalized.text, entities),
        "tagged": tagger is not None,
    }
