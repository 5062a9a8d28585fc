"""Writes of the notifications app: telling people (`notify`), the daily reminder and digest jobs, deliveries,
read marks, channel preferences and group robots.

Notifications are messages the system writes to one person; like the job runs they are not domain records and are
not written to the change log (a province's reminders would flood it). The settings people and officers change —
channel preferences and group robots — are recorded like every other change.

Nothing here holds a write transaction open while it talks to the network: the rows are written and committed
first, then `deliveries_send` reads what is pending, sends it (one SMTP connection, one robot message per robot)
and writes the outcome in one short transaction.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.mail import EmailMessage, EmailMultiAlternatives, get_connection
from django.db import IntegrityError, connection, transaction
from django.db.models import F, Max, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from clusterdesk.accounts.actors import Actor
from clusterdesk.accounts.models import Unit
from clusterdesk.accounts.roles import Role
from clusterdesk.changelog.models import ObjectChange
from clusterdesk.changelog.recording import record_change, snapshot
from clusterdesk.common.bulk import RowSink
from clusterdesk.common.services import object_create, object_delete, object_update
from clusterdesk.core.routing import Reminder, ReminderKind, TaskLight, reminder_rules, reminders_due, task_light
from clusterdesk.tasks.models import Task, TaskStatus

from .channels import RobotError, absolute_url, robot_payload, robot_post
from .digest import DigestItem, digest_html, digest_text
from .models import (
    ChannelPreference,
    Delivery,
    DeliveryChannel,
    DeliveryStatus,
    GroupRobot,
    Notification,
    NotificationKind,
    ReminderMark,
)

__all__ = [
    "channel_preference_get",
    "channel_preference_set",
    "deliveries_send",
    "digests_send",
    "notification_mark_read",
    "notifications_mark_all_read",
    "notify",
    "reminders_run",
    "robot_create",
    "robot_delete",
    "robot_send_test",
    "robot_update",
]

BATCH = 2000
#: Roles told when a task of a unit below theirs is escalated (the heads and officers of the parent unit).
ESCALATION_ROLES = frozenset({Role.PROVINCE_OFFICER, Role.CITY_OFFICER, Role.COUNTY_OFFICER, Role.PARK_OFFICER,
                              Role.ADMIN})
DIGEST_KEY = "digest"
DIGEST_ITEMS = 10


@dataclass
class _Prefs:
    email: bool = False
    robot: bool = False
    digest: bool = True
    hour: int = 8


def _prefs_of(user_ids: Iterable[int] | None = None) -> dict[int, _Prefs]:
    """Stored preferences by user id (users without a row have the defaults)."""
    rows = ChannelPreference.objects.all()
    if user_ids is not None:
        rows = rows.filter(user_id__in=list(user_ids))
    return {u: _Prefs(e, r, d, h) for u, e, r, d, h in rows.values_list(
        "user_id", "email_enabled", "robot_enabled", "digest_enabled", "digest_hour")}


def _plan_deliveries(notifications: Sequence[tuple[int, int]]) -> list[Delivery]:
    """Delivery rows for (notification id, user id) pairs on each user's chosen channels (in-app needs none)."""
    user_ids = {u for _n, u in notifications}
    prefs = {u: p for u, p in _prefs_of(user_ids).items() if p.email or p.robot}
    if not prefs:
        return []
    users = {pk: (email, unit) for pk, email, unit in get_user_model().objects.filter(pk__in=list(prefs)).values_list(
        "pk", "email", "unit_id")}
    robots: dict[int, list[int]] = defaultdict(list)
    for pk, unit_id in GroupRobot.objects.filter(is_active=True, unit_id__in={u for _e, u in users.values() if u}
                                                 ).values_list("pk", "unit_id"):
        robots[unit_id].append(pk)
    planned = []
    for notification_id, user_id in notifications:
        pref = prefs.get(user_id)
        if pref is None:
            continue
        email, unit_id = users[user_id]
        if pref.email and email:
            planned.append(Delivery(notification_id=notification_id, channel=DeliveryChannel.EMAIL))
        if pref.robot and unit_id:
            planned += [Delivery(notification_id=notification_id, channel=DeliveryChannel.ROBOT, robot_id=robot_id)
                        for robot_id in robots.get(unit_id, ())]
    return planned


def notify(*, user: Any, kind: str, title: str, body: str = "", url: str = "", task: Task | None = None,
           dedup_key: str, day: dt.date | None = None) -> Notification | None:
    """Tell a person something: the in-app notification, then (after commit) e-mail and robot on their channels.

    Returns ``None`` when the person was already told of ``dedup_key`` on ``day`` (nobody hears of the same thing
    twice on the same day).
    """
    day = day or timezone.localdate()
    if Notification.objects.filter(user=user, dedup_key=dedup_key, day=day).exists():
        return None
    notification = Notification(user=user, kind=kind, title=title[:300], body=body, url=url[:300], task=task,
                                dedup_key=dedup_key[:200], day=day)
    notification.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            notification.save()
            planned = Delivery.objects.bulk_create(_plan_deliveries([(notification.pk, user.pk)]))
    except IntegrityError:  # told a moment ago by another process
        return None
    if planned:
        ids = [d.pk for d in planned]
        transaction.on_commit(lambda: deliveries_send(ids=ids))
    return notification


# --- sending ---------------------------------------------------------------------------------------------------


@dataclass
class _Outcome:
    sent: list[int] = field(default_factory=list)
    failed: dict[int, str] = field(default_factory=dict)


def _email_messages(rows: list[Delivery]) -> list[tuple[EmailMessage, list[int]]]:
    """One e-mail per person and run: a digest alone, other notifications together."""
    groups: dict[tuple[int, bool], list[Delivery]] = defaultdict(list)
    for row in rows:
        groups[(row.notification.user_id, row.notification.kind == NotificationKind.DIGEST)].append(row)
    messages = []
    for group in groups.values():
        user = group[0].notification.user
        if len(group) == 1:
            n = group[0].notification
            subject, text = n.title, "\n\n".join(part for part in (n.body, absolute_url(n.url)) if part)
        else:
            subject = _("%(count)s new notifications") % {"count": len(group)}
            text = "\n\n".join("\n".join(part for part in (d.notification.title, d.notification.body,
                                                             absolute_url(d.notification.url)) if part)
                               for d in group)
        message = EmailMessage(subject=f"[clusterdesk] {subject}", body=text, to=[user.email])
        messages.append((message, [d.pk for d in group]))
    return messages


def _send_emails(messages: Sequence[tuple[EmailMessage, list[int]]], outcome: _Outcome) -> None:
    """Send over one connection; a message that fails marks its deliveries failed, the others go on."""
    if not messages:
        return
    connection = get_connection(fail_silently=False)
    try:
        connection.open()
    except OSError as exc:
        for _message, ids in messages:
            outcome.failed.update(dict.fromkeys(ids, f"SMTP: {exc}"))
        return
    try:
        for message, ids in messages:
            message.connection = connection
            try:
                connection.send_messages([message])
            except Exception as exc:  # noqa: BLE001 (any SMTP or socket error fails this message only)
                outcome.failed.update(dict.fromkeys(ids, f"{type(exc).__name__}: {exc}"[:500]))
            else:
                outcome.sent += ids
    finally:
        connection.close()


def _reminder_line(n: Notification) -> str:
    url = absolute_url(n.url)
    return f"- [{n.title}]({url})" if url else f"- {n.title}"


def _send_robots(rows: list[Delivery], outcome: _Outcome) -> None:
    """One message per robot for everything pending for it (lines told to several members appear once)."""
    by_robot: dict[int, list[Delivery]] = defaultdict(list)
    for row in rows:
        by_robot[row.robot_id].append(row)
    for group in by_robot.values():
        robot = group[0].robot
        lines = list(dict.fromkeys(_reminder_line(d.notification) for d in group))
        title = _("%(unit)s: %(count)s reminders") % {"unit": robot.unit, "count": len(lines)}
        ids = [d.pk for d in group]
        try:
            robot_post(robot, robot_payload(robot, title=title, lines=lines, more=_("… and %(count)s more")))
        except RobotError as exc:
            outcome.failed.update(dict.fromkeys(ids, str(exc)[:500]))
        else:
            outcome.sent += ids


def deliveries_send(*, ids: Iterable[int] | None = None) -> dict[str, int]:
    """Send pending deliveries and retry failed ones (fewer than ``Delivery.MAX_ATTEMPTS`` tries); returns counts.

    ``ids`` limits the run to those deliveries (what `notify` just planned). The network is used outside any
    transaction; the outcome is written afterwards in one.
    """
    rows_query = Delivery.objects.filter(status__in=[DeliveryStatus.PENDING, DeliveryStatus.FAILED],
                                         attempts__lt=Delivery.MAX_ATTEMPTS)
    if ids is not None:
        rows_query = rows_query.filter(pk__in=list(ids))
    rows = list(rows_query.select_related("notification__user", "robot__unit").filter(
        Q(robot__isnull=True) | Q(robot__is_active=True)).order_by("pk"))
    outcome = _Outcome()
    with translation.override(settings.LANGUAGE_CODE):
        _send_emails(_email_messages([r for r in rows if r.channel == DeliveryChannel.EMAIL]), outcome)
        _send_robots([r for r in rows if r.channel == DeliveryChannel.ROBOT], outcome)
    _record_outcome(outcome)
    return {"sent": len(outcome.sent), "failed": len(outcome.failed)}


def _record_outcome(outcome: _Outcome) -> None:
    """Write what the sending did, one UPDATE per batch of sent rows and per error (a bulk_update's CASE per row
    would cost seconds for a province's deliveries)."""
    now = timezone.now()
    failed: dict[str, list[int]] = defaultdict(list)
    for pk, error in outcome.failed.items():
        failed[error].append(pk)
    with transaction.atomic():
        for start in range(0, len(outcome.sent), BATCH):
            Delivery.objects.filter(pk__in=outcome.sent[start:start + BATCH]).update(
                status=DeliveryStatus.SENT, sent_at=now, error="", attempts=F("attempts") + 1)
        for error, ids in failed.items():
            for start in range(0, len(ids), BATCH):
                Delivery.objects.filter(pk__in=ids[start:start + BATCH]).update(
                    status=DeliveryStatus.FAILED, error=error, attempts=F("attempts") + 1)


# --- the daily reminders ---------------------------------------------------------------------------------------


def _reminder_text(reminder: Reminder, title: str) -> tuple[str, str]:
    """(notification kind, title) of a reminder about a task, in the interface's language."""
    if reminder.kind == ReminderKind.ESCALATED:
        return NotificationKind.ESCALATION, _("Escalated to level %(level)s: %(title)s") % {
            "level": reminder.days, "title": title}
    if reminder.kind == ReminderKind.BEFORE_DUE:
        text = _("Due in %(days)s days: %(title)s") % {"days": reminder.days, "title": title}
    elif reminder.kind == ReminderKind.DUE_TODAY:
        text = _("Due today: %(title)s") % {"title": title}
    elif reminder.kind == ReminderKind.OVERDUE:
        text = _("Overdue by %(days)s days: %(title)s") % {"days": reminder.days, "title": title}
    else:
        text = _("Awaiting confirmation: %(title)s") % {"title": title}
    return NotificationKind.REMINDER, text


def _dedup_key(task_id: int, reminder: Reminder) -> str:
    if reminder.kind == ReminderKind.ESCALATED:
        return f"task:{task_id}:escalated:{reminder.days}"
    return f"task:{task_id}:{reminder.key}"


class _People:
    """Who is told of a task: its person, else its unit's active members; for escalations also the officers of the
    parent unit. Read once per run."""

    def __init__(self) -> None:
        self.active: set[int] = set()
        self.members: dict[int, list[int]] = defaultdict(list)
        self.officers: dict[int, list[int]] = defaultdict(list)
        for pk, unit_id, role in get_user_model().objects.filter(is_active=True).values_list("pk", "unit_id", "role"):
            self.active.add(pk)
            if unit_id:
                self.members[unit_id].append(pk)
                if role in ESCALATION_ROLES:
                    self.officers[unit_id].append(pk)
        self.parent = dict(Unit.objects.filter(parent__isnull=False).values_list("pk", "parent_id"))

    def of(self, person_id: int | None, unit_id: int | None, *, escalated: bool = False) -> list[int]:
        people = [person_id] if person_id in self.active else list(self.members.get(unit_id, ())) if unit_id else []
        if escalated and unit_id and (parent := self.parent.get(unit_id)):
            people += [pk for pk in self.officers.get(parent, ()) if pk not in people]
        return people


_ROW_FIELDS = ("user", "kind", "title", "url", "task", "dedup_key", "day")


def _insert_notifications(rows: Sequence[tuple]) -> None:
    """Insert notification rows (`_ROW_FIELDS` tuples) in prepared batches; if another run wrote some of them
    meanwhile (the unique key refuses a batch), write them again skipping the ones that exist."""
    try:
        with transaction.atomic():
            sink = RowSink(Notification, _ROW_FIELDS)
            for row in rows:
                sink.add(row)
            sink.flush()
    except (IntegrityError, connection.Database.IntegrityError):  # COPY on PostgreSQL raises the driver's own
        Notification.objects.bulk_create(
            [Notification(user_id=u, kind=k, title=t, url=url, task_id=task, dedup_key=key, day=day)
             for u, k, t, url, task, key, day in rows], batch_size=BATCH, ignore_conflicts=True)


def reminders_run(*, today: dt.date | None = None) -> dict[str, int]:
    """The day's reminder job: every open task's reminders (`clusterdesk.core.routing.reminders_due`) to its people,
    once per person, task, kind and day; then the deliveries, and a retry of the failed ones. Returns counts.

    One pass over the open tasks (values only), the notifications written in batches (a conflict with one already
    written that day is skipped by the unique constraint), deliveries sent after the commit.
    """
    today = today or timezone.localdate()
    rules = reminder_rules(settings.CLUSTERDESK.get("REMINDERS") or {})
    people = _People()
    marks = dict(ReminderMark.objects.values_list("task_id", "escalation_level"))
    told = set(Notification.objects.filter(day=today, dedup_key__startswith="task:").values_list("user_id",
                                                                                                 "dedup_key"))
    new: list[tuple] = []
    new_marks: list[ReminderMark] = []
    tasks = Task.objects.filter(status=TaskStatus.OPEN).order_by().values_list(
        "pk", "kind", "title", "due_date", "escalation_level", "person_id", "unit_id", "url")
    reminders = 0
    with translation.override(settings.LANGUAGE_CODE):
        for pk, kind, title, due, level, person_id, unit_id, url in tasks.iterator(chunk_size=BATCH):
            found = reminders_due(kind, due, today, escalation_level=level, notified_level=marks.get(pk, 0),
                                  rules=rules)
            for reminder in found:
                escalated = reminder.kind == ReminderKind.ESCALATED
                if escalated:
                    new_marks.append(ReminderMark(task_id=pk, escalation_level=level))
                notification_kind, text = _reminder_text(reminder, title)
                key = _dedup_key(pk, reminder)
                for user_id in people.of(person_id, unit_id, escalated=escalated):
                    if (user_id, key) in told:
                        continue
                    told.add((user_id, key))
                    reminders += 1
                    new.append((user_id, notification_kind, text[:300], url, pk, key, today))
    with transaction.atomic():
        before = Notification.objects.aggregate(top=Max("pk"))["top"] or 0
        _insert_notifications(new)
        ReminderMark.objects.bulk_create(new_marks, batch_size=BATCH, update_conflicts=True, unique_fields=["task"],
                                         update_fields=["escalation_level"])
        created = list(Notification.objects.filter(pk__gt=before, day=today, dedup_key__startswith="task:")
                       .values_list("pk", "user_id"))
        Delivery.objects.bulk_create(_plan_deliveries(created), batch_size=BATCH)
    sent = deliveries_send()
    return {"tasks": tasks.count(), "notifications": len(created), "escalations": len(new_marks), **sent}


# --- the daily digest ------------------------------------------------------------------------------------------


def _digest_users(hour: int | None) -> list[Any]:
    prefs = _prefs_of()
    users = []
    for user in get_user_model().objects.filter(is_active=True).only("pk", "username", "full_name", "email",
                                                                        "unit_id"):
        pref = prefs.get(user.pk, _Prefs())
        if pref.digest and (hour is None or pref.hour == hour):
            users.append(user)
    return users


def digests_send(*, day: dt.date | None = None, hour: int | None = None) -> dict[str, int]:
    """The daily digest: for each person who wants one (at ``hour``, when given), their open tasks by light
    (overdue, due soon, new today) and their unread notifications, as an in-app notification and an e-mail (plain
    text and HTML, one SMTP connection for all). Once a day each; nobody gets an empty digest. Returns counts."""
    day = day or timezone.localdate()
    users = [u for u in _digest_users(hour)]
    done = set(Notification.objects.filter(day=day, dedup_key=DIGEST_KEY).values_list("user_id", flat=True))
    users = [u for u in users if u.pk not in done]
    ids = {u.pk for u in users}
    by_person: dict[int, list[tuple]] = defaultdict(list)
    by_unit: dict[int, list[tuple]] = defaultdict(list)
    for row in Task.objects.filter(status=TaskStatus.OPEN).order_by("due_date", "pk").values_list(
            "title", "due_date", "created", "url", "person_id", "unit_id").iterator(chunk_size=BATCH):
        if row[4] is not None:
            by_person[row[4]].append(row)
        elif row[5] is not None:
            by_unit[row[5]].append(row)
    unread: dict[int, list[DigestItem]] = defaultdict(list)
    unread_count: dict[int, int] = defaultdict(int)
    for user_id, title, url in Notification.objects.filter(read_at__isnull=True).exclude(
            kind=NotificationKind.DIGEST).order_by("-pk").values_list("user_id", "title", "url").iterator(
            chunk_size=BATCH):
        if user_id in ids:
            unread_count[user_id] += 1
            if len(unread[user_id]) < DIGEST_ITEMS:
                unread[user_id].append(DigestItem(title, absolute_url(url)))
    link = absolute_url("/notifications/")
    new: list[Notification] = []
    mails: dict[int, EmailMultiAlternatives] = {}
    empty = 0
    with translation.override(settings.LANGUAGE_CODE):
        for user in users:
            groups: dict[str, list[DigestItem]] = {"overdue": [], "due_soon": [], "new": [],
                                                   "unread": unread.get(user.pk, [])}
            counts = {"overdue": 0, "due_soon": 0, "new": 0, "unread": unread_count.get(user.pk, 0)}
            for title, due, created, url, _p, _u in [*by_person.get(user.pk, ()), *by_unit.get(user.unit_id, ())]:
                light = task_light(due, day)
                name = ("overdue" if light == TaskLight.OVERDUE else "due_soon" if light == TaskLight.DUE_SOON
                        else "new" if timezone.localdate(created) == day else None)
                if name is None:
                    continue
                counts[name] += 1
                if len(groups[name]) < DIGEST_ITEMS:
                    groups[name].append(DigestItem(title, absolute_url(url), due))
            if not any(counts.values()):
                empty += 1
                continue
            parts = {"name": user.full_name or user.username, "day": day, "groups": groups, "counts": counts,
                     "link": link}
            title = _("Daily digest %(day)s: %(overdue)s overdue, %(soon)s due soon, %(unread)s unread") % {
                "day": day.isoformat(), "overdue": counts["overdue"], "soon": counts["due_soon"],
                "unread": unread_count.get(user.pk, 0)}
            text = digest_text(**parts)
            new.append(Notification(user_id=user.pk, kind=NotificationKind.DIGEST, title=title, body=text,
                                    url="/notifications/", dedup_key=DIGEST_KEY, day=day))
            if user.email:
                mail = EmailMultiAlternatives(subject=f"[clusterdesk] {title}", body=text, to=[user.email])
                mail.attach_alternative(digest_html(**parts), "text/html")
                mails[user.pk] = mail
    with transaction.atomic():
        before = Notification.objects.aggregate(top=Max("pk"))["top"] or 0
        Notification.objects.bulk_create(new, batch_size=BATCH, ignore_conflicts=True)
        created = dict(Notification.objects.filter(pk__gt=before, day=day, dedup_key=DIGEST_KEY).values_list(
            "user_id", "pk"))
        deliveries = Delivery.objects.bulk_create(
            [Delivery(notification_id=pk, channel=DeliveryChannel.EMAIL) for user_id, pk in created.items()
             if user_id in mails], batch_size=BATCH)
    outcome = _Outcome()
    by_notification = {d.notification_id: d.pk for d in deliveries}
    _send_emails([(mails[user_id], [by_notification[pk]]) for user_id, pk in created.items() if user_id in mails],
                 outcome)
    _record_outcome(outcome)
    return {"users": len(users), "digests": len(created), "empty": empty, "emails": len(outcome.sent),
            "failed": len(outcome.failed)}


# --- read marks, preferences, robots ---------------------------------------------------------------------------


def notification_mark_read(*, notification: Notification, actor: Actor) -> Notification:
    """Mark one of the actor's own notifications read (nobody marks another's)."""
    if notification.user_id != actor.pk:
        raise PermissionDenied("only the addressee marks a notification read")
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at", "last_updated"])
    return notification


def notifications_mark_all_read(*, actor: Actor, kind: str | None = None) -> int:
    """Mark all the actor's unread notifications (of ``kind``, when given) read; returns how many."""
    rows = Notification.objects.filter(user=actor, read_at__isnull=True)
    if kind:
        rows = rows.filter(kind=kind)
    now = timezone.now()
    return rows.update(read_at=now, last_updated=now)


def channel_preference_get(*, user: Any) -> ChannelPreference:
    """The person's channel preferences (the defaults, unsaved, when they never chose)."""
    found = ChannelPreference.objects.filter(user=user).first()
    return found or ChannelPreference(user=user)


@transaction.atomic
def channel_preference_set(*, preference: ChannelPreference, actor: Actor) -> ChannelPreference:
    """Save the actor's own channel preferences (recorded in the change log)."""
    if preference.user_id != actor.pk:
        raise PermissionDenied("people choose their own channels")
    preference.full_clean()
    before = snapshot(ChannelPreference.objects.get(pk=preference.pk)) if preference.pk else None
    preference.save()
    record_change(instance=preference, action=ObjectChange.Action.UPDATE if before else ObjectChange.Action.CREATE,
                  actor=actor, before=before)
    return preference


def robot_create(*, robot: GroupRobot, actor: Actor) -> GroupRobot:
    """Add a unit's group robot (administrators, and officers of the unit's region)."""
    return object_create(instance=robot, actor=actor)


def robot_update(*, robot: GroupRobot, actor: Actor) -> GroupRobot:
    """Change a group robot (its address, secret, whether it is active)."""
    return object_update(instance=robot, actor=actor)


def robot_delete(*, robot: GroupRobot, actor: Actor) -> None:
    """Remove a group robot."""
    object_delete(instance=robot, actor=actor)


def robot_send_test(*, robot: GroupRobot, actor: Actor) -> str:
    """Post a test message to a robot the actor may change; returns "" when it arrived, else the error."""
    if not GroupRobot.objects.restrict(actor, "change").filter(pk=robot.pk).exists():
        raise PermissionDenied("outside your scope")
    with translation.override(settings.LANGUAGE_CODE):
        title = _("clusterdesk test message")
        lines = [_("This group will receive the reminders of %(unit)s.") % {"unit": robot.unit}]
        try:
            robot_post(robot, robot_payload(robot, title=title, lines=lines))
        except RobotError as exc:
            return str(exc)
    return ""
