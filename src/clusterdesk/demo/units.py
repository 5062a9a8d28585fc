"""The demo's units: the standard offices of each demo city and its counties, the parks' management committees and
the province's 发改委 (before the accounts, so that each demo user belongs to one), and, after every data phase,
the free-text owners of problems, decisions, appeals, follow-ups, visit tasks, leads and projects matched to them.

Both phases go through the account services (`units_seed_standard`, `units_match_free_text`), as any installation
would: the matching phase is what ``clusterdesk units match`` does on an upgraded database.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .context import DemoContext

__all__ = ["build_unit_matching", "build_units", "delete_units"]


def build_units(ctx: DemoContext) -> None:
    """Seed the standard units of the demo's cities (their counties and parks with them) and the province's 发改委."""
    from clusterdesk.accounts.models import Unit
    from clusterdesk.accounts.services import unit_create, units_seed_standard
    from clusterdesk.regions.models import Region

    created = []
    province = Region.objects.get(code=ctx.province_code)
    if not Unit.objects.filter(region=province, name=f"{province.name}发展和改革委员会").exists():
        created.append(unit_create(unit=Unit(name=f"{province.name}发展和改革委员会", short_name="省发改委",
                                             kind="development_reform", region=province,
                                             aliases=f"{province.name}发改委\n省发展改革委"), actor=None))
    for city in Region.objects.filter(code__in=list(ctx.cities)).order_by("code"):
        created += units_seed_standard(region=city, actor=None)
    ctx.ids["units"] = [u.pk for u in created]
    ctx.counts["units"] = len(created)


def build_unit_matching(ctx: DemoContext) -> None:
    """Link every free-text owner the demo wrote to the unit it names; the rest stay listed as unmatched."""
    from clusterdesk.accounts.services import units_match_free_text

    report = units_match_free_text(actor=None)
    ctx.counts["units matched"] = report.total_matched
    ctx.counts["units unmatched"] = len(report.unmatched)


def delete_units(ids) -> dict[str, int]:
    """Delete the units the demo created (what referred to them is deleted before, or loses the link)."""
    from clusterdesk.accounts.models import Unit

    units = Unit.objects.filter(pk__in=ids.get("units") or [])
    units.update(parent=None)
    return {"units": units.delete()[1].get("accounts.Unit", 0)}
