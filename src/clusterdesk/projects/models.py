"""Investment projects, their milestones, monthly progress reports and blocking problems."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from clusterdesk.common.models import BaseModel

from .choices import (
    EscalationLevelChoices,
    KeyLevelChoices,
    ProblemCategoryChoices,
    ProblemStatusChoices,
    ProjectStageChoices,
)

__all__ = ["Milestone", "Problem", "ProgressReport", "Project"]

MONEY = {"max_digits": 16, "decimal_places": 2}


class Project(BaseModel):
    """A major investment project (重大项目) moving through the lifecycle stages of 三库多清单."""

    code = models.CharField(_("project code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200, db_index=True)
    owner = models.ForeignKey("enterprises.Enterprise", verbose_name=_("owner enterprise"), null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="projects")
    region = models.ForeignKey("regions.Region", verbose_name=_("region"), on_delete=models.PROTECT,
                               related_name="projects")
    park = models.ForeignKey("parks.Park", verbose_name=_("park"), null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="projects")
    cluster = models.ForeignKey("industry.Cluster", verbose_name=_("cluster"), null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="projects")
    chain_segment = models.ForeignKey("industry.ChainSegment", verbose_name=_("chain segment"), null=True,
                                      blank=True, on_delete=models.SET_NULL, related_name="projects")
    industry = models.ForeignKey("industry.IndustryCode", verbose_name=_("industry"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="projects")
    total_investment_wan = models.DecimalField(_("total investment (10k yuan)"), **MONEY)
    investment_completed_wan = models.DecimalField(_("investment completed (10k yuan)"), default=0, **MONEY,
                                                   help_text=_("Cumulative, from the latest monthly report."))
    land_area_mu = models.DecimalField(_("land (mu)"), max_digits=12, decimal_places=2, null=True, blank=True)
    stage = models.CharField(_("stage"), max_length=20, choices=ProjectStageChoices.choices,
                             default=ProjectStageChoices.PLANNING, db_index=True)
    key_level = models.CharField(_("key level"), max_length=20, choices=KeyLevelChoices.choices,
                                 default=KeyLevelChoices.GENERAL, db_index=True)
    construction_content = models.TextField(_("construction content"), blank=True)
    planned_start_date = models.DateField(_("planned start"), null=True, blank=True)
    planned_completion_date = models.DateField(_("planned completion"), null=True, blank=True)
    planned_production_date = models.DateField(_("planned production"), null=True, blank=True)
    actual_start_date = models.DateField(_("actual start"), null=True, blank=True)
    actual_completion_date = models.DateField(_("actual completion"), null=True, blank=True)
    actual_production_date = models.DateField(_("actual production"), null=True, blank=True)
    responsible_leader = models.CharField(_("responsible leader"), max_length=50, blank=True)
    responsible_unit = models.CharField(_("responsible unit"), max_length=200, blank=True)
    green_channel = models.BooleanField(_("green channel"), default=False,
                                        help_text=_("Approvals handled through the fast track."))
    land_secured = models.BooleanField(_("land secured"), default=False)
    signed_date = models.DateField(_("contract signed"), null=True, blank=True)

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["-total_investment_wan", "pk"]
        indexes = [
            models.Index(fields=["region", "stage"]),
            models.Index(fields=["region", "-total_investment_wan"]),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("projects:project_detail", args=[self.pk])

    def clean(self) -> None:
        """A project lies in its park's city and under the region of its cluster and chain segment."""
        from django.core.exceptions import ValidationError

        from clusterdesk.regions.models import park_area, region_within

        if self.region_id is None:
            return
        errors = {}
        if self.park_id and not region_within(self.region, park_area(self.park.region)):
            errors["park"] = _("The park is not in the project's city.")
        if self.cluster_id and not region_within(self.region, self.cluster.region):
            errors["cluster"] = _("The cluster does not cover the project's region.")
        if self.chain_segment_id and not region_within(self.region, self.chain_segment.chain.cluster.region):
            errors["chain_segment"] = _("The chain segment's cluster does not cover the project's region.")
        if errors:
            raise ValidationError(errors)

    @property
    def completion_ratio(self):
        if not self.total_investment_wan:
            return None
        return self.investment_completed_wan / self.total_investment_wan


class Milestone(BaseModel):
    """A dated step of a project's schedule (节点), planned against actual."""

    project = models.ForeignKey(Project, verbose_name=_("project"), on_delete=models.CASCADE,
                                related_name="milestones")
    sequence = models.PositiveSmallIntegerField(_("sequence"), default=0)
    name = models.CharField(_("name"), max_length=100)
    planned_date = models.DateField(_("planned date"), null=True, blank=True)
    actual_date = models.DateField(_("actual date"), null=True, blank=True)
    duration_days = models.PositiveIntegerField(_("duration (days)"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["project", "sequence", "pk"]

    def __str__(self) -> str:
        return f"{self.project.name} · {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("projects:project_detail", args=[self.project_id])


class ProgressReport(BaseModel):
    """A monthly progress report (月度调度): investment in the month and cumulative, and what was done."""

    project = models.ForeignKey(Project, verbose_name=_("project"), on_delete=models.CASCADE,
                                related_name="progress_reports")
    period = models.DateField(_("month"), help_text=_("First day of the reported month."))
    investment_month_wan = models.DecimalField(_("investment this month (10k yuan)"), **MONEY)
    investment_cumulative_wan = models.DecimalField(_("cumulative investment (10k yuan)"), **MONEY)
    progress_text = models.TextField(_("progress"), blank=True)
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("reported by"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        ordering = ["project", "-period"]
        constraints = [
            models.UniqueConstraint(fields=["project", "period"], name="%(app_label)s_%(class)s_unique_month")
        ]

    def __str__(self) -> str:
        return f"{self.project.name} · {self.period:%Y-%m}"

    def get_absolute_url(self) -> str:
        return reverse("projects:project_detail", args=[self.project_id])


class Problem(BaseModel):
    """A blocking problem (问题清单) with an owner unit, a due date and an escalation level."""

    project = models.ForeignKey(Project, verbose_name=_("project"), on_delete=models.CASCADE,
                                related_name="problems")
    category = models.CharField(_("category"), max_length=20, choices=ProblemCategoryChoices.choices)
    description = models.TextField(_("description"))
    owner_unit = models.CharField(_("owner unit"), max_length=200)
    raised_date = models.DateField(_("raised"))
    due_date = models.DateField(_("due"))
    escalation_level = models.CharField(_("escalation level"), max_length=10, choices=EscalationLevelChoices.choices,
                                        default=EscalationLevelChoices.COUNTY)
    status = models.CharField(_("status"), max_length=10, choices=ProblemStatusChoices.choices,
                              default=ProblemStatusChoices.OPEN, db_index=True)
    resolved_date = models.DateField(_("resolved"), null=True, blank=True)
    resolution = models.TextField(_("resolution"), blank=True)

    class Meta:
        verbose_name = _("problem")
        verbose_name_plural = _("problems")
        ordering = ["status", "due_date", "pk"]

    def __str__(self) -> str:
        return f"{self.project.name} · {self.get_category_display()}"

    def get_absolute_url(self) -> str:
        return reverse("projects:project_detail", args=[self.project_id])
