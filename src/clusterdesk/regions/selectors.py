"""Reads of the administrative divisions (reference data every signed-in user may read)."""

from django.db.models import QuerySet

from .models import Region

__all__ = ["region_by_code", "region_subtree"]


def region_by_code(code: str) -> Region | None:
    """The region with this GB/T 2260 code, or ``None``."""
    return Region.objects.filter(code=code).first()


def region_subtree(region: Region) -> QuerySet[Region]:
    """The region and every region below it (a city and its counties)."""
    return Region.objects.filter(code__startswith=region.code_prefix)
