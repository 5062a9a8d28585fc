"""Choice sets of the enterprise service. Values equal the core enums' (a test keeps them equal)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = [
    "AppealCategoryChoices",
    "AppealStatusChoices",
    "CandidateBasisChoices",
    "CandidateStateChoices",
    "ChannelChoices",
    "EscalationLevelChoices",
    "FigureSourceChoices",
    "JobKindChoices",
    "TaskStatusChoices",
    "UnitTypeChoices",
    "WarningLevelChoices",
    "WarningRuleChoices",
]


class FigureSourceChoices(models.TextChoices):
    ENTERPRISE = "enterprise", _("Reported by the enterprise")
    SECRETARY = "secretary", _("Entered by the secretary")
    IMPORT = "import", _("Imported")


class WarningRuleChoices(models.TextChoices):
    OUTPUT_YOY_MONTH = "output_yoy_month", _("Output down year on year (month)")
    OUTPUT_YOY_YTD = "output_yoy_ytd", _("Output down year on year (year to date)")
    REVENUE_YOY_MONTH = "revenue_yoy_month", _("Revenue down year on year (month)")
    REVENUE_YOY_YTD = "revenue_yoy_ytd", _("Revenue down year on year (year to date)")
    ORDERS_FALLING = "orders_falling", _("Orders on hand falling")
    LOW_UTILISATION = "low_utilisation", _("Low capacity utilisation")
    ELECTRICITY_MISMATCH = "electricity_mismatch", _("Electricity inconsistent with output")
    MISSING_REPORT = "missing_report", _("Report missing")


class WarningLevelChoices(models.TextChoices):
    WATCH = "watch", _("Watch")
    WARNING = "warning", _("Warning")
    SERIOUS = "serious", _("Serious")


class JobKindChoices(models.TextChoices):
    WARNINGS = "warnings", _("Warning recomputation")
    CANDIDATES = "candidates", _("Inclusion candidate detection")
    ESCALATION = "escalation", _("Appeal escalation")


class TaskStatusChoices(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Done")


class AppealCategoryChoices(models.TextChoices):
    LAND = "land", _("Land")
    FINANCING = "financing", _("Financing")
    LABOUR = "labour", _("Labour")
    ENERGY = "energy", _("Energy")
    LOGISTICS = "logistics", _("Logistics")
    PERMITS = "permits", _("Permits")
    POLICY = "policy", _("Policy")
    OTHER = "other", _("Other")


class AppealStatusChoices(models.TextChoices):
    RAISED = "raised", _("Raised")
    ACCEPTED = "accepted", _("Accepted")
    IN_PROGRESS = "in_progress", _("In progress")
    ANSWERED = "answered", _("Answered")
    CLOSED = "closed", _("Closed")


class EscalationLevelChoices(models.TextChoices):
    COUNTY = "county", _("County")
    CITY = "city", _("City")
    PROVINCE = "province", _("Province")


class UnitTypeChoices(models.TextChoices):
    INDUSTRY = "industry", _("Industry above designated size")
    CONSTRUCTION = "construction", _("Qualified construction")
    WHOLESALE = "wholesale", _("Wholesale above quota")
    RETAIL = "retail", _("Retail above quota")
    ACCOMMODATION = "accommodation", _("Accommodation above quota")
    CATERING = "catering", _("Catering above quota")
    REAL_ESTATE = "real_estate", _("Real-estate development")
    SERVICES_HIGH = "services_high", _("Services (20 million class)")
    SERVICES_MID = "services_mid", _("Services (10 million class)")
    SERVICES_LOW = "services_low", _("Services (5 million class)")
    PROJECT = "project", _("Investment project")


class CandidateStateChoices(models.TextChoices):
    NEAR = "near", _("Near threshold")
    MEETS = "meets", _("Meets threshold")
    FILED = "filed", _("Filed")
    INCLUDED = "included", _("Included")
    REJECTED = "rejected", _("Rejected")


class CandidateBasisChoices(models.TextChoices):
    REVENUE = "revenue", _("Revenue this year")
    LAST_YEAR = "last_year", _("Revenue last year")
    TAX = "tax", _("Estimated from tax")
    ELECTRICITY = "electricity", _("Estimated from electricity")
    INVESTMENT = "investment", _("Planned investment")
    NEW_PRODUCTION = "new_production", _("Newly producing project")


class ChannelChoices(models.TextChoices):
    MONTHLY = "monthly", _("Monthly channel")
    ANNUAL = "annual", _("Annual batch")
