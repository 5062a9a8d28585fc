"""What the header search finds in this app. Clusters are found by name."""

from clusterdesk.common.registry import SearchSource, registry

__all__ = ["SOURCES", "register"]

SOURCES = (SearchSource(model="industry.Cluster", fields=("name",), select_related=("region",), order=40),)


def register() -> None:
    """Hand this app's search sources to the registry (from the app's ``ready``)."""
    for source in SOURCES:
        registry.register_search(source)
