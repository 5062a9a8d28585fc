"""Import templates: the header row, a notes sheet explaining every column, and drop-down lists for fixed values."""

import datetime
import io
from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from clusterdesk.core.importing import ColumnSpec

from .specs import ImportSpec, spec_for

__all__ = ["column_format", "template_bytes", "template_columns", "write_template"]

TEMPLATE_ROWS = 5000
NOTES_SHEET = "填写说明"
OPTIONS_SHEET = "选项"
_FORMATS = {
    "text": "文字", "int": "整数", "decimal": "数字", "date": "日期：2024-07-09、2024/7/9、2024年7月9日 或 Excel 日期",
    "bool": "是 / 否", "choice": "从下拉列表选择", "uscc": "18 位统一社会信用代码", "ref": "已登记记录的代码或名称",
}  # fmt: skip


def column_format(column: ColumnSpec) -> str:
    """How a column is filled in, in Chinese, for the notes sheet."""
    if column.kind == "money":
        return f"金额，单位{column.unit}；也可写 1,200万元、3.5亿元；表头写“(亿元)”则按亿元读"
    if column.kind == "area":
        return f"面积，单位{column.unit}；也可写 50公顷、2.3平方公里"
    text = _FORMATS.get(column.kind, column.kind)
    if column.max_length:
        text += f"，最多 {column.max_length} 字"
    if column.min_value is not None or column.max_value is not None:
        text += f"，范围 {column.min_value if column.min_value is not None else '…'}–" \
                f"{column.max_value if column.max_value is not None else '…'}"
    return text


def template_columns(spec: ImportSpec) -> list[tuple[ColumnSpec, str]]:
    """The columns of a kind's template with their headers: the exported ones, then those read on import only;
    a per-year column is headed with this year (2026年计划投资(万元)), which the import reads as its year."""
    year = datetime.date.today().year
    result = []
    for column in (*spec.columns, *spec.import_only):
        header = column.header
        if column.extra.get("per_year"):
            header = f"{year}年{header.removeprefix('年度')}"
        result.append((column, header))
    return result


def _notes(book: Workbook, spec: ImportSpec) -> None:
    notes = book.create_sheet(NOTES_SHEET)
    notes.append([f"{spec.title}导入模板：每行一条记录；表头可在标题行之下，列的顺序不限；第一个工作表为数据表。"])
    keys = "、".join(c.header for c in spec.columns if c.field in spec.key)
    notes.append([f"按“{keys}”识别已有记录：已有则更新，没有则新增；同一文件导入两次，第二次不做任何修改。"])
    notes.append([])
    notes.append(["列名", "必填", "填写格式", "可选值", "示例", "说明", "也可写作"])
    for cell in notes[4]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
    for column, header in template_columns(spec):
        notes.append([header, "是" if column.required else "", column_format(column),
                      "、".join(zh for _, zh, _ in column.choices), column.example, column.note,
                      "、".join(column.synonyms)])
    for letter, width in zip("ABCDEFG", (18, 6, 44, 40, 22, 50, 36), strict=True):
        notes.column_dimensions[letter].width = width
    for row in notes.iter_rows(min_row=5):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")


def _validation(book: Workbook, sheet, spec: ImportSpec) -> None:
    options = None
    for index, column in enumerate(spec.columns):
        values = [zh for _, zh, _ in column.choices] if column.kind == "choice" else (
            ["是", "否"] if column.kind == "bool" else [])
        if not values:
            continue
        if options is None:
            options = book.create_sheet(OPTIONS_SHEET)
            options.sheet_state = "hidden"
        option_col = get_column_letter(index + 1)
        options[f"{option_col}1"] = column.header
        for n, value in enumerate(values, start=2):
            options[f"{option_col}{n}"] = value
        formula = f"'{OPTIONS_SHEET}'!${option_col}$2:${option_col}${len(values) + 1}"
        rule = DataValidation(type="list", formula1=formula, allow_blank=not column.required, showErrorMessage=True,
                              errorTitle="无效的值", error=f"请从列表中选择：{'、'.join(values)[:200]}")
        letter = get_column_letter(index + 1)
        rule.add(f"{letter}2:{letter}{TEMPLATE_ROWS}")
        sheet.add_data_validation(rule)


def template_bytes(kind: str) -> bytes:
    """The .xlsx template of a kind."""
    spec = spec_for(kind)
    book = Workbook()
    sheet = book.active
    sheet.title = spec.title[:31]
    for index, (column, header) in enumerate(template_columns(spec), start=1):
        cell = sheet.cell(row=1, column=index, value=header)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
        cell.font = Font(bold=True, color="C00000" if column.required else "000000")
        cell.comment = Comment(f"{'必填。' if column.required else ''}{column_format(column)}"
                               f"{'。' + column.note if column.note else ''}", "clusterdesk")
        sheet.column_dimensions[get_column_letter(index)].width = max(12, len(header) * 2 + 4)
        if column.kind in ("text", "ref", "uscc"):
            for row in range(2, 200):
                sheet.cell(row=row, column=index).number_format = "@"  # codes stay text: 430100, 0012
    sheet.freeze_panes = "A2"
    _validation(book, sheet, spec)
    _notes(book, spec)
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


def write_template(kind: str, path: Path) -> None:
    Path(path).write_bytes(template_bytes(kind))
