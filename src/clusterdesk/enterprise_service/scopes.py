"""Where the enterprise-service models sit in the scoping registry, and what each role may do to them.

Figures, visits, follow-ups and appeals follow their enterprise; inclusion candidates carry their own region,
park and enterprise. Warnings are written by the recomputation job, never by hand; job runs are the
administrators'.

The enterprise's own user (企业用户) files its monthly figures and appeals and acts on its appeals as the
enterprise's side (close with a rating, send an answer back; the workflow keeps accepting and answering for
officers); it sees its warnings and nothing of visits, follow-ups or statistics candidates.
"""

from clusterdesk.accounts.roles import ALL_ACTIONS, EDIT, READ, Role
from clusterdesk.accounts.scoping import ScopePaths
from clusterdesk.common.registry import registry

__all__ = ["GRANTS", "PATHS", "register"]

SERVICE = ("enterprise_service.monthlyfigure", "enterprise_service.visit", "enterprise_service.followuptask",
           "enterprise_service.appeal", "enterprise_service.inclusioncandidate")
WARNING = "enterprise_service.enterprisewarning"
_THROUGH_ENTERPRISE = ScopePaths(region="enterprise__region", park="enterprise__park", enterprise="enterprise")
PATHS = {
    **dict.fromkeys(("enterprise_service.monthlyfigure", WARNING, "enterprise_service.visit",
                     "enterprise_service.followuptask", "enterprise_service.appeal"), _THROUGH_ENTERPRISE),
    "enterprise_service.inclusioncandidate": ScopePaths(region="region", park="park", enterprise="enterprise"),
    "enterprise_service.jobrun": ScopePaths(region=None),
}
GRANTS = {
    Role.PROVINCE_OFFICER: {**dict.fromkeys(SERVICE, ALL_ACTIONS), WARNING: READ},
    Role.CITY_OFFICER: {**dict.fromkeys(SERVICE, ALL_ACTIONS), WARNING: READ},
    Role.COUNTY_OFFICER: {**dict.fromkeys(SERVICE, EDIT), WARNING: READ},
    Role.PARK_OFFICER: {**dict.fromkeys(SERVICE, EDIT), WARNING: READ},
    Role.SECRETARY: {**dict.fromkeys(SERVICE, EDIT), WARNING: READ},
    Role.VIEWER: {**dict.fromkeys(SERVICE, READ), WARNING: READ},
    Role.ENTERPRISE: {"enterprise_service.monthlyfigure": EDIT, "enterprise_service.appeal": EDIT, WARNING: READ},
}


def register() -> None:
    """Hand the service models' scope paths and role grants to the registry (from the app's ``ready``)."""
    registry.register_scopes(PATHS, GRANTS)
