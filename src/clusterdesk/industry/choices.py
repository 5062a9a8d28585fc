"""Choice sets for industry codes, clusters and chains."""

from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["ClusterLevelChoices", "IndustryLevelChoices", "SegmentPositionChoices"]


class IndustryLevelChoices(models.TextChoices):
    SECTION = "section", _("Section")
    DIVISION = "division", _("Division")
    GROUP = "group", _("Group")
    CLASS = "class", _("Class")


class ClusterLevelChoices(models.TextChoices):
    NATIONAL = "national", _("National")
    PROVINCIAL = "provincial", _("Provincial")
    MUNICIPAL = "municipal", _("Municipal")
    COUNTY = "county", _("County")


class SegmentPositionChoices(models.TextChoices):
    UPSTREAM = "upstream", _("Upstream")
    MIDSTREAM = "midstream", _("Midstream")
    DOWNSTREAM = "downstream", _("Downstream")
