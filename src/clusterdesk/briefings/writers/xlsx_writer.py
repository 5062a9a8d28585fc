"""The .xlsx annex of a briefing: one sheet per table, its caption on the first row, the column titles bold."""

import io
import re

from openpyxl import Workbook
from openpyxl.styles import Font

from clusterdesk.core.briefings import BriefingDocument, briefing_tables

__all__ = ["write_xlsx"]

_BAD = re.compile(r"[\[\]:*?/\\]")


def _number(text: str):
    """Numbers stay numbers in the annex (thousands separators dropped); everything else stays text."""
    plain = text.replace(",", "")
    try:
        return int(plain) if plain.lstrip("-").isdigit() else float(plain)
    except ValueError:
        return text


def write_xlsx(briefing: BriefingDocument) -> bytes:
    """The tables of ``briefing`` as an .xlsx workbook's bytes."""
    book = Workbook()
    book.remove(book.active)
    used: set[str] = set()
    for index, table in enumerate(briefing_tables(briefing), start=1):
        name = _BAD.sub("", table.title)[:28] or f"{index}"
        while name in used:
            name = f"{name[:25]}{index}"
        used.add(name)
        sheet = book.create_sheet(name)
        sheet.append([table.title])
        sheet["A1"].font = Font(bold=True, size=13)
        sheet.append(list(table.columns))
        for cell in sheet[2]:
            cell.font = Font(bold=True)
        for row in table.rows:
            sheet.append([_number(text) for text in row])
        for column, title in zip(sheet.iter_cols(min_row=2, max_row=2), table.columns, strict=True):
            sheet.column_dimensions[column[0].column_letter].width = max(10, min(40, len(title) * 2 + 2))
    if not book.sheetnames:
        book.create_sheet("-")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
