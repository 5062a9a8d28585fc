"""What the header search finds in this app. Parks are found by name or short name."""

from clusterdesk.common.registry import SearchSource, registry

__all__ = ["SOURCES", "register"]

SOURCES = (SearchSource(model="parks.Park", fields=("name", "short_name"), select_related=("region",), order=30),)


def register() -> None:
    """Hand this app's search sources to the registry (from the app's ``ready``)."""
    for source in SOURCES:
        registry.register_search(source)
