"""Enterprise appeals (企业诉求): routing, due dates, the status workflow, escalation and resolution figures."""

from clusterdesk.core.appeals.rules import (
    APPEAL_ESCALATION,
    APPEAL_WORKFLOW,
    DEFAULT_APPEAL_RULES,
    AppealCategory,
    AppealFacts,
    AppealRules,
    AppealStatus,
    EscalationLevel,
    ResolutionSummary,
    appeal_due_date,
    appeal_escalation,
    resolution_summary,
)

__all__ = [
    "APPEAL_ESCALATION",
    "APPEAL_WORKFLOW",
    "DEFAULT_APPEAL_RULES",
    "AppealCategory",
    "AppealFacts",
    "AppealRules",
    "AppealStatus",
    "EscalationLevel",
    "ResolutionSummary",
    "appeal_due_date",
    "appeal_escalation",
    "resolution_summary",
]
