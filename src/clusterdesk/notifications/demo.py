"""The notifications' demonstration data: read and unread notifications for the demo accounts, their channel
preferences, and one group robot (disabled, with an example address) for a unit; then the day's reminders."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from clusterdesk.common.registry import DemoPhase, registry

if TYPE_CHECKING:
    from clusterdesk.demo.context import DemoContext

__all__ = ["build_notifications", "register"]

#: (kind, title, page) of the handwritten demo notifications; the first two of each account are read.
_NOTES = (
    ("answer", "市自然资源局已答复：用地指标调剂方案", "/projects/problems/"),
    ("assigned", "新交办：协调重点项目开工前审批", "/projects/problems/"),
    ("returned", "月报被退回：请补充设备购置投资明细", "/projects/"),
    ("reminder", "3 天后到期：本月项目调度月报", "/projects/"),
    ("escalation", "已升级至第 2 级：园区供电扩容问题", "/projects/problems/"),
)
_PREFERENCES = {"changsha": (True, 8), "county": (True, 9), "park": (False, 8)}


def build_notifications(ctx: DemoContext) -> None:
    """Write the demo accounts' notifications and preferences and the example robot, then run the reminders."""
    from clusterdesk.accounts.models import Unit, User

    from .models import ChannelPreference, GroupRobot, Notification
    from .services import reminders_run

    users = list(User.objects.filter(username__in=["admin", "province", "changsha", "county", "park", "secretary",
                                                   "viewer"]))
    day = ctx.reference_date
    now = dt.datetime.combine(day, dt.time(9), tzinfo=dt.UTC)
    notes = []
    for user in users:
        for index, (kind, title, url) in enumerate(_NOTES):
            notes.append(Notification(user=user, kind=kind, title=title, url=url, dedup_key=f"demo:{index}",
                                      day=day - dt.timedelta(days=len(_NOTES) - index),
                                      read_at=now if index < 2 else None))
    Notification.objects.bulk_create(notes, ignore_conflicts=True)
    for user in users:
        digest, hour = _PREFERENCES.get(user.username, (True, 8))
        ChannelPreference.objects.get_or_create(user=user, defaults={"digest_enabled": digest, "digest_hour": hour})
    unit = (Unit.objects.filter(members__username="changsha").first() or Unit.objects.order_by("pk").first())
    if unit is not None and not GroupRobot.objects.exists():
        GroupRobot.objects.create(name=f"{unit}工作群（示例）", kind="wecom", unit=unit, is_active=False,
                                  url="https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=EXAMPLE-KEY")
    counts = reminders_run(today=day)
    ctx.counts.update(notifications=Notification.objects.count(), reminders=counts["notifications"])


def register() -> None:
    """Register the notifications' phase, after every phase that writes tasks (from the app's ``ready``)."""
    registry.register_demo_phase(DemoPhase("notifications", build_notifications, 210))
