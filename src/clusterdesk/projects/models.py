"""Investment projects and their pipeline: stage transitions, milestones with dependencies and the computed
schedule, monthly progress reports, monthly traffic lights, problems with escalations, coordination meetings
with their decisions, saved lists, and the configurable rule sets (libraries, gates, thresholds, templates,
light rules)."""

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clusterdesk.common.models import BaseModel
from clusterdesk.common.review import ReviewedModel

from .choices import (
    CoordinationLevelChoices,
    DecisionStatusChoices,
    DependencyKindChoices,
    GapModeChoices,
    GateOpChoices,
    KeyLevelChoices,
    LibraryStatusChoices,
    LightChoices,
    NodeStatusChoices,
    ProblemCategoryChoices,
    ProblemStatusChoices,
    ProjectStageChoices,
    ProjectTypeChoices,
    ScheduleTargetChoices,
    SectorChoices,
    TransitionKindChoices,
)

__all__ = [
    "AnnualPlan",
    "CoordinationMeeting",
    "GateRule",
    "Library",
    "LightRuleSet",
    "MeetingDecision",
    "Milestone",
    "MilestoneDependency",
    "MilestoneTemplate",
    "MilestoneTemplateLink",
    "Problem",
    "ProblemEscalation",
    "ProgressReport",
    "Project",
    "ProjectLight",
    "ReportPhoto",
    "SavedList",
    "SectorThreshold",
    "StageTransition",
]

MONEY = {"max_digits": 16, "decimal_places": 2}


class Project(BaseModel):
    """A major investment project (重大项目) moving through the lifecycle stages of 三库多清单."""

    natural_duplicates = (("name", "region"),)

    code = models.CharField(_("project code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200, db_index=True)
    owner = models.ForeignKey("enterprises.Enterprise", verbose_name=_("owner enterprise"), null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="projects")
    # Found through the indexes below that begin with it (by stage, investment, light, the scope summary).
    region = models.ForeignKey("regions.Region", verbose_name=_("region"), on_delete=models.PROTECT,
                               related_name="projects", db_index=False)
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
    responsible_unit = models.CharField(_("responsible unit (as written)"), max_length=200, blank=True)
    assigned_unit = models.ForeignKey("accounts.Unit", verbose_name=_("responsible unit"), null=True, blank=True,
                                      on_delete=models.SET_NULL, related_name="+")
    green_channel = models.BooleanField(_("green channel"), default=False,
                                        help_text=_("Approvals handled through the fast track."))
    land_secured = models.BooleanField(_("land secured"), default=False)
    signed_date = models.DateField(_("contract signed"), null=True, blank=True)
    project_type = models.CharField(_("project type"), max_length=20, choices=ProjectTypeChoices.choices,
                                    default=ProjectTypeChoices.INDUSTRIAL)
    sector = models.CharField(_("sector"), max_length=20, choices=SectorChoices.choices,
                              default=SectorChoices.INDUSTRY, help_text=_("Sets the entry threshold."))
    library_status = models.CharField(_("library status"), max_length=10, choices=LibraryStatusChoices.choices,
                                      default=LibraryStatusChoices.ACTIVE, db_index=True)
    withdrawn_date = models.DateField(_("withdrawn"), null=True, blank=True)
    withdrawal_reason = models.CharField(_("withdrawal reason"), max_length=300, blank=True)
    added_mid_year = models.BooleanField(_("added mid-year"), default=False)
    added_date = models.DateField(_("added"), null=True, blank=True)
    statistics_date = models.DateField(_("entered the statistics"), null=True, blank=True)
    schedule_target = models.CharField(_("schedule target"), max_length=20, choices=ScheduleTargetChoices.choices,
                                       default=ScheduleTargetChoices.COMPLETION,
                                       help_text=_("The planned date the backward schedule starts from."))
    current_light = models.CharField(_("light"), max_length=10, choices=LightChoices.choices, blank=True,
                                     db_index=True, help_text=_("From the latest monthly computation."))
    light_month = models.DateField(_("light month"), null=True, blank=True)
    light_summary = models.CharField(_("light explanation"), max_length=500, blank=True)
    # Issue 14: the project on the maps (CGCS2000/WGS-84 degrees; `core.validation.point_errors` keeps it in China).
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["-total_investment_wan", "pk"]
        indexes = [
            models.Index(fields=["region", "stage"]),
            models.Index(fields=["region", "-total_investment_wan"]),
            models.Index(fields=["region", "current_light"]),
            # The dashboard's one pass over a scope's projects, and the ids its open problems join on, read this index
            # alone (no table rows; PostgreSQL needs the id in it, SQLite has it in every index).
            models.Index(fields=["region", "library_status", "stage", "key_level", "cluster", "total_investment_wan",
                                 "investment_completed_wan", "id"], name="project_scope_summary"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("projects:project_detail", args=[self.pk])

    def clean(self) -> None:
        """A project lies in its park's city and under the region of its cluster and chain segment; its dates
        and figures follow `core.validation.project_errors` (completion not before start, completed ≤ total)."""
        from django.core.exceptions import ValidationError

        from clusterdesk.common.validators import field_errors
        from clusterdesk.core.validation import project_errors
        from clusterdesk.regions.models import park_area, region_within

        errors = field_errors(project_errors(self.__dict__))
        if self.region_id is not None:
            if self.park_id and not region_within(self.region, park_area(self.park.region)):
                errors.setdefault("park", []).append(_("The park is not in the project's city."))
            if self.cluster_id and not region_within(self.region, self.cluster.region):
                errors.setdefault("cluster", []).append(_("The cluster does not cover the project's region."))
            if self.chain_segment_id and not region_within(self.region, self.chain_segment.chain.cluster.region):
                errors.setdefault("chain_segment", []).append(
                    _("The chain segment's cluster does not cover the project's region."))
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
    code = models.CharField(_("node code"), max_length=40, blank=True,
                            help_text=_("The template node, e.g. construction_permit; gates refer to it."))
    early_finish_date = models.DateField(_("earliest finish"), null=True, blank=True)
    latest_finish_date = models.DateField(_("latest allowed finish"), null=True, blank=True)
    total_float_days = models.IntegerField(_("total float (days)"), null=True, blank=True)
    critical = models.BooleanField(_("critical"), default=False)
    status = models.CharField(_("node status"), max_length=10, choices=NodeStatusChoices.choices, blank=True)

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["project", "sequence", "pk"]

    def __str__(self) -> str:
        return f"{self.project.name} · {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("projects:project_detail", args=[self.project_id])


class ProgressReport(BaseModel, ReviewedModel):
    """A monthly progress report (月度调度): investment in the month and cumulative, and what was done.

    Filed by the project's side and reviewed by the level above (`clusterdesk.common.review`): only accepted and
    reported ones count in lights, roll-ups and the project's completed investment.
    """

    project = models.ForeignKey(Project, verbose_name=_("project"), on_delete=models.CASCADE,
                                related_name="progress_reports", db_index=False)  # (project, period) is unique
    period = models.DateField(_("month"), help_text=_("First day of the reported month."))
    investment_month_wan = models.DecimalField(_("investment this month (10k yuan)"), **MONEY)
    investment_cumulative_wan = models.DecimalField(_("cumulative investment (10k yuan)"), **MONEY)
    progress_text = models.TextField(_("progress"), blank=True)
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("reported by"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    construction_wan = models.DecimalField(_("construction works (10k yuan)"), default=0, **MONEY)
    installation_wan = models.DecimalField(_("installation works (10k yuan)"), default=0, **MONEY)
    equipment_wan = models.DecimalField(_("equipment purchase (10k yuan)"), default=0, **MONEY)
    other_wan = models.DecimalField(_("other costs (10k yuan)"), default=0, **MONEY)
    year_to_date_wan = models.DecimalField(_("year to date (10k yuan)"), default=0, **MONEY)
    previous_years_wan = models.DecimalField(_("previous years (10k yuan)"), default=0, **MONEY)

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

    def clean(self) -> None:
        """A report is for a month (its first day), one per project and month, and a new one only for a project
        past 谋划 and 储备 (`core.validation.progress_report_stage_errors`)."""
        from django.core.exceptions import ValidationError

        from clusterdesk.common.validators import field_errors
        from clusterdesk.core.validation import progress_report_stage_errors

        errors: dict[str, list] = {}
        if self.period is not None:
            self.period = self.period.replace(day=1)
        if self.project_id is not None:
            if self._state.adding:
                errors.update(field_errors(progress_report_stage_errors(self.project.stage)))
            if self.period is not None and ProgressReport.objects.filter(
                    project_id=self.project_id, period=self.period).exclude(pk=self.pk).exists():
                errors.setdefault("period", []).append(_("A report for this month already exists."))
        if errors:
            raise ValidationError(errors)

    def validate_constraints(self, exclude=None) -> None:
        # One report per project and month is checked by clean(), on the month; the database keeps the constraint.
        super().validate_constraints(exclude={*(exclude or ()), "period"})


class Problem(BaseModel):
    """A blocking problem (问题清单) with an owner unit and person, a due date, a coordination level and a status."""

    project = models.ForeignKey(Project, verbose_name=_("project"), on_delete=models.CASCADE,
                                related_name="problems")
    category = models.CharField(_("category"), max_length=20, choices=ProblemCategoryChoices.choices)
    description = models.TextField(_("description"))
    raised_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("raised by"), null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    raised_by_name = models.CharField(_("raised by (name)"), max_length=100, blank=True)
    owner_unit = models.CharField(_("owner unit"), max_length=200)
    owner_person = models.CharField(_("owner person"), max_length=100, blank=True)
    assigned_unit = models.ForeignKey("accounts.Unit", verbose_name=_("responsible unit"), null=True, blank=True,
                                      on_delete=models.SET_NULL, related_name="+")
    assigned_person = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("responsible person"), null=True,
                                        blank=True, on_delete=models.SET_NULL, related_name="+")
    raised_date = models.DateField(_("raised"))
    due_date = models.DateField(_("due"))
    coordination_level = models.PositiveSmallIntegerField(_("coordination level"),
                                                          choices=CoordinationLevelChoices.choices,
                                                          default=CoordinationLevelChoices.PROJECT_LEADER)
    status = models.CharField(_("status"), max_length=12, choices=ProblemStatusChoices.choices,
                              default=ProblemStatusChoices.RAISED, db_index=True)
    assigned_date = models.DateField(_("assigned"), null=True, blank=True)
    resolved_date = models.DateField(_("resolved"), null=True, blank=True)
    closed_date = models.DateField(_("closed"), null=True, blank=True)
    last_escalated_date = models.DateField(_("last escalated"), null=True, blank=True)
    resolution = models.TextField(_("resolution"), blank=True)
    resolved_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("resolved by"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+",
                                    help_text=_("Who resolved it: they may not also strike it off."))

    class Meta:
        verbose_name = _("problem")
        verbose_name_plural = _("problems")
        ordering = ["status", "due_date", "pk"]
        indexes = [
            models.Index(fields=["status", "due_date"]),
            # The dashboard's open problems of a scope, earliest due first, from this index and the projects' ids.
            models.Index(fields=["status", "project", "due_date"], name="problem_open_by_project"),
        ]

    def __str__(self) -> str:
        return f"{self.project.name} · {self.get_category_display()}"

    def get_absolute_url(self) -> str:
        return reverse("projects:problem_detail", args=[self.pk])

    def clean(self) -> None:
        """The due date is not before the day the problem was raised (`core.validation.problem_errors`)."""
        from clusterdesk.common.validators import raise_field_errors
        from clusterdesk.core.validation import problem_errors

        raise_field_errors(problem_errors(self.__dict__))

    @property
    def is_open(self) -> bool:
        return self.status in ("raised", "assigned", "in_progress", "reopened")


class ProblemEscalation(BaseModel):
    """One escalation of a problem to a higher coordination level, automatic or by hand."""

    problem = models.ForeignKey(Problem, verbose_name=_("problem"), on_delete=models.CASCADE,
                                related_name="escalations")
    from_level = models.PositiveSmallIntegerField(_("from level"), choices=CoordinationLevelChoices.choices)
    to_level = models.PositiveSmallIntegerField(_("to level"), choices=CoordinationLevelChoices.choices)
    escalated_on = models.DateField(_("escalated on"))
    automatic = models.BooleanField(_("automatic"), default=True)
    reason = models.CharField(_("reason"), max_length=300)

    class Meta:
        verbose_name = _("problem escalation")
        verbose_name_plural = _("problem escalations")
        ordering = ["problem_id", "escalated_on", "pk"]

    def __str__(self) -> str:
        return f"{self.problem} · {self.from_level}→{self.to_level}"

    def get_absolute_url(self) -> str:
        return reverse("projects:problem_detail", args=[self.problem_id])


class StageTransition(BaseModel):
    """One recorded move of a project: forward, back, withdrawn (退库), restored or added mid-year (增补)."""

    project = models.ForeignKey(Project, verbose_name=_("project"), on_delete=models.CASCADE,
                                related_name="transitions")
    kind = models.CharField(_("kind"), max_length=10, choices=TransitionKindChoices.choices)
    from_stage = models.CharField(_("from stage"), max_length=20, choices=ProjectStageChoices.choices, blank=True)
    to_stage = models.CharField(_("to stage"), max_length=20, choices=ProjectStageChoices.choices)
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")
    actor_name = models.CharField(_("by (name)"), max_length=100, blank=True)
    at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        verbose_name = _("stage transition")
        verbose_name_plural = _("stage transitions")
        ordering = ["project_id", "-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.project.name} · {self.get_kind_display()} · {self.get_to_stage_display()}"

    def get_absolute_url(self) -> str:
        return reverse("projects:project_detail", args=[self.project_id])


class MilestoneDependency(BaseModel):
    """A link between two milestones of one project: FS, SS, FF or SF, with a lag in days (negative: a lead)."""

    project = models.ForeignKey(Project, verbose_name=_("project"), on_delete=models.CASCADE,
                                related_name="milestone_links")
    predecessor = models.ForeignKey(Milestone, verbose_name=_("predecessor"), on_delete=models.CASCADE,
                                    related_name="successor_links", db_index=False)  # (predecessor, successor) unique
    successor = models.ForeignKey(Milestone, verbose_name=_("successor"), on_delete=models.CASCADE,
                                  related_name="predecessor_links")
    kind = models.CharField(_("link type"), max_length=2, choices=DependencyKindChoices.choices,
                            default=DependencyKindChoices.FS)
    lag_days = models.IntegerField(_("lag (days)"), default=0)

    class Meta:
        verbose_name = _("milestone dependency")
        verbose_name_plural = _("milestone dependencies")
        ordering = ["project_id", "successor_id", "pk"]
        constraints = [models.UniqueConstraint(fields=["predecessor", "successor"],
                                               name="%(app_label)s_%(class)s_unique_link")]

    def __str__(self) -> str:
        return f"{self.predecessor.name} → {self.successor.name} ({self.kind}{self.lag_days:+d})"

    def get_absolute_url(self) -> str:
        return reverse("projects:project_detail", args=[self.project_id])

    def clean(self) -> None:
        """A milestone cannot depend on itself (longer cycles are refused by the service, which sees every link)."""
        from django.core.exceptions import ValidationError

        if self.predecessor_id is not None and self.predecessor_id == self.successor_id:
            raise ValidationError({"successor": _("A milestone cannot depend on itself.")})


class AnnualPlan(BaseModel):
    """A project's planned investment for one year (年度计划投资), the base of 序时进度."""

    project = models.ForeignKey(Project, verbose_name=_("project"), on_delete=models.CASCADE,
                                related_name="annual_plans")
    year = models.PositiveSmallIntegerField(_("year"))
    planned_wan = models.DecimalField(_("annual planned investment (10k yuan)"), **MONEY)

    class Meta:
        verbose_name = _("annual plan")
        verbose_name_plural = _("annual plans")
        ordering = ["project_id", "-year"]
        constraints = [models.UniqueConstraint(fields=["project", "year"],
                                               name="%(app_label)s_%(class)s_unique_year")]

    def __str__(self) -> str:
        return f"{self.project.name} · {self.year}"

    def get_absolute_url(self) -> str:
        return reverse("projects:project_detail", args=[self.project_id])


class ProjectLight(BaseModel):
    """The traffic light (红黄绿灯) of a project for one month, kept as history, with its explanation."""

    project = models.ForeignKey(Project, verbose_name=_("project"), on_delete=models.CASCADE,
                                related_name="lights")
    month = models.DateField(_("month"))
    light = models.CharField(_("light"), max_length=10, choices=LightChoices.choices, db_index=True)
    summary = models.CharField(_("explanation"), max_length=500)
    reasons = models.JSONField(_("reasons"), default=list)
    annual_plan_wan = models.DecimalField(_("annual plan"), null=True, blank=True, **MONEY)
    year_to_date_wan = models.DecimalField(_("year to date"), default=0, **MONEY)
    critical_overdue = models.PositiveSmallIntegerField(_("critical nodes overdue"), default=0)
    rule_set = models.CharField(_("rule set"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("monthly light")
        verbose_name_plural = _("monthly lights")
        ordering = ["project_id", "-month"]
        constraints = [models.UniqueConstraint(fields=["project", "month"],
                                               name="%(app_label)s_%(class)s_unique_month")]
        indexes = [models.Index(fields=["month", "light"])]

    def __str__(self) -> str:
        return f"{self.project.name} · {self.month:%Y-%m} · {self.get_light_display()}"

    def get_absolute_url(self) -> str:
        return reverse("projects:project_detail", args=[self.project_id])


def _media_storage():
    return FileSystemStorage(location=settings.DATA_DIR / "media")


class ReportPhoto(BaseModel):
    """A site photo attached to a monthly report; served only through a scoped view."""

    report = models.ForeignKey(ProgressReport, verbose_name=_("report"), on_delete=models.CASCADE,
                               related_name="photos")
    image = models.FileField(_("photo"), upload_to="report-photos/%Y/%m", storage=_media_storage)
    caption = models.CharField(_("caption"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("report photo")
        verbose_name_plural = _("report photos")
        ordering = ["report_id", "pk"]

    def __str__(self) -> str:
        return self.caption or self.image.name

    def get_absolute_url(self) -> str:
        return reverse("projects:project_detail", args=[self.report.project_id])


class CoordinationMeeting(BaseModel):
    """A coordination meeting (调度会、协调会) in a region: the problems discussed and the decisions taken."""

    title = models.CharField(_("title"), max_length=200)
    held_on = models.DateField(_("held on"))
    region = models.ForeignKey("regions.Region", verbose_name=_("region"), on_delete=models.PROTECT,
                               related_name="coordination_meetings")
    level = models.PositiveSmallIntegerField(_("coordination level"), choices=CoordinationLevelChoices.choices,
                                             default=CoordinationLevelChoices.LEADER_IN_CHARGE)
    chair = models.CharField(_("chaired by"), max_length=100, blank=True)
    notes = models.TextField(_("minutes"), blank=True)
    problems = models.ManyToManyField(Problem, verbose_name=_("problems discussed"), blank=True,
                                      related_name="meetings")

    class Meta:
        verbose_name = _("coordination meeting")
        verbose_name_plural = _("coordination meetings")
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("projects:meeting_detail", args=[self.pk])


class MeetingDecision(BaseModel):
    """A decision of a meeting (议定事项): a tracked task with an owner and a due date."""

    meeting = models.ForeignKey(CoordinationMeeting, verbose_name=_("meeting"), on_delete=models.CASCADE,
                                related_name="decisions")
    problem = models.ForeignKey(Problem, verbose_name=_("problem"), null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="decisions")
    text = models.TextField(_("decision"))
    owner_unit = models.CharField(_("owner unit"), max_length=200)
    owner_person = models.CharField(_("owner person"), max_length=100, blank=True)
    assigned_unit = models.ForeignKey("accounts.Unit", verbose_name=_("responsible unit"), null=True, blank=True,
                                      on_delete=models.SET_NULL, related_name="+")
    assigned_person = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("responsible person"), null=True,
                                        blank=True, on_delete=models.SET_NULL, related_name="+")
    due_date = models.DateField(_("due"))
    status = models.CharField(_("status"), max_length=12, choices=DecisionStatusChoices.choices,
                              default=DecisionStatusChoices.OPEN, db_index=True)
    done_date = models.DateField(_("done"), null=True, blank=True)
    outcome = models.TextField(_("outcome"), blank=True)

    class Meta:
        verbose_name = _("meeting decision")
        verbose_name_plural = _("meeting decisions")
        ordering = ["status", "due_date", "pk"]

    def __str__(self) -> str:
        return self.text[:60]

    def get_absolute_url(self) -> str:
        return reverse("projects:meeting_detail", args=[self.meeting_id])


class SavedList(BaseModel):
    """A saved list (清单): a standard list or the project list with filters, owned by a user, maybe shared."""

    name = models.CharField(_("name"), max_length=100)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("owner"), on_delete=models.CASCADE,
                              related_name="saved_lists")
    base = models.CharField(_("standard list"), max_length=40, blank=True)
    query = models.CharField(_("filters"), max_length=1000, blank=True, help_text=_("The list's query string."))
    shared = models.BooleanField(_("shared"), default=False, help_text=_("Colleagues can open it (each sees their "
                                                                       "own scope)."))

    class Meta:
        verbose_name = _("saved list")
        verbose_name_plural = _("saved lists")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("projects:saved_list", args=[self.pk])


# Configurable rule sets ----------------------------------------------------------------------------------------

class Library(BaseModel):
    """A library (库) or list grouping lifecycle stages; the grouping is configurable."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100)
    stages = models.JSONField(_("stages"), default=list)
    sequence = models.PositiveSmallIntegerField(_("sequence"), default=0)

    class Meta:
        verbose_name = _("library")
        verbose_name_plural = _("libraries")
        ordering = ["sequence", "pk"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("projects:pipeline_settings")


class GateRule(BaseModel):
    """One condition of the gate into a stage; a refused move names the message of each failed condition."""

    target_stage = models.CharField(_("target stage"), max_length=20, choices=ProjectStageChoices.choices)
    fact = models.CharField(_("fact or milestone code"), max_length=60)
    op = models.CharField(_("test"), max_length=10, choices=GateOpChoices.choices, default=GateOpChoices.PRESENT)
    value = models.DecimalField(_("threshold"), max_digits=16, decimal_places=2, null=True, blank=True)
    message = models.CharField(_("message when not met"), max_length=200)
    sequence = models.PositiveSmallIntegerField(_("sequence"), default=0)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("gate rule")
        verbose_name_plural = _("gate rules")
        ordering = ["target_stage", "sequence", "pk"]

    def __str__(self) -> str:
        return self.message

    def get_absolute_url(self) -> str:
        return reverse("projects:pipeline_settings")


class SectorThreshold(BaseModel):
    """The least total investment for a project of a sector to enter the libraries (入库门槛)."""

    sector = models.CharField(_("sector"), max_length=20, choices=SectorChoices.choices, unique=True)
    min_investment_wan = models.DecimalField(_("least total investment (10k yuan)"), **MONEY)

    class Meta:
        verbose_name = _("entry threshold")
        verbose_name_plural = _("entry thresholds")
        ordering = ["sector"]

    def __str__(self) -> str:
        return f"{self.get_sector_display()} ≥ {self.min_investment_wan}"

    def get_absolute_url(self) -> str:
        return reverse("projects:pipeline_settings")


class MilestoneTemplate(BaseModel):
    """A standard node of a project type's milestone template, with its default duration."""

    project_type = models.CharField(_("project type"), max_length=20, choices=ProjectTypeChoices.choices)
    code = models.CharField(_("node code"), max_length=40)
    name = models.CharField(_("name"), max_length=100)
    sequence = models.PositiveSmallIntegerField(_("sequence"), default=0)
    duration_days = models.PositiveIntegerField(_("duration (days)"), default=1)

    class Meta:
        verbose_name = _("milestone template node")
        verbose_name_plural = _("milestone template nodes")
        ordering = ["project_type", "sequence", "pk"]
        constraints = [models.UniqueConstraint(fields=["project_type", "code"],
                                               name="%(app_label)s_%(class)s_unique_code")]

    def __str__(self) -> str:
        return f"{self.get_project_type_display()} · {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("projects:pipeline_settings")


class MilestoneTemplateLink(BaseModel):
    """A dependency between two nodes of a template."""

    project_type = models.CharField(_("project type"), max_length=20, choices=ProjectTypeChoices.choices)
    predecessor_code = models.CharField(_("predecessor"), max_length=40)
    successor_code = models.CharField(_("successor"), max_length=40)
    kind = models.CharField(_("link type"), max_length=2, choices=DependencyKindChoices.choices,
                            default=DependencyKindChoices.FS)
    lag_days = models.IntegerField(_("lag (days)"), default=0)

    class Meta:
        verbose_name = _("milestone template link")
        verbose_name_plural = _("milestone template links")
        ordering = ["project_type", "pk"]

    def __str__(self) -> str:
        return f"{self.predecessor_code} → {self.successor_code} ({self.kind}{self.lag_days:+d})"

    def get_absolute_url(self) -> str:
        return reverse("projects:pipeline_settings")


class LightRuleSet(BaseModel):
    """A set of traffic-light thresholds; the active one is used by the monthly computation."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    mode = models.CharField(_("investment gap"), max_length=10, choices=GapModeChoices.choices,
                            default=GapModeChoices.ABSOLUTE)
    yellow_gap_pp = models.DecimalField(_("yellow from (points below)"), max_digits=6, decimal_places=2, default=10)
    red_gap_pp = models.DecimalField(_("red above (points below)"), max_digits=6, decimal_places=2, default=30)
    yellow_shortfall_pct = models.DecimalField(_("yellow above (% short)"), max_digits=6, decimal_places=2,
                                               default=0)
    red_shortfall_pct = models.DecimalField(_("red above (% short)"), max_digits=6, decimal_places=2, default=50)
    start_red_months = models.PositiveSmallIntegerField(_("start overdue: red from (months)"), default=3)
    statistics_yellow_months = models.PositiveSmallIntegerField(_("not in statistics: yellow from (months)"),
                                                                default=1)
    statistics_red_months = models.PositiveSmallIntegerField(_("not in statistics: red above (months)"), default=2)
    critical_node_overdue = models.CharField(_("critical node overdue gives"), max_length=10,
                                             choices=LightChoices.choices, default=LightChoices.YELLOW)
    active = models.BooleanField(_("active"), default=False)

    class Meta:
        verbose_name = _("light rule set")
        verbose_name_plural = _("light rule sets")
        ordering = ["-active", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("projects:pipeline_settings")
