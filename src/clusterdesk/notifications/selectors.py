"""Reads of the notifications app: a person's own notifications, the robots an officer manages, failed deliveries."""

from typing import Any

from django.db.models import F, QuerySet

from clusterdesk.accounts.models import Unit
from clusterdesk.accounts.scoping import region_ids_within_reach

from .models import Delivery, DeliveryStatus, GroupRobot, Notification

__all__ = ["delivery_failed_list", "notification_list", "robot_list", "robot_unit_choices", "unread_count"]


def notification_list(*, user: Any, kind: str | None = None, unread_only: bool = False) -> QuerySet[Notification]:
    """The person's own notifications, unread first, newest first (nobody reads another's)."""
    rows = Notification.objects.filter(user=user)
    if kind:
        rows = rows.filter(kind=kind)
    if unread_only:
        rows = rows.filter(read_at__isnull=True)
    return rows.order_by(F("read_at").desc(nulls_first=True), "-created", "-pk")


def unread_count(*, user: Any) -> int:
    """How many of the person's notifications are unread."""
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def robot_list(*, user: Any, action: str = "view") -> QuerySet[GroupRobot]:
    """The group robots the user manages: administrators all, officers those of units in their region scope."""
    return GroupRobot.objects.restrict(user, action).select_related("unit", "unit__region")


def delivery_failed_list(*, user: Any) -> QuerySet[Delivery]:
    """Deliveries that failed (retried by the next run until they give up), for administrators only."""
    if not getattr(user, "is_administrator", False):
        return Delivery.objects.none()
    return (Delivery.objects.filter(status=DeliveryStatus.FAILED).select_related("notification__user", "robot")
            .order_by("-pk"))


def robot_unit_choices(*, user: Any) -> QuerySet[Unit]:
    """The active units whose group robot the user may add: those in the regions within their reach."""
    units = Unit.objects.filter(is_active=True).select_related("region")
    regions = region_ids_within_reach(user) if user is not None else None
    return units if regions is None else units.filter(region_id__in=regions)
