"""Observation rounds (现场推进会 / 观摩): a series of numbered rounds, the projects counties and parks nominate,
the route the organiser confirms, each judge's own score sheet, and the published scores, ranks and movement."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from clusterdesk.common.models import BaseModel
from clusterdesk.core.observation import Criterion, EligibilityRules, chinese_number

from .choices import DEFAULT_CRITERIA, RoundStatusChoices

__all__ = ["Nomination", "ObservationRound", "ObservationSeries", "Score"]


def default_criteria() -> list[dict]:
    return [dict(c) for c in DEFAULT_CRITERIA]


class ObservationSeries(BaseModel):
    """A recurring on-site meeting of a region (e.g. a city's 产业园区项目载体建设现场推进会): its eligibility
    defaults, its scoring criteria and how judges' totals are trimmed."""

    name = models.CharField(_("name"), max_length=200)
    region = models.ForeignKey("regions.Region", verbose_name=_("organising region"), on_delete=models.PROTECT,
                               related_name="observation_series")
    criteria = models.JSONField(_("scoring criteria"), default=default_criteria,
                                help_text=_("Key, label, maximum score and weight of each criterion."))
    min_investment_wan = models.DecimalField(_("least planned investment (10k yuan)"), max_digits=14,
                                             decimal_places=2, default=10000)
    industrial_only = models.BooleanField(_("industrial projects only"), default=True)
    new_or_completed = models.BooleanField(_("started this year or completed since the last round"), default=True)
    min_equipment_share = models.DecimalField(_("least equipment share of completed investment"), max_digits=4,
                                              decimal_places=3, null=True, blank=True)
    trim = models.PositiveSmallIntegerField(_("highest and lowest totals dropped"), default=1)
    min_judges = models.PositiveSmallIntegerField(_("trim from this many judges"), default=3)

    class Meta:
        verbose_name = _("observation series")
        verbose_name_plural = _("observation series")
        ordering = ["region__code", "name"]
        constraints = [models.UniqueConstraint(fields=["region", "name"], name="%(app_label)s_%(class)s_unique")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("observation:round_list") + f"?series={self.pk}"

    def clean(self) -> None:
        if self.min_judges < 2 * self.trim + 1:
            raise ValidationError({"min_judges": _("At least one total must be left once the highest and lowest "
                                                   "are dropped.")})

    def rules(self) -> EligibilityRules:
        """The series' eligibility defaults for `clusterdesk.core.observation.eligibility_reasons`."""
        return EligibilityRules(min_investment_wan=self.min_investment_wan, industrial_only=self.industrial_only,
                                new_or_completed=self.new_or_completed, min_equipment_share=self.min_equipment_share)

    def criterion_list(self) -> list[Criterion]:
        return [Criterion(str(c["key"]), str(c["label"]), float(c["max_score"]), float(c.get("weight", 1)))
                for c in self.criteria]


class ObservationRound(BaseModel):
    """One numbered round of a series (第十八次), its date, host region, judges and workflow status."""

    series = models.ForeignKey(ObservationSeries, verbose_name=_("series"), on_delete=models.CASCADE,
                               related_name="rounds", db_index=False)  # (series, number) is unique
    number = models.PositiveSmallIntegerField(_("round number"))
    held_on = models.DateField(_("held on"))
    host_region = models.ForeignKey("regions.Region", verbose_name=_("host region"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    status = models.CharField(_("status"), max_length=20, choices=RoundStatusChoices.choices,
                              default=RoundStatusChoices.DRAFT, db_index=True)
    judges = models.ManyToManyField(settings.AUTH_USER_MODEL, verbose_name=_("judges"), blank=True,
                                    related_name="observation_rounds_judged")
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    class Meta:
        verbose_name = _("observation round")
        verbose_name_plural = _("observation rounds")
        ordering = ["series", "-number"]
        constraints = [models.UniqueConstraint(fields=["series", "number"], name="%(app_label)s_%(class)s_unique")]

    def __str__(self) -> str:
        return f"第{chinese_number(self.number)}次{self.series.name}"

    def get_absolute_url(self) -> str:
        return reverse("observation:round_detail", args=[self.pk])


class Nomination(BaseModel):
    """A project nominated for a round: its eligibility when nominated, the organiser's override, its place on the
    route, and once published its trimmed score, rank and movement."""

    round = models.ForeignKey(ObservationRound, verbose_name=_("round"), on_delete=models.CASCADE,
                              related_name="nominations", db_index=False)  # (round, project) is unique
    project = models.ForeignKey("projects.Project", verbose_name=_("project"), on_delete=models.CASCADE,
                                related_name="observation_nominations")
    nominated_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("nominated by"), null=True,
                                     blank=True, on_delete=models.SET_NULL, related_name="+")
    reasons = models.JSONField(_("reasons not eligible"), default=list, blank=True)
    override_reason = models.CharField(_("admitted although not eligible, because"), max_length=300, blank=True)
    confirmed = models.BooleanField(_("on the route"), default=False)
    route_order = models.PositiveSmallIntegerField(_("order of visit"), null=True, blank=True)
    score = models.FloatField(_("score"), null=True, blank=True)
    judges_counted = models.PositiveSmallIntegerField(_("judges counted"), default=0)
    criterion_means = models.JSONField(_("average by criterion"), default=dict, blank=True)
    rank = models.PositiveIntegerField(_("rank"), null=True, blank=True)
    movement = models.IntegerField(_("places gained"), null=True, blank=True)

    class Meta:
        verbose_name = _("observation nomination")
        verbose_name_plural = _("observation nominations")
        ordering = ["round", "route_order", "project__name"]
        constraints = [models.UniqueConstraint(fields=["round", "project"], name="%(app_label)s_%(class)s_unique")]

    def __str__(self) -> str:
        return f"{self.round} · {self.project}"

    def get_absolute_url(self) -> str:
        return self.round.get_absolute_url()


class Score(BaseModel):
    """One judge's scores of one project on the route (a row of the judge's own sheet), by criterion key.

    Read through its judge (`selectors.judge_sheet`), never through a scope: no role is granted scores, so that a
    judge sees only their own sheet and the organiser sees the aggregated results."""

    nomination = models.ForeignKey(Nomination, verbose_name=_("nomination"), on_delete=models.CASCADE,
                                   related_name="scores", db_index=False)  # (nomination, judge) is unique
    judge = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("judge"), on_delete=models.CASCADE,
                              related_name="observation_scores")
    values = models.JSONField(_("scores by criterion"), default=dict, blank=True)
    total = models.FloatField(_("weighted total"), null=True, blank=True)

    class Meta:
        verbose_name = _("observation score")
        verbose_name_plural = _("observation scores")
        ordering = ["nomination", "judge"]
        constraints = [models.UniqueConstraint(fields=["nomination", "judge"],
                                               name="%(app_label)s_%(class)s_unique")]

    def __str__(self) -> str:
        return f"{self.nomination} · {self.judge}"

    def get_absolute_url(self) -> str:
        return reverse("observation:my_sheet", args=[self.nomination.round_id])
