"""Reads for investment leads, all through `restrict`: the leads a user may see, and the attraction funnel
(招商漏斗) grouped by responsible unit, chain segment or industry-transfer type."""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Min, QuerySet
from django.utils.translation import gettext as _

from clusterdesk.core.attraction import Funnel, StageEntry, funnel

from .choices import TransferTypeChoices
from .models import Lead, LeadStageChange

__all__ = ["FUNNEL_GROUPS", "FunnelGroup", "lead_funnel", "lead_list"]

#: The groupings of the funnel page: key → (the lead's field, its label).
FUNNEL_GROUPS = ("unit", "segment", "transfer")


@dataclass(frozen=True)
class FunnelGroup:
    """One row group of the funnel page: its label and its figures."""

    label: str
    funnel: Funnel


def lead_list(*, user, action: str = "view") -> QuerySet[Lead]:
    """Leads on which ``user`` may perform ``action``."""
    return Lead.objects.restrict(user, action)


def _group_label(lead: Lead, group_by: str) -> str:
    if group_by == "segment":
        return lead.chain_segment.name if lead.chain_segment_id else _("No chain segment")
    if group_by == "transfer":
        return str(TransferTypeChoices(lead.transfer_type).label) if lead.transfer_type else _("Not given")
    if lead.assigned_unit_id:
        return lead.assigned_unit.name
    return lead.owner_unit or _("No unit")


def lead_funnel(*, user, group_by: str = "unit", region=None, start: datetime.date | None = None,
                end: datetime.date | None = None) -> tuple[FunnelGroup, list[FunnelGroup]]:
    """The funnel of the leads the user may see (in ``region``'s subtree; first registered between ``start`` and
    ``end``), overall and by group (``unit``, ``segment`` or ``transfer``), from the leads' stage-history rows.
    A lead with no history row (made before the history was kept) counts as entering its stage when created."""
    from clusterdesk.regions.selectors import region_subtree

    leads = lead_list(user=user).select_related("assigned_unit", "chain_segment").annotate(
        first_day=Min("stage_changes__date"))
    if region is not None:
        leads = leads.filter(region__in=region_subtree(region).values("pk"))
    rows = list(leads)
    if start or end:
        def day(lead: Lead) -> datetime.date:
            return lead.first_day or lead.created.date()

        rows = [lead for lead in rows if (start is None or day(lead) >= start) and (end is None or day(lead) <= end)]
    history: dict[int, list[StageEntry]] = defaultdict(list)
    for lead_id, stage, entered in (LeadStageChange.objects.filter(lead__in=[lead.pk for lead in rows])
                                    .order_by("date", "pk").values_list("lead_id", "to_stage", "date")):
        history[lead_id].append(StageEntry(lead_id, stage, entered))
    for lead in rows:
        if not history[lead.pk]:
            history[lead.pk].append(StageEntry(lead.pk, lead.stage, lead.created.date()))
    groups: dict[str, list[StageEntry]] = defaultdict(list)
    for lead in rows:
        groups[_group_label(lead, group_by)] += history[lead.pk]
    overall = FunnelGroup(_("All leads"), funnel(e for lead in rows for e in history[lead.pk]))
    return overall, [FunnelGroup(label, funnel(entries)) for label, entries in sorted(groups.items())]
