"""REST API for projects and what belongs to them: milestones and their links, monthly progress reports,
problems, the stage gate, the library moves, the schedule, lights and the standard lists. One module per entity;
each registers its routes on the one router."""

from . import lights, milestones, problems, projects, reports
from ._shared import router

__all__ = ["lights", "milestones", "problems", "projects", "reports", "router"]
