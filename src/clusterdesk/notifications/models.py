"""Notifications to people (in the application, by e-mail, to their unit's group robot) and what was delivered."""

from django.conf import settings
from django.core.validators import MaxValueValidator, URLValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from clusterdesk.common.models import BaseModel, CleanTextMixin

__all__ = ["ChannelPreference", "Delivery", "DeliveryChannel", "DeliveryStatus", "GroupRobot", "Notification",
           "NotificationKind", "ReminderMark", "RobotKind"]


class NotificationKind(models.TextChoices):
    """What a notification is about."""

    REMINDER = "reminder", _("Reminder")
    ESCALATION = "escalation", _("Escalation")
    ASSIGNED = "assigned", _("Assigned to you")
    RETURNED = "returned", _("Returned to you")
    ANSWER = "answer", _("Answer")
    DIGEST = "digest", _("Daily digest")
    MESSAGE = "message", _("Message")


class Notification(BaseModel):
    """One message to one person, shown in the application; ``dedup_key`` and ``day`` make sure nobody is told of
    the same thing twice on the same day (a unique constraint, so even two jobs running at once cannot)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE,
                             related_name="notifications")
    kind = models.CharField(_("kind"), max_length=20, choices=NotificationKind.choices,
                            default=NotificationKind.MESSAGE)
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("text"), blank=True)
    url = models.CharField(_("address"), max_length=300, blank=True)
    task = models.ForeignKey("tasks.Task", verbose_name=_("task"), null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+")
    dedup_key = models.CharField(_("reminder key"), max_length=200)
    day = models.DateField(_("day"))
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "dedup_key", "day"],
                                    name="%(app_label)s_%(class)s_unique_user_key_day"),
        ]
        indexes = [models.Index(fields=["user", "read_at"], name="notification_unread")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return self.url


class ChannelPreference(BaseModel):
    """How a person wants to be told, besides in the application (always on): e-mail, their unit's group robot, and
    the daily digest at an hour. A person without a row has the defaults (no e-mail, no robot, digest at 8)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE,
                                related_name="notification_preference")
    email_enabled = models.BooleanField(_("by e-mail"), default=False,
                                        help_text=_("Needs an e-mail address on your account."))
    robot_enabled = models.BooleanField(_("to my unit's group robot"), default=False)
    digest_enabled = models.BooleanField(_("daily digest"), default=True)
    digest_hour = models.PositiveSmallIntegerField(_("digest hour"), default=8, validators=[MaxValueValidator(23)])

    class Meta:
        verbose_name = _("notification channels")
        verbose_name_plural = _("notification channels")

    def __str__(self) -> str:
        return str(self.user)


class RobotKind(models.TextChoices):
    WECOM = "wecom", _("WeCom group robot")
    DINGTALK = "dingtalk", _("DingTalk group robot")


class GroupRobot(BaseModel):
    """A WeCom or DingTalk group robot's webhook: the group chat of a unit, where its reminders of the day are posted
    as one message (robots accept about 20 messages a minute)."""

    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=20, choices=RobotKind.choices)
    url = models.URLField(_("webhook address"), max_length=500, validators=[URLValidator(schemes=["http", "https"])])
    secret = models.CharField(_("signing secret"), max_length=200, blank=True,
                              help_text=_("DingTalk only: the robot's signing secret (加签), when it has one."))
    unit = models.ForeignKey("accounts.Unit", verbose_name=_("unit"), on_delete=models.CASCADE, related_name="robots")
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("group robot")
        verbose_name_plural = _("group robots")
        ordering = ["unit__name", "name"]

    def __str__(self) -> str:
        return self.name


class DeliveryChannel(models.TextChoices):
    EMAIL = "email", _("E-mail")
    ROBOT = "robot", _("Group robot")


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class Delivery(CleanTextMixin, models.Model):
    """One notification sent (or to be sent) on one channel; a failed one is tried again by the next run, up to
    ``MAX_ATTEMPTS`` times, and listed for administrators."""

    MAX_ATTEMPTS = 5

    notification = models.ForeignKey(Notification, verbose_name=_("notification"), on_delete=models.CASCADE,
                                     related_name="deliveries")
    channel = models.CharField(_("channel"), max_length=10, choices=DeliveryChannel.choices)
    robot = models.ForeignKey(GroupRobot, verbose_name=_("group robot"), null=True, blank=True,
                              on_delete=models.CASCADE, related_name="deliveries")
    status = models.CharField(_("status"), max_length=10, choices=DeliveryStatus.choices,
                              default=DeliveryStatus.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    error = models.TextField(_("error"), blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        indexes = [models.Index(fields=["status", "channel"], name="delivery_to_send")]

    def __str__(self) -> str:
        return f"{self.channel} #{self.notification_id}: {self.status}"


class ReminderMark(models.Model):
    """The escalation level a task's people were last told of, so an escalation is announced once."""

    task = models.OneToOneField("tasks.Task", verbose_name=_("task"), on_delete=models.CASCADE, primary_key=True,
                                related_name="+")
    escalation_level = models.PositiveSmallIntegerField(_("escalation level notified"), default=0)

    class Meta:
        verbose_name = _("reminder mark")
        verbose_name_plural = _("reminder marks")

    def __str__(self) -> str:
        return f"{self.task_id}: {self.escalation_level}"
