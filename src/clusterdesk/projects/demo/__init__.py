"""The projects app's phases of the demo build: projects, their schedules (milestones, reports, problems), and
the pipeline (links, plans, history, withdrawals, escalations, meetings, schedules and lights)."""

from clusterdesk.common.registry import DemoPhase, registry
from clusterdesk.demo.context import BATCH_SIZE

from ..models import Milestone, Problem, ProgressReport, Project
from .pipeline import build_pipeline
from .projects import build_projects
from .schedules import build_schedules

__all__ = ["build_pipeline", "build_projects", "build_schedules", "delete_projects", "project_regions",
           "register", "set_project_points"]


def project_regions(ids) -> list[tuple[int, str]]:
    """(id, region code) of the demo's projects, for a phase that places them (issue 14's maps)."""
    span = ids.get("projects") or []
    if not span:
        return []
    return list(Project.objects.filter(pk__range=span).order_by("pk").values_list("pk", "region__code"))


def set_project_points(points: dict[int, tuple[float, float]]) -> int:
    """Write the demo projects' coordinates (longitude, latitude) in bulk, as the demo writes its rows."""
    from clusterdesk.common.bulk import update_rows

    # one prepared UPDATE per row (bulk_update's CASE per row took minutes for the province's 30,000 projects)
    return update_rows(Project, ["longitude", "latitude"], [(lon, lat, pk) for pk, (lon, lat) in points.items()])


def delete_projects(ids) -> dict[str, int]:
    """Delete the demo projects, in chunks of ids, with their reports, milestones and problems."""
    projects = ids.get("projects") or []
    if not projects:
        return {}
    lo, hi = projects
    deleted = {}
    for model, key in ((ProgressReport, "progress_reports"), (Milestone, "milestones"), (Problem, "problems")):
        deleted[key] = model.objects.filter(project_id__gte=lo, project_id__lte=hi).delete()[0]
    total = 0
    for start in range(lo, hi + 1, BATCH_SIZE):
        total += Project.objects.filter(pk__gte=start, pk__lt=min(start + BATCH_SIZE, hi + 1)).delete()[1].get(
            "projects.Project", 0)
    deleted["projects"] = total
    return deleted


def register() -> None:
    """Register the projects' phases (called from `ProjectsConfig.ready`)."""
    registry.register_demo_phase(DemoPhase("projects", build_projects, 60, delete=delete_projects))
    registry.register_demo_phase(DemoPhase("schedules", build_schedules, 70))
    registry.register_demo_phase(DemoPhase("pipeline", build_pipeline, 90))
