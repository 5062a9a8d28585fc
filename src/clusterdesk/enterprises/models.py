"""Enterprises: identified by their unified social credit code, placed in a region, a park and chain segments."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from clusterdesk.common.models import BaseModel
from clusterdesk.common.validators import uscc_validator

__all__ = ["Enterprise", "EnterpriseYearFigure"]


class Enterprise(BaseModel):
    """An enterprise (企业) followed by the development offices."""

    natural_duplicates = (("name",),)

    uscc = models.CharField(_("unified social credit code"), max_length=18, unique=True, validators=[uscc_validator],
                            error_messages={"unique": _("This credit code is already registered.")})
    name = models.CharField(_("name"), max_length=200, db_index=True)
    region = models.ForeignKey("regions.Region", verbose_name=_("region"), on_delete=models.PROTECT,
                               related_name="enterprises", db_index=False)  # enterprise_scope_counts begins with it
    park = models.ForeignKey("parks.Park", verbose_name=_("park"), null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="enterprises")
    industry = models.ForeignKey("industry.IndustryCode", verbose_name=_("industry"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="enterprises")
    chain_segments = models.ManyToManyField("industry.ChainSegment", verbose_name=_("chain segments"), blank=True,
                                            related_name="enterprises")
    above_scale = models.BooleanField(_("above designated size"), default=False, db_index=True)
    key_enterprise = models.BooleanField(_("key enterprise"), default=False, db_index=True)
    chain_leader = models.BooleanField(_("chain leader"), default=False)
    secretary = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("work secretary"), null=True,
                                  blank=True, on_delete=models.SET_NULL, related_name="served_enterprises")
    legal_representative = models.CharField(_("legal representative"), max_length=50, blank=True)
    established_date = models.DateField(_("established"), null=True, blank=True)
    registered_capital_wan = models.DecimalField(_("registered capital (10k yuan)"), max_digits=16,
                                                 decimal_places=2, null=True, blank=True)
    annual_revenue_wan = models.DecimalField(_("annual revenue (10k yuan)"), max_digits=16, decimal_places=2,
                                             null=True, blank=True)
    employees = models.PositiveIntegerField(_("employees"), null=True, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("enterprise")
        verbose_name_plural = _("enterprises")
        ordering = ["name"]
        # The dashboard counts a scope's enterprises, above-size and key ones from this index alone.
        indexes = [models.Index(fields=["region", "above_scale", "key_enterprise"], name="enterprise_scope_counts")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("enterprises:enterprise_detail", args=[self.pk])

    def clean(self) -> None:
        """An enterprise registered in a park lies in that park's city."""
        from django.core.exceptions import ValidationError

        from clusterdesk.regions.models import park_area, region_within

        if self.region_id and self.park_id and not region_within(self.region, park_area(self.park.region)):
            raise ValidationError({"park": _("The park is not in the enterprise's city.")})


def _wan(verbose_name) -> models.DecimalField:
    return models.DecimalField(verbose_name, max_digits=16, decimal_places=2, null=True, blank=True)


class EnterpriseYearFigure(BaseModel):
    """One enterprise's figures for one year (年度经营数据): the raw data of per-mu evaluation and cluster metrics.

    Every figure is optional: a small enterprise reports its tax and electricity but rarely its value added
    or emissions, and the evaluation treats a missing figure by its own rules.
    """

    enterprise = models.ForeignKey(Enterprise, verbose_name=_("enterprise"), on_delete=models.CASCADE,
                                   related_name="year_figures", db_index=False)  # (enterprise, year) is unique
    year = models.PositiveSmallIntegerField(_("year"))
    revenue_wan = _wan(_("main business revenue (10k yuan)"))
    output_wan = _wan(_("industrial output value (10k yuan)"))
    value_added_wan = _wan(_("value added (10k yuan)"))
    tax_wan = _wan(_("taxes paid (10k yuan)"))
    employees = models.PositiveIntegerField(_("average employees"), null=True, blank=True)
    land_mu = models.DecimalField(_("land used (mu)"), max_digits=12, decimal_places=2, null=True, blank=True)
    energy_tce = models.DecimalField(_("energy use (tonnes of standard coal)"), max_digits=14, decimal_places=2,
                                     null=True, blank=True)
    electricity_wan_kwh = models.DecimalField(_("electricity use (10k kWh)"), max_digits=14, decimal_places=2,
                                              null=True, blank=True)
    emissions_t = models.DecimalField(_("main pollutant emissions (tonnes equivalent)"), max_digits=14,
                                      decimal_places=3, null=True, blank=True)
    rd_expense_wan = _wan(_("R&D expenditure (10k yuan)"))

    class Meta:
        verbose_name = _("enterprise yearly figures")
        verbose_name_plural = _("enterprise yearly figures")
        ordering = ["enterprise", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["enterprise", "year"], name="%(app_label)s_%(class)s_unique_year"),
            models.CheckConstraint(condition=models.Q(year__gte=1949, year__lte=2100),
                                   name="%(app_label)s_%(class)s_year_range"),
        ]

    def __str__(self) -> str:
        return f"{self.enterprise} {self.year}"

    def get_absolute_url(self) -> str:
        return self.enterprise.get_absolute_url()

    def clean(self) -> None:
        """No figure is negative (a negative value added is possible in theory but is a typing error here)."""
        from django.core.exceptions import ValidationError

        negative = {
            f.name: _("Must not be negative.")
            for f in self._meta.concrete_fields
            if isinstance(f, models.DecimalField) and (getattr(self, f.name) or 0) < 0
        }
        if negative:
            raise ValidationError(negative)
