"""The project records that ask someone to act, as task sources for the inbox: open problems, meeting decisions,
and each month's progress report of a project under construction (a periodic task, see `report_due_tasks`)."""

import datetime
from collections.abc import Iterator

from django.conf import settings
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone

from clusterdesk.common.registry import TaskSource, registry
from clusterdesk.tasks.sources import TaskSpec

from .choices import OPEN_PROBLEM_STATUSES, DecisionStatusChoices, LibraryStatusChoices
from .dates import next_month
from .models import MeetingDecision, Problem, ProgressReport, Project

__all__ = ["REPORT_SOURCE", "decision_task", "problem_task", "register", "report_due_date", "report_due_tasks",
           "report_task"]

#: The model a report-due task hangs from: the project (one task per project and month, told apart by the period).
REPORT_SOURCE = "projects.project"


def problem_task(problem: Problem) -> TaskSpec:
    """A problem asks its responsible unit (and person) to solve it by its due date; solved, the task is done."""
    project = problem.project
    return TaskSpec(
        title=f"{project.name}：{problem.description}"[:300], region_id=project.region_id,
        url=reverse("projects:problem_detail", args=[problem.pk]), unit_id=problem.assigned_unit_id,
        person_id=problem.assigned_person_id, park_id=project.park_id, enterprise_id=project.owner_id,
        due_date=problem.due_date, done=problem.status not in OPEN_PROBLEM_STATUSES,
        done_date=problem.resolved_date or problem.closed_date,
        escalation_level=problem.coordination_level,
    )


def decision_task(decision: MeetingDecision) -> TaskSpec:
    """A meeting decision asks its unit to carry it out by its due date; done when marked done.

    It lies in the meeting's region, and in the project's park and enterprise when it is about a problem.
    """
    meeting = decision.meeting
    project = decision.problem.project if decision.problem_id else None
    return TaskSpec(
        title=f"{meeting.title}：{decision.text}"[:300], region_id=project.region_id if project else meeting.region_id,
        url=reverse("projects:meeting_detail", args=[meeting.pk]), unit_id=decision.assigned_unit_id,
        person_id=decision.assigned_person_id, park_id=project.park_id if project else None,
        enterprise_id=project.owner_id if project else None, due_date=decision.due_date,
        done=decision.status == DecisionStatusChoices.DONE, done_date=decision.done_date,
        escalation_level=meeting.level,
    )


def report_due_date(month: datetime.date) -> datetime.date:
    """The day a month's progress report is due: ``CLUSTERDESK["REPORT_DUE_DAY"]`` (5) of the following month."""
    return next_month(month.replace(day=1)).replace(day=int(settings.CLUSTERDESK.get("REPORT_DUE_DAY", 5)))


def report_task(project: Project, month: datetime.date, filed: datetime.date | None) -> TaskSpec:
    """A project's report of ``month``, due to its responsible unit; done on the day it was filed (``filed``)."""
    return TaskSpec(
        title=f"{project.name}：{month:%Y-%m} 月度调度报告"[:300], region_id=project.region_id,
        url=reverse("projects:project_detail", args=[project.pk]), unit_id=project.assigned_unit_id,
        park_id=project.park_id, enterprise_id=project.owner_id, due_date=report_due_date(month), period=month,
        done=filed is not None, done_date=filed)


def report_due_tasks(*, month: datetime.date) -> Iterator[tuple[int, TaskSpec]]:
    """Every project that owes a report for ``month`` (under construction, active, started before the month ended,
    the rule of `projects.selectors.late_reports`) with its task, done where the report is filed."""
    month = month.replace(day=1)
    reports = ProgressReport.objects.filter(project=OuterRef("pk"), period=month)
    projects = (Project.objects.filter(stage="construction", library_status=LibraryStatusChoices.ACTIVE,
                                       actual_start_date__lt=next_month(month))
                .annotate(filed=Exists(reports)).order_by("pk"))
    filed_on = dict(ProgressReport.objects.filter(period=month).values_list("project_id", "created__date"))
    for project in projects.iterator(chunk_size=2000):
        yield project.pk, report_task(project, month, filed_on.get(project.pk) if project.filed else None)


def _report_changes(changes) -> None:
    """A report filed (or removed) closes (or reopens) its month's task, when that task was generated; a report
    moved to another month reopens the old month's task and closes the new one's."""
    from clusterdesk.tasks.services import task_parent_moved, task_resync_periodic

    for change in changes:
        report = change.instance
        if isinstance(report, Project) and task_parent_moved(change):
            _resync_project_reports(report, task_resync_periodic)
            continue
        if not isinstance(report, ProgressReport):
            continue
        months = {report.period} | {_before_period(change.before)}
        for month in months - {None}:
            _resync_report_month(report.project_id, month.replace(day=1))


def _before_period(before: dict | None) -> datetime.date | None:
    value = (before or {}).get("period")
    return datetime.date.fromisoformat(value) if isinstance(value, str) else value


def _resync_report_month(project_id: int, month: datetime.date) -> None:
    from clusterdesk.tasks.models import Task
    from clusterdesk.tasks.services import task_sync_spec
    from clusterdesk.tasks.sources import task_key

    if not Task.objects.filter(key=task_key(REPORT_SOURCE, project_id, "report_due", month)).exists():
        return
    project = Project.objects.filter(pk=project_id).first()
    if project is None:  # the project's delete took the report with it
        return
    filed = ProgressReport.objects.filter(project_id=project.pk, period=month).values_list(
        "created", flat=True).first()
    task_sync_spec(model=REPORT_SOURCE, source_id=project.pk, kind="report_due",
                   spec=report_task(project, month, timezone.localdate(filed) if filed else None))


def _resync_project_reports(project: Project, resync) -> None:
    """A project that moved takes its months' report tasks with it (to its new county, park or unit)."""
    filed_on = {period.replace(day=1): created for period, created in
                ProgressReport.objects.filter(project_id=project.pk).values_list("period", "created")}

    def spec(month: datetime.date) -> TaskSpec:
        filed = filed_on.get(month)
        return report_task(project, month, timezone.localdate(filed) if filed else None)

    resync(model=REPORT_SOURCE, source_id=project.pk, kind="report_due", spec_for=spec)


def register() -> None:
    """Hand the project's task sources to the registry (from ``ProjectsConfig.ready``)."""
    registry.register_task_source(TaskSource(
        model="projects.problem", kind="problem", spec=problem_task,
        open_rows=lambda: Problem.objects.select_related("project").iterator(chunk_size=2000),
        parents=(("projects.project", "project"),)))
    registry.register_task_source(TaskSource(
        model="projects.meetingdecision", kind="decision", spec=decision_task,
        open_rows=lambda: MeetingDecision.objects.select_related("meeting", "problem__project")
        .iterator(chunk_size=2000),
        parents=(("projects.project", "problem__project"),)))
    registry.register_change_listener(_report_changes)
