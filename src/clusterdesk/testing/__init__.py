"""Test support shared by the apps' and the cross-app tests: the two-city world every scope test builds on.

It lives outside `common` because it builds rows of the domain apps, which a foundation never imports.
"""

from .world import PASSWORD, Side, World, build_world

__all__ = ["PASSWORD", "Side", "World", "build_world"]
