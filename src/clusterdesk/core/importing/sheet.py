"""Reading a whole sheet: find the header row, map headers to columns, validate every row.

Real sheets put a merged title (and a date or a unit line) above the header, name columns in several ways
(项目名称 / 项目, 所属园区 / 园区), write units in the header (总投资(亿元)), and add a 序号 column and a 合计
row. `locate_header` finds the header row among the first rows by how many headers it recognises;
`validate_rows` reads every data row and returns the values and *every* error, never stopping at the first.
"""

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from clusterdesk.core.importing.columns import CellError, ColumnSpec, clean_text, coerce_cell, unit_is_known
from clusterdesk.core.importing.errors import RowError, column_letter
from clusterdesk.core.importing.layout import header_year, section_heading, sheet_unit, title_year, total_label

__all__ = [
    "HEADER_SEARCH_ROWS",
    "HeaderMap",
    "ParsedRow",
    "RowRule",
    "SheetLayout",
    "locate_header",
    "normalize_header",
    "validate_rows",
]

#: How many rows from the top are searched for the header row.
HEADER_SEARCH_ROWS = 30
_UNIT = re.compile(r"^(?P<base>.+?)[(（\[【](?:单位[:：]?)?(?P<unit>[^()（）\[\]【】]+)[)）\]】]$")
_MARKS = re.compile(r"[*＊※:：\s]")

#: A rule over a whole row: (values by field) → list of (field, message, message in English).
RowRule = Callable[[dict[str, object]], list[tuple[str, str, str]]]


def normalize_header(text: object, convert: Callable[[str], str] | None = None) -> tuple[str, str]:
    """The comparable form of a header and the unit written in it.

    Parameters
    ----------
    text : object
        The header cell.
    convert : callable, optional
        Traditional → simplified conversion.

    Returns
    -------
    (str, str)
        The header without spaces, required marks (*) and unit, case-folded; the unit (empty if none).

    Examples
    --------
    >>> normalize_header(" 总投资（亿元） "), normalize_header("*项目 名称"), normalize_header("用地面积(单位:公顷)")
    (('总投资', '亿元'), ('项目名称', ''), ('用地面积', '公顷'))
    """
    raw = clean_text("" if text is None else str(text), convert)
    raw = _MARKS.sub("", raw).casefold()
    match = _UNIT.match(raw)
    if match:
        return match["base"], match["unit"]
    return raw, ""


@dataclass(frozen=True)
class HeaderMap:
    """Where the header row is (0-based), which column index holds which spec, and the unit in each header."""

    row_index: int
    columns: dict[int, ColumnSpec]
    units: dict[int, str]
    headers: dict[int, str]
    ignored: tuple[str, ...] = ()
    errors: tuple[RowError, ...] = ()
    #: The year of each per-year column (2025年计划投资), from its header or else from the title above.
    years: dict[int, int] = field(default_factory=dict)
    #: Per-year columns whose year neither the header nor the title names.
    undated: tuple[int, ...] = ()
    #: Money columns whose unit comes from a group header above (投资(亿元)) or the sheet's 单位 line.
    inherited_units: dict[int, str] = field(default_factory=dict)


def _names(spec: ColumnSpec, convert: Callable[[str], str] | None) -> set[str]:
    names = {normalize_header(spec.label, convert)[0], normalize_header(spec.header, convert)[0]}
    names |= {normalize_header(s, convert)[0] for s in spec.synonyms}
    return names


_Match = tuple[ColumnSpec, str, int | None]


def _match_row(cells: Sequence[object], lookup: dict[str, ColumnSpec], convert: Callable[[str], str] | None
               ) -> dict[int, _Match]:
    found: dict[int, _Match] = {}
    for index, cell in enumerate(cells):
        if cell is None or not str(cell).strip():
            continue
        whole = _MARKS.sub("", clean_text(str(cell), convert)).casefold()
        if whole in lookup:  # a header whose brackets are part of its name: 统一社会信用代码(18位)
            found[index] = (lookup[whole], "", None)
            continue
        base, unit = normalize_header(cell, convert)
        if base in lookup:
            found[index] = (lookup[base], unit, None)
        elif (dated := header_year(base)) is not None and dated[1] in lookup and lookup[dated[1]].extra.get("per_year"):
            found[index] = (lookup[dated[1]], unit, dated[0])  # 2025年计划投资: the annual plan of 2025
    return found


def locate_header(rows: Sequence[Sequence[object]], specs: Sequence[ColumnSpec], *, sheet: str = "",
                  convert: Callable[[str], str] | None = None) -> HeaderMap:
    """Find the header row among the first `HEADER_SEARCH_ROWS` rows and map its columns to the specs.

    Parameters
    ----------
    rows : sequence of sequences
        The first rows of the sheet (more are ignored).
    specs : sequence of ColumnSpec
        The columns of the kind being imported.
    sheet : str
        The sheet's name, for error messages.
    convert : callable, optional
        Traditional → simplified conversion of headers.

    Returns
    -------
    HeaderMap
        With sheet-level errors: no header row, a required column missing, a column given twice, a unit
        the column does not understand.

    Examples
    --------
    >>> specs = [ColumnSpec("name", "项目名称", synonyms=("项目",), required=True),
    ...          ColumnSpec("total", "总投资", "money", unit="万元")]
    >>> found = locate_header([["2024年重点项目表", None], ["序号", "项目", "总投资(亿元)"]], specs)
    >>> found.row_index, {i: s.field for i, s in found.columns.items()}, found.units, found.ignored
    (1, {1: 'name', 2: 'total'}, {2: '亿元'}, ('序号',))
    """
    lookup: dict[str, ColumnSpec] = {}
    for spec in specs:
        for name in _names(spec, convert):
            lookup.setdefault(name, spec)
    best_index, best = -1, dict[int, _Match]()
    for index, cells in enumerate(rows[:HEADER_SEARCH_ROWS]):
        found = _match_row(cells, lookup, convert)
        if len({m[0].field for m in found.values()}) > len({m[0].field for m in best.values()}):
            best_index, best = index, found
    if len(best) < min(2, len(specs)):
        expected = "、".join(s.header for s in specs if s.required) or "、".join(s.header for s in specs[:3])
        error = RowError(sheet, None, None, "",
                         f"找不到表头行：前 {HEADER_SEARCH_ROWS} 行中没有可识别的列名（应有 {expected}）",
                         f"no header row found in the first {HEADER_SEARCH_ROWS} rows (expected {expected})")
        return HeaderMap(-1, {}, {}, {}, errors=(error,))
    return _header_map(rows, best_index, best, specs, sheet, convert)


def _inherited_unit(rows: Sequence[Sequence[object]], row_index: int, index: int, kind: str,
                    convert: Callable[[str], str] | None) -> str:
    """The unit of a column whose header names none: its group header in the row above (投资(亿元) over 总投资
    and 2025年计划投资), else, for money, the sheet's 单位 line above the header."""
    above = rows[row_index - 1] if row_index > 0 else ()
    if index < len(above) and above[index] is not None and above[index] != rows[row_index][index]:
        unit = normalize_header(above[index], convert)[1]
        if unit and unit_is_known(kind, unit):
            return unit
    return sheet_unit(rows[:row_index]) if kind == "money" else ""


def _header_map(rows: Sequence[Sequence[object]], row_index: int, found: dict[int, _Match],
                specs: Sequence[ColumnSpec], sheet: str, convert: Callable[[str], str] | None) -> HeaderMap:
    cells = rows[row_index]
    errors: list[RowError] = []
    columns: dict[int, ColumnSpec] = {}
    units: dict[int, str] = {}
    inherited: dict[int, str] = {}
    years: dict[int, int] = {}
    undated: list[int] = []
    seen: dict[str, int] = {}
    excel_row = row_index + 1
    for index, (spec, unit, year) in sorted(found.items()):
        header = str(cells[index]).strip()
        if spec.field in seen:
            errors.append(RowError(sheet, excel_row, column_letter(index), header,
                                   f"与 {column_letter(seen[spec.field])} 列重复：同一字段只能有一列",
                                   f"duplicates column {column_letter(seen[spec.field])}: one column per field",
                                   spec.field))
            continue
        if unit and spec.kind in ("money", "area") and not unit_is_known(spec.kind, unit):
            errors.append(RowError(sheet, excel_row, column_letter(index), header, f"表头中的单位“{unit}”无法识别",
                                   f"unknown unit “{unit}” in the header", spec.field))
            continue
        seen[spec.field] = index
        columns[index] = spec
        if not unit and spec.kind in ("money", "area"):
            unit = _inherited_unit(rows, row_index, index, spec.kind, convert)
            if unit and unit != spec.unit:
                inherited[index] = unit
        if unit and spec.kind in ("money", "area"):
            units[index] = unit
        if spec.extra.get("per_year"):
            year = year if year is not None else title_year(rows[:row_index])
            if year is None:
                undated.append(index)
            else:
                years[index] = year
    for spec in specs:
        if spec.required and spec.field not in seen and not spec.export_only:
            errors.append(RowError(sheet, excel_row, None, spec.header, f"缺少必填列“{spec.header}”",
                                   f"required column “{spec.label_en or spec.header}” is missing", spec.field))
    headers = {i: str(cells[i]).strip() for i in columns}
    ignored = tuple(str(c).strip() for i, c in enumerate(cells)
                    if i not in found and c is not None and str(c).strip())
    return HeaderMap(row_index, columns, units, headers, ignored, tuple(errors), years, tuple(undated), inherited)


@dataclass
class ParsedRow:
    """One data row: its Excel row number, its values by field (None when empty), and whether every cell read."""

    row: int
    values: dict[str, object]
    cells: dict[str, str] = field(default_factory=dict)
    valid: bool = True
    #: The section headings above the row, outermost first (一、续建项目 → ("续建项目",)).
    sections: tuple[str, ...] = ()


@dataclass
class SheetLayout:
    """The rows of a sheet that are not records: section headings (row, level, title) and the total and
    subtotal rows skipped (row, label), so that a preview can say what was recognised and skipped."""

    sections: list[tuple[int, int, str]] = field(default_factory=list)
    totals: list[tuple[int, str]] = field(default_factory=list)


def _raw(cell: object) -> str:
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))  # the -2 that was typed, not the -2.0 a reader returns
    return "" if cell is None else str(cell)[:100]


def _is_blank(cells: Sequence[object]) -> bool:
    return all(c is None or (isinstance(c, str) and not c.strip()) for c in cells)


def validate_rows(
    rows: Iterable[Sequence[object]],
    header: HeaderMap,
    *,
    sheet: str = "",
    keys: Sequence[Sequence[str]] = (),
    rules: Sequence[RowRule] = (),
    convert: Callable[[str], str] | None = None,
    keep_invalid: bool = False,
    layout: SheetLayout | None = None,
) -> tuple[list[ParsedRow], list[RowError]]:
    """Read every data row after the header: each cell, the row rules, and duplicates of each key in the file.

    Parameters
    ----------
    rows : iterable of sequences
        The data rows, from the row after the header on (row numbers continue from the header's).
    header : HeaderMap
        From `locate_header`.
    sheet : str
        The sheet's name, for error messages.
    keys : sequence of field tuples
        Each must be unique within the file (the natural key, and for example an enterprise's name).
    rules : sequence of RowRule
        Cross-field checks (completion after start, completed ≤ total …).
    convert : callable, optional
        Traditional → simplified conversion of text.
    keep_invalid : bool
        Also return the rows with errors (``valid=False``, without their unreadable cells), so that a caller
        can check their other cells too.
    layout : SheetLayout, optional
        Filled with the section headings and the total rows found (they are never read as records).

    Returns
    -------
    (list of ParsedRow, list of RowError)
        The rows read without error (and the others if asked), and every error found. Blank rows, section
        headings (一、续建项目, whose titles each following row carries in ``sections``) and total rows (合计,
        小计) are skipped.

    Examples
    --------
    >>> specs = [ColumnSpec("code", "项目编码", required=True), ColumnSpec("total", "总投资", "money", unit="万元")]
    >>> found = locate_header([["项目编码", "总投资(亿元)"]], specs)
    >>> parsed, errors = validate_rows([["P1", 1.5], ["P2", "-3"], ["P1", 2], ["合计", 3.5]], found, keys=[("code",)])
    >>> [(p.row, p.values) for p in parsed]
    [(2, {'code': 'P1', 'total': Decimal('15000')})]
    >>> [e.as_line() for e in errors]  # doctest: +NORMALIZE_WHITESPACE
    ['!B3 总投资(亿元)：金额不能为负数（"-3"） / not an amount of money (write e.g. 1200, 1,200万元 or 3.5亿元)',
     '!A4 项目编码：与第 2 行重复（项目编码 = P1） / duplicates row 2 (项目编码 = P1)']
    """
    errors: list[RowError] = list(header.errors)
    parsed: list[ParsedRow] = []
    first_seen: list[dict[tuple[object, ...], int]] = [{} for _ in keys]
    columns = sorted(header.columns.items())
    plan = [(index, spec, header.units.get(index) or None) for index, spec in columns]
    by_field = {spec.field: index for index, spec in columns}
    layout = layout if layout is not None else SheetLayout()
    headings: list[tuple[int, str]] = []
    sections: tuple[str, ...] = ()
    for offset, cells in enumerate(rows):
        excel_row = header.row_index + 2 + offset
        if _is_blank(cells):
            continue
        if _may_be_label(cells):
            if (label := total_label(cells)) is not None:
                layout.totals.append((excel_row, label))
                continue
            if (heading := section_heading(cells)) is not None:
                headings = [h for h in headings if h[0] < heading.level] + [(heading.level, heading.title)]
                sections = tuple(title for _, title in headings)
                layout.sections.append((excel_row, heading.level, heading.title))
                continue
        values: dict[str, object] = {}
        row_errors: list[RowError] = []
        width = len(cells)
        for index, spec, unit in plan:
            cell = cells[index] if index < width else None
            try:
                values[spec.field] = coerce_cell(cell, spec, unit=unit, convert=convert)
            except CellError as exc:
                row_errors.append(RowError(sheet, excel_row, column_letter(index), header.headers[index],
                                           exc.message, exc.message_en, spec.field, _raw(cell)))
        raw = {spec.field: _raw(cells[index] if index < width else None) for index, spec, _ in plan} \
            if row_errors or rules else {}
        for rule in rules if not row_errors else ():
            for name, message, message_en in rule(values):
                at = by_field.get(name)
                row_errors.append(RowError(sheet, excel_row, column_letter(at) if at is not None else None,
                                           header.headers.get(at, "") if at is not None else "", message,
                                           message_en, name, raw.get(name, "")))
        row_errors += _duplicates(values, keys, first_seen, excel_row, sheet, header, by_field)
        if row_errors:
            errors += row_errors
        if not row_errors or keep_invalid:
            parsed.append(ParsedRow(excel_row, values, raw, valid=not row_errors, sections=sections))
    return parsed, errors


def _may_be_label(cells: Sequence[object]) -> bool:
    """Whether a row may be a heading or total row: a text cell among its first three (a cheap test first)."""
    return any(isinstance(c, str) for c in cells[:3])


def _duplicates(values: dict[str, object], keys: Sequence[Sequence[str]],
                first_seen: list[dict[tuple[object, ...], int]], excel_row: int, sheet: str, header: HeaderMap,
                by_field: dict[str, int]) -> list[RowError]:
    errors = []
    for key_fields, seen in zip(keys, first_seen, strict=True):
        if not key_fields or not all(f in by_field for f in key_fields):
            continue
        key = tuple(values.get(f) for f in key_fields)
        if any(v is None for v in key):
            continue
        if key in seen:
            index = by_field[key_fields[0]]
            shown = "，".join(f"{header.headers[by_field[f]]} = {values[f]}" for f in key_fields)
            errors.append(RowError(sheet, excel_row, column_letter(index), header.headers[index],
                                   f"与第 {seen[key]} 行重复（{shown}）", f"duplicates row {seen[key]} ({shown})",
                                   key_fields[0], str(values[key_fields[0]])))
        else:
            seen[key] = excel_row
    return errors
