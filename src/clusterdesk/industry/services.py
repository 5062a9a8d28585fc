"""Writes for clusters, chains, chain segments, supply edges, segment mappings and purchase records."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from clusterdesk.accounts.actors import Actor
from clusterdesk.accounts.scoping import can
from clusterdesk.changelog.models import ObjectChange
from clusterdesk.changelog.recording import record_change
from clusterdesk.common.services import object_create, object_delete, object_update
from clusterdesk.core.chains import ChainTemplate, EdgeTemplate, SegmentMatcher, SegmentRule, SegmentTemplate

from .models import (
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

__all__ = [
    "chain_chief_set",
    "chain_create",
    "chain_delete",
    "chain_leaders_replace",
    "chain_leadership_update",
    "chain_template",
    "chain_template_import",
    "chain_update",
    "cluster_create",
    "cluster_delete",
    "cluster_target_delete",
    "cluster_target_save",
    "cluster_targets_import",
    "cluster_update",
    "concentration_target_delete",
    "concentration_target_save",
    "mapping_add",
    "mapping_decide",
    "mappings_refresh",
    "purchase_records_import",
    "segment_create",
    "segment_delete",
    "segment_update",
    "supply_edge_create",
    "supply_edge_delete",
    "supply_edge_update",
    "task_force_replace",
]


def cluster_create(*, cluster: Cluster, actor: Actor, leading_industries: list | None = None) -> Cluster:
    """Create a cluster in a region the actor may change."""
    return object_create(instance=cluster, actor=actor, m2m={"leading_industries": leading_industries or []})


def cluster_update(*, cluster: Cluster, actor: Actor, leading_industries: list | None = None) -> Cluster:
    """Update a cluster; leading industries are replaced when given."""
    m2m = {"leading_industries": leading_industries} if leading_industries is not None else None
    return object_update(instance=cluster, actor=actor, m2m=m2m)


def cluster_delete(*, cluster: Cluster, actor: Actor) -> None:
    """Delete a cluster and its chains."""
    object_delete(instance=cluster, actor=actor)


def chain_create(*, chain: Chain, actor: Actor) -> Chain:
    """Add a chain to a cluster."""
    return object_create(instance=chain, actor=actor, parent_field="cluster")


def chain_update(*, chain: Chain, actor: Actor) -> Chain:
    """Update a chain."""
    return object_update(instance=chain, actor=actor, parent_field="cluster")


def chain_delete(*, chain: Chain, actor: Actor) -> None:
    """Delete a chain with its segments and supply edges."""
    object_delete(instance=chain, actor=actor, parent_field="cluster")


def _clean_keywords(segment: ChainSegment) -> None:
    segment.keywords = sorted({str(k).strip() for k in segment.keywords or [] if str(k).strip()})


def segment_create(*, segment: ChainSegment, actor: Actor, industry_codes: list | None = None) -> ChainSegment:
    """Add a segment to a chain, with the industry codes and keywords that identify it."""
    _clean_keywords(segment)
    return object_create(instance=segment, actor=actor, m2m={"industry_codes": industry_codes or []},
                         parent_field="chain")


def segment_update(*, segment: ChainSegment, actor: Actor, industry_codes: list | None = None) -> ChainSegment:
    """Update a segment."""
    _clean_keywords(segment)
    m2m = {"industry_codes": industry_codes} if industry_codes is not None else None
    return object_update(instance=segment, actor=actor, m2m=m2m, parent_field="chain")


def segment_delete(*, segment: ChainSegment, actor: Actor) -> None:
    """Remove a segment with its supply edges."""
    object_delete(instance=segment, actor=actor, parent_field="chain")


def _check_same_chain(edge: SupplyEdge) -> None:
    if edge.source.chain_id != edge.target.chain_id:
        raise ValidationError({"target": "上下游环节必须属于同一条产业链"})


def supply_edge_create(*, edge: SupplyEdge, actor: Actor) -> SupplyEdge:
    """Record that one segment supplies another; both must belong to the same chain."""
    _check_same_chain(edge)
    return object_create(instance=edge, actor=actor, parent_field="source")


def supply_edge_update(*, edge: SupplyEdge, actor: Actor) -> SupplyEdge:
    """Change a supply relation; both segments must still belong to the same chain."""
    _check_same_chain(edge)
    return object_update(instance=edge, actor=actor, parent_field="source")


def supply_edge_delete(*, edge: SupplyEdge, actor: Actor) -> None:
    """Remove a supply relation."""
    object_delete(instance=edge, actor=actor, parent_field="source")


# Chain templates ----------------------------------------------------------------------------------------------

def _codes(codes: tuple[str, ...], place: str) -> list[IndustryCode]:
    found = {c.code: c for c in IndustryCode.objects.filter(code__in=codes)}
    unknown = [c for c in codes if c not in found]
    if unknown:
        raise ValidationError(f"{place}: GB/T 4754-2017 中没有行业代码 {', '.join(unknown)}")
    return [found[c] for c in codes]


def chain_template(chain: Chain) -> ChainTemplate:
    """The chain as a template (segment names are the keys), for export as YAML or Excel."""
    segments = list(chain.segments.prefetch_related("industry_codes").select_related("parent"))
    names = {s.pk: s.name for s in segments}
    return ChainTemplate(
        name=chain.name,
        description=chain.description,
        cluster=chain.cluster.name,
        segments=tuple(
            SegmentTemplate(s.name, s.name, s.position, names.get(s.parent_id),
                            tuple(sorted(c.code for c in s.industry_codes.all())), tuple(s.keywords or ()),
                            tuple(s.exclusions or ()))
            for s in segments
        ),
        edges=tuple(EdgeTemplate(names[e.source_id], names[e.target_id], e.description)
                    for e in SupplyEdge.objects.filter(source__chain=chain).order_by("pk")),
    )


@transaction.atomic
def chain_template_import(*, cluster: Cluster, template: ChainTemplate, actor: Actor) -> Chain:
    """Create a chain from a template, or bring the cluster's chain of the same name in line with it.

    Segments are matched by name: existing ones are updated (their mappings kept), new ones created, and
    segments the template no longer has are deleted with their supply edges. All or nothing.
    """
    if not can(actor, "change", cluster):
        raise PermissionDenied("outside your scope")
    chain = Chain.objects.filter(cluster=cluster, name=template.name).first()
    if chain is None:
        chain = chain_create(chain=Chain(cluster=cluster, name=template.name, description=template.description),
                             actor=actor)
    elif chain.description != template.description:
        chain.description = template.description
        chain_update(chain=chain, actor=actor)
    existing = {s.name: s for s in chain.segments.all()}
    by_key: dict[str, ChainSegment] = {}
    for order, seg in enumerate(template.segments):
        codes = _codes(seg.codes, f"segments[{order}]")
        segment = existing.pop(seg.name, None) or ChainSegment(chain=chain, name=seg.name)
        segment.position, segment.order = seg.position, order
        segment.keywords, segment.exclusions = list(seg.keywords), list(seg.exclusions)
        segment.parent = None
        service = segment_update if segment.pk else segment_create
        by_key[seg.key] = service(segment=segment, actor=actor, industry_codes=codes)
    for seg in template.segments:
        if seg.parent:
            child = by_key[seg.key]
            child.parent = by_key[seg.parent]
            segment_update(segment=child, actor=actor)
    for stale in existing.values():
        segment_delete(segment=stale, actor=actor)
    wanted = {(by_key[e.source].pk, by_key[e.target].pk): e.description for e in template.edges}
    for edge in SupplyEdge.objects.filter(source__chain=chain).select_related("source", "target"):
        pair = (edge.source_id, edge.target_id)
        if pair not in wanted:
            supply_edge_delete(edge=edge, actor=actor)
            continue
        if edge.description != wanted[pair]:
            edge.description = wanted[pair]
            supply_edge_update(edge=edge, actor=actor)
        del wanted[pair]
    for (source, target), description in wanted.items():
        supply_edge_create(edge=SupplyEdge(source_id=source, target_id=target, description=description), actor=actor)
    return chain


# Segment mappings ---------------------------------------------------------------------------------------------

def chain_matcher(chain: Chain) -> SegmentMatcher:
    """The keyword automaton of a chain's segments (keys are segment ids as text)."""
    rules = [
        SegmentRule(str(s.pk), tuple(c.code for c in s.industry_codes.all()), tuple(s.keywords or ()),
                    tuple(s.exclusions or ()))
        for s in chain.segments.prefetch_related("industry_codes")
    ]
    return SegmentMatcher(rules)


def _evidence(match) -> list[dict]:
    items = [{"kind": e.kind, "term": e.term, "start": e.start, "end": e.end} for e in match.evidence]
    items += [{"kind": "excluded", "term": word, "by": by} for word, by in match.excluded]
    return items


@transaction.atomic
def mappings_refresh(*, chain: Chain, actor: Actor, batch_size: int = 5000) -> dict[str, int]:
    """Run the chain's rules over the whole enterprise register and refresh the suggested mappings.

    A link set on the enterprise page is a confirmed mapping (manual where the rules do not match it);
    confirmed and rejected mappings are a user's decision and are left alone; suggestions that no longer match
    are removed. Suggestions count in the chain's strength and gaps but link no enterprise until confirmed.
    The refresh is recorded as one change of the chain with its counts: suggestions are derived data, while
    every user decision is recorded on its own.
    """
    from clusterdesk.enterprises.models import Enterprise

    if not can(actor, "change", chain):
        raise PermissionDenied("outside your scope")
    matcher = chain_matcher(chain)
    segment_ids = list(chain.segments.values_list("pk", flat=True))
    through = Enterprise.chain_segments.through
    current = {(m.enterprise_id, m.segment_id): m for m in SegmentMapping.objects.filter(segment__chain=chain)}
    counts = {"created": 0, "updated": 0, "removed": 0, "manual": 0}
    for key in through.objects.filter(chainsegment_id__in=segment_ids).values_list("enterprise_id",
                                                                                   "chainsegment_id"):
        mapping = current.get(key)
        if mapping is None:
            current[key] = SegmentMapping.objects.create(
                enterprise_id=key[0], segment_id=key[1], status=SegmentMapping.Status.CONFIRMED,
                origin=SegmentMapping.Origin.MANUAL, note="来自企业页面的关联")
            counts["manual"] += 1
        elif mapping.status == SegmentMapping.Status.SUGGESTED:
            mapping.status = SegmentMapping.Status.CONFIRMED
            mapping.save(update_fields=["status", "last_updated"])
    seen: set[tuple[int, int]] = set()
    new, changed = [], []
    rows = Enterprise.objects.values_list("pk", "industry__code", "business_scope__text").order_by("pk")
    for start in range(0, rows.count(), batch_size):
        chunk = list(rows[start:start + batch_size])
        results = matcher.match_many([r[2] for r in chunk], [r[1] for r in chunk])
        for (enterprise_id, _, _), matches in zip(chunk, results, strict=True):
            for match in matches:
                key = (enterprise_id, int(match.segment))
                seen.add(key)
                evidence = _evidence(match)
                mapping = current.get(key)
                if mapping is None:
                    new.append(SegmentMapping(enterprise_id=key[0], segment_id=key[1], score=match.score,
                                              evidence=evidence))
                elif mapping.evidence != evidence or mapping.score != match.score:
                    mapping.evidence, mapping.score = evidence, match.score
                    changed.append(mapping)
    SegmentMapping.objects.bulk_create(new, batch_size=2000)
    SegmentMapping.objects.bulk_update(changed, ["evidence", "score", "last_updated"], batch_size=2000)
    stale = [m.pk for key, m in current.items() if key not in seen and m.status == SegmentMapping.Status.SUGGESTED]
    SegmentMapping.objects.filter(pk__in=stale).delete()
    counts.update(created=len(new), updated=len(changed), removed=len(stale))
    record_change(instance=chain, action=ObjectChange.Action.UPDATE, actor=actor, related=chain.cluster,
                  object_repr=f"{chain.name}：企业映射刷新（新增 {counts['created']}，更新 {counts['updated']}，"
                              f"移除 {counts['removed']}）")
    return counts


def _sync_link(mapping: SegmentMapping) -> None:
    """A confirmed mapping links the enterprise to the segment; a rejected or suggested one does not."""
    from clusterdesk.enterprises.models import Enterprise

    through = Enterprise.chain_segments.through
    if mapping.status == SegmentMapping.Status.CONFIRMED:
        through.objects.get_or_create(enterprise_id=mapping.enterprise_id, chainsegment_id=mapping.segment_id)
    else:
        through.objects.filter(enterprise_id=mapping.enterprise_id, chainsegment_id=mapping.segment_id).delete()


@transaction.atomic
def mapping_decide(*, mapping: SegmentMapping, status: str, actor: Actor, note: str = "") -> SegmentMapping:
    """Confirm or reject (override) a mapping; the enterprise's chain-segment link follows."""
    if status not in (SegmentMapping.Status.CONFIRMED, SegmentMapping.Status.REJECTED):
        raise ValidationError({"status": "只能确认或否决"})
    mapping.status, mapping.note = status, note[:200]
    mapping.decided_by, mapping.decided_at = actor, timezone.now()
    object_update(instance=mapping, actor=actor, parent_field="segment")
    _sync_link(mapping)
    return mapping


@transaction.atomic
def mapping_add(*, enterprise, segment: ChainSegment, actor: Actor, note: str = "") -> SegmentMapping:
    """Place an enterprise in a segment by hand (an override of the rules); confirmed at once."""
    mapping = SegmentMapping.objects.filter(enterprise=enterprise, segment=segment).first()
    if mapping is not None:
        return mapping_decide(mapping=mapping, status=SegmentMapping.Status.CONFIRMED, actor=actor, note=note)
    mapping = SegmentMapping(enterprise=enterprise, segment=segment, status=SegmentMapping.Status.CONFIRMED,
                             origin=SegmentMapping.Origin.MANUAL, note=note[:200], decided_by=actor,
                             decided_at=timezone.now())
    object_create(instance=mapping, actor=actor, parent_field="segment")
    _sync_link(mapping)
    return mapping


# Purchase records ---------------------------------------------------------------------------------------------

@transaction.atomic
def purchase_records_import(*, records: list[PurchaseRecord], actor: Actor) -> int:
    """Save validated purchase records of chain leaders, all or nothing; each is checked against the scope."""
    for record in records:
        object_create(instance=record, actor=actor, parent_field="buyer")
    return len(records)


# Chain chiefs, task forces, chain leaders (链长制、专班、链主) ------------------------------------------------------

@transaction.atomic
def chain_chief_set(*, chain: Chain, chief, chief_title: str, actor: Actor) -> Chain:
    """Name the chain chief (链长, a user) and the title shown with them (市委副书记); ``chief=None`` clears it."""
    chain.chief, chain.chief_title = chief, chief_title.strip()
    return chain_update(chain=chain, actor=actor)


@transaction.atomic
def task_force_replace(*, chain: Chain, members: list[tuple[object, object, str]], actor: Actor
                       ) -> list[TaskForceMember]:
    """Make the chain's task force (专班) the given ``(unit, person, duty)`` rows, in order; each change recorded.

    A row is identified by its unit and person: a kept row has its duty and order updated, a new one is added,
    and a row no longer listed is removed.
    """
    if not can(actor, "change", chain):
        raise PermissionDenied("outside your scope")
    current = {(m.unit_id, m.person_id): m for m in chain.task_force.all()}
    kept: list[TaskForceMember] = []
    for order, (unit, person, duty) in enumerate(members):
        if unit is None and person is None:
            raise ValidationError(gettext("A task force row needs a unit or a person."))
        key = (getattr(unit, "pk", None), getattr(person, "pk", None))
        member = current.pop(key, None)
        if member is None:
            kept.append(object_create(instance=TaskForceMember(chain=chain, unit=unit, person=person, duty=duty,
                                                               order=order), actor=actor, parent_field="chain"))
        elif (member.duty, member.order) != (duty, order):
            member.duty, member.order = duty, order
            kept.append(object_update(instance=member, actor=actor, parent_field="chain"))
        else:
            kept.append(member)
    for stale in current.values():
        object_delete(instance=stale, actor=actor, parent_field="chain")
    return kept


@transaction.atomic
def chain_leaders_replace(*, chain: Chain, leaders: list[tuple[object, str]], actor: Actor
                          ) -> list[ChainLeaderEnterprise]:
    """Make the chain's chain-leader enterprises (链主) the given ``(enterprise, note)`` rows; each change recorded."""
    if not can(actor, "change", chain):
        raise PermissionDenied("outside your scope")
    current = {m.enterprise_id: m for m in chain.leader_enterprises.all()}
    kept: list[ChainLeaderEnterprise] = []
    for enterprise, note in leaders:
        row = current.pop(getattr(enterprise, "pk", None), None)
        if row is None:
            kept.append(object_create(instance=ChainLeaderEnterprise(chain=chain, enterprise=enterprise, note=note),
                                      actor=actor, parent_field="chain"))
        elif row.note != note:
            row.note = note
            kept.append(object_update(instance=row, actor=actor, parent_field="chain"))
        else:
            kept.append(row)
    for stale in current.values():
        object_delete(instance=stale, actor=actor, parent_field="chain")
    return kept


@transaction.atomic
def chain_leadership_update(*, chain: Chain, chief, chief_title: str, members: list[tuple[object, object, str]],
                            leaders: list[tuple[object, str]], actor: Actor) -> Chain:
    """Set the chain chief, the task force and the chain-leader enterprises together, all or nothing."""
    chain = chain_chief_set(chain=chain, chief=chief, chief_title=chief_title, actor=actor)
    task_force_replace(chain=chain, members=members, actor=actor)
    chain_leaders_replace(chain=chain, leaders=leaders, actor=actor)
    return chain


# Cluster targets and park concentration targets -------------------------------------------------------------------

@transaction.atomic
def cluster_target_save(*, target: ClusterTarget, actor: Actor,
                        segment_rates: list[tuple[ChainSegment, Decimal]] | None = None) -> ClusterTarget:
    """Create or update a cluster's targets for a year; ``segment_rates`` (segment, 本地配套率 %) replace the
    segment targets when given. Segments must belong to the cluster's chains."""
    service = object_update if target.pk else object_create
    service(instance=target, actor=actor, parent_field="cluster")
    if segment_rates is None:
        return target
    current = {r.segment_id: r for r in target.segment_rates.all()}
    for segment, rate in segment_rates:
        if segment.chain.cluster_id != target.cluster_id:
            raise ValidationError({"segment_rates": gettext("The segment %s is not in this cluster's chains.")
                                   % segment.name})
        row = current.pop(segment.pk, None)
        if row is None:
            object_create(instance=SegmentSupplyTarget(target=target, segment=segment, rate_percent=rate),
                          actor=actor, parent_field="target")
        elif row.rate_percent != rate:
            row.rate_percent = rate
            object_update(instance=row, actor=actor, parent_field="target")
    for stale in current.values():
        object_delete(instance=stale, actor=actor, parent_field="target")
    return target


@transaction.atomic
def cluster_targets_import(*, cluster: Cluster, years: dict, actor: Actor) -> int:
    """Save a file's targets by year (`target_files.parse_target_file`), all or nothing: a year already set is
    updated (its segment targets replaced when the file names any), a new year is created."""
    for year, data in sorted(years.items()):
        target = ClusterTarget.objects.filter(cluster=cluster, year=year).first() or ClusterTarget(cluster=cluster,
                                                                                                   year=year)
        for field in ("output_wan", "above_scale_count", "note"):
            if field in data:
                setattr(target, field, data[field])
        rates = list(data.get("rates", {}).items()) or None
        cluster_target_save(target=target, actor=actor, segment_rates=rates)
    return len(years)


def cluster_target_delete(*, target: ClusterTarget, actor: Actor) -> None:
    """Remove a cluster's targets for a year with their segment targets."""
    object_delete(instance=target, actor=actor, parent_field="cluster")


def concentration_target_save(*, target: ConcentrationTarget, actor: Actor) -> ConcentrationTarget:
    """Create or update a region's target share of industrial output inside parks."""
    service = object_update if target.pk else object_create
    return service(instance=target, actor=actor)


def concentration_target_delete(*, target: ConcentrationTarget, actor: Actor) -> None:
    """Remove a region's own concentration target (it then takes the one above it, or the default)."""
    object_delete(instance=target, actor=actor)
