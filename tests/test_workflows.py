"""The workflow definitions in core against what the apps store: every state value is a stored choice and back,
a model's default status is its workflow's initial state, and every role a workflow names is a role users carry."""

import pytest

from clusterdesk.accounts.roles import Role
from clusterdesk.attraction.models import Lead
from clusterdesk.core.workflow.roles import ALL_ROLES, OFFICER_ROLES
from clusterdesk.core.workflows import WORKFLOWS
from clusterdesk.enterprise_service.models import Appeal, FollowUpTask, InclusionCandidate, MonthlyFigure
from clusterdesk.evaluation.models import EvaluationRun, EvaluationSheet
from clusterdesk.observation.models import ObservationRound
from clusterdesk.projects.models import Problem, ProgressReport
from clusterdesk.tasks.models import Instruction

STORED = {
    "problem": (Problem, "status"),
    "appeal": (Appeal, "status"),
    "follow_up": (FollowUpTask, "status"),
    "inclusion_candidate": (InclusionCandidate, "state"),
    "evaluation_run": (EvaluationRun, "status"),
    "evaluation_sheet": (EvaluationSheet, "status"),
    "review": (ProgressReport, "review_status"),
    "instruction": (Instruction, "status"),
    "lead": (Lead, "stage"),
    "observation_round": (ObservationRound, "status"),
}
#: Workflows stored by more than one model.
ALSO_STORED = {"review": [(MonthlyFigure, "review_status")]}


def test_every_workflow_is_stored_somewhere():
    assert set(STORED) == set(WORKFLOWS)


@pytest.mark.parametrize("name", sorted(STORED))
def test_the_states_are_the_stored_choices(name):
    workflow = WORKFLOWS[name]
    for model, field in (STORED[name], *ALSO_STORED.get(name, ())):
        assert workflow.field == field
        choices = [value for value, _label in model._meta.get_field(field).choices]
        assert sorted(s.value for s in workflow.states) == sorted(choices)
        default = model._meta.get_field(field).default
        assert default == workflow.initial or not model._meta.get_field(field).has_default()   # detection sets it


def test_the_roles_workflows_name_are_the_roles_users_carry():
    assert set(ALL_ROLES) == set(Role.values)
    assert OFFICER_ROLES == {Role.ADMIN, Role.PROVINCE_OFFICER, Role.CITY_OFFICER, Role.COUNTY_OFFICER,
                             Role.PARK_OFFICER}
    named = {role for wf in WORKFLOWS.values() for t in wf.transitions if t.who.roles for role in t.who.roles}
    assert named <= set(Role.values)
