"""Reads of the briefings app, through `restrict`: the library, subscriptions, the wording of a kind."""

import datetime

from django.db.models import QuerySet

from .models import Briefing, BriefingSubscription, BriefingWording

__all__ = ["briefing_list", "subscription_list", "wording_get"]


def briefing_list(*, user, kind: str = "", period: datetime.date | None = None, region=None) -> QuerySet[Briefing]:
    """The library briefings ``user`` may see (those covering a region or park inside their scope), filtered."""
    rows = Briefing.objects.restrict(user, "view").select_related("region", "created_by", "scope_owner")
    if kind:
        rows = rows.filter(kind=kind)
    if period is not None:
        rows = rows.filter(period=period.replace(day=1))
    if region is not None:
        rows = rows.filter(region__code__startswith=region.code_prefix)
    return rows


def subscription_list(*, user) -> QuerySet[BriefingSubscription]:
    """The subscriptions ``user`` may see (those of regions in their scope)."""
    return BriefingSubscription.objects.restrict(user, "view").select_related("region", "recipient")


def wording_get(*, kind: str) -> BriefingWording | None:
    """The stored wording of a kind, or None while the default is in use."""
    return BriefingWording.objects.filter(kind=kind).first()
