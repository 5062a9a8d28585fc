"""Every source routes its task to its unit (and person) with its due date and light, and closes it when done;
imports close tasks like forms do."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from clusterdesk.common.importing.runner import run_import
from clusterdesk.common.importing.tests.sheets import xlsx
from clusterdesk.core.routing import task_light
from clusterdesk.enterprise_service.models import Appeal, FollowUpTask, MonthlyFigure
from clusterdesk.enterprise_service.models import Visit as ServiceVisit
from clusterdesk.enterprise_service.services import (
    appeal_create,
    appeal_transition,
    follow_up_complete,
    monthly_figure_save,
)
from clusterdesk.enterprise_service.services import visit_create as service_visit_create
from clusterdesk.enterprises.models import Enterprise
from clusterdesk.evaluation.models import EvaluationRun, EvaluationSheet
from clusterdesk.evaluation.services import sheet_confirm
from clusterdesk.projects.models import CoordinationMeeting, MeetingDecision, ProgressReport
from clusterdesk.projects.services import decision_complete, decision_create, meeting_create, progress_report_create
from clusterdesk.tasks.models import Task, TaskStatus
from clusterdesk.tasks.services import figures_tasks_generate, report_tasks_generate, task_sync

pytestmark = pytest.mark.django_db
D = datetime.date


def _task(model, pk, **kw) -> Task:
    return Task.objects.get(source_model=model, source_id=pk, **kw)


def test_a_meeting_decision_goes_to_its_unit_and_closes_when_done(world, units):
    city, county, _ = units
    meeting = meeting_create(meeting=CoordinationMeeting(title="十月调度会", held_on=D(2026, 10, 8),
                                                         region=world.a.city), actor=world.users["city"])
    decision = decision_create(decision=MeetingDecision(
        meeting=meeting, problem=world.a.problem, text="落实用地指标", owner_unit="区发改局", assigned_unit=county,
        assigned_person=world.users["county"], due_date=D(2026, 10, 30)), actor=world.users["city"])
    task = _task("projects.meetingdecision", decision.pk)
    assert (task.kind, task.unit, task.person, task.due_date, task.status) == (
        "decision", county, world.users["county"], D(2026, 10, 30), "open")
    assert task.park_id == world.a.park.pk and task.url == f"/projects/meetings/{meeting.pk}/"
    assert task_light(task.due_date, D(2026, 10, 28)).value == "due_soon"
    decision_complete(decision=decision, actor=world.users["city"], outcome="已落实", on=D(2026, 10, 29))
    task.refresh_from_db()
    assert (task.status, task.done_date) == (TaskStatus.DONE, D(2026, 10, 29))


def test_an_appeal_is_its_units_task_until_answered(world, units):
    city, county, _ = units
    appeal = appeal_create(appeal=Appeal(enterprise=world.a.enterprise, title="用电增容", description="需增容",
                                         category="energy", assigned_unit=county, raised_date=D(2026, 11, 2)),
                           actor=world.users["secretary"], today=D(2026, 11, 2))
    task = _task("enterprise_service.appeal", appeal.pk)
    assert (task.kind, task.unit, task.due_date, task.enterprise_id) == (
        "appeal", county, appeal.due_date, world.a.enterprise.pk)
    appeal_transition(appeal=appeal, status="accepted", actor=world.users["county"], today=D(2026, 11, 3))
    assert _task("enterprise_service.appeal", appeal.pk).status == TaskStatus.OPEN
    appeal_transition(appeal=appeal, status="answered", actor=world.users["county"], answer="已协调供电公司",
                      today=D(2026, 11, 5))
    task.refresh_from_db()
    assert (task.status, task.done_date) == (TaskStatus.DONE, D(2026, 11, 5))


def test_a_follow_up_goes_to_its_unit_and_owner(world, units):
    city, county, _ = units
    visit = service_visit_create(visit=ServiceVisit(enterprise=world.a.enterprise, visit_date=D(2026, 11, 1),
                                                    visitors="刘思远", topics="扩产"), actor=world.users["city"],
                                 tasks=[FollowUpTask(description="对接银行", assigned_unit=city,
                                                     owner=world.users["city"], due_date=D(2026, 11, 20))])
    follow_up = visit.tasks.get()
    task = _task("enterprise_service.followuptask", follow_up.pk)
    assert (task.kind, task.unit, task.person, task.due_date) == ("follow_up", city, world.users["city"],
                                                                   D(2026, 11, 20))
    follow_up_complete(task=follow_up, actor=world.users["city"], done_date=D(2026, 11, 10))
    assert _task("enterprise_service.followuptask", follow_up.pk).status == TaskStatus.DONE


def test_an_evaluation_sheet_asks_the_secretary_to_confirm_it(world, units):
    secretary = world.users["secretary"]
    Enterprise.objects.filter(pk=world.a.enterprise.pk).update(secretary=secretary)
    run = EvaluationRun.objects.create(name="2025年度亩均评价", region=world.a.city, year=2025, status="collecting",
                                       objection_deadline=D(2026, 12, 20))
    sheet = EvaluationSheet.objects.create(run=run, enterprise_id=world.a.enterprise.pk)
    # Collection writes sheets in bulk (the run's recorded change syncs them); here one sheet is synced.
    task_sync(source=EvaluationSheet.objects.get(pk=sheet.pk))
    task = _task("evaluation.evaluationsheet", sheet.pk)
    assert (task.kind, task.person, task.due_date, task.status) == ("sheet", secretary, D(2026, 12, 20), "open")
    sheet_confirm(sheet=EvaluationSheet.objects.get(pk=sheet.pk), actor=secretary)
    assert _task("evaluation.evaluationsheet", sheet.pk).status == TaskStatus.DONE


def test_reports_due_are_generated_per_project_and_month_and_close_when_filed(world, units):
    city, county, _ = units
    world.a.project.assigned_unit = county
    world.a.project.save(update_fields=["assigned_unit"])
    with pytest.raises(ValidationError):
        report_tasks_generate(month=D(2026, 12, 1), today=D(2026, 11, 30))  # a month not begun
    assert report_tasks_generate(month=D(2026, 10, 1), today=D(2026, 11, 3)) == 2  # both cities' projects
    task = Task.objects.get(kind="report_due", source_id=world.a.project.pk, period=D(2026, 10, 1))
    assert (task.unit, task.due_date, task.status) == (county, D(2026, 11, 5), "open")
    # REPORT_DUE_DAY is the 5th: due soon on the 5th, overdue on the 6th.
    assert [task_light(task.due_date, D(2026, 11, d)).value for d in (1, 5, 6)] == ["on_time", "due_soon", "overdue"]
    progress_report_create(report=ProgressReport(project=world.a.project, period=D(2026, 10, 1),
                                                 investment_month_wan=Decimal(100),
                                                 investment_cumulative_wan=Decimal(0)), actor=world.users["city"])
    task.refresh_from_db()
    assert task.status == TaskStatus.DONE
    # The default month is the one before today; a rerun rewrites, it does not duplicate.
    assert report_tasks_generate(today=D(2026, 11, 8)) == 2
    assert Task.objects.filter(kind="report_due").count() == 2


def test_an_imported_report_closes_its_task(world, units):
    report_tasks_generate(month=D(2026, 10, 1), today=D(2026, 11, 3))
    report = run_import(kind="progress-reports", file_name="r.xlsx", actor=world.users["city"], data=xlsx([
        ["项目编码", "填报月份", "本月完成投资"], [world.a.project.code, "2026-10", 100]]))
    assert not report.errors
    done = Task.objects.get(kind="report_due", source_id=world.a.project.pk)
    other = Task.objects.get(kind="report_due", source_id=world.b.project.pk)
    assert (done.status, other.status) == (TaskStatus.DONE, TaskStatus.OPEN)


def test_figures_due_go_to_the_secretary_and_close_when_imported_or_saved(world, units):
    secretary = world.users["secretary"]
    Enterprise.objects.filter(pk__in=[world.a.enterprise.pk, world.b.enterprise.pk]).update(secretary=secretary)
    assert figures_tasks_generate(month=D(2026, 10, 1), today=D(2026, 11, 2)) == 2
    a = Task.objects.get(kind="figures_due", source_id=world.a.enterprise.pk)
    assert (a.person, a.due_date, a.enterprise_id) == (secretary, D(2026, 11, 5), world.a.enterprise.pk)
    report = run_import(kind="enterprise-figures", file_name="f.xlsx", actor=world.users["admin"], data=xlsx([
        ["统一社会信用代码", "月份", "产值", "营业收入"], [world.a.enterprise.uscc, "2026-10", 1000, 900]]))
    assert not report.errors, [e.as_line() for e in report.errors]
    a.refresh_from_db()
    assert a.status == TaskStatus.DONE
    monthly_figure_save(figure=MonthlyFigure(enterprise=world.b.enterprise, period=D(2026, 10, 1),
                                             output_wan=Decimal(10), revenue_wan=Decimal(10)),
                        actor=world.users["admin"], today=D(2026, 11, 2))
    assert Task.objects.get(kind="figures_due", source_id=world.b.enterprise.pk).status == TaskStatus.DONE


def test_the_tasks_command_generates_rebuilds_and_refuses_a_future_month(world, units):
    import io

    from django.core.management import CommandError, call_command

    out = io.StringIO()
    call_command("tasks", "generate-reports", month="2026-10", date="2026-11-03", stdout=out)
    assert out.getvalue().strip() == "report_due 2, figures_due 0"
    Task.objects.filter(kind="problem").delete()
    call_command("tasks", "rebuild", stdout=out)
    assert Task.objects.filter(kind="problem").count() == 2  # the world's two problems are back
    with pytest.raises(CommandError):
        call_command("tasks", "generate-reports", month="2027-01", date="2026-11-03", stdout=out)
