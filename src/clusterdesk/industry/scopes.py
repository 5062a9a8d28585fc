"""Where the industry models sit in the scoping registry, and what each role may do to them.

Clusters and their chains are planning objects of a region: seen where a user works and above it.
Business scopes, segment mappings and purchase records follow the enterprise they belong to.
"""

from clusterdesk.accounts.roles import ALL_ACTIONS, EDIT, READ, VIEW_CHANGE, Role
from clusterdesk.accounts.scoping import ScopePaths
from clusterdesk.common.registry import registry

__all__ = ["GRANTS", "PATHS", "register"]

PLANNING = ("industry.cluster", "industry.chain", "industry.chainsegment", "industry.supplyedge",
            "industry.taskforcemember", "industry.chainleaderenterprise", "industry.clustertarget",
            "industry.segmentsupplytarget", "industry.concentrationtarget")
_THROUGH_ENTERPRISE = {
    "industry.businessscope": "enterprise",
    "industry.segmentmapping": "enterprise",
    "industry.purchaserecord": "buyer",
}
PATHS = {
    "industry.industrycode": ScopePaths(region=None, public_view=True),
    "industry.cluster": ScopePaths(region="region", region_or_ancestor=True),
    "industry.chain": ScopePaths(region="cluster__region", region_or_ancestor=True),
    "industry.chainsegment": ScopePaths(region="chain__cluster__region", region_or_ancestor=True),
    "industry.supplyedge": ScopePaths(region="source__chain__cluster__region", region_or_ancestor=True),
    "industry.taskforcemember": ScopePaths(region="chain__cluster__region", region_or_ancestor=True),
    "industry.chainleaderenterprise": ScopePaths(region="chain__cluster__region", region_or_ancestor=True),
    "industry.clustertarget": ScopePaths(region="cluster__region", region_or_ancestor=True),
    "industry.segmentsupplytarget": ScopePaths(region="target__cluster__region", region_or_ancestor=True),
    "industry.concentrationtarget": ScopePaths(region="region", region_or_ancestor=True),
    **{label: ScopePaths(region=f"{path}__region", park=f"{path}__park", enterprise=path)
       for label, path in _THROUGH_ENTERPRISE.items()},
}
# An enterprise's industry records are granted as the enterprise itself is (enterprises/scopes.py).
GRANTS = {
    Role.PROVINCE_OFFICER: {**dict.fromkeys(PLANNING, ALL_ACTIONS), **dict.fromkeys(_THROUGH_ENTERPRISE, ALL_ACTIONS)},
    Role.CITY_OFFICER: {**dict.fromkeys(PLANNING, ALL_ACTIONS), **dict.fromkeys(_THROUGH_ENTERPRISE, ALL_ACTIONS)},
    Role.COUNTY_OFFICER: {**dict.fromkeys(PLANNING, READ), **dict.fromkeys(_THROUGH_ENTERPRISE, EDIT)},
    Role.PARK_OFFICER: {**dict.fromkeys(PLANNING, READ), **dict.fromkeys(_THROUGH_ENTERPRISE, EDIT)},
    Role.SECRETARY: {**dict.fromkeys(PLANNING, READ), **dict.fromkeys(_THROUGH_ENTERPRISE, VIEW_CHANGE)},
    Role.VIEWER: {**dict.fromkeys(PLANNING, READ), **dict.fromkeys(_THROUGH_ENTERPRISE, READ)},
}


def register() -> None:
    """Hand the industry models' scope paths and role grants to the registry (from ``IndustryConfig.ready``)."""
    registry.register_scopes(PATHS, GRANTS)
