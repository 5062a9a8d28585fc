"""What the header search finds in this app. Enterprises are found by name or unified social credit code."""

from clusterdesk.common.registry import SearchSource, registry

__all__ = ["SOURCES", "register"]

SOURCES = (SearchSource(model="enterprises.Enterprise", fields=("name", "uscc"), select_related=("region",), order=20),)


def register() -> None:
    """Hand this app's search sources to the registry (from the app's ``ready``)."""
    for source in SOURCES:
        registry.register_search(source)
