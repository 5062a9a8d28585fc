"""Chain templates (产业链模板): segments from upstream to downstream, their rules, and the supply edges between them.

A template is plain data, read from YAML or Excel by the application and checked here:

* every segment has a unique key and name, a known position, and well-formed industry codes;
* a sub-segment's parent exists and lies in the same chain (no cycles of parents);
* every edge names two existing, different segments (no dangling or repeated edges);
* every segment is reachable: from a segment without suppliers, following supply edges and parent → child
  links, and the chain is one connected map, not two.

`template_from_dict` reports every problem at once, each with its place, e.g. ``segments[2].position``.
"""

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final

from clusterdesk.core.exceptions import CoreError

__all__ = [
    "POSITIONS",
    "ChainTemplate",
    "EdgeTemplate",
    "SegmentTemplate",
    "TemplateError",
    "template_errors",
    "template_from_dict",
    "template_to_dict",
]

POSITIONS: Final = ("upstream", "midstream", "downstream")
_CODE = re.compile(r"^[A-T](\d{2}|\d{3}|\d{4})?$")


class TemplateError(CoreError):
    """A chain template is invalid; `problems` lists every ``(place, message)``."""

    def __init__(self, problems: Sequence[tuple[str, str]]) -> None:
        self.problems = list(problems)
        super().__init__("；".join(f"{place}: {message}" for place, message in self.problems))


@dataclass(frozen=True)
class SegmentTemplate:
    """One segment (环节): identified by ``key``; codes are GB/T 4754 prefixes such as ``C3841`` or ``C384``."""

    key: str
    name: str
    position: str
    parent: str | None = None
    codes: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    exclusions: tuple[str, ...] = ()
    description: str = ""


@dataclass(frozen=True)
class EdgeTemplate:
    """Segment ``source`` supplies segment ``target``."""

    source: str
    target: str
    description: str = ""


@dataclass(frozen=True)
class ChainTemplate:
    """A whole chain map."""

    name: str
    segments: tuple[SegmentTemplate, ...]
    edges: tuple[EdgeTemplate, ...] = ()
    description: str = ""
    cluster: str = ""
    meta: Mapping[str, Any] = field(default_factory=dict)


def _words(value: Any, place: str, problems: list[tuple[str, str]]) -> tuple[str, ...]:
    if value is None or value == "":
        return ()
    if isinstance(value, str):
        value = re.split(r"[,，;；、\n]", value)
    if not isinstance(value, Sequence):
        problems.append((place, "应为词语列表"))
        return ()
    return tuple(dict.fromkeys(str(v).strip() for v in value if str(v).strip()))


def _segment(raw: Any, i: int, problems: list[tuple[str, str]]) -> SegmentTemplate | None:
    place = f"segments[{i}]"
    if not isinstance(raw, Mapping):
        problems.append((place, "应为包含 key、name、position 的映射"))
        return None
    name = str(raw.get("name") or "").strip()
    key = str(raw.get("key") or name).strip()
    position = str(raw.get("position") or "").strip().lower()
    if not name:
        problems.append((f"{place}.name", "缺少环节名称"))
    if position not in POSITIONS:
        problems.append((f"{place}.position", f"应为 {'/'.join(POSITIONS)} 之一，实为 {position!r}"))
    codes = _words(raw.get("codes"), f"{place}.codes", problems)
    for code in codes:
        if not _CODE.match(code):
            problems.append((f"{place}.codes", f"行业代码 {code!r} 不是 GB/T 4754 的门类字母加 2–4 位数字"))
    parent = str(raw.get("parent") or "").strip() or None
    return SegmentTemplate(
        key=key,
        name=name,
        position=position,
        parent=parent,
        codes=codes,
        keywords=_words(raw.get("keywords"), f"{place}.keywords", problems),
        exclusions=_words(raw.get("exclusions"), f"{place}.exclusions", problems),
        description=str(raw.get("description") or ""),
    )


def template_errors(template: ChainTemplate) -> list[tuple[str, str]]:
    """Every structural problem of a template: duplicates, dangling edges, unreachable segments.

    Parameters
    ----------
    template : ChainTemplate

    Returns
    -------
    list of (str, str)
        ``(place, message)`` pairs; empty when the template is sound.

    Examples
    --------
    >>> a = SegmentTemplate("a", "材料", "upstream")
    >>> b = SegmentTemplate("b", "整机", "downstream")
    >>> template_errors(ChainTemplate("链", (a, b), (EdgeTemplate("a", "b"),)))
    []
    >>> template_errors(ChainTemplate("链", (a, b), (EdgeTemplate("a", "x"),)))[0]
    ('edges[0].target', '环节 x 不存在')
    """
    problems: list[tuple[str, str]] = []
    keys: dict[str, int] = {}
    names: dict[str, int] = {}
    for i, seg in enumerate(template.segments):
        if seg.key in keys:
            problems.append((f"segments[{i}].key", f"与 segments[{keys[seg.key]}] 重复：{seg.key}"))
        if seg.name in names:
            problems.append((f"segments[{i}].name", f"与 segments[{names[seg.name]}] 重复：{seg.name}"))
        keys.setdefault(seg.key, i)
        names.setdefault(seg.name, i)
    for i, seg in enumerate(template.segments):
        if seg.parent is not None and seg.parent not in keys:
            problems.append((f"segments[{i}].parent", f"上级环节 {seg.parent} 不存在"))
    problems += _parent_cycles(template, keys)
    seen_edges: dict[tuple[str, str], int] = {}
    for i, edge in enumerate(template.edges):
        for end in ("source", "target"):
            if getattr(edge, end) not in keys:
                problems.append((f"edges[{i}].{end}", f"环节 {getattr(edge, end)} 不存在"))
        if edge.source == edge.target:
            problems.append((f"edges[{i}]", f"环节 {edge.source} 不能供给自身"))
        pair = (edge.source, edge.target)
        if pair in seen_edges:
            problems.append((f"edges[{i}]", f"与 edges[{seen_edges[pair]}] 重复"))
        seen_edges.setdefault(pair, i)
    if not problems:
        problems += _unreachable(template, keys)
    return problems


def _parent_cycles(template: ChainTemplate, keys: Mapping[str, int]) -> list[tuple[str, str]]:
    parent = {seg.key: seg.parent for seg in template.segments if seg.parent in keys}
    problems = []
    for start in parent:
        node: str | None = start
        for _ in range(len(parent) + 1):
            node = parent.get(node) if node is not None else None
            if node == start:
                problems.append((f"segments[{keys[start]}].parent", f"上级环节形成循环：{start}"))
                break
    return problems


def _unreachable(template: ChainTemplate, keys: Mapping[str, int]) -> list[tuple[str, str]]:
    forward: dict[str, set[str]] = {k: set() for k in keys}
    undirected: dict[str, set[str]] = {k: set() for k in keys}
    has_supplier = {edge.target for edge in template.edges} | {s.key for s in template.segments if s.parent}
    links = [(e.source, e.target) for e in template.edges] + [
        (s.parent, s.key) for s in template.segments if s.parent
    ]
    for a, b in links:
        forward[a].add(b)
        undirected[a].add(b)
        undirected[b].add(a)
    roots = [k for k in keys if k not in has_supplier]
    problems = []
    for key in sorted(set(keys) - _reach(roots, forward), key=keys.__getitem__):
        problems.append((f"segments[{keys[key]}]", f"环节 {key} 无法从任何源头环节沿供给关系到达"))
    if len(keys) > 1 and not problems:
        first = next(iter(keys))
        for key in sorted(set(keys) - _reach([first], undirected), key=keys.__getitem__):
            problems.append((f"segments[{keys[key]}]", f"环节 {key} 与链条其他部分不相连"))
    return problems


def _reach(starts: Sequence[str], graph: Mapping[str, set[str]]) -> set[str]:
    seen = set(starts)
    stack = list(starts)
    while stack:
        for nxt in graph[stack.pop()]:
            if nxt not in seen:
                seen.add(nxt)
                stack.append(nxt)
    return seen


def template_from_dict(data: Mapping[str, Any]) -> ChainTemplate:
    """Read and validate a template from plain data (as loaded from YAML or an Excel workbook).

    Parameters
    ----------
    data : mapping
        ``name``, optional ``description`` and ``cluster``, ``segments`` (each with ``key``, ``name``,
        ``position``, optional ``parent``, ``codes``, ``keywords``, ``exclusions``; word lists may be one string
        separated by 、，; ) and ``edges`` (``source``, ``target`` as segment keys, optional ``description``).

    Returns
    -------
    ChainTemplate

    Raises
    ------
    TemplateError
        Listing every problem with its place.

    Examples
    --------
    >>> t = template_from_dict({"name": "锂电池产业链",
    ...     "segments": [{"key": "cathode", "name": "正极材料", "position": "upstream", "keywords": "正极、磷酸铁锂"},
    ...                  {"key": "cell", "name": "电芯", "position": "midstream", "codes": ["C3841"]}],
    ...     "edges": [{"source": "cathode", "target": "cell"}]})
    >>> t.segments[0].keywords
    ('正极', '磷酸铁锂')
    >>> try:
    ...     template_from_dict({"name": "x", "segments": [{"name": "a", "position": "up"}]})
    ... except TemplateError as err:
    ...     err.problems
    [('segments[0].position', "应为 upstream/midstream/downstream 之一，实为 'up'")]
    """
    problems: list[tuple[str, str]] = []
    name = str(data.get("name") or "").strip()
    if not name:
        problems.append(("name", "缺少产业链名称"))
    raw_segments = data.get("segments") or []
    if not isinstance(raw_segments, Sequence) or isinstance(raw_segments, str) or not raw_segments:
        problems.append(("segments", "至少需要一个环节"))
        raw_segments = []
    segments = [s for i, raw in enumerate(raw_segments) if (s := _segment(raw, i, problems)) is not None]
    edges = []
    for i, raw in enumerate(data.get("edges") or []):
        if not isinstance(raw, Mapping) or not raw.get("source") or not raw.get("target"):
            problems.append((f"edges[{i}]", "应包含 source 与 target"))
            continue
        edges.append(EdgeTemplate(str(raw["source"]).strip(), str(raw["target"]).strip(),
                                  str(raw.get("description") or "")))
    template = ChainTemplate(name, tuple(segments), tuple(edges), str(data.get("description") or ""),
                             str(data.get("cluster") or ""))
    if not problems:
        problems = template_errors(template)
    if problems:
        raise TemplateError(problems)
    return template


def template_to_dict(template: ChainTemplate) -> dict[str, Any]:
    """Plain data for YAML or Excel export; `template_from_dict` reads it back unchanged.

    Parameters
    ----------
    template : ChainTemplate

    Returns
    -------
    dict

    Examples
    --------
    >>> t = ChainTemplate("链", (SegmentTemplate("a", "材料", "upstream", keywords=("钢",)),))
    >>> template_from_dict(template_to_dict(t)) == t
    True
    """
    out: dict[str, Any] = {"name": template.name}
    if template.cluster:
        out["cluster"] = template.cluster
    if template.description:
        out["description"] = template.description
    out["segments"] = [
        {
            "key": s.key,
            "name": s.name,
            "position": s.position,
            **({"parent": s.parent} if s.parent else {}),
            "codes": list(s.codes),
            "keywords": list(s.keywords),
            "exclusions": list(s.exclusions),
            **({"description": s.description} if s.description else {}),
        }
        for s in template.segments
    ]
    out["edges"] = [
        {"source": e.source, "target": e.target, **({"description": e.description} if e.description else {})}
        for e in template.edges
    ]
    return out
