"""Roles, the kind of scope each role carries, and what each role may do to each kind of object.

Role grants say *which actions on which models*; the user's scope says *which rows*. Both are
applied by the one scoping function, `clusterdesk.accounts.scoping.restrict`.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["ROLE_GRANTS", "ROLE_SCOPE", "Role", "ScopeKind", "role_allows"]

VIEW, ADD, CHANGE, DELETE = "view", "add", "change", "delete"
ALL_ACTIONS = frozenset({VIEW, ADD, CHANGE, DELETE})
READ = frozenset({VIEW})
EDIT = frozenset({VIEW, ADD, CHANGE})


class Role(models.TextChoices):
    ADMIN = "admin", _("Administrator")
    PROVINCE_OFFICER = "province_officer", _("Province officer")
    CITY_OFFICER = "city_officer", _("City officer")
    COUNTY_OFFICER = "county_officer", _("County officer")
    PARK_OFFICER = "park_officer", _("Park officer")
    SECRETARY = "secretary", _("Work secretary")
    VIEWER = "viewer", _("Read-only viewer")


class ScopeKind(models.TextChoices):
    ALL = "all", _("Everything")
    REGIONS = "regions", _("Region subtree")
    PARKS = "parks", _("Parks")
    ENTERPRISES = "enterprises", _("Enterprises")


ROLE_SCOPE: dict[str, str] = {
    Role.ADMIN: ScopeKind.ALL,
    Role.PROVINCE_OFFICER: ScopeKind.REGIONS,
    Role.CITY_OFFICER: ScopeKind.REGIONS,
    Role.COUNTY_OFFICER: ScopeKind.REGIONS,
    Role.PARK_OFFICER: ScopeKind.PARKS,
    Role.SECRETARY: ScopeKind.ENTERPRISES,
    Role.VIEWER: ScopeKind.REGIONS,
}

# Enterprise service (issue 6); its warnings are written by the recomputation job, never by hand.
_SERVICE = ("enterprise_service.monthlyfigure", "enterprise_service.visit", "enterprise_service.followuptask",
            "enterprise_service.appeal", "enterprise_service.inclusioncandidate")
_SERVICE_WARNINGS = {"enterprise_service.enterprisewarning": READ}
_PROJECT_PARTS = ("projects.project", "projects.milestone", "projects.progressreport", "projects.problem",
                  # issue 3: the pipeline's records of a project
                  "projects.stagetransition", "projects.milestonedependency", "projects.annualplan",
                  "projects.projectlight", "projects.problemescalation", "projects.reportphoto",
                  "projects.coordinationmeeting", "projects.meetingdecision")
_OFFICER = {
    "industry.cluster": ALL_ACTIONS,
    "industry.chain": ALL_ACTIONS,
    "industry.chainsegment": ALL_ACTIONS,
    "industry.supplyedge": ALL_ACTIONS,
    "parks.park": ALL_ACTIONS,
    "enterprises.enterprise": ALL_ACTIONS,
    "enterprises.enterpriseyearfigure": ALL_ACTIONS,
    **dict.fromkeys(_PROJECT_PARTS, ALL_ACTIONS),
    **dict.fromkeys(_SERVICE, ALL_ACTIONS), **_SERVICE_WARNINGS,
}
_COUNTY = {
    **{label: READ for label in ("industry.cluster", "industry.chain", "industry.chainsegment", "industry.supplyedge")},
    "parks.park": EDIT,
    "enterprises.enterprise": EDIT,
    "enterprises.enterpriseyearfigure": EDIT,
    "projects.project": EDIT,
    **dict.fromkeys(_PROJECT_PARTS[1:], ALL_ACTIONS),
    **dict.fromkeys(_SERVICE, EDIT), **_SERVICE_WARNINGS,
}
_PARK = {**_COUNTY, "parks.park": frozenset({VIEW, CHANGE})}
_SECRETARY = {
    **{label: READ for label in _OFFICER},
    "enterprises.enterprise": frozenset({VIEW, CHANGE}),
    "enterprises.enterpriseyearfigure": EDIT,
    "projects.progressreport": EDIT,
    "projects.problem": EDIT,
    "projects.reportphoto": EDIT,
    **dict.fromkeys(_SERVICE, EDIT),
}
_VIEWER = {label: READ for label in _OFFICER}

# Reference tables (regions, industry codes) are readable by every signed-in user and written only by loaders.
ROLE_GRANTS: dict[str, dict[str, frozenset[str]]] = {
    Role.ADMIN: {label: ALL_ACTIONS for label in (*_OFFICER, "accounts.user")},
    Role.PROVINCE_OFFICER: _OFFICER,
    Role.CITY_OFFICER: _OFFICER,
    Role.COUNTY_OFFICER: _COUNTY,
    Role.PARK_OFFICER: _PARK,
    Role.SECRETARY: _SECRETARY,
    Role.VIEWER: _VIEWER,
}


def role_allows(role: str, model_label: str, action: str) -> bool:
    """Whether a role may perform an action on a model at all (before scope narrows the rows)."""
    return action in ROLE_GRANTS.get(role, {}).get(model_label, frozenset())


# Issue 7: visits and meetings recorded from briefings with their tasks, and investment leads: officers write
# them, viewers and secretaries read them.
_VISITS = ("intake.visit", "intake.visittask", "attraction.lead")
for _role, _actions in ((Role.PROVINCE_OFFICER, ALL_ACTIONS), (Role.CITY_OFFICER, ALL_ACTIONS),
                        (Role.COUNTY_OFFICER, ALL_ACTIONS), (Role.PARK_OFFICER, EDIT), (Role.SECRETARY, READ),
                        (Role.VIEWER, READ)):
    ROLE_GRANTS[_role] = {**ROLE_GRANTS[_role], **dict.fromkeys(_VISITS, _actions)}
