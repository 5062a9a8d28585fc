"""Where the evaluation models sit in the scoping registry, and what each role may do to them.

Runs and reviews are planning objects of a region: seen where a user works and above.
Sheets and results follow their enterprise or park.
"""

from clusterdesk.accounts.roles import ALL_ACTIONS, EDIT, READ, VIEW_CHANGE, Role
from clusterdesk.accounts.scoping import ScopePaths
from clusterdesk.common.registry import registry

__all__ = ["GRANTS", "PATHS", "register"]

PATHS = {
    "evaluation.evaluationrun": ScopePaths(region="region", region_or_ancestor=True),
    "evaluation.evaluationsheet": ScopePaths(region="enterprise__region", park="enterprise__park",
                                             enterprise="enterprise"),
    "evaluation.parkevaluation": ScopePaths(region="park__region", park="park"),
    "evaluation.parkyeardata": ScopePaths(region="park__region", park="park"),
    "evaluation.compositeevaluation": ScopePaths(region="region", region_or_ancestor=True),
    "evaluation.compositeresult": ScopePaths(region="park__region", park="park"),
    "evaluation.featuredreview": ScopePaths(region="region", region_or_ancestor=True),
    "evaluation.featureddecision": ScopePaths(region="park__region", park="park"),
}
RUNS = ("evaluation.evaluationrun", "evaluation.compositeevaluation", "evaluation.featuredreview")
RESULTS = ("evaluation.parkevaluation", "evaluation.compositeresult", "evaluation.featureddecision")
GRANTS = {
    Role.PROVINCE_OFFICER: dict.fromkeys(PATHS, ALL_ACTIONS),
    Role.CITY_OFFICER: dict.fromkeys(PATHS, ALL_ACTIONS),
    Role.COUNTY_OFFICER: {**dict.fromkeys(PATHS, EDIT), **dict.fromkeys(RESULTS, READ)},
    Role.PARK_OFFICER: {**dict.fromkeys(PATHS, READ), "evaluation.evaluationsheet": EDIT,
                        "evaluation.parkyeardata": EDIT},
    # The enterprise side (its work secretary) confirms its own sheet (一企一单) and may object.
    Role.SECRETARY: {**dict.fromkeys(PATHS, READ), "evaluation.evaluationsheet": VIEW_CHANGE},
    Role.VIEWER: dict.fromkeys(PATHS, READ),
    # The enterprise's own user sees its sheet with its class and result, and confirms it; nothing of runs or parks.
    Role.ENTERPRISE: {"evaluation.evaluationsheet": VIEW_CHANGE},
}


def register() -> None:
    """Hand the evaluation models' scope paths and role grants to the registry (from ``EvaluationConfig.ready``)."""
    registry.register_scopes(PATHS, GRANTS)
