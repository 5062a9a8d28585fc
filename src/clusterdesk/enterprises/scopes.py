"""Where enterprises sit in the scoping registry, and what each role may do to them."""

from clusterdesk.accounts.roles import ALL_ACTIONS, EDIT, READ, VIEW_CHANGE, Role
from clusterdesk.accounts.scoping import ScopePaths
from clusterdesk.common.registry import registry

__all__ = ["GRANTS", "PATHS", "register"]

ENTERPRISE, YEAR_FIGURE = "enterprises.enterprise", "enterprises.enterpriseyearfigure"
PATHS = {
    ENTERPRISE: ScopePaths(region="region", park="park", enterprise="pk"),
    YEAR_FIGURE: ScopePaths(region="enterprise__region", park="enterprise__park", enterprise="enterprise"),
}
# The work secretary keeps their enterprises' records and figures, but neither adds nor removes enterprises.
GRANTS = {
    Role.PROVINCE_OFFICER: {ENTERPRISE: ALL_ACTIONS, YEAR_FIGURE: ALL_ACTIONS},
    Role.CITY_OFFICER: {ENTERPRISE: ALL_ACTIONS, YEAR_FIGURE: ALL_ACTIONS},
    Role.COUNTY_OFFICER: {ENTERPRISE: EDIT, YEAR_FIGURE: EDIT},
    Role.PARK_OFFICER: {ENTERPRISE: EDIT, YEAR_FIGURE: EDIT},
    Role.SECRETARY: {ENTERPRISE: VIEW_CHANGE, YEAR_FIGURE: EDIT},
    Role.VIEWER: {ENTERPRISE: READ, YEAR_FIGURE: READ},
    # The enterprise's own user (企业用户) reads its own record and yearly figures; it changes them through filings.
    Role.ENTERPRISE: {ENTERPRISE: READ, YEAR_FIGURE: READ},
}


def register() -> None:
    """Hand the enterprises' scope paths and role grants to the registry (from ``EnterprisesConfig.ready``)."""
    registry.register_scopes(PATHS, GRANTS)
