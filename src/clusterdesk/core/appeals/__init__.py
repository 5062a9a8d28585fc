"""Enterprise appeals (企业诉求): routing, due dates, the status workflow, escalation and resolution figures."""

from clusterdesk.core.appeals.rules import (
    APPEAL_TRANSITIONS,
    DEFAULT_APPEAL_RULES,
    AppealCategory,
    AppealFacts,
    AppealRules,
    AppealStatus,
    AppealTransitionError,
    EscalationLevel,
    ResolutionSummary,
    appeal_due_date,
    appeal_escalation,
    assert_appeal_transition,
    resolution_summary,
)

__all__ = [
    "APPEAL_TRANSITIONS",
    "DEFAULT_APPEAL_RULES",
    "AppealCategory",
    "AppealFacts",
    "AppealRules",
    "AppealStatus",
    "AppealTransitionError",
    "EscalationLevel",
    "ResolutionSummary",
    "appeal_due_date",
    "appeal_escalation",
    "assert_appeal_transition",
    "resolution_summary",
]
