"""Linking entities found by pattern to existing records: exact name, alias, or a fuzzy match above a threshold.

The fuzzy scorer is passed in (the application passes rapidfuzz's ``WRatio``; the default here is the standard
library's `difflib`, scaled to 0–100 like rapidfuzz). An entity that matches nothing well enough is proposed as a
new record (``match="new"``), with the best candidates listed for the user to choose from.
"""

import difflib
from collections.abc import Callable, Sequence

from clusterdesk.core.text.extract import Entity
from clusterdesk.core.text.gazetteer import Gazetteer, KnownName  # noqa: F401  (the examples use KnownName)

__all__ = [
    "DEFAULT_LINK_THRESHOLD",
    "LINKED_TYPES",
    "ManyMatcher",
    "Matcher",
    "difflib_matcher",
    "link_entities",
    "region_within",
    "text_regions",
]

#: Fuzzy links need at least this score (0–100); a configurable default.
DEFAULT_LINK_THRESHOLD = 85.0
#: The entity types that name records of the register.
LINKED_TYPES = ("park", "cluster", "enterprise", "project", "region")

#: ``matcher(query, choices, limit)`` → up to ``limit`` (index into choices, score 0–100), best first.
Matcher = Callable[[str, Sequence[str], int], list[tuple[int, float]]]
#: ``many(queries, choices, limit)`` → for each query what ``matcher(query, choices, limit)`` would give, in one
#: pass over the choices (the application scores all of a text's names against the register at once).
ManyMatcher = Callable[[Sequence[str], Sequence[str], int], list[list[tuple[int, float]]]]


def difflib_matcher(query: str, choices: Sequence[str], limit: int) -> list[tuple[int, float]]:
    """Score each choice against the query with `difflib.SequenceMatcher` (0–100), best first.

    Parameters
    ----------
    query : str
        The text to link.
    choices : sequence of str
        Known names.
    limit : int
        How many to return.

    Returns
    -------
    list of (int, float)

    Examples
    --------
    >>> difflib_matcher("长沙经开区", ["长沙经济技术开发区", "株洲高新区", "长沙经开区管委会"], 2)
    [(2, 76.9), (0, 71.4)]
    """
    scored = [(i, round(100 * difflib.SequenceMatcher(None, query, c).ratio(), 1)) for i, c in enumerate(choices)]
    return sorted(scored, key=lambda pair: -pair[1])[:limit]


def _prefix(code: str) -> str:
    code = code.strip()
    while len(code) > 2 and code.endswith("00"):
        code = code[:-2]
    return code


def region_within(code: str, regions: Sequence[str]) -> bool:
    """Whether a region code lies within, or contains, one of ``regions`` (GB/T 2260 codes).

    Parameters
    ----------
    code : str
        A record's region code.
    regions : sequence of str
        The regions a text is about.

    Returns
    -------
    bool

    Examples
    --------
    >>> region_within("430102", ["430100"]), region_within("430000", ["430102"]), region_within("210100", ["430000"])
    (True, True, False)
    """
    mine = _prefix(code)
    return any(mine.startswith(p) or p.startswith(mine) for p in map(_prefix, regions))


def text_regions(entities: Sequence[Entity]) -> list[str]:
    """The regions a text is about: the codes of the regions it names, most named first.

    Parameters
    ----------
    entities : sequence of Entity
        From `extract_entities`.

    Returns
    -------
    list of str

    Examples
    --------
    >>> text_regions([Entity("region", "辽宁", 0, 2, "210000"), Entity("region", "沈阳", 5, 7, "210100"),
    ...               Entity("region", "沈阳", 9, 11, "210100")])
    ['210100', '210000']
    """
    counts: dict[str, int] = {}
    for e in entities:
        if e.type == "region" and isinstance(e.value, str):
            counts[e.value] = counts.get(e.value, 0) + 1
    return sorted(counts, key=lambda code: -counts[code])


def link_entities(
    entities: Sequence[Entity],
    gazetteer: Gazetteer,
    *,
    matcher: Matcher = difflib_matcher,
    threshold: float = DEFAULT_LINK_THRESHOLD,
    limit: int = 3,
    regions: Sequence[str] | None = None,
    matcher_many: ManyMatcher | None = None,
) -> list[Entity]:
    """Link each pattern-found entity of a linked type to a known record, or propose it as new.

    Parameters
    ----------
    entities : sequence of Entity
        From `extract_entities`; entities already linked (known names) are left as they are.
    gazetteer : Gazetteer
        The known names.
    matcher : callable
        The fuzzy scorer (see `Matcher`).
    threshold : float
        The lowest score that links (0–100).
    limit : int
        How many candidates to keep on each entity.
    regions : sequence of str, optional
        The regions the text is about (GB/T 2260 codes); by default those it names (`text_regions`). Fuzzy
        links and candidates are only records in, or around, these regions (records without a region pass).
    matcher_many : callable, optional
        Scores several names in one pass (see `ManyMatcher`); the same results as ``matcher``, faster on a
        register of 100,000s of names. Each distinct name is scored once either way.

    Returns
    -------
    list of Entity
        The same entities, updated in place, with ``match`` set to ``exact``, ``alias``, ``fuzzy`` or ``new``,
        and ``reason``: ``name`` (a record's own name), ``alias`` (a record's short name), ``similar`` (a similar
        name above the threshold), ``similar-in-region`` (the same, among the records of the regions the text
        names), ``below-threshold`` (nothing similar enough) or ``none-in-region`` (no record of this type in
        those regions).

    Examples
    --------
    >>> g = Gazetteer([KnownName("长沙经济技术开发区", "park", "7", "长沙经济技术开发区")])
    >>> e = link_entities([Entity("park", "长沙经济技术开发区管委会", 0, 12)], g, threshold=80)[0]
    >>> e.match, e.key, e.score
    ('fuzzy', '7', 85.7)
    >>> link_entities([Entity("park", "某某产业园", 0, 5)], g)[0].match
    'new'

    A record of another province is no candidate for a text about Liaoning:

    >>> g = Gazetteer([KnownName("株洲工程机械产业集群", "cluster", "3", "株洲工程机械产业集群", region="430200")])
    >>> found = [Entity("region", "辽宁", 0, 2, "210000"), Entity("cluster", "辽宁工程机械产业集群", 3, 13)]
    >>> e = link_entities(found, g, threshold=60)[1]
    >>> e.match, e.candidates, e.reason
    ('new', [], 'none-in-region')
    """
    about = list(regions) if regions is not None else text_regions(entities)
    pending: list[Entity] = []
    for entity in entities:
        if entity.match in ("exact", "alias") and entity.reason is None:
            entity.reason = "name" if entity.match == "exact" else "alias"
        if entity.match is not None or entity.type not in LINKED_TYPES:
            continue
        known = gazetteer.get(entity.text)
        if known is not None and known.type == entity.type:
            entity.key, entity.canonical, entity.score = known.key, known.canonical, 100.0
            entity.match = "alias" if known.alias else "exact"
            entity.reason = "alias" if known.alias else "name"
            continue
        pending.append(entity)
    best_of: dict[tuple[str, str], list[tuple[int, float]]] = {}  # the same name twice in a text is scored once
    for entity_type in dict.fromkeys(e.type for e in pending):
        names, texts = gazetteer.names_within(entity_type, about, region_within)
        queries = list(dict.fromkeys(e.text for e in pending if e.type == entity_type))
        if not names:
            scored: list[list[tuple[int, float]]] = [[] for _ in queries]
        elif matcher_many is not None:
            scored = matcher_many(queries, texts, limit)
        else:
            scored = [matcher(query, texts, limit) for query in queries]
        best_of.update(((entity_type, query), best) for query, best in zip(queries, scored, strict=True))
    for entity in pending:
        names = gazetteer.names_within(entity.type, about, region_within)[0]
        best = best_of[(entity.type, entity.text)]
        entity.candidates = [(names[i].key, names[i].canonical, score) for i, score in best]
        if best and best[0][1] >= threshold:
            top = names[best[0][0]]
            entity.key, entity.canonical, entity.score, entity.match = top.key, top.canonical, best[0][1], "fuzzy"
            entity.reason = "similar-in-region" if about else "similar"
        else:
            entity.match = "new"
            entity.reason = "none-in-region" if about and not names else "below-threshold"
    return list(entities)
