"""Reading .xlsx (and .xls/.ods) sheets into rows of cell values with python-calamine, merged cells filled in.

Every file is measured by `bounds.check_workbook` before calamine sees it: calamine allocates a sheet's whole
range at once and a failed allocation aborts the process, so a hostile 5 KB file could stop the server.
"""

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _
from python_calamine import CalamineWorkbook

from .bounds import FileTooLarge, check_size, check_workbook

__all__ = ["MAX_IMPORT_ROWS", "Sheet", "TableDecodeError", "WorkbookError", "read_table", "read_workbook"]

#: Files with more data rows than this are refused before anything is read row by row.
MAX_IMPORT_ROWS = 200_000


class WorkbookError(ValueError):
    """The file is not a workbook that can be read, or is too large."""


class TableDecodeError(WorkbookError):
    """A CSV file in none of the encodings its reader accepts (the caller names them in its message)."""


@dataclass
class Sheet:
    """One sheet: its name and its rows (lists of cell values: str, float, int, bool, date, datetime or None)."""

    name: str
    rows: list[list[object]]


def _fill_merged(sheet, rows: list[list[object]]) -> None:
    """A merged cell holds its value in the top-left cell only; copy it into the rest of the range."""
    for (r0, c0), (r1, c1) in sheet.merged_cell_ranges or ():
        if r0 >= len(rows) or c0 >= len(rows[r0]):
            continue
        value = rows[r0][c0]
        # Rows below the first: a group label spanning rows (所属园区 merged over its projects) applies to each.
        for r in range(r0 + 1, min(r1, len(rows) - 1) + 1):
            row = rows[r]
            if len(row) <= c1:
                row.extend([None] * (c1 + 1 - len(row)))
            for c in range(c0, c1 + 1):
                row[c] = value


def _clean(value: object) -> object:
    return None if value == "" else value


def read_workbook(source: bytes | str | Path, *, max_rows: int = MAX_IMPORT_ROWS) -> list[Sheet]:
    """Every non-empty sheet of a workbook as rows of values.

    Raises `WorkbookError` for a file that is not a readable workbook, has more than ``max_rows`` rows or is over
    one of the limits of `bounds` (size, uncompressed size, cells, rows × columns).
    """
    try:
        if not isinstance(source, bytes):
            check_size(Path(source).stat().st_size)  # before reading a huge file into memory
        data = source if isinstance(source, bytes) else Path(source).read_bytes()
        check_workbook(data, max_rows=max_rows)
    except FileTooLarge as exc:
        raise WorkbookError(str(exc)) from None
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    except Exception as exc:  # calamine raises its own error types for every malformed file
        raise WorkbookError(f"无法读取该文件：不是有效的 Excel 工作簿（{exc}） / not a readable workbook") from None
    sheets = []
    for name in book.sheet_names:
        sheet = book.get_sheet_by_name(name)
        if sheet.total_height > max_rows + 50:
            raise WorkbookError(f"工作表“{name}”有 {sheet.total_height} 行，超过上限 {max_rows} 行 / "
                                f"sheet “{name}” has {sheet.total_height} rows, more than the limit of {max_rows}")
        rows = [[_clean(v) for v in row] for row in sheet.to_python(skip_empty_area=False)]
        if sheet.merged_cell_ranges:
            _fill_merged(sheet, rows)
        if any(any(v is not None for v in row) for row in rows):
            sheets.append(Sheet(name, rows))
    return sheets


def read_table(content: bytes, filename: str, *, encodings: tuple[str, ...] = ("utf-8-sig",)) -> list[dict]:
    """A small table of one header row and data rows, from .xlsx/.xlsm (the first sheet, with openpyxl) or CSV
    (decoded with the first of ``encodings`` that fits), as dicts of header → text; blank rows are left out.

    The file is measured before any reader sees it (a far cell or a zip bomb would exhaust the memory). Raises
    `WorkbookError` for a file too large or not a workbook, `TableDecodeError` for text in none of ``encodings``.
    """
    is_workbook = filename.lower().endswith((".xlsx", ".xlsm"))
    try:
        check_size(len(content))
        if is_workbook:
            check_workbook(content)
    except FileTooLarge as exc:
        raise WorkbookError(str(exc)) from None
    if is_workbook:
        from openpyxl import load_workbook

        try:
            sheet = load_workbook(io.BytesIO(content), read_only=True, data_only=True).active
        except Exception as exc:  # not a workbook: several exception types
            raise WorkbookError(_("Not a valid Excel file: %s") % exc) from exc
        values = list(sheet.iter_rows(values_only=True))
        header = [str(h or "").strip() for h in values[0]] if values else []
        return [dict(zip(header, ["" if v is None else str(v) for v in row], strict=False)) for row in values[1:]
                if any(v not in (None, "") for v in row)]
    for encoding in encodings:
        try:
            text = content.decode(encoding)
        except UnicodeDecodeError:
            continue
        return list(csv.DictReader(io.StringIO(text)))
    raise TableDecodeError(filename)
