"""The names the analytics commands accept, and their error type: light enough for the `clusterdesk` parser, which
must not import ibis or pandas to list its options."""

from typing import Final

__all__ = ["BACKENDS", "INDUSTRY_LEVELS", "MEASURES", "REGION_LEVELS", "AnalyticsError"]

BACKENDS: Final = ("duckdb", "spark")
REGION_LEVELS: Final = {"county": 6, "city": 4, "province": 2}  # code digits of a region at each level
INDUSTRY_LEVELS: Final = {"class": 5, "group": 4, "division": 3, "section": 1}  # GB/T 4754 code length
MEASURES: Final = {"employees": "employment", "output_wan": "output_wan"}


class AnalyticsError(ValueError):
    """A problem with the analytics input or engine, with a message that names the file or column."""
