"""The national reference table from a CSV or Excel file: parsed and checked row by row, nothing saved here.

Columns (Chinese or English headers): 年份 year, 行业代码 industry_code (GB/T 4754, ``C38`` or ``38``),
产值（万元） output_wan (any form `parse_money_wan` reads), 从业人员 employees (optional), 来源 source
(optional when the form gives one). Each year must hold one industry level, so that its total counts nothing
twice. All rows or none: every problem is reported with file, row and column.
"""


from django.utils.translation import gettext as _

from clusterdesk.common.importing.reader import TableDecodeError, WorkbookError, read_table
from clusterdesk.core.exceptions import CoreError
from clusterdesk.core.units import parse_money_wan
from clusterdesk.industry.selectors import industry_code_list

from .models import NationalReferenceFigure

__all__ = ["COLUMNS", "NationalImportError", "parse_national_file"]

COLUMNS = {
    "year": ("年份", "year"),
    "industry_code": ("行业代码", "industry_code"),
    "output_wan": ("产值（万元）", "产值(万元)", "output_wan"),
    "employees": ("从业人员", "employees"),
    "source": ("来源", "source"),
}
REQUIRED = ("year", "industry_code", "output_wan")


class NationalImportError(ValueError):
    """Rows that cannot be imported: ``problems`` lists ``(place, message)``."""

    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__("；".join(f"{p}: {m}" for p, m in self.problems))


def _rows(content: bytes, filename: str) -> list[dict]:
    try:
        return read_table(content, filename)
    except TableDecodeError:
        raise NationalImportError([(filename, _("The file is not UTF-8 text."))]) from None
    except WorkbookError as exc:
        raise NationalImportError([(filename, str(exc))]) from None


def _field(row: dict, name: str) -> str:
    for header in COLUMNS[name]:
        if header in row and row[header] is not None:
            return str(row[header]).strip()
    return ""


def _code(raw: str, numeric: dict[str, str], known: dict[str, object]) -> str | None:
    code = raw.strip().upper()
    if code in known:
        return code
    return numeric.get(code)


def parse_national_file(content: bytes, filename: str, *, source: str = "") -> list[NationalReferenceFigure]:
    """Parse and check every row; raises `NationalImportError` naming file, row and column of every problem."""
    rows = _rows(content, filename)
    if not rows:
        raise NationalImportError([(filename, _("The file has no rows."))])
    present = {h for row in rows[:1] for h in row}
    missing = [COLUMNS[c][0] for c in REQUIRED if not any(h in present for h in COLUMNS[c])]
    if missing:
        raise NationalImportError([(filename, _("Missing columns: %s") % "、".join(missing))])
    codes = {c.code: c for c in industry_code_list(exclude_levels=["section"])}
    numeric = {c.numeric_code: c.code for c in codes.values()}
    problems, figures, seen, level_of_year = [], [], set(), {}
    for number, row in enumerate(rows, start=2):
        def bad(column: str, message: str, number=number) -> None:
            problems.append((f"{filename} 第 {number} 行 {column}", message))

        try:
            year = int(float(_field(row, "year")))
            if not 1949 <= year <= 2100:
                raise ValueError
        except (ValueError, OverflowError):
            bad(COLUMNS["year"][0], _("Year is not valid."))
            year = 0
        code = _code(_field(row, "industry_code"), numeric, codes)
        if code is None:
            bad(COLUMNS["industry_code"][0], _("Unknown GB/T 4754 industry code %s.") % _field(row, "industry_code"))
        try:
            output = parse_money_wan(_field(row, "output_wan"))
            if output < 0:
                raise CoreError(_("must not be negative"))
        except CoreError as exc:
            bad(COLUMNS["output_wan"][0], str(exc))
            output = None
        employees = None
        if _field(row, "employees"):
            try:
                employees = int(float(_field(row, "employees").replace(",", "")))
                if employees < 0:
                    raise ValueError
            except (ValueError, OverflowError):
                bad(COLUMNS["employees"][0], _("Not a whole non-negative number."))
        row_source = _field(row, "source") or source
        if not row_source:
            bad(COLUMNS["source"][0], _("Give the source of the figures (in the file or on the form)."))
        if year and code:
            if (year, code) in seen:
                bad(COLUMNS["industry_code"][0], _("Industry %(code)s appears twice in %(year)s.")
                    % {"code": code, "year": year})
            seen.add((year, code))
            level = codes[code].level
            first = level_of_year.setdefault(year, level)
            if first != level:
                bad(COLUMNS["industry_code"][0], _("Each year must hold one industry level (divisions, groups or "
                                                   "classes): %s mixes them.") % year)
        if year and code and output is not None and not problems:
            figures.append(NationalReferenceFigure(year=year, industry=codes[code], output_wan=output,
                                                   employees=employees, source=row_source[:200]))
    if problems:
        raise NationalImportError(problems)
    return figures
