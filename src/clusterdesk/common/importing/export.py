"""Export to .xlsx with the import headers, so that an exported file imports back with no change.

Text goes through `clusterdesk.common.xlsx.xlsx_value`: a name such as ``=HYPERLINK(…)`` is a text cell, never a
formula, and imports back as the same text."""

import datetime
import io
from collections.abc import Iterable, Iterator
from decimal import Decimal
from pathlib import Path

from django.db import models
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font, PatternFill

from clusterdesk.common.xlsx import XLSX_CONTENT_TYPE, xlsx_value

from .specs import ImportSpec, spec_for

__all__ = ["MAX_EXPORT_ROWS", "export_kind_to_path", "export_queryset", "row_values", "write_xlsx", "xlsx_response"]

XLSX_TYPE = XLSX_CONTENT_TYPE

MAX_EXPORT_ROWS = 200_000
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
REQUIRED_FONT = Font(bold=True, color="C00000")


def _ref_text(spec: ImportSpec, name: str, value) -> object:
    ref = spec.refs[name]
    if ref.many:
        return "、".join(str(getattr(v, ref.lookups[0])) for v in value or [])
    return None if value is None else getattr(value, ref.lookups[0])


def row_values(spec: ImportSpec, obj: models.Model, extras: dict | None = None) -> list[object]:
    """One object as a row of the sheet, column by column, in the form the import reads back."""
    labels = {c.field: {v: zh for v, zh, _ in c.choices} for c in spec.columns if c.kind == "choice"}
    extras = extras if extras is not None else (spec.read_extras(obj) if spec.read_extras else {})
    row: list[object] = []
    for column in spec.columns:
        name = column.field
        value = extras[name] if name in spec.extras else getattr(obj, name)
        if column.kind == "ref":
            row.append(_ref_text(spec, name, value))
        elif column.kind == "choice":
            row.append(labels[name].get(str(value), value) if value not in (None, "") else None)
        elif column.kind == "bool":
            row.append(None if value is None else ("是" if value else "否"))
        elif isinstance(value, Decimal):
            row.append(value.normalize() if value == value.to_integral_value() else value)
        elif value == "":
            row.append(None)
        else:
            row.append(value)
    return row


def _rows(spec: ImportSpec, queryset) -> Iterator[list[object]]:
    if spec.export_rows is not None:
        yield from spec.export_rows(queryset)
        return
    qs = spec.export_queryset(queryset) if spec.export_queryset else queryset
    iterator = qs[:MAX_EXPORT_ROWS] if spec.read_extras else qs[:MAX_EXPORT_ROWS].iterator(chunk_size=2000)
    for obj in iterator:
        yield row_values(spec, obj)


def write_xlsx(spec: ImportSpec, rows: Iterable[list[object]], stream, *, progress=None) -> int:
    """Write the header and rows to ``stream`` as one sheet named after the kind; returns the row count."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(spec.title[:31] or spec.kind)
    header = []
    for column in spec.columns:
        cell = WriteOnlyCell(sheet, value=column.header)
        cell.fill = HEADER_FILL
        if column.required:
            cell.font = REQUIRED_FONT
        header.append(cell)
    sheet.append(header)
    count = 0
    for row in rows:
        cells = []
        for value in row:
            if isinstance(value, datetime.date):
                cell = WriteOnlyCell(sheet, value=value)
                cell.number_format = "yyyy-mm-dd"
                cells.append(cell)
            else:
                cells.append(xlsx_value(sheet, value))
        sheet.append(cells)
        count += 1
        if progress is not None:
            progress.update(1)
    book.save(stream)
    return count


def export_queryset(spec: ImportSpec, queryset) -> bytes:
    """The rows of ``queryset`` (already restricted to the user's scope) as .xlsx bytes."""
    stream = io.BytesIO()
    write_xlsx(spec, _rows(spec, queryset), stream)
    return stream.getvalue()


def _scoped(spec: ImportSpec, user):
    model = spec.model_class
    if spec.admin_only:
        return model.objects.all() if user.is_administrator else model.objects.none()
    return model.objects.restrict(user, "view")


def export_kind_to_path(*, kind: str, path: Path, user, progress: bool = False) -> int:
    """Export every record of a kind the user may see to an .xlsx file (the CLI), with a progress bar."""
    spec = spec_for(kind)
    queryset = _scoped(spec, user)
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(total=min(queryset.count(), MAX_EXPORT_ROWS), desc=f"export {kind}", unit="row")
    with open(path, "wb") as stream:
        count = write_xlsx(spec, _rows(spec, queryset), stream, progress=bar)
    if bar is not None:
        bar.close()
    return count


def _columns_xlsx(queryset, columns) -> bytes:
    """A list without an import spec: its display columns, formatted as on the page."""
    from clusterdesk.common.tables import cell_value, format_cell

    book = Workbook(write_only=True)
    sheet = book.create_sheet("data")
    sheet.append([str(c.label) for c in columns])
    for obj in queryset[:MAX_EXPORT_ROWS].iterator(chunk_size=2000):
        sheet.append([xlsx_value(sheet, format_cell(cell_value(obj, c.accessor), c.kind)) for c in columns])
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


def xlsx_response(model, queryset, columns):
    """The HTTP response of a list page's Excel export (import headers where the model has an import spec)."""
    from django.http import HttpResponse

    from .specs import spec_for_model

    spec = spec_for_model(model)
    content = export_queryset(spec, queryset) if spec is not None else _columns_xlsx(queryset, columns)
    response = HttpResponse(content, content_type=XLSX_TYPE)
    name = spec.kind if spec is not None else f"{model._meta.model_name}s"
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response
