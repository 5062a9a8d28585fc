"""Evaluations: per-mu evaluation of enterprises (亩均效益评价) with its workflow, parks on the same basis,
composite park evaluation (开发区综合评价) and featured-park reviews (特色园区认定 / 动态评估)."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from clusterdesk.common.models import BaseModel

from .choices import (
    ChangeChoices,
    ClassingChoices,
    CompositeMethodChoices,
    MethodChoices,
    ObjectionChoices,
    RunStatusChoices,
    SheetStatusChoices,
)

__all__ = ["CompositeEvaluation", "CompositeResult", "EvaluationRun", "EvaluationSheet", "FeaturedDecision",
           "FeaturedReview", "ParkEvaluation", "ParkYearData"]


def _decimal(label, digits: int = 16, places: int = 2):
    return models.DecimalField(label, max_digits=digits, decimal_places=places, null=True, blank=True)


def default_bands() -> list[float]:
    return [0.20, 0.60, 0.95]


def default_thresholds() -> list[float]:
    return [80.0, 60.0, 40.0]


def default_exempt_prefixes() -> list[str]:
    # Utilities (电力、热力、燃气及水的生产和供应业) are kept out of the ranking by default.
    return ["D44", "D45", "D46"]


def default_surcharge() -> list[float]:
    return [0.05, 0.10, 0.15]


class EvaluationRun(BaseModel):
    """One year's per-mu evaluation of the enterprises of a region, from data collection to final classes."""

    name = models.CharField(_("name"), max_length=200)
    region = models.ForeignKey("regions.Region", verbose_name=_("region"), on_delete=models.PROTECT,
                               related_name="evaluation_runs")
    year = models.PositiveSmallIntegerField(_("year evaluated"))
    method = models.CharField(_("scoring method"), max_length=10, choices=MethodChoices.choices,
                              default=MethodChoices.RATIO)
    ratio_cap = models.FloatField(_("cap per indicator (× weight)"), null=True, blank=True, default=3.0)
    floor = models.FloatField(_("min–max floor (%)"), default=20.0)
    weights = models.JSONField(_("indicator weights"), default=dict, blank=True,
                               help_text=_("Indicator key → points; empty uses 30/20/20/10/10/10."))
    classing = models.CharField(_("classing"), max_length=10, choices=ClassingChoices.choices,
                                default=ClassingChoices.RANK)
    bands = models.JSONField(_("rank bands (A, B, C)"), default=default_bands)
    thresholds = models.JSONField(_("score thresholds (A, B, C)"), default=default_thresholds)
    exempt_industry_prefixes = models.JSONField(_("exempt industries"), default=default_exempt_prefixes,
                                                blank=True)
    min_land_mu = models.DecimalField(
        _("evaluate enterprises using at least (mu)"), max_digits=8, decimal_places=2, default=3,
        help_text=_("Above-size enterprises are evaluated whatever their land."))
    exempt_young_years = models.PositiveSmallIntegerField(_("exempt enterprises younger than (years)"), default=2)
    surcharge_schedule = models.JSONField(_("D-class electricity surcharge (yuan/kWh by consecutive year)"),
                                          default=default_surcharge)
    status = models.CharField(_("status"), max_length=12, choices=RunStatusChoices.choices,
                              default=RunStatusChoices.DRAFT, db_index=True)
    objection_deadline = models.DateField(_("objections until"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    finalized_at = models.DateTimeField(_("finalised"), null=True, blank=True)

    class Meta:
        verbose_name = _("per-mu evaluation")
        verbose_name_plural = _("per-mu evaluations")
        ordering = ["-year", "region__code", "name"]
        constraints = [models.UniqueConstraint(fields=["region", "year", "name"],
                                               name="%(app_label)s_%(class)s_unique_region_year_name")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("evaluation:run_detail", args=[self.pk])


class EvaluationSheet(BaseModel):
    """One enterprise's data sheet in a run (一企一单): figures snapshot, verified land, confirmation, result."""

    run = models.ForeignKey(EvaluationRun, verbose_name=_("evaluation"), on_delete=models.CASCADE,
                            related_name="sheets", db_index=False)  # (run, enterprise) is unique
    enterprise = models.ForeignKey("enterprises.Enterprise", verbose_name=_("enterprise"), on_delete=models.CASCADE,
                                   related_name="evaluation_sheets")
    above_scale = models.BooleanField(_("above designated size"), default=False)
    revenue_wan = _decimal(_("main business revenue (10k yuan)"))
    output_wan = _decimal(_("industrial output value (10k yuan)"))
    value_added_wan = _decimal(_("value added (10k yuan)"))
    tax_wan = _decimal(_("taxes paid (10k yuan)"))
    employees = models.PositiveIntegerField(_("average employees"), null=True, blank=True)
    land_mu = _decimal(_("land used (mu)"), 12)
    energy_tce = _decimal(_("energy use (tonnes of standard coal)"), 14)
    electricity_wan_kwh = _decimal(_("electricity use (10k kWh)"), 14)
    emissions_t = _decimal(_("main pollutant emissions (tonnes equivalent)"), 14, 3)
    rd_expense_wan = _decimal(_("R&D expenditure (10k yuan)"))
    land_verified = models.BooleanField(_("land verified"), default=False)
    status = models.CharField(_("sheet status"), max_length=10, choices=SheetStatusChoices.choices,
                              default=SheetStatusChoices.COLLECTED, db_index=True)
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("confirmed by"), null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    exempt = models.BooleanField(_("exempt"), default=False)
    exempt_reason = models.CharField(_("exemption"), max_length=100, blank=True)
    vetoed = models.BooleanField(_("veto item"), default=False)
    veto_reason = models.CharField(_("veto reason"), max_length=200, blank=True)
    bonus = models.FloatField(_("bonus points"), default=0.0)
    penalty = models.FloatField(_("penalty points"), default=0.0)
    values = models.JSONField(_("indicator values"), default=dict, blank=True)
    points = models.JSONField(_("indicator points"), default=dict, blank=True)
    total = models.FloatField(_("total score"), null=True, blank=True)
    rank = models.PositiveIntegerField(_("rank"), null=True, blank=True)
    preliminary_class = models.CharField(_("preliminary class"), max_length=1, blank=True)
    final_class = models.CharField(_("final class"), max_length=1, blank=True, db_index=True)
    objection = models.TextField(_("objection"), blank=True)
    objection_status = models.CharField(_("objection status"), max_length=10, choices=ObjectionChoices.choices,
                                        default=ObjectionChoices.NONE, blank=True)
    objection_reply = models.TextField(_("reply to the objection"), blank=True)
    surcharge_rate = models.FloatField(_("electricity surcharge (yuan/kWh)"), default=0.0)
    surcharge_wan = models.FloatField(_("electricity surcharge (10k yuan)"), default=0.0)

    class Meta:
        verbose_name = _("evaluation data sheet")
        verbose_name_plural = _("evaluation data sheets")
        ordering = ["run", "rank", "enterprise__name"]
        constraints = [models.UniqueConstraint(fields=["run", "enterprise"],
                                               name="%(app_label)s_%(class)s_unique_run_enterprise")]

    def __str__(self) -> str:
        return f"{self.run} · {self.enterprise}"

    def get_absolute_url(self) -> str:
        return reverse("evaluation:sheet_detail", args=[self.pk])


class ParkEvaluation(BaseModel):
    """A park's per-mu result in a run: its enterprises' figures summed over their land, scored and classed."""

    run = models.ForeignKey(EvaluationRun, verbose_name=_("evaluation"), on_delete=models.CASCADE,
                            related_name="park_results")
    park = models.ForeignKey("parks.Park", verbose_name=_("park"), on_delete=models.CASCADE,
                             related_name="per_mu_results")
    enterprises = models.PositiveIntegerField(_("enterprises evaluated"), default=0)
    figures = models.JSONField(_("summed figures"), default=dict)
    values = models.JSONField(_("indicator values"), default=dict)
    total = models.FloatField(_("total score"), null=True, blank=True)
    rank = models.PositiveIntegerField(_("rank"), null=True, blank=True)
    park_class = models.CharField(_("class"), max_length=1, blank=True)

    class Meta:
        verbose_name = _("park per-mu result")
        verbose_name_plural = _("park per-mu results")
        ordering = ["run", "rank"]
        constraints = [models.UniqueConstraint(fields=["run", "park"], name="%(app_label)s_%(class)s_unique")]

    def __str__(self) -> str:
        return f"{self.run} · {self.park}"

    def get_absolute_url(self) -> str:
        return self.run.get_absolute_url()


class ParkYearData(BaseModel):
    """A park's reported figures for a year that do not come from its enterprises (foreign capital, trade…)."""

    park = models.ForeignKey("parks.Park", verbose_name=_("park"), on_delete=models.CASCADE,
                             related_name="year_data")
    year = models.PositiveSmallIntegerField(_("year"))
    values = models.JSONField(_("values"), default=dict, help_text=_("Indicator key → value."))

    class Meta:
        verbose_name = _("park yearly data")
        verbose_name_plural = _("park yearly data")
        ordering = ["park", "-year"]
        constraints = [models.UniqueConstraint(fields=["park", "year"], name="%(app_label)s_%(class)s_unique")]

    def __str__(self) -> str:
        return f"{self.park} {self.year}"

    def get_absolute_url(self) -> str:
        return self.park.get_absolute_url()


class CompositeEvaluation(BaseModel):
    """A composite evaluation of the parks of a region for a year, on a configurable indicator system."""

    name = models.CharField(_("name"), max_length=200)
    region = models.ForeignKey("regions.Region", verbose_name=_("region"), on_delete=models.PROTECT,
                               related_name="composite_evaluations")
    year = models.PositiveSmallIntegerField(_("year evaluated"))
    method = models.CharField(_("method"), max_length=10, choices=CompositeMethodChoices.choices,
                              default=CompositeMethodChoices.MINMAX)
    system = models.JSONField(_("indicator system"), default=list, blank=True,
                              help_text=_("Empty uses the national development-zone shape (30/30/15/15/10)."))
    bottom_n = models.PositiveSmallIntegerField(_("bottom places flagged"), default=3)

    class Meta:
        verbose_name = _("composite park evaluation")
        verbose_name_plural = _("composite park evaluations")
        ordering = ["-year", "region__code", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("evaluation:composite_detail", args=[self.pk])


class CompositeResult(BaseModel):
    """A park's result in a composite evaluation: values, points by category, rank, movement, flag."""

    evaluation = models.ForeignKey(CompositeEvaluation, verbose_name=_("evaluation"), on_delete=models.CASCADE,
                                   related_name="results")
    park = models.ForeignKey("parks.Park", verbose_name=_("park"), on_delete=models.CASCADE,
                             related_name="composite_results")
    values = models.JSONField(_("indicator values"), default=dict)
    categories = models.JSONField(_("points by category"), default=dict)
    total = models.FloatField(_("total score"))
    rank = models.PositiveIntegerField(_("rank"))
    movement = models.IntegerField(_("places gained"), null=True, blank=True)
    flagged = models.BooleanField(_("bottom two years running"), default=False)

    class Meta:
        verbose_name = _("composite result")
        verbose_name_plural = _("composite results")
        ordering = ["evaluation", "rank"]
        constraints = [models.UniqueConstraint(fields=["evaluation", "park"], name="%(app_label)s_%(class)s_unique")]

    def __str__(self) -> str:
        return f"{self.evaluation} · {self.park}"

    def get_absolute_url(self) -> str:
        return self.evaluation.get_absolute_url()


class FeaturedReview(BaseModel):
    """An annual featured-park review (动态评估认定) of a region: criteria, and decisions once applied."""

    name = models.CharField(_("name"), max_length=200)
    region = models.ForeignKey("regions.Region", verbose_name=_("region"), on_delete=models.PROTECT,
                               related_name="featured_reviews")
    year = models.PositiveSmallIntegerField(_("year evaluated"))
    certification = models.JSONField(_("certification criteria"), default=list, blank=True)
    cultivation = models.JSONField(_("cultivation criteria"), default=list, blank=True)
    applied_at = models.DateTimeField(_("applied"), null=True, blank=True)

    class Meta:
        verbose_name = _("featured-park review")
        verbose_name_plural = _("featured-park reviews")
        ordering = ["-year", "region__code"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("evaluation:featured_detail", args=[self.pk])


class FeaturedDecision(BaseModel):
    """One park's outcome in a featured-park review: status before and after, the change and why."""

    review = models.ForeignKey(FeaturedReview, verbose_name=_("review"), on_delete=models.CASCADE,
                               related_name="decisions")
    park = models.ForeignKey("parks.Park", verbose_name=_("park"), on_delete=models.CASCADE,
                             related_name="featured_decisions")
    status_before = models.CharField(_("status before"), max_length=20)
    status_after = models.CharField(_("status after"), max_length=20)
    change = models.CharField(_("change"), max_length=10, choices=ChangeChoices.choices)
    values = models.JSONField(_("measured values"), default=dict)
    reasons = models.JSONField(_("reasons"), default=list)

    class Meta:
        verbose_name = _("featured-park decision")
        verbose_name_plural = _("featured-park decisions")
        ordering = ["review", "park__name"]
        constraints = [models.UniqueConstraint(fields=["review", "park"], name="%(app_label)s_%(class)s_unique")]

    def __str__(self) -> str:
        return f"{self.review} · {self.park}"

    def get_absolute_url(self) -> str:
        return self.review.get_absolute_url()
