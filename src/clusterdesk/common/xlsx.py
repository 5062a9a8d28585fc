"""One .xlsx writer for the pages' own tables (pipeline lists, service boards): a bold frozen header row in
Chinese, then the rows, written in streaming mode. Money stays a number in 万元 so that people can sum it in
Excel; dates are dates. Lists backed by an import spec export through `common.importing.export` instead, with
the import headers, so that they round-trip.

Every .xlsx writer passes its values through `xlsx_value`: text is written as text, never as a formula (a project
named ``=HYPERLINK(…)`` stays that text, and imports back unchanged), and characters XML cannot hold, stored before
they were refused, are replaced instead of failing the whole export."""

import datetime
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal
from urllib.parse import quote

from django.http import HttpResponse
from django.utils import timezone, translation
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES, Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from clusterdesk.core.text.cells import starts_formula, xlsx_text

__all__ = ["MAX_ROWS", "XLSX_CONTENT_TYPE", "xlsx_bytes", "xlsx_response", "xlsx_value"]

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_ROWS = 100_000


def xlsx_value(sheet, value: object) -> object:
    """What to append to ``sheet`` for ``value``: the value itself, or for text that openpyxl would write as a
    formula or an error (``=…``, ``#N/A``) a string cell, marked with Excel's quote prefix when it starts a formula
    so that editing it keeps it text. Characters XML cannot hold are replaced by U+FFFD (`xlsx_text`).

    Plain text stays a plain value: openpyxl then reuses one cell object per row, and a 200,000-row export is not
    slowed down by a cell object per text.
    """
    if not isinstance(value, str) or not value:
        return value
    value = xlsx_text(value)
    formula = starts_formula(value)
    if not (formula or value[0] == "=" or value in ERROR_CODES):
        return value
    cell = Cell(sheet, row=1, column=1, value=value)  # the sheet's append places it
    cell.data_type = "s"
    if formula:
        cell.quotePrefix = True
    return cell


def _cell(value):
    if isinstance(value, Decimal):
        return float(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, datetime.datetime):
        # Excel has no time zones: write the local wall time.
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if isinstance(value, int | float | datetime.date):
        return value
    return str(value)


def xlsx_bytes(title: str, headers: Sequence[str], rows: Iterable[Sequence], widths: Sequence[int] = ()) -> bytes:
    """One worksheet: the header row (translated in Chinese), then at most `MAX_ROWS` rows.

    ``widths`` are column widths in characters (from the headers when not given).
    """
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title[:31] or "清单")
    with translation.override("zh-hans"):
        labels = [str(h) for h in headers]
    for i, label in enumerate(labels):
        width = widths[i] if i < len(widths) else max(len(label) * 2 + 2, 10)
        sheet.column_dimensions[get_column_letter(i + 1)].width = width
    sheet.freeze_panes = "A2"
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDE7F3")
    header = []
    for label in labels:
        cell = WriteOnlyCell(sheet, value=xlsx_text(label))
        cell.font, cell.fill, cell.alignment = bold, fill, Alignment(vertical="center")
        header.append(cell)
    sheet.append(header)
    for count, row in enumerate(rows):
        if count >= MAX_ROWS:
            break
        values = []
        for value in row:
            value = _cell(value)
            if isinstance(value, datetime.date):
                cell = WriteOnlyCell(sheet, value=value)
                cell.number_format = "yyyy-mm-dd hh:mm" if isinstance(value, datetime.datetime) else "yyyy-mm-dd"
                value = cell
            values.append(xlsx_value(sheet, value))
        sheet.append(values)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def xlsx_response(filename: str, title: str, headers: Sequence[str], rows: Iterable[Sequence],
                  widths: Sequence[int] = ()) -> HttpResponse:
    """An .xlsx download; ``filename`` may be Chinese and may omit the extension."""
    if not filename.endswith(".xlsx"):
        filename += ".xlsx"
    response = HttpResponse(xlsx_bytes(title, headers, rows, widths), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response
