"""Where visits recorded from briefings sit in the scoping registry, and what each role may do to them."""

from clusterdesk.accounts.roles import ALL_ACTIONS, EDIT, READ, Role
from clusterdesk.accounts.scoping import ScopePaths
from clusterdesk.common.registry import registry

__all__ = ["GRANTS", "PATHS", "register"]

VISITS = ("intake.visit",)
# Visits (leaders' visits and meetings) lie in a region; their instructions are tasks.Instruction.
PATHS = {"intake.visit": ScopePaths(region="region")}
# Officers write them, viewers and secretaries read them.
GRANTS = {
    Role.PROVINCE_OFFICER: dict.fromkeys(VISITS, ALL_ACTIONS),
    Role.CITY_OFFICER: dict.fromkeys(VISITS, ALL_ACTIONS),
    Role.COUNTY_OFFICER: dict.fromkeys(VISITS, ALL_ACTIONS),
    Role.PARK_OFFICER: dict.fromkeys(VISITS, EDIT),
    Role.SECRETARY: dict.fromkeys(VISITS, READ),
    Role.VIEWER: dict.fromkeys(VISITS, READ),
}


def register() -> None:
    """Hand the visits' scope paths and role grants to the registry (from ``IntakeConfig.ready``)."""
    registry.register_scopes(PATHS, GRANTS)
