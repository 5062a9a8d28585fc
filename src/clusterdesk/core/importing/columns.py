"""Columns of an import sheet: what each holds, the headers it is known by, and how a cell is read.

A `ColumnSpec` is declarative: the field, its Chinese header and synonyms, its kind (text, money, date, choice,
credit code …), its unit, whether it is required, its choices and bounds. `coerce_cell` turns one cell as Excel
gives it (a string, a float, a date) into the stored value, or returns the error in Chinese and English.
"""

import dataclasses
import datetime
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from clusterdesk.core.codes.industry import normalize_industry_code
from clusterdesk.core.codes.region import validate_region_code
from clusterdesk.core.codes.uscc import validate_uscc
from clusterdesk.core.dates import parse_date
from clusterdesk.core.exceptions import CoreError
from clusterdesk.core.numerals import is_chinese_numeral, parse_chinese_numeral, to_half_width
from clusterdesk.core.units import AREA_UNITS_MU, MONEY_UNITS_WAN, parse_area_mu, parse_money_wan

__all__ = [
    "COLUMN_KINDS",
    "CellError",
    "ColumnSpec",
    "clean_text",
    "coerce_cell",
]

#: The kinds of column and what a cell of each becomes.
COLUMN_KINDS = ("text", "int", "decimal", "money", "area", "date", "bool", "choice", "uscc", "region_code",
                "industry_code", "ref")

_TRUE = frozenset({"是", "y", "yes", "true", "1", "√", "✓", "✔", "有", "对", "t"})
_FALSE = frozenset({"否", "n", "no", "false", "0", "×", "✗", "✘", "无", "不是", "f", ""})
# Full-width letters and digits fold to ASCII; full-width punctuation (the （） of company names) stays.
_FOLD = {**{0xFF10 + i: 0x30 + i for i in range(10)}, **{0xFF21 + i: 0x41 + i for i in range(26)},
         **{0xFF41 + i: 0x61 + i for i in range(26)}, 0x3000: 0x20, 0x00A0: 0x20}
_SPACES = re.compile(r"\s+")
_INVISIBLE = re.compile("[\u200b-\u200f\u2060\ufeff]")
_SPACE_BETWEEN_HAN = re.compile("(?<=[\u3400-\u9fff（）“”、，]) (?=[\u3400-\u9fff（）“”、，])")


class CellError(CoreError):
    """A cell could not be read: the message in Chinese and in English."""

    def __init__(self, message: str, message_en: str) -> None:
        super().__init__(message)
        self.message = message
        self.message_en = message_en


@dataclass(frozen=True)
class ColumnSpec:
    """One column of an import sheet.

    ``unit`` is the default unit of a money or area column (万元, 亩); a unit written in the header, as in
    ``总投资(亿元)``, replaces it for that file. ``choices`` are (stored value, Chinese label, English label).
    """

    field: str
    label: str
    kind: str = "text"
    label_en: str = ""
    synonyms: tuple[str, ...] = ()
    unit: str = ""
    required: bool = False
    choices: tuple[tuple[str, str, str], ...] = ()
    max_length: int | None = None
    min_value: Decimal | None = None
    max_value: Decimal | None = None
    note: str = ""
    example: str = ""
    export_only: bool = False
    extra: dict[str, object] = dataclasses.field(default_factory=dict, compare=False, hash=False)

    @property
    def header(self) -> str:
        """The header the template and exports write: the label, with the unit for money and area."""
        return f"{self.label}({self.unit})" if self.kind in ("money", "area") and self.unit else self.label


def clean_text(value: str, convert: Callable[[str], str] | None = None) -> str:
    """Trim, collapse runs of spaces, drop spaces between Chinese characters, fold full-width letters and digits,
    and convert the script if asked.

    Parameters
    ----------
    value : str
        The cell text.
    convert : callable, optional
        Traditional → simplified conversion.

    Returns
    -------
    str

    Examples
    --------
    >>> clean_text("  湖南　ＡＢＣ  科技（长沙） 有限 公司 ")
    '湖南 ABC 科技（长沙）有限公司'
    """
    text = _SPACE_BETWEEN_HAN.sub("", _SPACES.sub(" ", _INVISIBLE.sub("", value.translate(_FOLD))).strip())
    return convert(text) if convert is not None and text else text


def _as_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # calamine reads whole numbers as floats: 430100.0 is the code 430100
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat(sep=" ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def _number(value: object, spec: ColumnSpec) -> Decimal:
    if isinstance(value, float) and value.is_integer():
        return Decimal(int(value))  # a reader's 13.0 is the 13 that was typed
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return Decimal(str(value))
    text = re.sub(r"\s+", "", to_half_width(str(value))).replace(",", "")
    try:
        if is_chinese_numeral(text):
            return parse_chinese_numeral(text)
        return Decimal(text.rstrip("%"))
    except (InvalidOperation, CoreError):
        raise CellError(f'"{value}" 不是数字', f'"{value}" is not a number') from None


def _bounded(number: Decimal, spec: ColumnSpec) -> Decimal:
    if spec.min_value is not None and number < spec.min_value:
        raise CellError(f"不能小于 {spec.min_value}（实为 {number}）",
                        f"must be at least {spec.min_value} (is {number})")
    if spec.max_value is not None and number > spec.max_value:
        raise CellError(f"不能大于 {spec.max_value}（实为 {number}）",
                        f"must be at most {spec.max_value} (is {number})")
    return number


def _choice(text: str, spec: ColumnSpec) -> str:
    folded = text.casefold()
    for value, label, label_en in spec.choices:
        if folded in (value.casefold(), label.casefold(), label_en.casefold()):
            return value
    # Loosely: 市级重点项目 for 市重点项目, 在建项目 for 在建 — accepted only when exactly one choice fits.
    loose = _loose(text)
    fits = {value for value, label, _ in spec.choices
            if loose and loose in {_loose(value), _loose(label), *(_loose(p.strip()) for p in label.split("·"))}}
    if len(fits) == 1:
        return fits.pop()
    allowed = "、".join(label for _, label, _ in spec.choices)
    raise CellError(f'"{text}" 不是可选值，应为：{allowed}', f'"{text}" is not one of the allowed values: {allowed}')


def _loose(text: str) -> str:
    return re.sub("[级的]|项目$|阶段$", "", text.casefold())


def _parsed(parse: Callable[[], object], en: str) -> object:
    try:
        return parse()
    except CoreError as exc:
        raise CellError(str(exc), en) from None


def coerce_cell(value: object, spec: ColumnSpec, *, unit: str | None = None,
                convert: Callable[[str], str] | None = None) -> object:
    """Read one cell for a column; ``None`` for an empty cell.

    Parameters
    ----------
    value : object
        The cell as the reader gives it: str, int, float, bool, date or datetime, or None.
    spec : ColumnSpec
        The column.
    unit : str, optional
        The unit written in the file's header (``亿元`` in ``总投资(亿元)``); the column's unit otherwise.
    convert : callable, optional
        Traditional → simplified conversion for text.

    Returns
    -------
    object
        str, int, Decimal, date or bool, by the column's kind; None for an empty cell.

    Raises
    ------
    CellError
        If the cell cannot be read, is required and empty, or is out of bounds.

    Examples
    --------
    >>> money = ColumnSpec("total", "总投资", "money", unit="万元")
    >>> coerce_cell(1.2, money, unit="亿元"), coerce_cell("3500万元", money, unit="亿元")
    (Decimal('12000'), Decimal('3500'))
    >>> coerce_cell(45482.0, ColumnSpec("start", "开工日期", "date"))
    datetime.date(2024, 7, 9)
    >>> coerce_cell("否", ColumnSpec("green", "绿色通道", "bool"))
    False
    >>> coerce_cell(-5, money)
    Traceback (most recent call last):
    ...
    clusterdesk.core.importing.columns.CellError: 金额不能为负数（"-5"）
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        if spec.required:
            raise CellError("必填，不能为空", "is required")
        return None
    try:
        return _coerce_cached(value, spec, unit, convert)
    except TypeError:  # an unhashable value: read it without the cache
        return _coerce(value, spec, unit, convert)


def _coerce(value: object, spec: ColumnSpec, unit: str | None, convert: Callable[[str], str] | None) -> object:
    kind = spec.kind
    if kind in ("text", "ref"):
        text = clean_text(_as_text(value), convert)
        if spec.max_length is not None and len(text) > spec.max_length:
            raise CellError(f"过长：{len(text)} 个字符，最多 {spec.max_length} 个",
                            f"too long: {len(text)} characters, at most {spec.max_length}")
        return text
    if kind == "money":
        number = _parsed(lambda: parse_money_wan(_money_input(value), default_unit=unit or spec.unit or "万元"),
                         "not an amount of money (write e.g. 1200, 1,200万元 or 3.5亿元)")
        return _bounded(Decimal(str(number)), spec)
    if kind == "area":
        number = _parsed(lambda: parse_area_mu(_money_input(value), default_unit=unit or spec.unit or "亩"),
                         "not an area (write e.g. 120, 120亩, 8公顷)")
        return _bounded(Decimal(str(number)), spec)
    if kind == "date":
        return _parsed(lambda: parse_date(value), "not a date (write e.g. 2024-07-09, 2024/7/9 or 2024年7月9日)")
    if kind == "bool":
        flag = clean_text(_as_text(value)).casefold()
        if flag in _TRUE:
            return True
        if flag in _FALSE:
            return False
        raise CellError(f'"{value}" 应为 是 或 否', f'"{value}" should be 是 (yes) or 否 (no)')
    if kind == "choice":
        return _choice(clean_text(_as_text(value), convert), spec)
    if kind == "int":
        number = _bounded(_number(value, spec), spec)
        if number != number.to_integral_value():
            raise CellError(f'"{value}" 应为整数', f'"{value}" should be a whole number')
        return int(number)
    if kind == "decimal":
        return _bounded(_number(value, spec), spec)
    text = clean_text(_as_text(value))
    if kind == "uscc":
        return _parsed(lambda: validate_uscc(text), "not a valid unified social credit code (GB 32100)")
    if kind == "region_code":
        return _parsed(lambda: validate_region_code(text), "not a valid administrative-division code (GB/T 2260)")
    if kind == "industry_code":
        return _parsed(lambda: normalize_industry_code(text), "not a valid industry code (GB/T 4754-2017)")
    raise ValueError(f"unknown column kind {kind!r}")


# Sheets repeat values (park names, dates, labels): each distinct cell is read once. Results are immutable.
_coerce_cached = functools.lru_cache(maxsize=200_000)(_coerce)


def _money_input(value: object) -> str | int | float | Decimal:
    if isinstance(value, float) and value.is_integer():
        return int(value)  # messages quote -5, not the -5.0 a reader gives for a whole number
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        return value
    return _as_text(value)


def unit_is_known(kind: str, unit: str) -> bool:
    """Whether a unit written in a header is one the column's kind understands."""
    units = MONEY_UNITS_WAN if kind == "money" else AREA_UNITS_MU
    return unit.lower() in units
