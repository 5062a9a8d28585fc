"""Where the observation models sit in the scoping registry, and what each role may do to them.

Series and rounds are planning objects of the organising region (a city): seen where a user works and above, run
by the city's (and province's) officers. Nominations follow their project: county and park officers nominate the
projects in their scope. Scores are read through their judge, never through a scope (no role is granted them):
a judge, whatever their role, sees and edits only their own sheet.
"""

from clusterdesk.accounts.roles import ALL_ACTIONS, READ, Role
from clusterdesk.accounts.scoping import ScopePaths
from clusterdesk.common.registry import registry

__all__ = ["GRANTS", "PATHS", "register"]

SERIES, ROUND, NOMINATION = "observation.observationseries", "observation.observationround", "observation.nomination"
PATHS = {
    SERIES: ScopePaths(region="region", region_or_ancestor=True),
    ROUND: ScopePaths(region="series__region", region_or_ancestor=True),
    NOMINATION: ScopePaths(region="project__region", park="project__park"),
    "observation.score": ScopePaths(region="nomination__project__region"),
}
GRANTS = {
    Role.PROVINCE_OFFICER: {SERIES: ALL_ACTIONS, ROUND: ALL_ACTIONS, NOMINATION: ALL_ACTIONS},
    Role.CITY_OFFICER: {SERIES: ALL_ACTIONS, ROUND: ALL_ACTIONS, NOMINATION: ALL_ACTIONS},
    Role.COUNTY_OFFICER: {SERIES: READ, ROUND: READ, NOMINATION: ALL_ACTIONS},
    Role.PARK_OFFICER: {SERIES: READ, ROUND: READ, NOMINATION: ALL_ACTIONS},
    Role.VIEWER: {SERIES: READ, ROUND: READ, NOMINATION: READ},
}


def register() -> None:
    """Hand the observation models' scope paths and role grants to the registry (from ``ObservationConfig.ready``)."""
    registry.register_scopes(PATHS, GRANTS)
