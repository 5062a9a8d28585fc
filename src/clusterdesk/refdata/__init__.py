"""Packaged reference tables: GB/T 2260 regions with points, GB/T 4754-2017 industry codes.

The tables live in ``data/`` beside this file; ``sources.SOURCES`` says where each came from.
``scripts/build_regions.py`` (developer-time) rebuilds ``data/regions.csv``.
"""

from .readers import IndustryRow, RegionRow, read_industries, read_regions

__all__ = ["IndustryRow", "RegionRow", "read_industries", "read_regions"]
