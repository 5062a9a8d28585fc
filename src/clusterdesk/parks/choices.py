"""Choice sets for parks."""

from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["FeaturedStatusChoices", "ParkIndustryRoleChoices", "ParkLevelChoices", "ParkTypeChoices"]


class ParkLevelChoices(models.TextChoices):
    NATIONAL = "national", _("National")
    PROVINCIAL = "provincial", _("Provincial")
    MUNICIPAL = "municipal", _("Municipal")


class ParkTypeChoices(models.TextChoices):
    ECONOMIC_DEVELOPMENT = "economic_development", _("Economic and technological development zone")
    HIGH_TECH = "high_tech", _("High-tech industrial development zone")
    BONDED = "bonded", _("Comprehensive bonded zone")
    INDUSTRIAL = "industrial", _("Industrial park")
    CHEMICAL = "chemical", _("Chemical industry park")
    OTHER = "other", _("Other")


class ParkIndustryRoleChoices(models.TextChoices):
    LEADING = "leading", _("Leading industry")
    FEATURED = "featured", _("Featured industry")


class FeaturedStatusChoices(models.TextChoices):
    NONE = "none", _("Not featured")
    CULTIVATION = "cultivation", _("Cultivation list")
    CERTIFIED = "certified", _("Certified featured park")
