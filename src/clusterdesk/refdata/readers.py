"""Readers of the packaged reference tables (data/regions.csv, data/industries.csv).

Pure Python: no Django, no third-party packages. The files travel inside the package and are
opened through importlib.resources, so they work from a source checkout, an installed wheel or a
zip. Rows come back in file order, which puts every parent before its children (the files are
sorted by code, and a parent's code sorts before its children's).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from importlib import resources

__all__ = ["IndustryRow", "RegionRow", "read_industries", "read_regions"]

_PACKAGE = "clusterdesk.refdata"
REGION_COLUMNS = ("code", "name", "full_name", "level", "parent_code", "longitude", "latitude")
INDUSTRY_COLUMNS = ("code", "numeric_code", "name", "level", "parent")


@dataclass(frozen=True, slots=True)
class RegionRow:
    """One GB/T 2260 division. ``parent_code`` is None for provinces."""

    code: str
    name: str
    full_name: str
    level: str  # "province" | "city" | "county"
    parent_code: str | None
    longitude: float  # CGCS2000 (EPSG:4490), degrees east
    latitude: float  # CGCS2000 (EPSG:4490), degrees north


@dataclass(frozen=True, slots=True)
class IndustryRow:
    """One GB/T 4754-2017 code. ``code`` is section letter + digits (``C3841``); None parent for sections."""

    code: str
    numeric_code: str  # as printed in the standard: "C", "38", "384", "3841"
    name: str
    level: str  # "section" | "division" | "group" | "class"
    parent_code: str | None


def _rows(filename: str, columns: tuple[str, ...]) -> list[dict[str, str]]:
    text = resources.files(_PACKAGE).joinpath("data", filename).read_text(encoding="utf-8")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    if tuple(reader.fieldnames or ()) != columns:
        raise ValueError(f"{filename}: columns {reader.fieldnames!r}, expected {list(columns)!r}")
    return list(reader)


def read_regions() -> list[RegionRow]:
    """Every region row, parents before children."""
    return [
        RegionRow(
            code=r["code"],
            name=r["name"],
            full_name=r["full_name"],
            level=r["level"],
            parent_code=r["parent_code"] or None,
            longitude=float(r["longitude"]),
            latitude=float(r["latitude"]),
        )
        for r in _rows("regions.csv", REGION_COLUMNS)
    ]


def read_industries() -> list[IndustryRow]:
    """Every industry row, parents before children."""
    return [
        IndustryRow(
            code=r["code"],
            numeric_code=r["numeric_code"],
            name=r["name"],
            level=r["level"],
            parent_code=r["parent"] or None,
        )
        for r in _rows("industries.csv", INDUSTRY_COLUMNS)
    ]
