"""Where the national reference table sits in the scoping registry: reference data every signed-in user reads;
only administrators import it (it belongs to no region, so no region scope reaches it for writing)."""

from clusterdesk.accounts.scoping import ScopePaths
from clusterdesk.common.registry import registry

__all__ = ["GRANTS", "PATHS", "register"]

FIGURE = "opportunities.nationalreferencefigure"
PATHS = {FIGURE: ScopePaths(region=None, public_view=True)}
GRANTS: dict = {}


def register() -> None:
    """Hand the national table's scope paths to the registry (from ``OpportunitiesConfig.ready``)."""
    registry.register_scopes(PATHS, GRANTS)
