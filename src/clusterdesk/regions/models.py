"""Administrative divisions (GB/T 2260), province → city → county, each with a representative point."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from clusterdesk.common.models import CleanTextMixin, RestrictedQuerySet
from clusterdesk.core.codes.region import region_ancestor_codes, region_prefix

__all__ = ["Region", "park_area", "region_within"]


class Region(CleanTextMixin, models.Model):
    """One administrative division. Reference data: loaded by `clusterdesk load-refdata`, read by everyone."""

    class Level(models.TextChoices):
        PROVINCE = "province", _("Province")
        CITY = "city", _("City")
        COUNTY = "county", _("County")

    code = models.CharField(_("code"), max_length=6, unique=True, help_text=_("GB/T 2260 six-digit code"))
    name = models.CharField(_("name"), max_length=50)
    full_name = models.CharField(_("full name"), max_length=100, db_index=True)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices, db_index=True)
    parent = models.ForeignKey(
        "self", verbose_name=_("parent"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.full_name or self.name

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("regions:region_detail", args=[self.pk])

    @property
    def code_prefix(self) -> str:
        """The significant digits of the code: every descendant's code starts with them."""
        return region_prefix(self.code)

    @property
    def ancestor_codes(self) -> list[str]:
        return region_ancestor_codes(self.code)


def region_within(region: Region, area: Region) -> bool:
    """Whether ``region`` is ``area`` or lies below it."""
    return region.code.startswith(area.code_prefix)


def park_area(park_region: Region) -> Region:
    """The area a park serves: its city (a park registered at county level also serves the rest of its city)."""
    return park_region if park_region.level != Region.Level.COUNTY or park_region.parent is None else park_region.parent
