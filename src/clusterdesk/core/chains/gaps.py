"""Gap analysis of a chain in a region (补链、延链) and the local supporting rate (本地配套率).

Strength of a segment in a region: enterprises mapped to it, their output, how many are above designated size
and how many are chain leaders (链主). With configurable thresholds (`GapThresholds`):

* ``missing``: no enterprise;
* ``weak``: fewer enterprises than ``min_enterprises`` or a share of the chain's local output below
  ``min_output_share``;
* ``covered``: otherwise; a covered segment is ``strong`` when it has a chain leader or at least
  ``strong_output_share`` of the chain's output.

Completeness is covered segments over all segments. 补链 targets are the missing and weak segments; 延链
targets are segments next to a strong one (its suppliers or customers along the supply edges) that are not
strong themselves. Candidates for a target come from outside the region and are ranked by size and fit.

The local supporting rate is the share of chain leaders' purchases bought from suppliers in the same city (or
province); purchases whose supplier region is unknown count as not local and are shown apart.
"""

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Final

from clusterdesk.core.exceptions import CoreError

__all__ = [
    "GAP_STATUSES",
    "Candidate",
    "ChainGaps",
    "GapThresholds",
    "Purchase",
    "SegmentGap",
    "SegmentStrength",
    "SupportingRate",
    "attraction_targets",
    "chain_gaps",
    "rank_candidates",
    "supporting_rates",
]

GAP_STATUSES: Final = ("covered", "weak", "missing")


@dataclass(frozen=True)
class GapThresholds:
    """Configurable thresholds of the gap analysis."""

    min_enterprises: int = 3
    min_output_share: float = 0.05
    strong_output_share: float = 0.20


@dataclass(frozen=True)
class SegmentStrength:
    """Local strength of one segment."""

    segment: str
    enterprises: int = 0
    output_wan: float = 0.0
    above_scale: int = 0
    leaders: int = 0


@dataclass(frozen=True)
class SegmentGap:
    """The verdict for one segment."""

    strength: SegmentStrength
    status: str
    output_share: float
    strong: bool
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True)
class ChainGaps:
    """The whole chain's verdict: per segment, completeness and the two target lists ``(segment, reason)``."""

    segments: tuple[SegmentGap, ...]
    completeness: float
    fill_targets: tuple[tuple[str, str], ...]
    extend_targets: tuple[tuple[str, str], ...]

    def by_segment(self) -> dict[str, SegmentGap]:
        """The verdicts keyed by segment."""
        return {g.strength.segment: g for g in self.segments}


def chain_gaps(
    segments: Sequence[str],
    edges: Iterable[tuple[str, str]],
    strengths: Mapping[str, SegmentStrength],
    thresholds: GapThresholds = GapThresholds(),
) -> ChainGaps:
    """Classify every segment and list the 补链 and 延链 targets.

    Parameters
    ----------
    segments : sequence of str
        Segment keys in display order.
    edges : iterable of (str, str)
        Supply edges (supplier, customer).
    strengths : mapping of str to SegmentStrength
        Missing keys count as no enterprise.
    thresholds : GapThresholds

    Returns
    -------
    ChainGaps

    Raises
    ------
    CoreError
        When an edge names an unknown segment.

    Examples
    --------
    >>> g = chain_gaps(["ore", "cell", "pack"], [("ore", "cell"), ("cell", "pack")],
    ...                {"cell": SegmentStrength("cell", 5, 900.0, 3, 1), "pack": SegmentStrength("pack", 1, 100.0)})
    >>> [(s.strength.segment, s.status) for s in g.segments]
    [('ore', 'missing'), ('cell', 'covered'), ('pack', 'weak')]
    >>> g.completeness, g.fill_targets[0][0], [s for s, _ in g.extend_targets]
    (0.3333333333333333, 'ore', ['ore', 'pack'])
    """
    known = set(segments)
    neighbours: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for source, target in edges:
        if source not in known or target not in known:
            raise CoreError(f"供给关系 {source} → {target} 指向不存在的环节")
        neighbours[source].append((target, "downstream"))
        neighbours[target].append((source, "upstream"))
    total_output = sum(strengths[s].output_wan for s in segments if s in strengths)
    verdicts = []
    for key in segments:
        st = strengths.get(key, SegmentStrength(key))
        if st.segment != key:  # the mapping's key names the segment
            st = replace(st, segment=key)
        share = st.output_wan / total_output if total_output > 0 else 0.0
        reasons = []
        if st.enterprises == 0:
            status = "missing"
        else:
            if st.enterprises < thresholds.min_enterprises:
                reasons.append(f"企业 {st.enterprises} 家，少于 {thresholds.min_enterprises} 家")
            if share < thresholds.min_output_share:
                reasons.append(f"产值占全链 {share:.1%}，低于 {thresholds.min_output_share:.0%}")
            status = "weak" if reasons else "covered"
        strong = status == "covered" and (st.leaders > 0 or share >= thresholds.strong_output_share)
        verdicts.append(SegmentGap(st, status, share, strong, tuple(reasons)))
    by_key = {v.strength.segment: v for v in verdicts}
    fill = tuple((v.strength.segment, "缺失环节" if v.status == "missing" else "薄弱：" + "；".join(v.reasons))
                 for v in verdicts if v.status != "covered")
    extend: list[tuple[str, str]] = []
    for v in verdicts:
        if v.strong:
            continue
        strong_next = [(n, side) for n, side in neighbours[v.strength.segment] if by_key[n].strong]
        if strong_next:
            n, side = strong_next[0]
            extend.append((v.strength.segment, f"优势环节「{n}」的{'下游' if side == 'upstream' else '上游'}"))
    covered = sum(v.status == "covered" for v in verdicts)
    return ChainGaps(tuple(verdicts), covered / len(verdicts) if verdicts else 0.0, fill, tuple(extend))


@dataclass(frozen=True)
class Candidate:
    """An enterprise outside the region that could fill a target segment."""

    enterprise: int
    segment: str
    output_wan: float
    fit: float
    region: str = ""
    name: str = ""
    score: float = 0.0


def rank_candidates(candidates: Iterable[Candidate], *, size_weight: float = 0.6, limit: int | None = 10
                    ) -> list[Candidate]:
    """Rank candidate enterprises for one segment by size (output) and fit (mapping score), best first.

    Each term is a percentile rank among the candidates (ties share the mean rank), so the weights are
    comparable: ``score = size_weight · rank(output) + (1 − size_weight) · rank(fit)``.

    Parameters
    ----------
    candidates : iterable of Candidate
    size_weight : float, default 0.6
        Between 0 and 1.
    limit : int or None, default 10

    Returns
    -------
    list of Candidate
        With ``score`` filled in; ties broken by output, then enterprise id.

    Raises
    ------
    CoreError
        For a weight outside 0..1.

    Examples
    --------
    >>> cs = [Candidate(1, "s", 100.0, 3), Candidate(2, "s", 5000.0, 1), Candidate(3, "s", 800.0, 3)]
    >>> [c.enterprise for c in rank_candidates(cs)]
    [3, 2, 1]
    """
    if not 0 <= size_weight <= 1:
        raise CoreError(f"规模权重应在 0 与 1 之间：{size_weight}")
    items = list(candidates)
    if not items:
        return []
    size = _percentile_ranks([c.output_wan for c in items])
    fit = _percentile_ranks([c.fit for c in items])
    scored = [
        Candidate(c.enterprise, c.segment, c.output_wan, c.fit, c.region, c.name,
                  size_weight * s + (1 - size_weight) * f)
        for c, s, f in zip(items, size, fit, strict=True)
    ]
    scored.sort(key=lambda c: (-c.score, -c.output_wan, c.enterprise))
    return scored[:limit] if limit is not None else scored


def _percentile_ranks(values: Sequence[float]) -> list[float]:
    if len(values) == 1:
        return [1.0]
    order = sorted(range(len(values)), key=values.__getitem__)
    ranks = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[order[k]] = ((i + j) / 2) / (len(values) - 1)
        i = j + 1
    return ranks


@dataclass(frozen=True)
class Purchase:
    """One purchase of a chain leader: amount in 万元, period such as ``2024`` or ``2024-03``."""

    buyer_region: str
    supplier_region: str | None
    amount_wan: float
    period: str
    segment: str | None = None


@dataclass(frozen=True)
class SupportingRate:
    """Local, outside and unknown purchase amounts of one segment and period, and the local share."""

    segment: str | None
    period: str
    local_wan: float
    outside_wan: float
    unknown_wan: float = 0.0
    rate: float = field(default=0.0)


def _area(code: str, level: str) -> str:
    return code[:4] if level == "city" else code[:2]


def supporting_rates(purchases: Iterable[Purchase], *, level: str = "city", by_segment: bool = True,
                     by_period: bool = True) -> list[SupportingRate]:
    """The local supporting rate of chain leaders' purchases, by segment and period.

    Parameters
    ----------
    purchases : iterable of Purchase
    level : {"city", "province"}
        Local means the supplier is in the buyer's city (first four digits of the GB/T 2260 code) or province.
    by_segment, by_period : bool
        Group by segment and by period (otherwise all together, key None / ``"*"``).

    Returns
    -------
    list of SupportingRate
        Sorted by segment then period; ``rate = local / (local + outside + unknown)``.

    Raises
    ------
    CoreError
        For an unknown level or a negative amount.

    Examples
    --------
    >>> ps = [Purchase("430202", "430211", 60, "2024", "电机"), Purchase("430202", "440300", 40, "2024", "电机"),
    ...       Purchase("430202", "430102", 50, "2024", "轴承")]
    >>> [(r.segment, r.rate) for r in supporting_rates(ps)]
    [('电机', 0.6), ('轴承', 0.0)]
    >>> [(r.segment, r.rate) for r in supporting_rates(ps, level="province")]
    [('电机', 0.6), ('轴承', 1.0)]
    """
    if level not in ("city", "province"):
        raise CoreError(f"本地范围应为 city 或 province：{level!r}")
    sums: dict[tuple[str | None, str], list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    for p in purchases:
        if p.amount_wan < 0:
            raise CoreError(f"采购金额不能为负：{p.amount_wan}")
        key = (p.segment if by_segment else None, p.period if by_period else "*")
        if not p.supplier_region:
            sums[key][2] += p.amount_wan
        elif _area(p.supplier_region, level) == _area(p.buyer_region, level):
            sums[key][0] += p.amount_wan
        else:
            sums[key][1] += p.amount_wan
    out = []
    for (segment, period), (local, outside, unknown) in sorted(sums.items(), key=lambda kv: (kv[0][0] or "", kv[0][1])):
        total = local + outside + unknown
        out.append(SupportingRate(segment, period, local, outside, unknown, local / total if total else 0.0))
    return out


def attraction_targets(rates: Iterable[SupportingRate], *, limit: int | None = 5) -> list[SupportingRate]:
    """Segments where leaders buy most from outside: the attraction targets, largest outside amount first.

    Parameters
    ----------
    rates : iterable of SupportingRate
        Usually `supporting_rates` with ``by_period=False``.
    limit : int or None, default 5

    Returns
    -------
    list of SupportingRate

    Examples
    --------
    >>> rs = [SupportingRate("a", "*", 10, 90), SupportingRate("b", "*", 50, 20), SupportingRate("c", "*", 1, 0)]
    >>> [r.segment for r in attraction_targets(rs, limit=2)]
    ['a', 'b']
    """
    ranked = sorted((r for r in rates if r.outside_wan + r.unknown_wan > 0),
                    key=lambda r: (-(r.outside_wan + r.unknown_wan), r.segment or ""))
    return ranked[:limit] if limit is not None else ranked
