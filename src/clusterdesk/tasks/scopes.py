"""Where tasks and instructions sit in the scoping registry: a task lies in its source's region, park and enterprise.

Everyone with a scope reads the tasks in it; who may *act* on one is decided by its source record's own rules
(the task page links to the source's page, where the action is taken). Instructions (督办) lie in their region;
officers write them, park officers reply to them, secretaries and viewers read them.
"""

from clusterdesk.accounts.roles import ALL_ACTIONS, EDIT, READ, Role
from clusterdesk.accounts.scoping import ScopePaths
from clusterdesk.common.registry import registry

__all__ = ["GRANTS", "PATHS", "register"]

TASK = "tasks.task"
INSTRUCTIONS = ("tasks.instruction", "tasks.instructionreply")
PATHS = {TASK: ScopePaths(region="region", park="park", enterprise="enterprise"),
         "tasks.instruction": ScopePaths(region="region"),
         "tasks.instructionreply": ScopePaths(region="instruction__region")}
GRANTS = {
    Role.PROVINCE_OFFICER: {TASK: READ, **dict.fromkeys(INSTRUCTIONS, ALL_ACTIONS)},
    Role.CITY_OFFICER: {TASK: READ, **dict.fromkeys(INSTRUCTIONS, ALL_ACTIONS)},
    Role.COUNTY_OFFICER: {TASK: READ, **dict.fromkeys(INSTRUCTIONS, ALL_ACTIONS)},
    Role.PARK_OFFICER: {TASK: READ, **dict.fromkeys(INSTRUCTIONS, EDIT)},
    Role.SECRETARY: {TASK: READ, **dict.fromkeys(INSTRUCTIONS, READ)},
    Role.VIEWER: {TASK: READ, **dict.fromkeys(INSTRUCTIONS, READ)},
}


def register() -> None:
    """Hand the tasks' scope paths and role grants to the registry (from ``TasksConfig.ready``)."""
    registry.register_scopes(PATHS, GRANTS)
