"""Review of what is filed (填报 → 审核 → 上报): the workflow, who reviews whom, and the monthly deadlines."""

from clusterdesk.core.review.rules import (
    COUNTED_STATES,
    DEFAULT_REVIEW_RULES,
    LEVEL_ORDER,
    RELATION_REVIEWER,
    REVIEW_WORKFLOW,
    ReviewDeadlines,
    ReviewRules,
    ReviewStatus,
    initial_status,
    review_deadlines,
    reviewing_level,
)

__all__ = [
    "COUNTED_STATES",
    "DEFAULT_REVIEW_RULES",
    "LEVEL_ORDER",
    "RELATION_REVIEWER",
    "REVIEW_WORKFLOW",
    "ReviewDeadlines",
    "ReviewRules",
    "ReviewStatus",
    "initial_status",
    "review_deadlines",
    "reviewing_level",
]
