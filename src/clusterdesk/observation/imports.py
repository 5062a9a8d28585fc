"""The judge's sheet as .xlsx (download, fill in, upload back) and the results export.

A judge's sheet has one row per project on the route and one column per criterion, headed ``<label>（满分N）``.
It is read back with the import machinery's reader and errors (`common.importing.reader`, `core.importing`): the
whole file is checked before anything is written, and each error names the sheet, row, column and criterion.
"""

from decimal import Decimal, InvalidOperation

from clusterdesk.common.importing.reader import read_workbook
from clusterdesk.common.xlsx import xlsx_bytes
from clusterdesk.core.importing.errors import RowError, column_letter

from .models import ObservationRound

__all__ = ["SHEET_TITLE", "results_rows", "sheet_bytes", "sheet_rows_from_upload"]

SHEET_TITLE = "评分表"
FIXED = ["路线序号", "项目编号", "项目名称", "所在县市区"]


def _header(criterion: dict) -> str:
    return f"{criterion['label']}（满分{Decimal(str(criterion['max_score'])).normalize():f}）"


def sheet_bytes(round_: ObservationRound, rows: list[dict]) -> bytes:
    """The judge's own sheet (from `selectors.judge_sheet`) as an .xlsx to fill in."""
    criteria = round_.series.criteria
    body = [[row["order"], row["project_code"], row["project_name"], row["region"],
             *(row["values"].get(c["key"]) for c in criteria)] for row in rows]
    return xlsx_bytes(SHEET_TITLE, [*FIXED, *(_header(c) for c in criteria)], body)


def _number(value: object) -> Decimal | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise InvalidOperation
    number = Decimal(str(value).strip())
    if not number.is_finite():
        raise InvalidOperation
    return number


def sheet_rows_from_upload(round_: ObservationRound, data: bytes) -> tuple[dict[int, dict[str, object]], list[str]]:
    """The scores of an uploaded sheet by nomination id, and every error as a line (``评分表!E3 产业带动：…``)."""
    criteria = round_.series.criteria
    by_code = dict(round_.nominations.filter(confirmed=True).values_list("project__code", "pk"))
    sheets = read_workbook(data)
    if not sheets:
        return {}, ["文件中没有数据 / the file holds no data"]
    sheet = next((s for s in sheets if s.name == SHEET_TITLE), sheets[0])
    header_at = next((i for i, row in enumerate(sheet.rows) if any(str(v or "").strip() == "项目编号" for v in row)),
                     None)
    if header_at is None:
        return {}, [RowError(sheet.name, None, None, "项目编号", "找不到表头“项目编号”",
                             "no 项目编号 header").as_line()]
    header = [str(v or "").strip() for v in sheet.rows[header_at]]
    code_col = header.index("项目编号")
    columns = {}
    errors = []
    for c in criteria:
        found = [i for i, text in enumerate(header) if text.startswith(str(c["label"]))]
        if not found:
            errors.append(RowError(sheet.name, header_at + 1, None, _header(c), "缺少这一评分列",
                                   "this criterion's column is missing", field=c["key"]).as_line())
        else:
            columns[c["key"]] = found[0]
    rows: dict[int, dict[str, object]] = {}
    for offset, cells in enumerate(sheet.rows[header_at + 1:], start=header_at + 2):
        if not any(v not in (None, "") for v in cells):
            continue
        code = str(cells[code_col] or "").strip() if code_col < len(cells) else ""
        nomination = by_code.get(code)
        if nomination is None:
            errors.append(RowError(sheet.name, offset, column_letter(code_col), "项目编号",
                                   f"“{code}”不是本次观摩路线上的项目", "not a project on the route",
                                   field="project", value=code).as_line())
            continue
        values: dict[str, object] = {}
        for c in criteria:
            index = columns.get(c["key"])
            if index is None:
                continue
            raw = cells[index] if index < len(cells) else None
            where = (sheet.name, offset, column_letter(index), _header(c))
            try:
                number = _number(raw)
            except InvalidOperation:
                errors.append(RowError(*where, f"“{raw}”不是数字", "not a number", field=c["key"],
                                       value=str(raw)).as_line())
                continue
            if number is not None and not 0 <= number <= Decimal(str(c["max_score"])):
                errors.append(RowError(*where, f"{number:f} 分超出 0–{c['max_score']} 分", "score out of range",
                                       field=c["key"], value=str(raw)).as_line())
                continue
            values[c["key"]] = None if number is None else float(number)
        rows[nomination] = values
    return rows, errors


def results_rows(results: dict) -> tuple[list[str], list[list[object]]]:
    """The results export: projects by rank with their scores and movement, then counties and parks."""
    criteria = results["criteria"]
    headers = ["排名", "项目编号", "项目名称", "所在县市区", "园区", "得分", "计分评委数",
               *(str(c["label"]) for c in criteria), "较上次"]
    rows: list[list[object]] = []
    for p in results["projects"]:
        rows.append([p["rank"], p["project_code"], p["project_name"], p["county"], p["park"], p["score"],
                     p["judges_counted"], *(p["criterion_means"].get(c["key"]) for c in criteria), _move(p)])
    for title, groups in (("县市区排名（按平均分）", results["counties"]), ("园区排名（按平均分）", results["parks"])):
        if groups:
            rows.append([])
            rows.append([title, "", "名称", "项目数", "平均分", "最高分", "按最高分排名", "较上次"])
            rows.extend([g["rank"], "", g["name"], g["projects"], g["average"], g["best"], g["best_rank"], _move(g)]
                        for g in groups)
    return headers, rows


def _move(row: dict) -> str:
    if row.get("is_new"):
        return "新进"
    move = row.get("movement")
    if not move:
        return "持平" if move == 0 else ""
    return f"上升{move}位" if move > 0 else f"下降{-move}位"
