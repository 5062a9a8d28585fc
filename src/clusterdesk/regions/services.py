"""Loading the packaged reference tables into the database: regions and industry codes."""

from django.db import transaction

from clusterdesk.common.models import DataLoad
from clusterdesk.industry.models import IndustryCode
from clusterdesk.refdata import read_industries, read_regions
from clusterdesk.refdata.sources import SOURCES

from .models import Region

__all__ = ["industries_load", "refdata_load", "regions_load"]


def _progress(iterable, progress):
    return progress(iterable) if progress else iterable


@transaction.atomic
def regions_load(*, progress=None) -> int:
    """Insert or update every GB/T 2260 region from the packaged table; returns the row count."""
    rows = read_regions()
    existing = {r.code: r for r in Region.objects.all()}
    by_code: dict[str, Region] = dict(existing)
    for row in _progress(rows, progress):
        region = by_code.get(row.code) or Region(code=row.code)
        region.name, region.full_name, region.level = row.name, row.full_name, row.level
        region.longitude, region.latitude = row.longitude, row.latitude
        region.parent = by_code.get(row.parent_code) if row.parent_code else None
        if region.pk is None:
            region.save()
        by_code[row.code] = region
    changed = [r for r in by_code.values() if r.code in existing]
    Region.objects.bulk_update(changed, ["name", "full_name", "level", "longitude", "latitude", "parent"],
                               batch_size=500)
    _record("regions", len(rows))
    return len(rows)


@transaction.atomic
def industries_load(*, progress=None) -> int:
    """Insert or update every GB/T 4754-2017 industry code from the packaged table."""
    rows = read_industries()
    by_code = {i.code: i for i in IndustryCode.objects.all()}
    for row in _progress(rows, progress):
        code = by_code.get(row.code) or IndustryCode(code=row.code)
        code.numeric_code, code.name, code.level = row.numeric_code, row.name, row.level
        code.parent = by_code.get(row.parent_code) if row.parent_code else None
        code.save()
        by_code[row.code] = code
    _record("industries", len(rows))
    return len(rows)


def _record(name: str, count: int) -> None:
    source = SOURCES[name]
    DataLoad.objects.create(name=name, kind=DataLoad.Kind.REFERENCE, source=source.get("source", ""),
                            version=source.get("year", ""), row_count=count, details=source)


def refdata_load(*, progress=None) -> dict[str, int]:
    """Load both reference tables; safe to run again (updates in place)."""
    return {"regions": regions_load(progress=progress), "industries": industries_load(progress=progress)}
