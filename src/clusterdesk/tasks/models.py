"""The inbox: one row for everything that asks a unit or a person to act, whatever record it comes from."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from clusterdesk.common.models import BaseModel

__all__ = ["Task", "TaskKind", "TaskStatus"]


class TaskKind(models.TextChoices):
    """Where a task comes from; each kind is a registered task source (``registry.task_sources``)."""

    PROBLEM = "problem", _("Problem to solve")
    DECISION = "decision", _("Meeting decision")
    APPEAL = "appeal", _("Enterprise appeal")
    FOLLOW_UP = "follow_up", _("Visit follow-up")
    INSTRUCTION = "instruction", _("Leader's instruction")
    REPORT_DUE = "report_due", _("Monthly report due")
    FIGURES_DUE = "figures_due", _("Monthly figures due")
    REVIEW = "review", _("Filing to review")
    SHEET = "sheet", _("Data sheet to confirm")


class TaskStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


class Task(BaseModel):
    """Something a unit (and maybe one person in it) must do by a date, mirrored from its source record.

    The source record stays the system of record: its services call `tasks.services.task_sync` after every write,
    which rewrites this row from the source's `TaskSpec`. ``period`` tells apart the recurring tasks of one source
    (a project's report for each month).
    """

    key = models.CharField(_("key"), max_length=120, unique=True, editable=False,
                           help_text=_("Source model, record, kind and period: one task each."))
    kind = models.CharField(_("kind"), max_length=20, choices=TaskKind.choices, db_index=True)
    source_model = models.CharField(_("source"), max_length=60)
    source_id = models.PositiveBigIntegerField(_("source record"))
    period = models.DateField(_("period"), null=True, blank=True)
    title = models.CharField(_("title"), max_length=300)
    detail = models.TextField(_("detail"), blank=True)
    unit = models.ForeignKey("accounts.Unit", verbose_name=_("responsible unit"), null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="tasks")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("responsible person"), null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="tasks")
    region = models.ForeignKey("regions.Region", verbose_name=_("region"), on_delete=models.PROTECT,
                               related_name="+")
    park = models.ForeignKey("parks.Park", verbose_name=_("park"), null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+")
    enterprise = models.ForeignKey("enterprises.Enterprise", verbose_name=_("enterprise"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    due_date = models.DateField(_("due"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=TaskStatus.choices, default=TaskStatus.OPEN)
    done_date = models.DateField(_("done"), null=True, blank=True)
    escalation_level = models.PositiveSmallIntegerField(_("escalation level"), default=0)
    url = models.CharField(_("address"), max_length=300, help_text=_("The page where the task is done."))

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["due_date", "pk"]
        indexes = [
            models.Index(fields=["unit", "status", "due_date"], name="task_unit_inbox"),
            models.Index(fields=["person", "status", "due_date"], name="task_person_inbox"),
            models.Index(fields=["status", "due_date"], name="task_open_due"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return self.url
