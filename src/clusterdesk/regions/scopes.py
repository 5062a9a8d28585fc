"""Where the region models sit in the scoping registry: reference data every signed-in user reads."""

from clusterdesk.accounts.scoping import ScopePaths
from clusterdesk.common.registry import registry

__all__ = ["GRANTS", "PATHS", "register"]

PATHS = {"regions.region": ScopePaths(region=None, public_view=True)}
# Written only by the reference-data loaders.
GRANTS: dict[str, dict[str, frozenset[str]]] = {}


def register() -> None:
    """Hand the regions' scope paths and role grants to the registry (from ``RegionsConfig.ready``)."""
    registry.register_scopes(PATHS, GRANTS)
