"""Where tasks sit in the scoping registry: a task lies in its source's region, park and enterprise.

Everyone with a scope reads the tasks in it; who may *act* on one is decided by its source record's own rules
(the task page links to the source's page, where the action is taken).
"""

from clusterdesk.accounts.roles import READ, Role
from clusterdesk.accounts.scoping import ScopePaths
from clusterdesk.common.registry import registry

__all__ = ["GRANTS", "PATHS", "register"]

TASK = "tasks.task"
PATHS = {TASK: ScopePaths(region="region", park="park", enterprise="enterprise")}
GRANTS = {role: {TASK: READ} for role in (Role.PROVINCE_OFFICER, Role.CITY_OFFICER, Role.COUNTY_OFFICER,
                                          Role.PARK_OFFICER, Role.SECRETARY, Role.VIEWER)}


def register() -> None:
    """Hand the tasks' scope paths and role grants to the registry (from ``TasksConfig.ready``)."""
    registry.register_scopes(PATHS, GRANTS)
