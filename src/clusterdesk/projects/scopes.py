"""Where the project models sit in the scoping registry, and what each role may do to them.

A project's records (milestones, reports, problems, the pipeline's transitions, plans and lights, meetings)
follow the project. The pipeline's rule tables are reference data every signed-in user reads; saved lists
are read through their owner, never through the scope.
"""

from clusterdesk.accounts.roles import ALL_ACTIONS, EDIT, READ, Role
from clusterdesk.accounts.scoping import ScopePaths
from clusterdesk.common.registry import registry

__all__ = ["GRANTS", "PATHS", "register"]

PROJECT = "projects.project"
_THROUGH_PROJECT = ("milestone", "progressreport", "problem", "stagetransition", "milestonedependency", "annualplan",
                    "projectlight")
_RULES = ("library", "gaterule", "sectorthreshold", "milestonetemplate", "milestonetemplatelink", "lightruleset")
PATHS = {
    PROJECT: ScopePaths(region="region", park="park", enterprise="owner"),
    **{f"projects.{name}": ScopePaths(region="project__region", park="project__park", enterprise="project__owner")
       for name in _THROUGH_PROJECT},
    "projects.problemescalation": ScopePaths(region="problem__project__region", park="problem__project__park",
                                             enterprise="problem__project__owner"),
    "projects.reportphoto": ScopePaths(region="report__project__region", park="report__project__park",
                                       enterprise="report__project__owner"),
    "projects.coordinationmeeting": ScopePaths(region="region", park="problems__project__park",
                                               enterprise="problems__project__owner"),
    "projects.meetingdecision": ScopePaths(region="meeting__region", park="problem__project__park",
                                           enterprise="problem__project__owner"),
    "projects.savedlist": ScopePaths(region=None),
    **{f"projects.{name}": ScopePaths(region=None, public_view=True) for name in _RULES},
}
#: A project's records, which county and park officers manage in full once the project is theirs.
PARTS = ("projects.milestone", "projects.progressreport", "projects.problem", "projects.stagetransition",
         "projects.milestonedependency", "projects.annualplan", "projects.projectlight", "projects.problemescalation",
         "projects.reportphoto", "projects.coordinationmeeting", "projects.meetingdecision")
# The work secretary files their enterprises' monthly reports (with photos) and problems.
_SECRETARY_FILES = ("projects.progressreport", "projects.problem", "projects.reportphoto")
_LOCAL = {PROJECT: EDIT, **dict.fromkeys(PARTS, ALL_ACTIONS)}
GRANTS = {
    Role.PROVINCE_OFFICER: {PROJECT: ALL_ACTIONS, **dict.fromkeys(PARTS, ALL_ACTIONS)},
    Role.CITY_OFFICER: {PROJECT: ALL_ACTIONS, **dict.fromkeys(PARTS, ALL_ACTIONS)},
    Role.COUNTY_OFFICER: _LOCAL,
    Role.PARK_OFFICER: _LOCAL,
    Role.SECRETARY: {PROJECT: READ, **dict.fromkeys(PARTS, READ), **dict.fromkeys(_SECRETARY_FILES, EDIT)},
    Role.VIEWER: {PROJECT: READ, **dict.fromkeys(PARTS, READ)},
}


def register() -> None:
    """Hand the project models' scope paths and role grants to the registry (from ``ProjectsConfig.ready``)."""
    registry.register_scopes(PATHS, GRANTS)
