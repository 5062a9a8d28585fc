"""The rules a record must satisfy (`records`), the characters its text may hold (`text`) and the plausibility of
reported figures (`plausibility`).

Every channel that writes a record (form, API, Excel import, CLI, job) reaches these through the owning app's
model validation or service, so each rule is written once.
"""

from clusterdesk.core.validation.plausibility import (
    DEFAULT_BOUNDS,
    FIGURE_AMOUNTS,
    REPORT_CLOSED_STAGES,
    PlausibilityBounds,
    monthly_figure_errors,
    progress_report_stage_errors,
)
from clusterdesk.core.validation.records import (
    CHINA_EXTENT,
    FieldError,
    not_after,
    park_errors,
    point_errors,
    problem_errors,
    project_errors,
)
from clusterdesk.core.validation.text import LINE_BREAKS, text_errors, unsafe_character

__all__ = [
    "CHINA_EXTENT",
    "DEFAULT_BOUNDS",
    "FIGURE_AMOUNTS",
    "LINE_BREAKS",
    "REPORT_CLOSED_STAGES",
    "FieldError",
    "PlausibilityBounds",
    "monthly_figure_errors",
    "not_after",
    "park_errors",
    "point_errors",
    "problem_errors",
    "progress_report_stage_errors",
    "project_errors",
    "text_errors",
    "unsafe_character",
]
