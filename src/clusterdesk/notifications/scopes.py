"""Where the notification models sit in the scoping registry.

Notifications, their deliveries, channel preferences and reminder marks belong to one person: they are read through
their owner (``notifications.selectors``), never through a scope, so the registry gives them no region and no role any
grant (only administrators reach them through `restrict`). Group robots belong to a unit: the officers of the unit's
region manage them.
"""

from clusterdesk.accounts.roles import ALL_ACTIONS, Role
from clusterdesk.accounts.scoping import ScopePaths
from clusterdesk.common.registry import registry

__all__ = ["GRANTS", "PATHS", "ROBOT", "register"]

ROBOT = "notifications.grouprobot"
PATHS = {
    "notifications.notification": ScopePaths(region=None),
    "notifications.channelpreference": ScopePaths(region=None),
    "notifications.delivery": ScopePaths(region=None),
    "notifications.remindermark": ScopePaths(region=None),
    ROBOT: ScopePaths(region="unit__region"),
}
GRANTS = {role: {ROBOT: ALL_ACTIONS} for role in (Role.PROVINCE_OFFICER, Role.CITY_OFFICER, Role.COUNTY_OFFICER)}


def register() -> None:
    """Hand the notification models' scope paths and role grants to the registry (from the app's ``ready``)."""
    registry.register_scopes(PATHS, GRANTS)
