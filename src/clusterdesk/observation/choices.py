"""Choice sets of the observation rounds."""

from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["DEFAULT_CRITERIA", "RoundStatusChoices"]


class RoundStatusChoices(models.TextChoices):
    DRAFT = "draft", _("Draft")
    NOMINATING = "nominating", _("Nominating")
    ROUTE_CONFIRMED = "route_confirmed", _("Route confirmed")
    SCORING = "scoring", _("Scoring")
    PUBLISHED = "published", _("Published")


#: The usual criteria of a 产业园区项目载体建设现场推进会 (points out of 100); a series may set its own.
DEFAULT_CRITERIA = [
    {"key": "scale", "label": "投资规模与进度", "max_score": 30, "weight": 1},
    {"key": "quality", "label": "质量与技术（智能制造）", "max_score": 25, "weight": 1},
    {"key": "pull", "label": "产业带动", "max_score": 20, "weight": 1},
    {"key": "land", "label": "亩均效益（土地集约）", "max_score": 15, "weight": 1},
    {"key": "environment", "label": "环境与安全", "max_score": 10, "weight": 1},
]
