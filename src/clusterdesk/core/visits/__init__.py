"""Visits to enterprises (走访) and the follow-up tasks (交办事项) they leave behind."""

from clusterdesk.core.visits.followups import FOLLOW_UP_WORKFLOW, FollowUpStatus

__all__ = ["FOLLOW_UP_WORKFLOW", "FollowUpStatus"]
