"""Statistics inclusion (入统, 应统尽统): thresholds by unit type, the candidate detector, its state machine,
and the filing calendar, checklist and baseline check."""

from clusterdesk.core.statistics.applications import (
    DEFAULT_CALENDAR,
    REQUIRED_DOCUMENTS,
    CalendarRules,
    Channel,
    Deadline,
    application_calendar,
    baseline_gaps,
    channel_for,
    missing_documents,
    next_deadline,
    reminder_due,
    required_documents,
)
from clusterdesk.core.statistics.detector import (
    DEFAULT_DETECTION_RULES,
    Basis,
    Detection,
    DetectionRules,
    InclusionFacts,
    detect_candidate,
    detect_new_production,
    detect_project_candidate,
)
from clusterdesk.core.statistics.thresholds import (
    DEFAULT_THRESHOLDS_WAN,
    UnitType,
    inclusion_threshold,
    unit_type_for_industry,
)
from clusterdesk.core.statistics.workflow import (
    CANDIDATE_WORKFLOW,
    CandidateState,
)

__all__ = [
    "CANDIDATE_WORKFLOW",
    "DEFAULT_CALENDAR",
    "DEFAULT_DETECTION_RULES",
    "DEFAULT_THRESHOLDS_WAN",
    "REQUIRED_DOCUMENTS",
    "Basis",
    "CalendarRules",
    "CandidateState",
    "Channel",
    "Deadline",
    "Detection",
    "DetectionRules",
    "InclusionFacts",
    "UnitType",
    "application_calendar",
    "baseline_gaps",
    "channel_for",
    "detect_candidate",
    "detect_new_production",
    "detect_project_candidate",
    "inclusion_threshold",
    "missing_documents",
    "next_deadline",
    "reminder_due",
    "required_documents",
    "unit_type_for_industry",
]
