"""The industry app's phases of the demo build: industry codes, clusters with chain maps, and chain data.

* ``industry_codes`` reads the GB/T 4754 codes and checks that every code the spec names exists and that chain
  segments name classes (小类);
* ``clusters`` writes the spec's clusters of the built cities with their chains, segments and supply edges;
* ``chain_data`` (after the enterprises and their yearly figures) adds 长沙新能源电池产业集群 with the shipped
  锂电池产业链 template (sub-segments included) when 长沙 is built; gives every demo segment exclusion words
  (``<keyword>销售``: a pure trader is not a maker); writes a business scope (经营范围) for every enterprise from its
  segment's keywords or its industry, with traders, negations (``不含…``) and a few scopes in traditional script, as
  real registers have; maps every enterprise to segments with the same automaton the application uses, keeping the
  evidence (the generator's own links are confirmed mappings, manual where the rules miss them; other matches stay
  suggestions); and generates five years of purchase records of every chain leader, by segment, with local shares
  drawn per segment.
* ``chain_chiefs`` (after the units and accounts, issue 13) gives every chain a chief (链长: the demo's city officer
  for 长沙's chains, the province officer elsewhere) with a title, a task force of the city's 工信局 (lead), 发改委
  and 商务局 with the city officer as liaison, its chain-leader enterprises (链主) with a note, the targets of every
  cluster for 2026 and 2027 (output, above-size enterprises, 本地配套率 of the first segments of each chain), and
  the province's and 长沙's targets of output inside parks. A few hundred rows: fast on the quick demo.
"""

from __future__ import annotations

import random
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

from clusterdesk.common.registry import DemoPhase, registry
from clusterdesk.core.chains import SegmentMatcher, SegmentRule
from clusterdesk.demo.context import DemoCluster, DemoContext, DemoDataError, DemoSegment, RowSink
from clusterdesk.demo.draws import wan
from clusterdesk.demo.spec import CITY_POOLS, CLUSTERS, MANUFACTURING_WEIGHTS, REAL_PARKS, SERVICES

from .chain_files import template_from_yaml
from .models import (
    BusinessScope,
    Chain,
    ChainLeaderEnterprise,
    ChainSegment,
    Cluster,
    ClusterTarget,
    ConcentrationTarget,
    IndustryCode,
    PurchaseRecord,
    SegmentMapping,
    SegmentSupplyTarget,
    SupplyEdge,
    TaskForceMember,
)

__all__ = ["LITHIUM_CITY", "build_chain_chiefs", "build_chain_data", "build_clusters", "build_industry_codes",
           "delete_chain_chiefs", "register"]


def build_industry_codes(ctx: DemoContext) -> None:
    """Read the industry codes into ``ctx.industry_pk``; refuse to go on if the spec names a missing code."""
    if not IndustryCode.objects.filter(code="C3711").exists():
        raise DemoDataError(
            "国民经济行业分类参考数据未加载，请先运行 `clusterdesk load-refdata`。"
            " / Industry codes are missing: run `clusterdesk load-refdata` first."
        )
    codes = list(IndustryCode.objects.order_by("code").values_list("code", "pk", "level", "name"))
    ctx.industry_pk = {c: pk for c, pk, _, _ in codes}
    ctx.industry_name = {c: name for c, _, _, name in codes}
    ctx.classes = [c for c, _, level, _ in codes if level == "class"]
    needed = set()
    class_set = set(ctx.classes)
    for spec in CLUSTERS:
        needed |= set(spec.leading)
        for chain in spec.chains:
            for seg in chain.segments:
                needed |= set(seg.codes)
                missing_class = [c for c in seg.codes if c in ctx.industry_pk and c not in class_set]
                if missing_class:
                    raise DemoDataError(f"产业链环节 {seg.name} 的行业代码 {missing_class} 不是小类")
    for park in REAL_PARKS:
        needed |= set(park.leading) | set(park.featured)
    for pool in CITY_POOLS.values():
        needed |= set(pool)
    needed |= set(MANUFACTURING_WEIGHTS) | {code for code, _ in SERVICES}
    missing = sorted(c for c in needed if c not in ctx.industry_pk)
    if missing:
        raise DemoDataError(f"行业代码表缺少 {missing}，请重新运行 load-refdata。")


def build_clusters(ctx: DemoContext) -> None:
    """Clusters with their leading industries, chains, segments (with class codes) and supply edges."""
    rng = ctx.rng("clusters")
    for spec in CLUSTERS:
        city = ctx.cities.get(spec.city)
        if city is None:
            continue
        cluster = DemoCluster(spec, city)
        city.clusters.append(cluster)
        ctx.clusters.append(cluster)
    objs = []
    for c in ctx.clusters:
        objs.append(
            Cluster(
                name=c.spec.name,
                region_id=c.city.pk,
                level=c.spec.level,
                description=c.spec.description,
                baseline_year=2023,
                baseline_output_wan=wan(c.spec.baseline_output_wan * rng.uniform(0.97, 1.03)),
                target_year=2027,
                target_output_wan=Decimal(c.spec.target_output_wan),
                target_above_scale_count=c.spec.target_above_scale,
            )
        )
    Cluster.objects.bulk_create(objs)
    for c, obj in zip(ctx.clusters, objs, strict=True):
        c.pk = obj.pk
    through = Cluster.leading_industries.through
    through.objects.bulk_create(
        [
            through(cluster_id=c.pk, industrycode_id=ctx.industry_pk[code])
            for c in ctx.clusters
            for code in c.spec.leading
        ]
    )
    chain_objs = [
        Chain(name=chain.name, cluster_id=c.pk, description=chain.description)
        for c in ctx.clusters
        for chain in c.spec.chains
    ]
    Chain.objects.bulk_create(chain_objs)
    chain_pks = iter(obj.pk for obj in chain_objs)
    seg_objs, segs = [], []
    for c in ctx.clusters:
        for chain_index, chain in enumerate(c.spec.chains):
            chain_pk = next(chain_pks)
            chain_segs = []
            for order, spec in enumerate(chain.segments):
                seg_objs.append(
                    ChainSegment(
                        chain_id=chain_pk,
                        name=spec.name,
                        position=spec.position,
                        order=order + 1,
                        keywords=list(spec.keywords),
                    )
                )
                seg = DemoSegment(spec, c, chain_index)
                segs.append(seg)
                chain_segs.append(seg)
                c.segments.append(seg)
            c.chain_segments.append(chain_segs)
    ChainSegment.objects.bulk_create(seg_objs)
    for seg, obj in zip(segs, seg_objs, strict=True):
        seg.pk = obj.pk
    through = ChainSegment.industry_codes.through
    through.objects.bulk_create(
        [
            through(chainsegment_id=s.pk, industrycode_id=ctx.industry_pk[code])
            for s in segs
            for code in s.spec.codes
        ]
    )
    edges = []
    for c in ctx.clusters:
        for chain, chain_segs in zip(c.spec.chains, c.chain_segments, strict=True):
            for source, target, text in chain.edges:
                edges.append(
                    SupplyEdge(source_id=chain_segs[source].pk, target_id=chain_segs[target].pk, description=text)
                )
    SupplyEdge.objects.bulk_create(edges)
    ctx.segments = segs
    ctx.ids["clusters"] = [c.pk for c in ctx.clusters]
    ctx.counts.update(
        clusters=len(ctx.clusters), chains=len(chain_objs), segments=len(segs), supply_edges=len(edges)
    )


# -- chain data (after the enterprises) ----------------------------------------------------------------------

LITHIUM_CITY = "430100"
TEMPLATES = Path(__file__).resolve().parent / "chain_templates"
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


def _lithium_cluster(ctx: DemoContext) -> list[ChainSegment]:
    city = ctx.cities.get(LITHIUM_CITY)
    if city is None:
        return []
    template = template_from_yaml((TEMPLATES / "lithium-batteries.yaml").read_text(encoding="utf-8"))
    cluster = Cluster.objects.create(
        name=template.cluster, region_id=city.pk, level="provincial", baseline_year=2023,
        baseline_output_wan=Decimal(2_600_000), target_year=2027, target_output_wan=Decimal(5_000_000),
        target_above_scale_count=180,
        description="锂矿锂盐、正负极材料、电芯与电池包、储能与回收的新能源电池集群。（演示数据）")
    cluster.leading_industries.set([ctx.industry_pk["C384"], ctx.industry_pk["C398"]])
    ctx.ids["clusters"].append(cluster.pk)
    chain = Chain.objects.create(cluster=cluster, name=template.name, description=template.description + "（演示数据）")
    by_key = {}
    for order, seg in enumerate(template.segments):
        obj = ChainSegment.objects.create(chain=chain, name=seg.name, position=seg.position, order=order + 1,
                                          keywords=list(seg.keywords), exclusions=list(seg.exclusions))
        obj.industry_codes.set([ctx.industry_pk[c] for c in seg.codes])
        by_key[seg.key] = obj
    for seg in template.segments:
        if seg.parent:
            ChainSegment.objects.filter(pk=by_key[seg.key].pk).update(parent=by_key[seg.parent])
    SupplyEdge.objects.bulk_create([SupplyEdge(source=by_key[e.source], target=by_key[e.target],
                                               description=e.description) for e in template.edges])
    ctx.counts["clusters"] = ctx.counts.get("clusters", 0) + 1
    return list(by_key.values())


def _exclusions(ctx: DemoContext) -> None:
    segments = list(ChainSegment.objects.filter(pk__in=[s.pk for s in ctx.segments]))
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


def build_chain_data(ctx: DemoContext) -> None:
    """The chain-data phase: the lithium cluster, exclusions, business scopes, mappings, purchases."""
    import opencc

    rng = ctx.rng("chains")
    lithium = _lithium_cluster(ctx)
    _exclusions(ctx)
    converter = opencc.OpenCC("s2t")
    keywords_by_code: dict[str, list[str]] = defaultdict(list)
    for seg in lithium:
        for code in seg.industry_codes.values_list("code", flat=True):
            keywords_by_code[code] += seg.keywords
    texts = []
    sink = RowSink(BusinessScope, ("enterprise", "text", "source"))
    for e in ctx.ents:
        words = [k for s in e.segments for k in s.spec.keywords] or keywords_by_code.get(e.industry, [])
        texts.append(_scope_text(rng, words, e.industry[0], converter))
        sink.add((e.pk, texts[-1], "演示登记信息"))
    sink.flush()
    mappings = _mappings(ctx, rng, texts)
    purchases = _purchases(ctx, rng)
    ctx.counts.update(business_scopes=sink.count, segment_mappings=mappings, purchase_records=purchases)


def _mappings(ctx: DemoContext, rng: random.Random, texts: list[str]) -> int:
    segments = list(ChainSegment.objects.filter(chain__cluster_id__in=ctx.ids["clusters"])
                    .prefetch_related("industry_codes"))
    matcher = SegmentMatcher([SegmentRule(str(s.pk), tuple(c.code for c in s.industry_codes.all()),
                                          tuple(s.keywords), tuple(s.exclusions)) for s in segments])
    results = matcher.match_many(texts, [e.industry for e in ctx.ents])
    sink = RowSink(SegmentMapping, ("enterprise", "segment", "score", "evidence", "status", "origin", "note"))
    for e, matches in zip(ctx.ents, results, strict=True):
        own = {s.pk for s in e.segments}
        matched = set()
        for m in matches:
            pk = int(m.segment)
            matched.add(pk)
            evidence = [{"kind": x.kind, "term": x.term, "start": x.start, "end": x.end} for x in m.evidence]
            evidence += [{"kind": "excluded", "term": w, "by": b} for w, b in m.excluded]
            sink.add((e.pk, pk, m.score, evidence, "confirmed" if pk in own else "suggested", "rules", ""))
        for pk in own - matched:
            sink.add((e.pk, pk, 0, [], "confirmed", "manual", "演示：人工关联"))
    sink.flush()
    return sink.count


def _purchases(ctx: DemoContext, rng: random.Random) -> int:
    outside = {code: ctx.region_pk[code] for code, _ in OUTSIDE_CITIES if code in ctx.region_pk}
    members: dict[int, list] = defaultdict(list)  # segment pk -> enterprises linked to it
    for e in ctx.ents:
        for s in e.segments:
            members[s.pk].append(e)
    last = ctx.reference_date.year - 1
    sink = RowSink(PurchaseRecord, PURCHASE_FIELDS)
    for leader in (e for e in ctx.ents if e.leader and e.segments):
        seg = leader.segments[0]
        chain = seg.cluster.chain_segments[seg.chain_index]
        bought = [s for s in chain if s is not seg and s.spec.position != "downstream"] or [s for s in chain
                                                                                           if s is not seg]
        local_share = {s.pk: rng.uniform(0.15, 0.7) for s in bought}
        # The segment's members in the leader's city and elsewhere in the province, once per leader and segment.
        suppliers = {s.pk: ([m for m in members[s.pk] if m.county.city is leader.county.city and m is not leader],
                            [m for m in members[s.pk] if m.county.city is not leader.county.city]) for s in bought}
        for year in range(last - 4, last + 1):
            total = leader.revenue_cents / 100 * rng.uniform(0.35, 0.55)
            weights = [rng.random() + 0.2 for _ in bought]
            for s, w in zip(bought, weights, strict=True):
                amount = total * w / sum(weights)
                p_local = min(0.95, local_share[s.pk] + 0.02 * (year - last + 4))
                for piece in _split(rng, amount):
                    sink.add(_purchase(rng, leader, s, year, piece, p_local, suppliers[s.pk], outside))
    sink.flush()
    return sink.count


def _split(rng: random.Random, amount: float) -> list[float]:
    n = rng.randint(1, 4)
    cuts = sorted(rng.random() for _ in range(n - 1))
    edges = [0.0, *cuts, 1.0]
    return [amount * (b - a) for a, b in zip(edges, edges[1:], strict=False) if b > a]


#: The columns of the purchase rows `_purchase` makes, in their order.
PURCHASE_FIELDS = ("buyer", "segment", "year", "month", "amount_wan", "item", "supplier", "supplier_name",
                   "supplier_region")


def _purchase(rng, leader, segment, year, amount, p_local, suppliers, outside) -> tuple:
    """One purchase of ``leader`` in ``segment`` as a row of `PURCHASE_FIELDS`: from a local member with the
    probability ``p_local``, else from a member elsewhere in the province or from outside it."""
    city = leader.county.city
    local, province = suppliers
    month = rng.randint(1, 12)
    roll = rng.random()
    amount_wan = Decimal(round(max(amount, 1.0) * 100)) / 100
    item = rng.choice(segment.spec.keywords) if segment.spec.keywords else segment.spec.name
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
    return (leader.pk, segment.pk, year, month, amount_wan, item, supplier.pk if supplier else None, name, region_pk)


def delete_clusters(ids) -> dict[str, int]:
    """Delete the demo clusters (their chains, segments, edges, mappings and purchases go with them)."""
    deleted = Cluster.objects.filter(pk__in=ids.get("clusters") or []).delete()[1]
    return {"clusters": deleted.get("industry.Cluster", 0)}


#: The task force of every demo chain: the city's units by kind, with their duty.
TASK_FORCE_UNITS = (("industry", "牵头单位"), ("development_reform", "成员单位"), ("commerce", "成员单位"))


def build_chain_chiefs(ctx: DemoContext) -> None:
    """Chain chiefs, task forces, 链主, cluster targets for 2026 and 2027, and park concentration targets."""
    from clusterdesk.accounts.models import Unit
    from clusterdesk.enterprises.models import Enterprise

    city_officer, province_officer = ctx.users.get("changsha"), ctx.users.get("province")
    clusters = list(Cluster.objects.filter(pk__in=ctx.ids.get("clusters") or []))
    chains = list(Chain.objects.filter(cluster__in=clusters).select_related("cluster__region"))
    units = {(u.region_id, u.kind): u.pk for u in Unit.objects.filter(
        region_id__in={c.cluster.region_id for c in chains}, parent__isnull=True,
        kind__in=[k for k, _ in TASK_FORCE_UNITS]).order_by("-pk")}
    members = []
    for chain in chains:
        changsha = chain.cluster.region.code == "430100"
        chain.chief_id = city_officer if changsha else province_officer
        chain.chief_title = "市委副书记" if changsha else "副省长"
        for order, (kind, duty) in enumerate(TASK_FORCE_UNITS):
            unit = units.get((chain.cluster.region_id, kind))
            if unit:
                members.append(TaskForceMember(chain=chain, unit_id=unit, duty=duty, order=order))
        if changsha and city_officer:
            members.append(TaskForceMember(chain=chain, person_id=city_officer, duty="联络员", order=9))
    Chain.objects.bulk_update(chains, ["chief", "chief_title"])
    TaskForceMember.objects.bulk_create(members)
    links = (Enterprise.chain_segments.through.objects
             .filter(chainsegment__chain__in=chains, enterprise__chain_leader=True)
             .values_list("chainsegment__chain_id", "enterprise_id", "chainsegment__name").order_by("pk"))
    leaders: dict[tuple[int, int], str] = {}
    for chain_id, enterprise_id, segment in links:
        leaders.setdefault((chain_id, enterprise_id), f"{segment}龙头企业，带动本地配套")
    ChainLeaderEnterprise.objects.bulk_create([ChainLeaderEnterprise(chain_id=c, enterprise_id=e, note=note)
                                               for (c, e), note in leaders.items()])
    targets = []
    for c in clusters:
        final, start = c.target_output_wan or Decimal(0), c.baseline_output_wan or Decimal(0)
        count = c.target_above_scale_count or 0
        targets.append(ClusterTarget(cluster=c, year=2026, output_wan=(start + (final - start) * 3 / 4)
                                     .quantize(Decimal(1)), above_scale_count=count * 9 // 10))
        targets.append(ClusterTarget(cluster=c, year=2027, output_wan=final, above_scale_count=count,
                                     note="集群发展规划目标"))
    ClusterTarget.objects.bulk_create(targets)
    first_segments: dict[int, list[int]] = defaultdict(list)  # the first three segments of each chain
    per_chain: dict[int, int] = defaultdict(int)
    for chain_id, cluster_id, pk in (ChainSegment.objects.filter(chain__in=chains, parent__isnull=True)
                                     .order_by("chain_id", "order").values_list("chain_id", "chain__cluster_id",
                                                                                "pk")):
        per_chain[chain_id] += 1
        if per_chain[chain_id] <= 3:
            first_segments[cluster_id].append(pk)
    rates = [SegmentSupplyTarget(target=t, segment_id=pk, rate_percent=Decimal(45 + 5 * (i % 3) +
                                                                            (5 if t.year == 2027 else 0)))
             for t in targets for i, pk in enumerate(first_segments[t.cluster_id][:6])]
    SegmentSupplyTarget.objects.bulk_create(rates)
    concentration = [ConcentrationTarget(region_id=ctx.province_pk, output_share_percent=Decimal(70),
                                         note="全省工业向园区集中目标")]
    if "430100" in ctx.region_pk:
        concentration.append(ConcentrationTarget(region_id=ctx.region_pk["430100"], output_share_percent=Decimal(75)))
    have = set(ConcentrationTarget.objects.values_list("region_id", flat=True))  # a rebuild keeps a region's own
    concentration = ConcentrationTarget.objects.bulk_create([t for t in concentration if t.region_id not in have])
    ctx.ids["concentration_targets"] = [t.pk for t in concentration]
    ctx.counts.update({"task force members": len(members), "chain leaders": len(leaders),
                       "cluster targets": len(targets), "segment supply targets": len(rates)})


def delete_chain_chiefs(ids) -> dict[str, int]:
    """Delete the demo's concentration targets (the rest of the phase goes with the clusters)."""
    deleted = ConcentrationTarget.objects.filter(pk__in=ids.get("concentration_targets") or []).delete()[0]
    return {"concentration targets": deleted}


def register() -> None:
    """Register the industry phases (called from `IndustryConfig.ready`)."""
    registry.register_demo_phase(DemoPhase("industry_codes", build_industry_codes, 15))
    registry.register_demo_phase(DemoPhase("clusters", build_clusters, 20, delete=delete_clusters))
    registry.register_demo_phase(DemoPhase("chain_data", build_chain_data, 50))
    registry.register_demo_phase(DemoPhase("chain_chiefs", build_chain_chiefs, 86,
                                                 delete=delete_chain_chiefs))
