"""The project records that ask someone to act, as task sources for the inbox: open problems first."""

from django.urls import reverse

from clusterdesk.common.registry import TaskSource, registry
from clusterdesk.tasks.sources import TaskSpec

from .choices import OPEN_PROBLEM_STATUSES
from .models import Problem

__all__ = ["problem_task", "register"]


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


def register() -> None:
    """Hand the project's task sources to the registry (from ``ProjectsConfig.ready``)."""
    registry.register_task_source(TaskSource(
        model="projects.problem", kind="problem", spec=problem_task,
        open_rows=lambda: Problem.objects.select_related("project").iterator(chunk_size=2000)))
