"""Messy sheets built in memory with openpyxl, as real offices send them."""

import io

from openpyxl import Workbook

__all__ = ["xlsx"]


def xlsx(rows: list[list[object]], *, title: str = "Sheet1", merges: tuple[str, ...] = (),
         extra_sheets: dict[str, list[list[object]]] | None = None) -> bytes:
    """A workbook whose first sheet holds ``rows`` (row 1 first), with the given merged ranges."""
    book = Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    for merge in merges:
        sheet.merge_cells(merge)
    for name, more in (extra_sheets or {}).items():
        other = book.create_sheet(name)
        for row in more:
            other.append(row)
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()
