"""Dates in every form people type into government spreadsheets.

`parse_date` reads ``2024-07-09``, ``2024/7/9``, ``2024.7.9``, ``2024年7月9日`` (or 号), ``20240709``,
``二〇二四年七月九日``, full-width digits, a trailing time (``2024-07-09 08:30:00``), month-precision forms
(``2024-7``, ``2024.7``, ``2024/07``, ``2024年7月``, ``202407``) which mean the first day of that month, year
forms (``2024``, ``2024年``, ``2024年度``) which mean 1 January, Excel serial numbers (``45482``, ``45482.0``),
and `datetime.date` / `datetime.datetime` objects. `parse_date_precision` also says which of day, month or
year the value gave, so that "2024.7" can be shown back as July 2024.

Rules for bare numbers (as text or as numbers), which Excel cells often hold:

* 8 digits are ``yyyymmdd``; 6 digits starting with a year 1900–2100 are ``yyyymm``; 4 digits are a year;
* a 4-digit whole part with one or two decimals is ``yyyy.m``: ``2024.7`` is July 2024 and ``2024.12`` is
  December. Beware that Excel stores a typed ``2024.10`` as the number 2024.1, which reads as January;
* any other number from 1 to 2958465 is an Excel serial date (1900 date system): 1 is 1900-01-01, 60 is
  Excel's non-existent 1900-02-29 and is rejected, later serials count from 1899-12-30; a fraction (the time
  of day) is dropped.

Day-first and month-first orders (``7/9/2024``) and two-digit years (``24-7-9``) are rejected with a message
rather than guessed.
"""

import datetime
import enum
import re
from decimal import Decimal

from clusterdesk.core.exceptions import DateParseError, NumeralParseError
from clusterdesk.core.numerals import parse_chinese_numeral, to_half_width

__all__ = [
    "EXCEL_SERIAL_MAX",
    "DatePrecision",
    "excel_serial_to_date",
    "parse_date",
    "parse_date_precision",
    "parse_period",
    "period_end",
]

#: The largest Excel serial date, 9999-12-31.
EXCEL_SERIAL_MAX = 2958465
_EXCEL_FAKE_LEAP_DAY = 60
_PLAUSIBLE_YEARS = range(1900, 2101)
_HINT = "可写作 2024-07-09、2024/7/9、2024年7月9日、2024.7 或 2024"


class DatePrecision(enum.StrEnum):
    """How much of a date the input gave."""

    DAY = "day"
    MONTH = "month"
    YEAR = "year"


_DAY_PATTERNS = (
    re.compile(r"(?P<y>[0-9]{4})(?P<sep>[-/.])(?P<m>[0-9]{1,2})(?P=sep)(?P<d>[0-9]{1,2})"),
    re.compile(r"(?P<y>[0-9]{4})年(?P<m>[0-9]{1,2})月(?P<d>[0-9]{1,2})[日号]?"),
)
_MONTH_PATTERNS = (
    re.compile(r"(?P<y>[0-9]{4})[-/.](?P<m>[0-9]{1,2})"),
    re.compile(r"(?P<y>[0-9]{4})年(?P<m>[0-9]{1,2})月份?"),
)
_YEAR_PATTERN = re.compile(r"(?P<y>[0-9]{4})(?:年度?)?")
_YYYYMM = re.compile(r"(?P<y>[0-9]{4})(?P<m>[0-9]{2})")
_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?")
_FOREIGN_ORDER = re.compile(r"[0-9]{1,2}([-/.])[0-9]{1,2}\1[0-9]{4}")
_SHORT_YEAR = re.compile(r"[0-9]{2}([-/.])[0-9]{1,2}\1[0-9]{1,2}")
_TIME = re.compile(
    r"(?:[Tt]|\s+|(?<=[日号]))[0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?(?:Z|[+-][0-9]{2}:?[0-9]{2})?$"
)
_CHINESE_RUN = re.compile("[〇零一二三四五六七八九十两壹贰叁肆伍陆柒捌玖拾]+")
_AROUND_SEPARATORS = re.compile(r"\s*([年月日号/.\-])\s*")


def excel_serial_to_date(serial: int | float | Decimal) -> datetime.date:
    """Convert an Excel serial date (1900 date system) to a date.

    Parameters
    ----------
    serial : int, float or Decimal
        1 to `EXCEL_SERIAL_MAX`; a fractional part (the time of day) is dropped.

    Returns
    -------
    datetime.date

    Raises
    ------
    DateParseError
        If `serial` is out of range, not finite, or 60 (Excel's 1900-02-29, which never existed).

    Examples
    --------
    >>> excel_serial_to_date(45482), excel_serial_to_date(1), excel_serial_to_date(61)
    (datetime.date(2024, 7, 9), datetime.date(1900, 1, 1), datetime.date(1900, 3, 1))
    """
    if isinstance(serial, bool) or not isinstance(serial, (int, float, Decimal)):
        raise DateParseError(f'Excel 日期序列号应为数字，实为 "{serial!r}"')
    number = Decimal(str(serial)) if isinstance(serial, float) else Decimal(serial)
    if not number.is_finite() or not 1 <= number < EXCEL_SERIAL_MAX + 1:
        raise DateParseError(f'Excel 日期序列号 "{serial}" 超出范围，应在 1 到 {EXCEL_SERIAL_MAX} 之间')
    days = int(number)
    if days == _EXCEL_FAKE_LEAP_DAY:
        raise DateParseError(f'Excel 日期序列号 "{serial}" 对应不存在的 1900-02-29')
    if days < _EXCEL_FAKE_LEAP_DAY:
        return datetime.date(1899, 12, 31) + datetime.timedelta(days=days)
    return datetime.date(1899, 12, 30) + datetime.timedelta(days=days)


def _make(year: str, month: str, day: str, raw: object) -> datetime.date:
    y, m, d = int(year), int(month), int(day)
    if not 1 <= m <= 12:
        raise DateParseError(f'日期的月份 {m} 无效，应为 1–12（"{raw}"）')
    try:
        return datetime.date(y, m, d)
    except ValueError:
        if y < 1:
            raise DateParseError(f'日期的年份 {y} 无效（"{raw}"）') from None
        raise DateParseError(f'日期不存在：{y} 年 {m} 月没有 {d} 日（"{raw}"）') from None


def _clean(raw: str) -> str:
    text = to_half_width(raw).strip().replace("元月", "1月")
    try:
        text = _CHINESE_RUN.sub(lambda run: str(int(parse_chinese_numeral(run[0]))), text)
    except NumeralParseError as exc:
        raise DateParseError(f'无法识别的日期："{raw}"（{exc}）') from None
    text = _AROUND_SEPARATORS.sub(r"\1", text)
    return _TIME.sub("", text).strip()


def _parse_number(text: str, raw: object) -> tuple[datetime.date, DatePrecision]:
    """A bare number that no pattern took: yyyymmdd, yyyymm, or an Excel serial."""
    whole, _, fraction = text.partition(".")
    if not fraction.strip("0"):
        if len(whole) == 8:
            return _make(whole[:4], whole[4:6], whole[6:], raw), DatePrecision.DAY
        yyyymm = _YYYYMM.fullmatch(whole)
        if yyyymm and int(yyyymm["y"]) in _PLAUSIBLE_YEARS:
            return _make(yyyymm["y"], yyyymm["m"], "1", raw), DatePrecision.MONTH
    if len(whole) == 4:  # 2024.123: neither a month nor a plausible serial
        raise DateParseError(f'无法识别的日期："{raw}"（{_HINT}）')
    try:
        return excel_serial_to_date(Decimal(text)), DatePrecision.DAY
    except DateParseError as exc:
        raise DateParseError(f'无法识别的日期："{raw}"（当作 Excel 日期序列号时：{exc}）') from None


def _parse_text(text: str, raw: object) -> tuple[datetime.date, DatePrecision]:
    if not text:
        raise DateParseError("日期为空")
    for pattern in _DAY_PATTERNS:
        match = pattern.fullmatch(text)
        if match:
            return _make(match["y"], match["m"], match["d"], raw), DatePrecision.DAY
    for pattern in _MONTH_PATTERNS:
        match = pattern.fullmatch(text)
        if match:
            return _make(match["y"], match["m"], "1", raw), DatePrecision.MONTH
    match = _YEAR_PATTERN.fullmatch(text)
    if match:
        return _make(match["y"], "1", "1", raw), DatePrecision.YEAR
    if _NUMBER.fullmatch(text):
        return _parse_number(text, raw)
    if _FOREIGN_ORDER.fullmatch(text):
        raise DateParseError(f'日期 "{raw}" 的年份写在最后，无法判断日和月的顺序，请按 年-月-日 填写，如 2024-07-09')
    if _SHORT_YEAR.fullmatch(text):
        raise DateParseError(f'日期 "{raw}" 的年份只有 2 位，请写完整的 4 位年份，如 2024-07-09')
    raise DateParseError(f'无法识别的日期："{raw}"（{_HINT}）')


def parse_date_precision(value: object) -> tuple[datetime.date, DatePrecision]:
    """Read a date and say whether the input gave a day, a month or only a year.

    Parameters
    ----------
    value : object
        A `datetime.date` or `datetime.datetime`, a string, or a number (see the module notes for how
        numbers are read).

    Returns
    -------
    (datetime.date, DatePrecision)
        The date (the 1st of the month, or 1 January, for coarser inputs) and its precision.

    Raises
    ------
    DateParseError
        If the value is empty, of another type, in no known form, or names a date that does not exist.

    Examples
    --------
    >>> parse_date_precision("2024.7")
    (datetime.date(2024, 7, 1), <DatePrecision.MONTH: 'month'>)
    >>> parse_date_precision("2024年")
    (datetime.date(2024, 1, 1), <DatePrecision.YEAR: 'year'>)
    >>> parse_date_precision(45482.0)
    (datetime.date(2024, 7, 9), <DatePrecision.DAY: 'day'>)
    """
    if isinstance(value, datetime.datetime):
        return value.date(), DatePrecision.DAY
    if isinstance(value, datetime.date):
        return value, DatePrecision.DAY
    if isinstance(value, str):
        return _parse_text(_clean(value), value)
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        number = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
        if not number.is_finite() or number < 0:
            raise DateParseError(f'无法识别的日期："{value}"')
        text = str(int(number)) if number == number.to_integral_value() else format(number, "f")
        return _parse_text(text, value)
    if value is None:
        raise DateParseError("日期为空")
    raise DateParseError(f"无法识别的日期：类型 {type(value).__name__} 不是日期、文字或数字（{value!r}）")


def parse_date(value: object) -> datetime.date:
    """Read a date in any of the forms listed in the module notes.

    Parameters
    ----------
    value : object
        A `datetime.date` or `datetime.datetime` (its date is taken), a string, or a number.

    Returns
    -------
    datetime.date
        Month- and year-precision inputs give the first day of the month or year.

    Raises
    ------
    DateParseError
        If the value is empty, of another type, in no known form, or names a date that does not exist.

    Examples
    --------
    >>> parse_date("2024年7月9号"), parse_date("二〇二四年七月九日"), parse_date("２０２４/7/9")
    (datetime.date(2024, 7, 9), datetime.date(2024, 7, 9), datetime.date(2024, 7, 9))
    >>> parse_date("20240709"), parse_date("45482"), parse_date("2024-07-09 08:30:00")
    (datetime.date(2024, 7, 9), datetime.date(2024, 7, 9), datetime.date(2024, 7, 9))
    >>> parse_date("2024-02-30")
    Traceback (most recent call last):
    ...
    clusterdesk.core.exceptions.DateParseError: 日期不存在：2024 年 2 月没有 30 日（"2024-02-30"）
    """
    return parse_date_precision(value)[0]


_PERIOD = re.compile(r"^(?P<a>.+?)\s*(?:—+|–|~|～|至|到|-)\s*(?P<b>(?:19|20)[0-9]{2}.*)$")


def period_end(start: datetime.date, precision: DatePrecision) -> datetime.date:
    """The last day of the month or year a coarse date stands for (the day itself for a day).

    Parameters
    ----------
    start : datetime.date
        The first day of the month or year, as `parse_date_precision` gives it.
    precision : DatePrecision
        What the date stands for.

    Returns
    -------
    datetime.date

    Examples
    --------
    >>> year, month = DatePrecision.YEAR, DatePrecision.MONTH
    >>> period_end(datetime.date(2026, 1, 1), year), period_end(datetime.date(2024, 2, 1), month)
    (datetime.date(2026, 12, 31), datetime.date(2024, 2, 29))
    """
    if precision == DatePrecision.YEAR:
        return start.replace(month=12, day=31)
    if precision == DatePrecision.MONTH:
        following = start.replace(year=start.year + start.month // 12, month=start.month % 12 + 1, day=1)
        return following - datetime.timedelta(days=1)
    return start


def parse_period(value: object) -> tuple[tuple[datetime.date, DatePrecision], tuple[datetime.date, DatePrecision]]:
    """Read a construction period (建设起止年限) as its start and its end, each with its precision.

    Parameters
    ----------
    value : object
        ``2024-2026``, ``2024—2026年``, ``2024.3-2026.12``, ``2024年3月至2026年12月``; a single year or month
        stands for both ends.

    Returns
    -------
    ((datetime.date, DatePrecision), (datetime.date, DatePrecision))
        The start and the end as `parse_date_precision` reads them (the first day of a month or year).

    Raises
    ------
    DateParseError
        If either end is not a date, or the period ends before it starts.

    Examples
    --------
    >>> [(d.isoformat(), p.value) for d, p in parse_period("2024—2026年")]
    [('2024-01-01', 'year'), ('2026-01-01', 'year')]
    >>> [(d.isoformat(), p.value) for d, p in parse_period("2024.3-2026.12")]
    [('2024-03-01', 'month'), ('2026-12-01', 'month')]
    >>> parse_period("2026-2024")
    Traceback (most recent call last):
    ...
    clusterdesk.core.exceptions.DateParseError: 建设期限的结束早于开始（"2026-2024"）
    """
    text = _clean(str(int(value)) if isinstance(value, float) and value.is_integer() else str(value))
    match = _PERIOD.match(text)
    if match is None:
        single = parse_date_precision(text)
        return single, single
    start, end = parse_date_precision(match["a"]), parse_date_precision(match["b"])
    if period_end(*end) < start[0]:
        raise DateParseError(f'建设期限的结束早于开始（"{value}"）')
    return start, end
