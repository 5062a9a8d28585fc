"""The words workflows use for who acts: the stored role values and the actor's relations to a case.

Roles are the values users carry (administrator, the officers of province, city, county and park, the work
secretary, the read-only viewer, the enterprise's own staff; ``"system"`` for a scheduled job). Relations are
worked out by the caller for each case and actor:

* ``RELATION_FILER``: the actor raised or filed the case;
* ``RELATION_HANDLER``: the actor gave the case its answer or resolution;
* ``RELATION_ENTERPRISE_SIDE``: the actor speaks for the enterprise the case is about (its work secretary, or a
  user of the enterprise itself);
* ``RELATION_OWNER``: the actor is the person the case is assigned to.

The rule that runs through every workflow: a filer never handles their own case, and whoever handled a case does
not close it — the other side confirms.
"""

__all__ = [
    "ALL_ROLES",
    "OFFICER_ROLES",
    "RELATION_ENTERPRISE_SIDE",
    "RELATION_FILER",
    "RELATION_HANDLER",
    "RELATION_OWNER",
    "ROLE_ADMIN",
    "ROLE_ENTERPRISE",
    "ROLE_SECRETARY",
    "ROLE_SYSTEM",
    "ROLE_VIEWER",
]

ROLE_ADMIN = "admin"
ROLE_SECRETARY = "secretary"
ROLE_VIEWER = "viewer"
ROLE_SYSTEM = "system"
#: The enterprise's own staff (企业用户): they file for their enterprise and confirm, never handle.
ROLE_ENTERPRISE = "enterprise"
#: Officers of a responsible unit, and the administrator who may act for any of them.
OFFICER_ROLES = frozenset({ROLE_ADMIN, "province_officer", "city_officer", "county_officer", "park_officer"})
#: Every role a user may carry.
ALL_ROLES = OFFICER_ROLES | {ROLE_SECRETARY, ROLE_VIEWER, ROLE_ENTERPRISE}

RELATION_FILER = "filer"
RELATION_HANDLER = "handler"
RELATION_ENTERPRISE_SIDE = "enterprise_side"
RELATION_OWNER = "owner"
