"""Project services: stage gates, monthly reports' cumulative investment, problems, the change log."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from clusterdesk.changelog.models import ObjectChange
from clusterdesk.projects.models import Problem, ProgressReport, Project
from clusterdesk.projects.services import (
    problem_create,
    problem_resolve,
    progress_report_create,
    progress_report_delete,
    progress_report_update,
    project_change_stage,
    project_update,
)

pytestmark = pytest.mark.django_db


def test_stage_gate_refuses_a_move_with_every_unmet_condition(world):
    project = world.a.project
    project.actual_completion_date = None
    with pytest.raises(ValidationError) as err:
        project_change_stage(project=project, stage="completed", actor=world.users["city"])
    assert any("竣工" in m or "completion" in m for m in err.value.messages)
    assert Project.objects.get(pk=project.pk).stage == "construction"


def test_stage_gate_allows_a_move_when_conditions_are_met(world):
    project = world.a.project
    project.actual_completion_date = datetime.date(2026, 5, 1)
    project_change_stage(project=project, stage="completed", actor=world.users["city"])
    assert Project.objects.get(pk=project.pk).stage == "completed"
    change = ObjectChange.objects.filter(changed_object_id=project.pk, action="update").first()
    assert change.prechange_data["stage"] == "construction"
    assert change.postchange_data["stage"] == "completed"
    assert change.user == world.users["city"]


def test_skipping_stages_is_refused(world):
    with pytest.raises(ValidationError):
        project_change_stage(project=world.a.project, stage="statistics", actor=world.users["admin"])


def test_moving_back_needs_a_reason(world):
    with pytest.raises(ValidationError):
        project_change_stage(project=world.a.project, stage="preconstruction", actor=world.users["admin"])
    project_change_stage(project=world.a.project, stage="preconstruction", actor=world.users["admin"],
                         reason="施工许可被撤回")
    assert Project.objects.get(pk=world.a.project.pk).stage == "preconstruction"


def test_editing_the_stage_field_directly_passes_the_same_gate(world):
    project = world.a.project
    project.stage = "statistics"
    with pytest.raises(ValidationError):
        project_update(project=project, actor=world.users["admin"])


def test_monthly_reports_keep_cumulative_investment_as_running_sum(world):
    project = world.a.project
    actor = world.users["city"]
    # An earlier month filed late: every later cumulative figure follows.
    progress_report_create(report=ProgressReport(project=project, period=datetime.date(2025, 3, 20),
                                                 investment_month_wan=Decimal("1000"),
                                                 investment_cumulative_wan=Decimal(0)), actor=actor)
    may = progress_report_create(report=ProgressReport(project=project, period=datetime.date(2025, 5, 1),
                                                       investment_month_wan=Decimal("2500"),
                                                       investment_cumulative_wan=Decimal(0)), actor=actor)
    cumulative = list(project.progress_reports.order_by("period").values_list("period", "investment_cumulative_wan"))
    assert cumulative == [(datetime.date(2025, 3, 1), Decimal("1000")), (datetime.date(2025, 4, 1), Decimal("4000")),
                          (datetime.date(2025, 5, 1), Decimal("6500"))]
    project.refresh_from_db()
    assert project.investment_completed_wan == Decimal("6500")
    may.investment_month_wan = Decimal("500")
    progress_report_update(report=may, actor=actor)
    project.refresh_from_db()
    assert project.investment_completed_wan == Decimal("4500")
    progress_report_delete(report=may, actor=actor)
    project.refresh_from_db()
    assert project.investment_completed_wan == Decimal("4000")


def test_out_of_scope_user_cannot_file_a_report(world):
    with pytest.raises(PermissionDenied):
        progress_report_create(report=ProgressReport(project=world.b.project, period=datetime.date(2025, 7, 1),
                                                     investment_month_wan=Decimal("1"),
                                                     investment_cumulative_wan=Decimal(0)),
                               actor=world.users["city"])
    assert not world.b.project.progress_reports.filter(period=datetime.date(2025, 7, 1)).exists()


def test_problem_due_before_raised_is_refused_and_resolution_is_recorded(world):
    with pytest.raises(ValidationError):
        problem_create(problem=Problem(project=world.a.project, category="funds", description="资金未到位",
                                       owner_unit="财政局", raised_date=datetime.date(2025, 5, 1),
                                       due_date=datetime.date(2025, 4, 1)), actor=world.users["city"])
    problem = problem_resolve(problem=world.a.problem, actor=world.users["city"], resolution="已调剂用地指标",
                              resolved_date=datetime.date(2025, 6, 1))
    assert Problem.objects.get(pk=problem.pk).status == "resolved"
    change = ObjectChange.objects.filter(changed_object_id=problem.pk, action="update").first()
    assert change.related_object_id == world.a.project.pk


def test_moving_a_project_out_of_scope_is_refused(world):
    project = world.a.project
    project.region = world.b.county
    project.park = project.cluster = None
    with pytest.raises(PermissionDenied):
        project_update(project=project, actor=world.users["city"])
    assert Project.objects.get(pk=project.pk).region == world.a.county
