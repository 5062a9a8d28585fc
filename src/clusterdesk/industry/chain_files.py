"""Chain templates as files: YAML and Excel in and out (parsing only; `services.chain_template_import` writes)."""

import io
import re

import yaml
from openpyxl import Workbook, load_workbook

from clusterdesk.common.xlsx import xlsx_value
from clusterdesk.core.chains import ChainTemplate, TemplateError, template_from_dict, template_to_dict

__all__ = ["SHEETS", "template_from_excel", "template_from_yaml", "template_to_excel", "template_to_yaml"]

SHEETS = {
    "chain": ["name", "cluster", "description"],
    "segments": ["key", "name", "position", "parent", "codes", "keywords", "exclusions", "description"],
    "edges": ["source", "target", "description"],
}
_LIST_FIELDS = ("codes", "keywords", "exclusions")


def template_to_yaml(template: ChainTemplate) -> str:
    """The template as YAML text (UTF-8, Chinese kept readable)."""
    return yaml.safe_dump(template_to_dict(template), allow_unicode=True, sort_keys=False, width=120)


def template_from_yaml(text: str | bytes, *, filename: str = "template.yaml") -> ChainTemplate:
    """Read a YAML template; errors name the file and, for syntax errors, the line."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"第 {mark.line + 1} 行" if mark is not None else ""
        problem = getattr(exc, "problem", exc)
        raise TemplateError([(f"{filename} {where}".strip(), f"YAML 格式错误：{problem}")]) from exc
    if not isinstance(data, dict):
        raise TemplateError([(filename, "顶层应为包含 name、segments、edges 的映射")])
    try:
        return template_from_dict(data)
    except TemplateError as exc:
        raise TemplateError([(f"{filename} {place}", message) for place, message in exc.problems]) from exc


def template_to_excel(template: ChainTemplate) -> bytes:
    """The template as an Excel workbook with three sheets: chain, segments, edges."""
    data = template_to_dict(template)
    book = Workbook()
    sheet = book.active
    sheet.title = "chain"
    sheet.append(SHEETS["chain"])
    sheet.append([xlsx_value(sheet, data.get(c, "")) for c in ("name", "cluster", "description")])
    for name in ("segments", "edges"):
        ws = book.create_sheet(name)
        ws.append(SHEETS[name])
        for row in data[name]:
            ws.append([xlsx_value(ws, "、".join(row.get(c) or []) if c in _LIST_FIELDS else row.get(c, ""))
                       for c in SHEETS[name]])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _rows(book, name: str, filename: str) -> list[dict]:
    if name not in book.sheetnames:
        raise TemplateError([(filename, f"缺少工作表 {name}")])
    rows = list(book[name].iter_rows(values_only=True))
    if not rows:
        return []
    header = [str(h or "").strip().lower() for h in rows[0]]
    missing = [c for c in SHEETS[name] if c not in header and c not in ("cluster", "description", "parent")]
    if missing:
        raise TemplateError([(f"{filename} {name}", f"缺少列 {', '.join(missing)}")])
    return [
        {h: ("" if v is None else str(v).strip()) for h, v in zip(header, row, strict=False) if h}
        for row in rows[1:]
        if any(v not in (None, "") for v in row)
    ]


def _excel_place(place: str, filename: str) -> str:
    match = re.match(r"(segments|edges)\[(\d+)\](?:\.(\w+))?", place)
    if not match:
        return f"{filename} chain 表 {place}"
    sheet, index, column = match.groups()
    return f"{filename} {sheet} 表第 {int(index) + 2} 行" + (f" {column} 列" if column else "")


def template_from_excel(content: bytes, *, filename: str = "template.xlsx") -> ChainTemplate:
    """Read an Excel template; errors name the file, the sheet, the row and the column."""
    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises several unrelated types for a file that is not a workbook
        raise TemplateError([(filename, f"不是有效的 Excel 文件（.xlsx）：{exc}")]) from exc
    chain_rows = _rows(book, "chain", filename)
    if not chain_rows:
        raise TemplateError([(f"{filename} chain", "缺少产业链名称")])
    data = {**chain_rows[0], "segments": _rows(book, "segments", filename), "edges": _rows(book, "edges", filename)}
    try:
        return template_from_dict(data)
    except TemplateError as exc:
        raise TemplateError([(_excel_place(place, filename), message) for place, message in exc.problems]) from exc
