"""Choice sets for projects. Stage values are `clusterdesk.core.lifecycle.Stage`'s (a test keeps them equal)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = [
    "EscalationLevelChoices",
    "KeyLevelChoices",
    "ProblemCategoryChoices",
    "ProblemStatusChoices",
    "ProjectStageChoices",
]


class ProjectStageChoices(models.TextChoices):
    PLANNING = "planning", _("Planning")
    RESERVE = "reserve", _("Reserve")
    PRECONSTRUCTION = "preconstruction", _("Pre-construction")
    CONSTRUCTION = "construction", _("Under construction")
    COMPLETED = "completed", _("Completed")
    CAPACITY = "capacity", _("At capacity")
    STATISTICS = "statistics", _("In the statistics")


class KeyLevelChoices(models.TextChoices):
    PROVINCIAL = "provincial", _("Provincial key project")
    MUNICIPAL = "municipal", _("Municipal key project")
    COUNTY = "county", _("County key project")
    GENERAL = "general", _("General project")


class ProblemCategoryChoices(models.TextChoices):
    LAND = "land", _("Land")
    FUNDS = "funds", _("Funds")
    APPROVALS = "approvals", _("Approvals")
    ENERGY = "energy", _("Energy use")
    ENVIRONMENT = "environment", _("Environmental assessment")
    UTILITIES = "utilities", _("Utilities")
    DEMOLITION = "demolition", _("Demolition and relocation")
    OTHER = "other", _("Other")


class EscalationLevelChoices(models.TextChoices):
    COUNTY = "county", _("County")
    CITY = "city", _("City")
    PROVINCE = "province", _("Province")


class ProblemStatusChoices(models.TextChoices):
    OPEN = "open", _("Open")
    RESOLVED = "resolved", _("Resolved")
