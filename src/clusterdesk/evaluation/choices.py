"""Choice sets of the evaluations."""

from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["COMPOSITE_CATEGORY_LABELS", "ChangeChoices", "ClassingChoices", "CompositeMethodChoices", "MethodChoices",
           "ObjectionChoices", "RunStatusChoices", "SheetStatusChoices"]

#: The categories of the national development-zone system (core.scoring.DEFAULT_CATEGORIES) by their names;
#: a deployment's own categories are named as typed.
COMPOSITE_CATEGORY_LABELS = {
    "opening_up": _("Opening up"),
    "development_quality": _("Development quality"),
    "innovation": _("Innovation"),
    "green": _("Green development"),
    "coordination": _("Coordinated development"),
}


class RunStatusChoices(models.TextChoices):
    DRAFT = "draft", _("Draft")
    COLLECTING = "collecting", _("Land verification and data collection")
    SCORED = "scored", _("Scored")
    PUBLISHED = "published", _("Published for objections")
    FINAL = "final", _("Final")


class SheetStatusChoices(models.TextChoices):
    COLLECTED = "collected", _("Collected")
    CONFIRMED = "confirmed", _("Confirmed by the enterprise")
    DEEMED = "deemed", _("Deemed confirmed (no reply by the deadline)")


class ObjectionChoices(models.TextChoices):
    NONE = "", _("None")
    OPEN = "open", _("Objection open")
    UPHELD = "upheld", _("Objection upheld")
    REJECTED = "rejected", _("Objection rejected")


class MethodChoices(models.TextChoices):
    RATIO = "ratio", _("Ratio to benchmark × weight")
    MINMAX = "minmax", _("Min–max with a floor")
    ZSCORE = "zscore", _("Z-score")


class CompositeMethodChoices(models.TextChoices):
    RATIO = "ratio", _("Ratio to benchmark × weight")
    MINMAX = "minmax", _("Min–max with a floor")
    ZSCORE = "zscore", _("Z-score")
    ENTROPY = "entropy", _("Entropy weights")
    TOPSIS = "topsis", _("TOPSIS")


class ClassingChoices(models.TextChoices):
    RANK = "rank", _("Rank bands")
    THRESHOLD = "threshold", _("Score thresholds")


class ChangeChoices(models.TextChoices):
    KEEPS = "keeps", _("Keeps status")
    GAINS = "gains", _("Gains status")
    LOSES = "loses", _("Loses status")
    NONE = "none", _("No status")
