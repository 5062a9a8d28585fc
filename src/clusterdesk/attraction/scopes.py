"""Where investment leads sit in the scoping registry, and what each role may do to them."""

from clusterdesk.accounts.roles import ALL_ACTIONS, EDIT, READ, Role
from clusterdesk.accounts.scoping import ScopePaths
from clusterdesk.common.registry import registry

__all__ = ["GRANTS", "PATHS", "register"]

LEAD = "attraction.lead"
PATHS = {LEAD: ScopePaths(region="region", park="park")}
# Officers pursue leads, viewers and secretaries read them.
GRANTS = {
    Role.PROVINCE_OFFICER: {LEAD: ALL_ACTIONS},
    Role.CITY_OFFICER: {LEAD: ALL_ACTIONS},
    Role.COUNTY_OFFICER: {LEAD: ALL_ACTIONS},
    Role.PARK_OFFICER: {LEAD: EDIT},
    Role.SECRETARY: {LEAD: READ},
    Role.VIEWER: {LEAD: READ},
}


def register() -> None:
    """Hand the leads' scope paths and role grants to the registry (from ``AttractionConfig.ready``)."""
    registry.register_scopes(PATHS, GRANTS)
