"""Industrial parks (产业园区) and their positioning: leading and featured industries."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from clusterdesk.common.models import BaseModel, CleanTextMixin

from .choices import FeaturedStatusChoices, ParkIndustryRoleChoices, ParkLevelChoices, ParkTypeChoices

__all__ = ["Park", "ParkIndustry"]


class Park(BaseModel):
    """An industrial park: level, type, region, land (in 亩), location and positioning."""

    name = models.CharField(_("name"), max_length=100, unique=True,
                            error_messages={"unique": _("A park with this name is already registered.")})
    short_name = models.CharField(_("short name"), max_length=50, blank=True)
    level = models.CharField(_("level"), max_length=20, choices=ParkLevelChoices.choices, db_index=True)
    park_type = models.CharField(_("type"), max_length=30, choices=ParkTypeChoices.choices)
    region = models.ForeignKey("regions.Region", verbose_name=_("region"), on_delete=models.PROTECT,
                               related_name="parks")
    planned_area_mu = models.DecimalField(_("planned area (mu)"), max_digits=12, decimal_places=2,
                                          null=True, blank=True)
    built_area_mu = models.DecimalField(_("built area (mu)"), max_digits=12, decimal_places=2, null=True, blank=True)
    available_land_mu = models.DecimalField(_("available land (mu)"), max_digits=12, decimal_places=2,
                                            null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    industries = models.ManyToManyField("industry.IndustryCode", through="ParkIndustry", blank=True,
                                        verbose_name=_("positioned industries"), related_name="parks")
    featured_status = models.CharField(_("featured-park status"), max_length=20,
                                       choices=FeaturedStatusChoices.choices, default=FeaturedStatusChoices.NONE)
    established_date = models.DateField(_("established"), null=True, blank=True)
    management_body = models.CharField(_("management committee"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("park")
        verbose_name_plural = _("parks")
        ordering = ["region__code", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("parks:park_detail", args=[self.pk])

    def clean(self) -> None:
        """The built area does not exceed the planned area (`core.validation.park_errors`)."""
        from clusterdesk.common.validators import raise_field_errors
        from clusterdesk.core.validation import park_errors

        raise_field_errors(park_errors(self.__dict__))

    def changelog_extra(self) -> dict:
        """Positioning by role for the change log (the plain many-to-many would hide a leading → featured move)."""
        rows = self.park_industries.select_related("industry").order_by("industry__code")
        return {f"{role}_industries": [pi.industry.code for pi in rows if pi.role == role]
                for role in ParkIndustryRoleChoices.values}

    def industries_by_role(self, role: str) -> list:
        return [pi.industry for pi in self.park_industries.all() if pi.role == role]

    @property
    def leading_industries(self) -> list:
        return self.industries_by_role(ParkIndustryRoleChoices.LEADING)

    @property
    def featured_industries(self) -> list:
        return self.industries_by_role(ParkIndustryRoleChoices.FEATURED)


class ParkIndustry(CleanTextMixin, models.Model):
    """A park's positioning on one industry, as leading (主导) or featured (特色)."""

    park = models.ForeignKey(Park, on_delete=models.CASCADE, related_name="park_industries")
    industry = models.ForeignKey("industry.IndustryCode", verbose_name=_("industry"), on_delete=models.PROTECT,
                                 related_name="+")
    role = models.CharField(_("role"), max_length=10, choices=ParkIndustryRoleChoices.choices)

    class Meta:
        verbose_name = _("park industry")
        verbose_name_plural = _("park industries")
        constraints = [
            models.UniqueConstraint(fields=["park", "industry"], name="%(app_label)s_%(class)s_unique_park_industry")
        ]

    def __str__(self) -> str:
        return f"{self.park} · {self.industry} ({self.get_role_display()})"
