"""The inbox: one row for everything that asks a unit or a person to act, whatever record it comes from."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from clusterdesk.common.models import BaseModel

__all__ = ["Instruction", "InstructionOrigin", "InstructionReply", "InstructionStatusChoices", "Task", "TaskKind",
           "TaskStatus"]


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


class InstructionOrigin(models.TextChoices):
    VISIT = "visit", _("Visit")
    MEETING = "meeting", _("Meeting")
    TYPED = "typed", _("Typed in")


class InstructionStatusChoices(models.TextChoices):
    """The states of `clusterdesk.core.routing.INSTRUCTION_WORKFLOW`."""

    ASSIGNED = "assigned", _("Assigned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


OPEN_INSTRUCTION_STATUSES = (InstructionStatusChoices.ASSIGNED, InstructionStatusChoices.IN_PROGRESS)


class Instruction(BaseModel):
    """A leader's instruction (批示、交办事项, 督办): given at a visit, at a meeting or typed in, to a unit by a date.

    The unit replies with its progress (`InstructionReply`); the issuing side or an officer above closes it with the
    result. Overdue, it escalates one level at a time like a problem.
    """

    text = models.TextField(_("instruction"))
    leader_name = models.CharField(_("leader"), max_length=100, blank=True, help_text=_("Name and title."))
    leader = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("leader (user)"), null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="+")
    origin = models.CharField(_("origin"), max_length=10, choices=InstructionOrigin.choices,
                              default=InstructionOrigin.TYPED)
    visit = models.ForeignKey("intake.Visit", verbose_name=_("visit or meeting"), null=True, blank=True,
                              on_delete=models.CASCADE, related_name="instructions")
    meeting = models.ForeignKey("projects.CoordinationMeeting", verbose_name=_("coordination meeting"), null=True,
                                blank=True, on_delete=models.SET_NULL, related_name="instructions")
    region = models.ForeignKey("regions.Region", verbose_name=_("region"), on_delete=models.PROTECT,
                               related_name="+")
    owner_unit = models.CharField(_("owner unit (as written)"), max_length=200, blank=True)
    assigned_unit = models.ForeignKey("accounts.Unit", verbose_name=_("responsible unit"), null=True, blank=True,
                                      on_delete=models.SET_NULL, related_name="instructions")
    assigned_person = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("responsible person"), null=True,
                                        blank=True, on_delete=models.SET_NULL, related_name="+")
    issued_date = models.DateField(_("issued"))
    due_date = models.DateField(_("due"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=InstructionStatusChoices.choices,
                              default=InstructionStatusChoices.ASSIGNED, db_index=True)
    result = models.TextField(_("result"), blank=True)
    done_date = models.DateField(_("done"), null=True, blank=True)
    escalation_level = models.PositiveSmallIntegerField(_("escalation level"), default=1)
    last_escalated_date = models.DateField(_("last escalated"), null=True, blank=True)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("entered by"), null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("instruction")
        verbose_name_plural = _("instructions")
        ordering = ["status", "due_date", "pk"]

    def __str__(self) -> str:
        return self.text[:60]

    def get_absolute_url(self) -> str:
        return reverse("tasks:instruction_detail", args=[self.pk])

    def clean(self) -> None:
        """The due date is not before the day the instruction was given."""
        from django.core.exceptions import ValidationError

        if self.due_date and self.issued_date and self.due_date < self.issued_date:
            raise ValidationError({"due_date": _("The due date is before the day the instruction was given.")})

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_INSTRUCTION_STATUSES


class InstructionReply(BaseModel):
    """A progress reply of the responsible unit to an instruction (办理进展)."""

    instruction = models.ForeignKey(Instruction, verbose_name=_("instruction"), on_delete=models.CASCADE,
                                    related_name="replies")
    text = models.TextField(_("progress"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, blank=True,
                           on_delete=models.SET_NULL, related_name="+")
    date = models.DateField(_("date"))
    progress_pct = models.PositiveSmallIntegerField(_("progress (%)"), default=0)

    class Meta:
        verbose_name = _("instruction reply")
        verbose_name_plural = _("instruction replies")
        ordering = ["instruction", "date", "pk"]
        constraints = [models.CheckConstraint(condition=models.Q(progress_pct__lte=100),
                                              name="%(app_label)s_%(class)s_progress_range")]

    def __str__(self) -> str:
        return self.text[:60]

    def get_absolute_url(self) -> str:
        return reverse("tasks:instruction_detail", args=[self.instruction_id])
