"""Where the briefing models sit in the scoping registry.

A briefing is seen by those whose scope holds the region it covers (a county officer sees the county's and its
parks' briefings, a city officer those of the city and its counties), and by a park officer when it was generated
for their park. Wordings are for administrators only (no grant). Subscriptions follow their region: officers
subscribe people of their region.
"""

from clusterdesk.accounts.roles import ALL_ACTIONS, EDIT, READ, Role
from clusterdesk.accounts.scoping import ScopePaths
from clusterdesk.common.registry import registry

__all__ = ["BRIEFING", "GRANTS", "PATHS", "SUBSCRIPTION", "WORDING", "register"]

BRIEFING = "briefings.briefing"
WORDING = "briefings.briefingwording"
SUBSCRIPTION = "briefings.briefingsubscription"
PATHS = {
    BRIEFING: ScopePaths(region="region", park="park"),
    WORDING: ScopePaths(region=None),
    SUBSCRIPTION: ScopePaths(region="region"),
}
OFFICERS = (Role.PROVINCE_OFFICER, Role.CITY_OFFICER, Role.COUNTY_OFFICER)
GRANTS = {
    **{role: {BRIEFING: ALL_ACTIONS, SUBSCRIPTION: ALL_ACTIONS} for role in OFFICERS},
    Role.PARK_OFFICER: {BRIEFING: EDIT},
    Role.VIEWER: {BRIEFING: READ},
}


def register() -> None:
    """Hand the briefing models' scope paths and role grants to the registry (from the app's ``ready``)."""
    registry.register_scopes(PATHS, GRANTS)
