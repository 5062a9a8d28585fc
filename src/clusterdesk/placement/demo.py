"""The placement phase of the demo build: interest-sharing agreements (利益共享) on some of the largest projects in
parks, between the hosting county and a referring one."""

from __future__ import annotations

from decimal import Decimal

from clusterdesk.common.registry import DemoPhase, registry
from clusterdesk.demo.context import DemoContext

from .models import InterestAgreement

__all__ = ["build_agreements", "delete_agreements", "register"]


def build_agreements(ctx: DemoContext) -> None:
    """One agreement on every fourth of the 40 largest owned projects in parks (the evaluation's stream goes on)."""
    rng = ctx.rng("parks-evaluation")
    plans = sorted((p for p in ctx.plans if p.park is not None and p.owner is not None),
                   key=lambda p: (-p.total_cents, p.pk))[:40]
    counties = ctx.province_county_pks
    made = []
    for plan in plans[::4]:
        referring = rng.choice([pk for pk in counties if pk != plan.county.pk])
        share = rng.choice([Decimal(50), Decimal(40), Decimal(30)])
        agreement = InterestAgreement.objects.create(
            project_id=plan.pk, referring_region_id=referring, hosting_region_id=plan.county.pk,
            tax_share_pct=share, output_share_pct=share, start_year=2023, years=rng.choice([3, 5]),
            note="招商引荐项目")
        made.append(agreement.pk)
    ctx.ids["agreements"] = made
    ctx.counts["interest_agreements"] = len(made)


def delete_agreements(ids) -> dict[str, int]:
    """Delete the demo agreements (a demo built before the phases were split kept them under "evaluation")."""
    pks = list(ids.get("agreements") or []) + list((ids.get("evaluation") or {}).get("agreements", []))
    return {"interest_agreements": InterestAgreement.objects.filter(pk__in=pks).delete()[0]}


def register() -> None:
    """Register the placement phase (called from `PlacementConfig.ready`)."""
    registry.register_demo_phase(DemoPhase("agreements", build_agreements, 115, delete=delete_agreements))
