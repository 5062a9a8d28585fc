"""Enterprise service: monthly figures and warnings, visits and follow-ups, appeals, inclusion candidates."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from clusterdesk.common.models import BaseModel, RestrictedQuerySet

from .choices import (
    AppealCategoryChoices,
    AppealStatusChoices,
    CandidateBasisChoices,
    CandidateStateChoices,
    ChannelChoices,
    EscalationLevelChoices,
    FigureSourceChoices,
    JobKindChoices,
    TaskStatusChoices,
    UnitTypeChoices,
    WarningLevelChoices,
    WarningRuleChoices,
)

__all__ = ["Appeal", "EnterpriseWarning", "FollowUpTask", "InclusionCandidate", "JobRun", "MonthlyFigure", "Visit"]

USER = settings.AUTH_USER_MODEL


def _wan(label) -> models.DecimalField:
    return models.DecimalField(label, max_digits=16, decimal_places=2, null=True, blank=True)


class MonthlyFigure(BaseModel):
    """A key enterprise's figures for one month (月度运行数据): output, revenue, orders, capacity, power, tax."""

    enterprise = models.ForeignKey("enterprises.Enterprise", verbose_name=_("enterprise"), on_delete=models.CASCADE,
                                   related_name="monthly_figures", db_index=False)  # (enterprise, period) unique
    period = models.DateField(_("month"), help_text=_("First day of the reported month."))
    output_wan = _wan(_("output value (10k yuan)"))
    revenue_wan = _wan(_("main business revenue (10k yuan)"))
    orders_on_hand_wan = _wan(_("orders on hand (10k yuan)"))
    new_orders_wan = _wan(_("new orders (10k yuan)"))
    capacity = models.DecimalField(_("production capacity"), max_digits=16, decimal_places=2, null=True, blank=True)
    capacity_output = models.DecimalField(_("actual output"), max_digits=16, decimal_places=2, null=True, blank=True,
                                          help_text=_("In the same unit as the capacity."))
    capacity_unit = models.CharField(_("capacity unit"), max_length=20, blank=True)
    utilisation_pct = models.DecimalField(_("capacity utilisation (%)"), max_digits=7, decimal_places=2, null=True,
                                          blank=True, editable=False)
    electricity_wan_kwh = models.DecimalField(_("electricity use (10k kWh)"), max_digits=14, decimal_places=2,
                                              null=True, blank=True)
    tax_wan = _wan(_("taxes paid (10k yuan)"))
    employees = models.PositiveIntegerField(_("employees"), null=True, blank=True)
    planned_output_wan = _wan(_("scheduled output next month (10k yuan)"))
    production_plan = models.TextField(_("production scheduling plan"), blank=True)
    note = models.TextField(_("explanation"), blank=True,
                            help_text=_("Why a figure is unusual; asked for when capacity utilisation exceeds full "
                                        "capacity or moves sharply from last month."))
    source = models.CharField(_("source"), max_length=20, choices=FigureSourceChoices.choices,
                              default=FigureSourceChoices.SECRETARY)
    reported_by = models.ForeignKey(USER, verbose_name=_("reported by"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("monthly figures")
        verbose_name_plural = _("monthly figures")
        ordering = ["enterprise", "-period"]
        constraints = [
            models.UniqueConstraint(fields=["enterprise", "period"], name="%(app_label)s_%(class)s_unique_month"),
        ]
        indexes = [models.Index(fields=["period", "enterprise"])]

    def __str__(self) -> str:
        return f"{self.enterprise} · {self.period:%Y-%m}"

    def get_absolute_url(self) -> str:
        return reverse("enterprises:enterprise_detail", args=[self.enterprise_id])


class JobRun(models.Model):
    """One run of a service job (warnings, candidate detection, escalation): when, for which month, what it found.

    The job's results are derived data written in bulk; this row is what the change log records of them.
    """

    kind = models.CharField(_("kind"), max_length=20, choices=JobKindChoices.choices)
    period = models.DateField(_("month"), null=True, blank=True)
    finished = models.DateTimeField(_("finished"), auto_now_add=True)
    seconds = models.DecimalField(_("seconds"), max_digits=10, decimal_places=3, default=0)
    counts = models.JSONField(_("counts"), default=dict, blank=True)
    actor = models.ForeignKey(USER, verbose_name=_("run by"), null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+")

    class Meta:
        verbose_name = _("service job run")
        verbose_name_plural = _("service job runs")
        ordering = ["-finished"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.period or ''}".strip()


class EnterpriseWarning(models.Model):
    """One warning rule that fired for a key enterprise in one month, with its level and explanation."""

    enterprise = models.ForeignKey("enterprises.Enterprise", verbose_name=_("enterprise"), on_delete=models.CASCADE,
                                   related_name="service_warnings")
    period = models.DateField(_("month"))
    rule = models.CharField(_("rule"), max_length=30, choices=WarningRuleChoices.choices)
    level = models.CharField(_("level"), max_length=10, choices=WarningLevelChoices.choices)
    level_rank = models.PositiveSmallIntegerField(_("severity"))
    value = models.DecimalField(_("value"), max_digits=16, decimal_places=2)
    threshold = models.DecimalField(_("threshold"), max_digits=16, decimal_places=2)
    explanation = models.TextField(_("explanation"))
    run = models.ForeignKey(JobRun, verbose_name=_("run"), null=True, blank=True, on_delete=models.SET_NULL,
                            related_name="warnings")

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        verbose_name = _("enterprise warning")
        verbose_name_plural = _("enterprise warnings")
        ordering = ["-period", "-level_rank", "enterprise", "rule"]
        constraints = [
            models.UniqueConstraint(fields=["enterprise", "period", "rule"], name="%(app_label)s_%(class)s_unique"),
        ]
        indexes = [models.Index(fields=["period", "level_rank"])]

    def __str__(self) -> str:
        return f"{self.enterprise} · {self.period:%Y-%m} · {self.get_rule_display()}"

    def get_absolute_url(self) -> str:
        return reverse("enterprises:enterprise_detail", args=[self.enterprise_id])


class Visit(BaseModel):
    """A visit to an enterprise (走访): when, who went, what was discussed; its follow-up tasks hang from it."""

    enterprise = models.ForeignKey("enterprises.Enterprise", verbose_name=_("enterprise"), on_delete=models.CASCADE,
                                   related_name="service_visits")
    visit_date = models.DateField(_("visit date"))
    visitors = models.CharField(_("visitors"), max_length=200, help_text=_("Who went, e.g. 刘思远、市工信局张科长."))
    secretary = models.ForeignKey(USER, verbose_name=_("work secretary"), null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="service_visits")
    topics = models.CharField(_("topics"), max_length=300)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("visit")
        verbose_name_plural = _("visits")
        ordering = ["-visit_date", "-pk"]

    def __str__(self) -> str:
        return f"{self.enterprise} · {self.visit_date:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        return reverse("enterprises:enterprise_detail", args=[self.enterprise_id])


class FollowUpTask(BaseModel):
    """A follow-up task from a visit (走访交办事项), with an owner and a due date."""

    visit = models.ForeignKey(Visit, verbose_name=_("visit"), on_delete=models.CASCADE, related_name="tasks")
    enterprise = models.ForeignKey("enterprises.Enterprise", verbose_name=_("enterprise"), on_delete=models.CASCADE,
                                   related_name="follow_up_tasks", editable=False)
    description = models.CharField(_("task"), max_length=300)
    owner = models.ForeignKey(USER, verbose_name=_("owner"), null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="follow_up_tasks")
    owner_unit = models.CharField(_("owner unit"), max_length=200, blank=True)
    assigned_unit = models.ForeignKey("accounts.Unit", verbose_name=_("responsible unit"), null=True, blank=True,
                                      on_delete=models.SET_NULL, related_name="+")
    due_date = models.DateField(_("due"))
    status = models.CharField(_("status"), max_length=10, choices=TaskStatusChoices.choices,
                              default=TaskStatusChoices.OPEN, db_index=True)
    done_date = models.DateField(_("done"), null=True, blank=True)

    class Meta:
        verbose_name = _("follow-up task")
        verbose_name_plural = _("follow-up tasks")
        ordering = ["status", "due_date", "pk"]

    def __str__(self) -> str:
        return self.description

    def get_absolute_url(self) -> str:
        return reverse("enterprises:enterprise_detail", args=[self.enterprise_id])


class Appeal(BaseModel):
    """An enterprise's appeal (企业诉求), routed to a unit with a due date, escalated when overdue."""

    enterprise = models.ForeignKey("enterprises.Enterprise", verbose_name=_("enterprise"), on_delete=models.CASCADE,
                                   related_name="appeals")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"))
    category = models.CharField(_("category"), max_length=20, choices=AppealCategoryChoices.choices)
    raised_by = models.ForeignKey(USER, verbose_name=_("raised by"), null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    raised_date = models.DateField(_("raised"))
    unit = models.CharField(_("responsible unit"), max_length=200, blank=True,
                            help_text=_("Leave empty to route by category."))
    assigned_unit = models.ForeignKey("accounts.Unit", verbose_name=_("responsible unit"), null=True, blank=True,
                                      on_delete=models.SET_NULL, related_name="+")
    assigned_person = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("responsible person"), null=True,
                                        blank=True, on_delete=models.SET_NULL, related_name="+")
    due_date = models.DateField(_("due"), null=True, blank=True, help_text=_("Leave empty for the category's limit."))
    status = models.CharField(_("status"), max_length=20, choices=AppealStatusChoices.choices,
                              default=AppealStatusChoices.RAISED, db_index=True)
    escalation_level = models.CharField(_("coordination level"), max_length=10,
                                        choices=EscalationLevelChoices.choices, default=EscalationLevelChoices.COUNTY)
    escalated_date = models.DateField(_("escalated"), null=True, blank=True)
    accepted_date = models.DateField(_("accepted"), null=True, blank=True)
    answered_date = models.DateField(_("answered"), null=True, blank=True)
    answer = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(USER, verbose_name=_("answered by"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+",
                                    help_text=_("Who answered: they may not also close and rate it."))
    closed_date = models.DateField(_("closed"), null=True, blank=True)
    satisfaction = models.PositiveSmallIntegerField(_("satisfaction (1–5)"), null=True, blank=True)

    class Meta:
        verbose_name = _("appeal")
        verbose_name_plural = _("appeals")
        ordering = ["-raised_date", "-pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(satisfaction__isnull=True)
                                   | models.Q(satisfaction__gte=1, satisfaction__lte=5),
                                   name="%(app_label)s_%(class)s_satisfaction_range"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("enterprise_service:appeal_detail", args=[self.pk])


class InclusionCandidate(BaseModel):
    """A unit that should be in the statistics (应统尽统): an enterprise for a year, or an investment project."""

    enterprise = models.ForeignKey("enterprises.Enterprise", verbose_name=_("enterprise"), null=True, blank=True,
                                   on_delete=models.CASCADE, related_name="inclusion_candidates")
    project = models.ForeignKey("projects.Project", verbose_name=_("project"), null=True, blank=True,
                                on_delete=models.CASCADE, related_name="inclusion_candidates")
    region = models.ForeignKey("regions.Region", verbose_name=_("region"), on_delete=models.PROTECT,
                               related_name="+")
    park = models.ForeignKey("parks.Park", verbose_name=_("park"), null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    unit_type = models.CharField(_("unit type"), max_length=20, choices=UnitTypeChoices.choices)
    state = models.CharField(_("state"), max_length=10, choices=CandidateStateChoices.choices, db_index=True)
    basis = models.CharField(_("basis"), max_length=20, choices=CandidateBasisChoices.choices)
    amount_wan = _wan(_("amount (10k yuan)"))
    projected_wan = _wan(_("projected for the year (10k yuan)"))
    threshold_wan = _wan(_("threshold (10k yuan)"))
    explanation = models.TextField(_("explanation"))
    channel = models.CharField(_("channel"), max_length=10, choices=ChannelChoices.choices)
    deadline = models.DateField(_("application deadline"), null=True, blank=True)
    documents = models.JSONField(_("documents on file"), default=list, blank=True)
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)
    detected_date = models.DateField(_("detected"))
    filed_date = models.DateField(_("filed"), null=True, blank=True)
    included_date = models.DateField(_("included"), null=True, blank=True)
    run = models.ForeignKey(JobRun, verbose_name=_("run"), null=True, blank=True, on_delete=models.SET_NULL,
                            related_name="candidates", editable=False)

    class Meta:
        verbose_name = _("inclusion candidate")
        verbose_name_plural = _("inclusion candidates")
        ordering = ["state", "-amount_wan", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["enterprise", "year"], condition=models.Q(enterprise__isnull=False),
                                    name="%(app_label)s_%(class)s_unique_enterprise_year"),
            models.UniqueConstraint(fields=["project"], condition=models.Q(project__isnull=False),
                                    name="%(app_label)s_%(class)s_unique_project"),
            models.CheckConstraint(condition=models.Q(enterprise__isnull=False) | models.Q(project__isnull=False),
                                   name="%(app_label)s_%(class)s_has_subject"),
        ]
        indexes = [models.Index(fields=["year", "state"])]

    def __str__(self) -> str:
        return str(self.enterprise or self.project)

    def get_absolute_url(self) -> str:
        return reverse("enterprise_service:candidate_detail", args=[self.pk])

    @property
    def subject(self):
        """The enterprise or project the candidate is about."""
        return self.enterprise or self.project
