"""Demonstration chain data: the lithium-battery cluster, exclusion words, business scopes, mappings, purchases.

Runs as the builder phase ``build_chain_data`` after the enterprises and their yearly figures exist:

* adds 长沙新能源电池产业集群 with the shipped 锂电池产业链 template (sub-segments included) when 长沙 is built;
* gives every demo segment exclusion words (``<keyword>销售``: a pure trader is not a maker);
* writes a business scope (经营范围) for every enterprise from its segment's keywords or its industry, with
  traders, negations (``不含…``) and a few scopes in traditional script, as real registers have;
* maps every enterprise to segments with the same automaton the application uses, keeping the evidence: the
  generator's own links are confirmed mappings (manual where the rules miss them), other matches stay
  suggestions for a user to confirm or reject;
* generates purchase records of every chain leader: five years, by segment, local shares drawn per segment.
"""

from __future__ import annotations

import random
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

from clusterdesk.core.chains import SegmentMatcher, SegmentRule
from clusterdesk.industry.chain_files import template_from_yaml
from clusterdesk.industry.models import (
    BusinessScope,
    Chain,
    ChainSegment,
    Cluster,
    PurchaseRecord,
    SegmentMapping,
    SupplyEdge,
)

__all__ = ["LITHIUM_CITY", "build_chain_data"]

LITHIUM_CITY = "430100"
TEMPLATES = Path(__file__).resolve().parent.parent / "industry" / "chain_templates"
BOILERPLATE = "（除依法须经批准的项目外，凭营业执照依法自主开展经营活动）"
GENERIC = {
    "C": ["通用设备制造（不含特种设备制造）", "机械零件、零部件加工", "金属制品销售", "普通机械设备安装服务",
          "技术服务、技术开发、技术咨询、技术交流、技术转让、技术推广", "货物进出口", "技术进出口"],
    "F": ["五金产品批发", "建筑材料销售", "日用百货销售", "国内贸易代理", "供应链管理服务"],
    "I": ["软件开发", "信息系统集成服务", "数据处理和存储支持服务", "信息技术咨询服务"],
    "": ["企业管理咨询", "信息咨询服务（不含许可类信息咨询服务）", "会议及展览服务", "物业管理"],
}
VERBS = ("的研发、生产、销售", "制造", "的生产与技术服务", "研发及产业化")
OUTSIDE_CITIES = [("320500", "苏州"), ("440300", "深圳"), ("330100", "杭州"), ("420100", "武汉"), ("510100", "成都"),
                  ("310000", "上海"), ("360900", "宜春"), ("350900", "宁德")]
SUPPLIER_WORDS = ["华瑞", "恒通", "中科", "精工", "远大", "新锐", "博创", "联丰", "宏达", "启明"]


def _lithium_cluster(builder) -> list[ChainSegment]:
    city = builder.cities.get(LITHIUM_CITY)
    if city is None:
        return []
    template = template_from_yaml((TEMPLATES / "lithium-batteries.yaml").read_text(encoding="utf-8"))
    cluster = Cluster.objects.create(
        name=template.cluster, region_id=city.pk, level="provincial", baseline_year=2023,
        baseline_output_wan=Decimal(2_600_000), target_year=2027, target_output_wan=Decimal(5_000_000),
        target_above_scale_count=180,
        description="锂矿锂盐、正负极材料、电芯与电池包、储能与回收的新能源电池集群。（演示数据）")
    cluster.leading_industries.set([builder.industry_pk["C384"], builder.industry_pk["C398"]])
    builder.ids["clusters"].append(cluster.pk)
    chain = Chain.objects.create(cluster=cluster, name=template.name, description=template.description + "（演示数据）")
    by_key = {}
    for order, seg in enumerate(template.segments):
        obj = ChainSegment.objects.create(chain=chain, name=seg.name, position=seg.position, order=order + 1,
                                          keywords=list(seg.keywords), exclusions=list(seg.exclusions))
        obj.industry_codes.set([builder.industry_pk[c] for c in seg.codes])
        by_key[seg.key] = obj
    for seg in template.segments:
        if seg.parent:
            ChainSegment.objects.filter(pk=by_key[seg.key].pk).update(parent=by_key[seg.parent])
    SupplyEdge.objects.bulk_create([SupplyEdge(source=by_key[e.source], target=by_key[e.target],
                                               description=e.description) for e in template.edges])
    builder.counts["clusters"] = builder.counts.get("clusters", 0) + 1
    return list(by_key.values())


def _exclusions(builder) -> None:
    segments = list(ChainSegment.objects.filter(pk__in=[s.pk for s in builder.segments]))
    for seg in segments:
        seg.exclusions = [f"{k}销售" for k in (seg.keywords or [])[:2]]
    ChainSegment.objects.bulk_update(segments, ["exclusions"], batch_size=1000)


def _scope_text(rng: random.Random, keywords: list[str], section: str, converter) -> str:
    generic = GENERIC.get(section, GENERIC[""])
    parts = []
    if keywords:
        chosen = rng.sample(keywords, min(len(keywords), rng.choice((1, 2, 2, 3))))
        if rng.random() < 0.08:
            parts.append("、".join(f"{k}销售" for k in chosen))  # a trader: excluded by the segment's exclusions
        else:
            parts.append("、".join(chosen) + rng.choice(VERBS))
    parts += rng.sample(generic, min(len(generic), rng.randint(1, 3)))
    if keywords and rng.random() < 0.03:
        parts.append(f"五金产品销售（不含{rng.choice(keywords)}）")
    text = "；".join(parts) + BOILERPLATE
    if rng.random() < 0.03:
        text = converter.convert(text)  # registers from Hong Kong / Taiwan investors come in traditional script
    return text


def build_chain_data(builder) -> None:
    """The ``build_chain_data`` phase of the demo builder (see the module docstring)."""
    import opencc

    rng = builder.rng("chains")
    lithium = _lithium_cluster(builder)
    _exclusions(builder)
    converter = opencc.OpenCC("s2t")
    keywords_by_code: dict[str, list[str]] = defaultdict(list)
    for seg in lithium:
        for code in seg.industry_codes.values_list("code", flat=True):
            keywords_by_code[code] += seg.keywords
    scopes = []
    for e in builder.ents:
        words = [k for s in e.segments for k in s.spec.keywords] or keywords_by_code.get(e.industry, [])
        scopes.append(BusinessScope(enterprise_id=e.pk, text=_scope_text(rng, words, e.industry[0], converter),
                                    source="演示登记信息"))
    BusinessScope.objects.bulk_create(scopes, batch_size=5000)
    mappings = _mappings(builder, rng, scopes)
    purchases = _purchases(builder, rng)
    builder.counts.update(business_scopes=len(scopes), segment_mappings=mappings, purchase_records=purchases)


def _mappings(builder, rng: random.Random, scopes: list[BusinessScope]) -> int:
    segments = list(ChainSegment.objects.filter(chain__cluster_id__in=builder.ids["clusters"])
                    .prefetch_related("industry_codes"))
    matcher = SegmentMatcher([SegmentRule(str(s.pk), tuple(c.code for c in s.industry_codes.all()),
                                          tuple(s.keywords), tuple(s.exclusions)) for s in segments])
    results = matcher.match_many([s.text for s in scopes], [e.industry for e in builder.ents])
    rows = []
    for e, matches in zip(builder.ents, results, strict=True):
        own = {s.pk for s in e.segments}
        matched = set()
        for m in matches:
            pk = int(m.segment)
            matched.add(pk)
            evidence = [{"kind": x.kind, "term": x.term, "start": x.start, "end": x.end} for x in m.evidence]
            evidence += [{"kind": "excluded", "term": w, "by": b} for w, b in m.excluded]
            rows.append(SegmentMapping(enterprise_id=e.pk, segment_id=pk, score=m.score, evidence=evidence,
                                       status="confirmed" if pk in own else "suggested"))
        for pk in own - matched:
            rows.append(SegmentMapping(enterprise_id=e.pk, segment_id=pk, status="confirmed", origin="manual",
                                       note="演示：人工关联"))
    SegmentMapping.objects.bulk_create(rows, batch_size=5000)
    return len(rows)


def _purchases(builder, rng: random.Random) -> int:
    from clusterdesk.regions.models import Region

    outside = dict(Region.objects.filter(code__in=[c for c, _ in OUTSIDE_CITIES]).values_list("code", "pk"))
    members: dict[int, list] = defaultdict(list)  # segment pk -> enterprises linked to it
    for e in builder.ents:
        for s in e.segments:
            members[s.pk].append(e)
    last = builder_reference_year(builder)
    rows = []
    for leader in (e for e in builder.ents if e.leader and e.segments):
        seg = leader.segments[0]
        chain = seg.cluster.chain_segments[seg.chain_index]
        bought = [s for s in chain if s is not seg and s.spec.position != "downstream"] or [s for s in chain
                                                                                           if s is not seg]
        local_share = {s.pk: rng.uniform(0.15, 0.7) for s in bought}
        for year in range(last - 4, last + 1):
            total = leader.revenue_cents / 100 * rng.uniform(0.35, 0.55)
            weights = [rng.random() + 0.2 for _ in bought]
            for s, w in zip(bought, weights, strict=True):
                amount = total * w / sum(weights)
                p_local = min(0.95, local_share[s.pk] + 0.02 * (year - last + 4))
                for piece in _split(rng, amount):
                    rows.append(_purchase(rng, leader, s, year, piece, p_local, members[s.pk], outside))
    PurchaseRecord.objects.bulk_create(rows, batch_size=5000)
    return len(rows)


def builder_reference_year(builder) -> int:
    """The last complete year of the demo (the year before its reference date)."""
    from clusterdesk.demo.generator import REFERENCE_DATE

    return REFERENCE_DATE.year - 1


def _split(rng: random.Random, amount: float) -> list[float]:
    n = rng.randint(1, 4)
    cuts = sorted(rng.random() for _ in range(n - 1))
    edges = [0.0, *cuts, 1.0]
    return [amount * (b - a) for a, b in zip(edges, edges[1:], strict=False) if b > a]


def _purchase(rng, leader, segment, year, amount, p_local, members, outside) -> PurchaseRecord:
    city = leader.county.city
    local = [m for m in members if m.county.city is city and m is not leader]
    province = [m for m in members if m.county.city is not city]
    month = rng.randint(1, 12)
    roll = rng.random()
    record = PurchaseRecord(buyer_id=leader.pk, segment_id=segment.pk, year=year, month=month,
                            amount_wan=Decimal(round(max(amount, 1.0) * 100)) / 100,
                            item=rng.choice(segment.spec.keywords) if segment.spec.keywords else segment.spec.name)
    if roll < p_local:
        supplier = rng.choice(local) if local else None
        region_pk = supplier.county.pk if supplier else leader.county.pk
        name = supplier.name if supplier else f"{city.short}{rng.choice(SUPPLIER_WORDS)}配套有限公司"
    elif roll < p_local + (1 - p_local) * 0.4 and province:
        supplier = rng.choice(province)
        region_pk, name = supplier.county.pk, supplier.name
    else:
        supplier = None
        code, short = rng.choice(OUTSIDE_CITIES)
        region_pk = outside.get(code)
        name = f"{short}{rng.choice(SUPPLIER_WORDS)}{rng.choice(('科技', '材料', '精密', '电子'))}有限公司"
    record.supplier_id = supplier.pk if supplier else None
    record.supplier_name, record.supplier_region_id = name, region_pk
    return record

