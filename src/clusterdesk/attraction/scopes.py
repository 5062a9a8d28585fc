"""Where investment leads sit in the scoping registry, and what each role may do to them.

A lead's follow-ups and stage history follow the lead.
"""

from clusterdesk.accounts.roles import ALL_ACTIONS, EDIT, READ, Role
from clusterdesk.accounts.scoping import ScopePaths
from clusterdesk.common.registry import registry

__all__ = ["GRANTS", "PATHS", "register"]

LEAD = "attraction.lead"
FOLLOW_UP = "attraction.leadfollowup"
STAGE_CHANGE = "attraction.leadstagechange"
_THROUGH_LEAD = ScopePaths(region="lead__region", park="lead__park")
PATHS = {LEAD: ScopePaths(region="region", park="park"), FOLLOW_UP: _THROUGH_LEAD, STAGE_CHANGE: _THROUGH_LEAD}
_ALL = (LEAD, FOLLOW_UP, STAGE_CHANGE)
# Officers pursue leads, viewers and secretaries read them.
GRANTS = {
    Role.PROVINCE_OFFICER: dict.fromkeys(_ALL, ALL_ACTIONS),
    Role.CITY_OFFICER: dict.fromkeys(_ALL, ALL_ACTIONS),
    Role.COUNTY_OFFICER: dict.fromkeys(_ALL, ALL_ACTIONS),
    Role.PARK_OFFICER: dict.fromkeys(_ALL, EDIT),
    Role.SECRETARY: dict.fromkeys(_ALL, READ),
    Role.VIEWER: dict.fromkeys(_ALL, READ),
}


def register() -> None:
    """Hand the leads' scope paths and role grants to the registry (from ``AttractionConfig.ready``)."""
    registry.register_scopes(PATHS, GRANTS)
