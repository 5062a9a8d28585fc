"""Roles, the kind of scope each role carries, and what each role may do to each kind of object.

Role grants say *which actions on which models*; the user's scope says *which rows*. Both are
applied by the one scoping function, `clusterdesk.accounts.scoping.restrict`. Each app registers the
grants on its own models in its ``scopes.py`` (``registry.register_grants``); this module only reads them.
Administrators need no grants: the scoping function lets them do everything.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from clusterdesk.common.registry import registry

__all__ = [
    "ADD",
    "ALL_ACTIONS",
    "CHANGE",
    "DELETE",
    "EDIT",
    "READ",
    "ROLE_SCOPE",
    "SINGLE_ENTERPRISE_ROLES",
    "VIEW",
    "VIEW_CHANGE",
    "Role",
    "ScopeKind",
    "role_allows",
]

VIEW, ADD, CHANGE, DELETE = "view", "add", "change", "delete"
ALL_ACTIONS = frozenset({VIEW, ADD, CHANGE, DELETE})
READ = frozenset({VIEW})
EDIT = frozenset({VIEW, ADD, CHANGE})
VIEW_CHANGE = frozenset({VIEW, CHANGE})


class Role(models.TextChoices):
    ADMIN = "admin", _("Administrator")
    PROVINCE_OFFICER = "province_officer", _("Province officer")
    CITY_OFFICER = "city_officer", _("City officer")
    COUNTY_OFFICER = "county_officer", _("County officer")
    PARK_OFFICER = "park_officer", _("Park officer")
    SECRETARY = "secretary", _("Work secretary")
    VIEWER = "viewer", _("Read-only viewer")
    ENTERPRISE = "enterprise", _("Enterprise user")


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
    Role.ENTERPRISE: ScopeKind.ENTERPRISES,
}

#: Roles bound to exactly one enterprise: its own staff (企业用户), who see and file only that enterprise's rows.
SINGLE_ENTERPRISE_ROLES = frozenset({Role.ENTERPRISE})


def role_allows(role: str, model_label: str, action: str) -> bool:
    """Whether a role may perform an action on a model at all (before scope narrows the rows)."""
    if role == Role.ADMIN:
        return True
    return action in registry.grants.get(role, {}).get(model_label, frozenset())
