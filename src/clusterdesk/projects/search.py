"""What the header search finds in this app. Projects are found by name or project code (项目代码)."""

from clusterdesk.common.registry import SearchSource, registry

__all__ = ["SOURCES", "register"]

SOURCES = (SearchSource(model="projects.Project", fields=("name", "code"), select_related=("region",), order=10),)


def register() -> None:
    """Hand this app's search sources to the registry (from the app's ``ready``)."""
    for source in SOURCES:
        registry.register_search(source)
