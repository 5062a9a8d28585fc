"""Excel (.xlsx) export of the pipeline's lists, with Chinese headers, in one place (issue 7's import/export
framework may absorb it). Money stays a number in 万元 so that people can sum it in Excel."""

import datetime
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal

from django.http import HttpResponse
from django.utils import translation
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

__all__ = ["XLSX_CONTENT_TYPE", "xlsx_bytes", "xlsx_response"]

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_ROWS = 100_000


def _cell(value):
    if isinstance(value, Decimal):
        return float(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, (int, float, datetime.date)):
        return value
    return str(value)


def xlsx_bytes(title: str, headers: Sequence[str], rows: Iterable[Sequence]) -> bytes:
    """One worksheet: a bold header row (translated to Chinese), then the rows; dates as dates, money as numbers."""
    book = Workbook(write_only=False)
    sheet = book.active
    sheet.title = title[:31] or "清单"
    with translation.override("zh-hans"):
        sheet.append([str(h) for h in headers])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDE7F3")
        cell.alignment = Alignment(vertical="center")
    widths = [max(len(str(h)) * 2, 8) for h in headers]
    for count, row in enumerate(rows):
        if count >= MAX_ROWS:
            break
        values = [_cell(v) for v in row]
        sheet.append(values)
        for i, value in enumerate(values):
            if isinstance(value, datetime.date):
                sheet.cell(row=count + 2, column=i + 1).number_format = "yyyy-mm-dd"
            widths[i] = min(max(widths[i], len(str(value)) + 2), 60)
    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def xlsx_response(filename: str, title: str, headers: Sequence[str], rows: Iterable[Sequence]) -> HttpResponse:
    """An .xlsx download; ``filename`` without the extension (ASCII, the title goes inside the file)."""
    response = HttpResponse(xlsx_bytes(title, headers, rows), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response
