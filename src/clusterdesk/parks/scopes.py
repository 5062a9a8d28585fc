"""Where parks sit in the scoping registry, and what each role may do to them."""

from clusterdesk.accounts.roles import ALL_ACTIONS, EDIT, READ, VIEW_CHANGE, Role
from clusterdesk.accounts.scoping import ScopePaths
from clusterdesk.common.registry import registry

__all__ = ["GRANTS", "PATHS", "register"]

# A secretary's enterprise scope reaches the parks its enterprises sit in.
PATHS = {"parks.park": ScopePaths(region="region", park="pk", enterprise="enterprises__pk")}
# A park officer keeps their park's record up to date but neither adds nor removes parks.
GRANTS = {
    Role.PROVINCE_OFFICER: {"parks.park": ALL_ACTIONS},
    Role.CITY_OFFICER: {"parks.park": ALL_ACTIONS},
    Role.COUNTY_OFFICER: {"parks.park": EDIT},
    Role.PARK_OFFICER: {"parks.park": VIEW_CHANGE},
    Role.SECRETARY: {"parks.park": READ},
    Role.VIEWER: {"parks.park": READ},
}


def register() -> None:
    """Hand the parks' scope paths and role grants to the registry (from ``ParksConfig.ready``)."""
    registry.register_scopes(PATHS, GRANTS)
