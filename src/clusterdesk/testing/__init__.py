"""Test support shared by the apps' and the cross-app tests: the two-city world every scope test builds on.

It lives outside `common` because it builds rows of the domain apps, which a foundation never imports. The world
is imported on first use, so that scripts may take `free_port` from here before Django is set up.
"""

from .ports import free_port

__all__ = ["PASSWORD", "Side", "World", "build_world", "free_port"]


def __getattr__(name: str):
    if name in ("PASSWORD", "Side", "World", "build_world"):
        from . import world

        return getattr(world, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
