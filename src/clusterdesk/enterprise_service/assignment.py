"""Assigning work secretaries in bulk from an Excel sheet: one row per enterprise, all rows or none.

The sheet's first row names the columns: 统一社会信用代码 (or 信用代码, uscc) and 工作秘书 (the secretary's user
name or full name; secretary). Other columns, such as 企业名称, are ignored. Errors name the row and column.
"""

import io
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from clusterdesk.accounts.actors import Actor
from clusterdesk.common.importing.bounds import FileTooLarge, check_workbook
from clusterdesk.core.codes.uscc import normalize_uscc
from clusterdesk.core.exceptions import CoreError
from clusterdesk.enterprises.models import Enterprise
from clusterdesk.enterprises.selectors import secretary_choices

from .services import secretary_assign

__all__ = ["COLUMNS", "MAX_ROWS", "SecretaryRow", "secretaries_import", "secretary_rows"]

MAX_ROWS = 5000
COLUMNS = {
    "uscc": ("统一社会信用代码", "信用代码", "uscc", "credit code"),
    "secretary": ("工作秘书", "秘书", "secretary"),
}


@dataclass(frozen=True)
class SecretaryRow:
    """One row read from the sheet: its Excel row number, the credit code and the secretary as written."""

    row: int
    uscc: str
    secretary: str


def _header_map(header: tuple) -> dict[str, int]:
    found = {}
    names = [str(cell or "").strip().lower() for cell in header]
    for key, aliases in COLUMNS.items():
        for position, name in enumerate(names):
            if name in {a.lower() for a in aliases}:
                found[key] = position
                break
    return found


def secretary_rows(content: bytes) -> list[SecretaryRow]:
    """Read the rows of the first sheet; raises ValidationError naming what is wrong with the file itself."""
    from openpyxl import load_workbook

    try:  # measured before openpyxl sees it: it pads every row to the declared range
        check_workbook(content)
    except FileTooLarge as exc:
        raise ValidationError(str(exc)) from None
    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises several unrelated types for a file that is not xlsx
        raise ValidationError(f"无法读取文件，请上传 .xlsx 格式的 Excel 文件（{exc.__class__.__name__}）") from exc
    sheet = book.worksheets[0]
    lines = sheet.iter_rows(values_only=True)
    header = next(lines, None)
    columns = _header_map(header or ())
    missing = [COLUMNS[key][0] for key in COLUMNS if key not in columns]
    if missing:
        raise ValidationError(f"工作表“{sheet.title}”第1行缺少列：{'、'.join(missing)}")
    rows = []
    for number, values in enumerate(lines, start=2):
        if len(rows) >= MAX_ROWS:
            raise ValidationError(f"一次最多导入 {MAX_ROWS} 行")
        cells = [values[columns[k]] if columns[k] < len(values) else None for k in ("uscc", "secretary")]
        if all(cell in (None, "") for cell in cells):
            continue
        rows.append(SecretaryRow(number, str(cells[0] or "").strip(), str(cells[1] or "").strip()))
    book.close()
    return rows


def _resolve(rows: list[SecretaryRow], actor: Actor) -> tuple[list[tuple[Enterprise, object]], list[str]]:
    errors: list[str] = []
    changeable = Enterprise.objects.restrict(actor, "change")
    secretaries = secretary_choices(user=actor)
    resolved = []
    for row in rows:
        where = f"第{row.row}行"
        try:
            code = normalize_uscc(row.uscc)
        except CoreError as exc:
            errors.append(f"{where}「统一社会信用代码」：{exc}")
            continue
        enterprise = changeable.filter(uscc=code).first()
        if enterprise is None:
            errors.append(f"{where}「统一社会信用代码」：未找到或无权修改：{row.uscc}")
            continue
        secretary = None
        if row.secretary:
            matches = list(secretaries.filter(Q(username=row.secretary) | Q(full_name=row.secretary))[:2])
            if len(matches) != 1:
                problem = "有重名，请填写用户名" if matches else "不是您可分配的工作秘书"
                errors.append(f"{where}「工作秘书」：{row.secretary} {problem}")
                continue
            secretary = matches[0]
        resolved.append((enterprise, secretary))
    return resolved, errors


@transaction.atomic
def secretaries_import(*, content: bytes, actor: Actor) -> int:
    """Assign the secretaries listed in an .xlsx file; every row is checked first and nothing is saved on an error.

    An empty 工作秘书 cell withdraws the enterprise's secretary. Returns the number of enterprises changed.
    """
    rows = secretary_rows(content)
    if not rows:
        raise ValidationError("文件中没有数据行")
    resolved, errors = _resolve(rows, actor)
    if errors:
        raise ValidationError(errors)
    changed = 0
    for enterprise, secretary in resolved:
        if enterprise.secretary_id != getattr(secretary, "pk", None):
            secretary_assign(enterprise=enterprise, secretary=secretary, actor=actor)
            changed += 1
    return changed
