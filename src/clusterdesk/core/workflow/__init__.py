"""One workflow engine: states, transitions, guards that name the failing condition, who may act, due dates.

The definitions live each in one module beside its domain: ``PROBLEM_WORKFLOW`` in `clusterdesk.core.supervision
.problems`, ``APPEAL_WORKFLOW`` in `clusterdesk.core.appeals.rules`, ``FOLLOW_UP_WORKFLOW`` in
`clusterdesk.core.visits`, ``CANDIDATE_WORKFLOW`` in `clusterdesk.core.statistics.workflow`, and
``EVALUATION_RUN_WORKFLOW`` with ``SHEET_WORKFLOW`` in `clusterdesk.core.evaluation.runs`; `clusterdesk.core
.workflows` lists them all. Adding a workflow is adding a definition.
"""

from clusterdesk.core.workflow.deadlines import Escalation, days_overdue, due_date
from clusterdesk.core.workflow.engine import (
    ActorFacts,
    ActorRule,
    Facts,
    Forbid,
    Guard,
    Refusal,
    RefusalKind,
    State,
    Transition,
    TransitionRefusedError,
    Workflow,
    WorkflowDefinitionError,
    WorkflowError,
    allowed_transitions,
    check_transition,
    reachable_states,
    refusals,
)
from clusterdesk.core.workflow.guards import after, between, holds, none_left, not_before, present

__all__ = [
    "ActorFacts",
    "ActorRule",
    "Escalation",
    "Facts",
    "Forbid",
    "Guard",
    "Refusal",
    "RefusalKind",
    "State",
    "Transition",
    "TransitionRefusedError",
    "Workflow",
    "WorkflowDefinitionError",
    "WorkflowError",
    "after",
    "allowed_transitions",
    "between",
    "check_transition",
    "days_overdue",
    "due_date",
    "holds",
    "none_left",
    "not_before",
    "present",
    "reachable_states",
    "refusals",
]
