"""Writes for projects and their pipeline records, one module per entity: projects (stage moves through
configurable gates, withdrawal 退库, restoring, mid-year addition 增补), milestones and their links, monthly
reports whose identities are enforced, problems through their workflow and escalations, coordination meetings
and their decisions, annual plans, saved lists and the rule sets.

Every write goes through `common.services` (scope check, validation, change log) inside one transaction.
"""

from .meetings import (
    decision_complete,
    decision_create,
    decision_update,
    meeting_create,
    meeting_update,
)
from .milestones import (
    dependency_create,
    dependency_delete,
    dependency_update,
    milestone_create,
    milestone_delete,
    milestone_update,
)
from .plans import (
    annual_plan_set,
    rule_save,
    saved_list_create,
    saved_list_delete,
)
from .problems import (
    problem_create,
    problem_delete,
    problem_escalate,
    problem_relations,
    problem_resolve,
    problem_transition,
    problem_update,
    problems_escalate_overdue,
)
from .projects import (
    gate_conditions,
    project_add_mid_year,
    project_change_stage,
    project_create,
    project_delete,
    project_restore,
    project_update,
    project_withdraw,
    stage_gate_check,
)
from .reports import (
    PHOTO_TYPES,
    REPORT_FIGURES,
    progress_report_create,
    progress_report_delete,
    progress_report_relations,
    progress_report_review,
    progress_report_update,
    report_photo_add,
)

__all__ = [
    "PHOTO_TYPES",
    "REPORT_FIGURES",
    "annual_plan_set",
    "decision_complete",
    "decision_create",
    "decision_update",
    "dependency_create",
    "dependency_delete",
    "dependency_update",
    "gate_conditions",
    "meeting_create",
    "meeting_update",
    "milestone_create",
    "milestone_delete",
    "milestone_update",
    "problem_create",
    "problem_delete",
    "problem_escalate",
    "problem_relations",
    "problem_resolve",
    "problem_transition",
    "problem_update",
    "problems_escalate_overdue",
    "progress_report_create",
    "progress_report_delete",
    "progress_report_relations",
    "progress_report_review",
    "progress_report_update",
    "project_add_mid_year",
    "project_change_stage",
    "project_create",
    "project_delete",
    "project_restore",
    "project_update",
    "project_withdraw",
    "report_photo_add",
    "rule_save",
    "saved_list_create",
    "saved_list_delete",
    "stage_gate_check",
]
