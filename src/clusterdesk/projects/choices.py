"""Choice sets for projects. Stage values are `clusterdesk.core.lifecycle.Stage`'s (a test keeps them equal)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

__all__ = [
    "OPEN_PROBLEM_STATUSES",
    "CoordinationLevelChoices",
    "DecisionStatusChoices",
    "DependencyKindChoices",
    "GapModeChoices",
    "GateOpChoices",
    "KeyLevelChoices",
    "LibraryStatusChoices",
    "LightChoices",
    "NodeStatusChoices",
    "ProblemCategoryChoices",
    "ProblemStatusChoices",
    "ProjectStageChoices",
    "ProjectTypeChoices",
    "ScheduleTargetChoices",
    "SectorChoices",
    "TransitionKindChoices",
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
    FUNDS = "funds", _("Funding")
    APPROVALS = "approvals", _("Approvals")
    ENERGY = "energy", _("Energy quota")
    ENVIRONMENT = "environment", _("Environment")
    UTILITIES = "utilities", _("Utilities")
    DEMOLITION = "demolition", _("Demolition and compensation")
    CONSTRUCTION_PERMIT = "construction_permit", _("Construction permit")
    FINANCING = "financing", _("Financing")
    OTHER = "other", _("Other")


class CoordinationLevelChoices(models.IntegerChoices):
    """Who coordinates a problem (协调层级); values match `clusterdesk.core.supervision.problems`."""

    PROJECT_LEADER = 1, _("1 · Project leader")
    UNIT_HEAD = 2, _("2 · Responsible unit head")
    LEADER_IN_CHARGE = 3, _("3 · County/city leader in charge")
    PRINCIPAL = 4, _("4 · Principal leader")


class ProblemStatusChoices(models.TextChoices):
    """Values are `clusterdesk.core.supervision.ProblemStatus`'s."""

    RAISED = "raised", _("Raised")
    ASSIGNED = "assigned", _("Assigned")
    IN_PROGRESS = "in_progress", _("In progress")
    RESOLVED = "resolved", _("Resolved")
    CLOSED = "closed", _("Closed")
    REOPENED = "reopened", _("Reopened")


#: Statuses of a problem still to be solved.
OPEN_PROBLEM_STATUSES = ("raised", "assigned", "in_progress", "reopened")


class ProjectTypeChoices(models.TextChoices):
    """Project types with their own milestone template (values are `core.scheduling.ProjectType`'s)."""

    INDUSTRIAL = "industrial", _("Industrial")
    INFRASTRUCTURE = "infrastructure", _("Infrastructure")
    SOCIAL = "social", _("Social")


class SectorChoices(models.TextChoices):
    """Sectors with their own entry threshold (入库门槛)."""

    INDUSTRY = "industry", pgettext_lazy("sector", "Industry")  # 工业 (the sector), not 行业 (an industry)
    AGRICULTURE = "agriculture", _("Agriculture")
    INNOVATION = "innovation", _("Innovation platform")
    SERVICES = "services", _("Services")
    INFRASTRUCTURE = "infrastructure", _("Infrastructure")
    SOCIAL = "social", _("Social undertakings")


class LibraryStatusChoices(models.TextChoices):
    ACTIVE = "active", _("In the libraries")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class TransitionKindChoices(models.TextChoices):
    CREATE = "create", _("Entered")
    ADVANCE = "advance", _("Moved forward")
    BACK = "back", _("Moved back")
    WITHDRAW = "withdraw", _("Withdrawn")
    RESTORE = "restore", _("Restored")
    ADD_MID_YEAR = "add", _("Added mid-year")


class ScheduleTargetChoices(models.TextChoices):
    """Which planned date the backward pass (倒排工期) starts from."""

    START = "start", _("Planned start")
    COMPLETION = "completion", _("Planned completion")
    PRODUCTION = "production", _("Planned production")


class DependencyKindChoices(models.TextChoices):
    FS = "FS", _("Finish-to-start")
    SS = "SS", _("Start-to-start")
    FF = "FF", _("Finish-to-finish")
    SF = "SF", _("Start-to-finish")


class NodeStatusChoices(models.TextChoices):
    DONE = "done", _("Done")
    ON_TIME = "on_time", _("On time")
    WARNING = "warning", _("Warning")
    OVERDUE = "overdue", _("Overdue")


class LightChoices(models.TextChoices):
    GREEN = "green", _("Green")
    YELLOW = "yellow", _("Yellow")
    RED = "red", _("Red")


class GapModeChoices(models.TextChoices):
    ABSOLUTE = "absolute", _("Percentage points below time progress")
    RELATIVE = "relative", _("Share of time progress not reached")


class GateOpChoices(models.TextChoices):
    PRESENT = "present", _("Is filled in")
    GTE = "gte", _("Is at least")
    DONE = "done", _("Milestone done")


class DecisionStatusChoices(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
