"""Where interest-sharing agreements sit in the scoping registry, and what each role may do to them."""

from clusterdesk.accounts.roles import ALL_ACTIONS, EDIT, READ, Role
from clusterdesk.accounts.scoping import ScopePaths
from clusterdesk.common.registry import registry

__all__ = ["GRANTS", "PATHS", "register"]

AGREEMENT = "placement.interestagreement"
# An agreement belongs to the project's (hosting) side; the referring district sees it through reports.
PATHS = {AGREEMENT: ScopePaths(region="project__region", park="project__park", enterprise="project__owner")}
GRANTS = {
    Role.PROVINCE_OFFICER: {AGREEMENT: ALL_ACTIONS},
    Role.CITY_OFFICER: {AGREEMENT: ALL_ACTIONS},
    Role.COUNTY_OFFICER: {AGREEMENT: EDIT},
    Role.PARK_OFFICER: {AGREEMENT: READ},
    Role.SECRETARY: {AGREEMENT: READ},
    Role.VIEWER: {AGREEMENT: READ},
}


def register() -> None:
    """Hand the agreements' scope paths and role grants to the registry (from ``PlacementConfig.ready``)."""
    registry.register_scopes(PATHS, GRANTS)
