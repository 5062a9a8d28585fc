"""Money in 万元 and land in 亩: reading what people type, and writing it back.

The system stores money as a `Decimal` number of 万元 (10,000 yuan) and land as a `Decimal` number of 亩.
The parsers accept the units people actually write (``1,200万元``, ``3.5亿``, ``12000000元``, ``1.2 億元``,
``１２００万元``, ``三千五百万``; ``50公顷``, ``2.3平方公里``, ``8000㎡``) and convert exactly, with
`Decimal` arithmetic only (a float is read through ``str()``, so ``0.1`` stays ``0.1``).

Rounding: money is rounded half-up to 4 decimal places of 万元, which is one yuan; land to 2 decimal places
of 亩 (about 1.3 m²). Trailing zeros are then dropped, so ``Decimal('1200')`` rather than ``1200.0000``.
Conversions: 1 亿 = 10,000 万; 1 公顷 = 15 亩; 1 平方公里 = 1,500 亩; 1 亩 = 2000/3 平方米.
"""

import dataclasses
import re
from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from types import MappingProxyType

from clusterdesk.core.exceptions import NumeralParseError, UnitParseError
from clusterdesk.core.numerals import CHINESE_NUMERAL_CHARS, is_chinese_numeral, parse_chinese_numeral, to_half_width

__all__ = [
    "AREA_UNITS_MU",
    "MONEY_UNITS_WAN",
    "format_area_mu",
    "format_money_wan",
    "parse_area_mu",
    "parse_money_wan",
]

#: Money units → how many 万元 one of them is.
MONEY_UNITS_WAN: Mapping[str, Decimal] = MappingProxyType(
    {
        "元": Decimal("0.0001"),
        "圆": Decimal("0.0001"),
        "千元": Decimal("0.1"),
        "万元": Decimal(1),
        "万": Decimal(1),
        "萬元": Decimal(1),
        "萬": Decimal(1),
        "百万元": Decimal(100),
        "百万": Decimal(100),
        "千万元": Decimal(1000),
        "千万": Decimal(1000),
        "亿元": Decimal(10**4),
        "亿": Decimal(10**4),
        "億元": Decimal(10**4),
        "億": Decimal(10**4),
        "万亿元": Decimal(10**8),
        "万亿": Decimal(10**8),
    }  # fmt: skip
)

#: Area units → how many 亩 one of them is (keys in lower case, after full-width folding: ㎡ → m2).
AREA_UNITS_MU: Mapping[str, Decimal] = MappingProxyType(
    {
        "亩": Decimal(1),
        "畝": Decimal(1),
        "mu": Decimal(1),
        "万亩": Decimal(10**4),
        "公顷": Decimal(15),
        "公頃": Decimal(15),
        "ha": Decimal(15),
        "hm2": Decimal(15),
        "平方公里": Decimal(1500),
        "平方千米": Decimal(1500),
        "km2": Decimal(1500),
        "平方米": Decimal("0.0015"),
        "平米": Decimal("0.0015"),
        "m2": Decimal("0.0015"),
        "万平方米": Decimal(15),
        "万平米": Decimal(15),
        "万m2": Decimal(15),
    }  # fmt: skip
)

_CURRENCY_MARKS = re.compile(r"^(?:人民币|rmb|cny|¥)|(?:人民币|rmb|cny)$")
_ARABIC = re.compile(r"[+-]?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)?(?:\.[0-9]+)?")
_LIMIT = Decimal(10) ** 18


def _plain(value: Decimal) -> Decimal:
    """Drop trailing zeros without switching to exponent notation (1200.0000 → 1200, not 1.2E+3)."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1)) + 0  # + 0 also turns -0 into 0
    return value.normalize()


def _arabic(text: str) -> Decimal | None:
    if _ARABIC.fullmatch(text) and any(ch.isdigit() for ch in text):
        return Decimal(text.replace(",", ""))
    return None


def _split(text: str, units: Mapping[str, Decimal], numeral_big_unit: str | None) -> tuple[Decimal, str | None]:
    """Split cleaned text into (number, unit or None); the number is written in Arabic or Chinese numerals."""
    candidates = sorted((unit for unit in units if text.endswith(unit)), key=len, reverse=True)
    for unit in candidates:
        number = _arabic(text[: -len(unit)])
        if number is not None:
            return number, unit
    number = _arabic(text)
    if number is not None:
        return number, None
    # In Chinese numerals 十百千万亿 belong to the number: 三千五百万元 is 35,000,000 × 元, never 三千五 × 百万元.
    for unit in candidates:
        if unit[0] not in CHINESE_NUMERAL_CHARS and is_chinese_numeral(text[: -len(unit)]):
            return parse_chinese_numeral(text[: -len(unit)]), unit
    number = parse_chinese_numeral(text)
    if numeral_big_unit is not None and any(ch in "万萬亿億" for ch in text):
        return number, numeral_big_unit  # 三千五百万 (money) is 35,000,000 yuan
    return number, None


def _number(value: object, what: str) -> Decimal | str:
    """A number passed as a number becomes a Decimal; text is folded and returned for parsing."""
    if isinstance(value, bool) or not isinstance(value, (str, int, float, Decimal)):
        raise UnitParseError(f"{what}应为数字或文字，实为 {type(value).__name__}（{value!r}）")
    if isinstance(value, str):
        return re.sub(r"\s+", "", to_half_width(value))
    number = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    if not number.is_finite():
        raise UnitParseError(f'{what}不是有限的数字（"{value}"）')
    return number


def _finish(amount: Decimal, places: Decimal, what: str, original: object) -> Decimal:
    if amount < 0:
        raise UnitParseError(f'{what}不能为负数（"{original}"）')
    if amount >= _LIMIT:
        raise UnitParseError(f'{what}数值过大（"{original}"）')
    return _plain(amount.quantize(places, rounding=ROUND_HALF_UP))


@dataclasses.dataclass(frozen=True)
class _Quantity:
    """What differs between reading money and reading land."""

    units: Mapping[str, Decimal]
    what: str
    places: Decimal
    example: str
    numeral_big_unit: str | None  # the unit implied by 万/亿 inside a Chinese numeral with no unit written
    strip: re.Pattern[str] | None  # currency marks to drop before parsing


_MONEY = _Quantity(MONEY_UNITS_WAN, "金额", Decimal("0.0001"), "1,200万元、3.5亿元", "元", _CURRENCY_MARKS)
_AREA = _Quantity(AREA_UNITS_MU, "面积", Decimal("0.01"), "120亩、8公顷、2.5平方公里", None, None)


def _parse(value: object, quantity: _Quantity, default_unit: str) -> Decimal:
    units, what = quantity.units, quantity.what
    if default_unit not in units:
        raise UnitParseError(f'不支持的默认单位 "{default_unit}"，可用：{"、".join(units)}')
    cleaned = _number(value, what)
    if isinstance(cleaned, Decimal):
        return _finish(cleaned * units[default_unit], quantity.places, what, value)
    text = cleaned.lower() if quantity.strip is None else quantity.strip.sub("", cleaned.lower())
    if not text:
        raise UnitParseError(f"{what}为空")
    try:
        number, unit = _split(text, units, quantity.numeral_big_unit)
    except (NumeralParseError, InvalidOperation) as exc:
        raise UnitParseError(f'无法识别的{what}："{value}"（可写作数字加单位，如 {quantity.example}）') from exc
    return _finish(number * units[unit or default_unit], quantity.places, what, value)


def parse_money_wan(value: str | int | float | Decimal, *, default_unit: str = "万元") -> Decimal:
    """Read an amount of money and return it in 万元.

    Parameters
    ----------
    value : str, int, float or Decimal
        Text such as ``"1,200万元"``, ``"3.5亿"``, ``"12000000元"``, ``"1.2 億元"``, ``"１２００万元"``,
        ``"三千五百万"``, ``"一点二亿"``, ``"人民币500万元"``; or a number, read in `default_unit`. Thousands
        separators must group by three digits.
    default_unit : str
        The unit of a bare number, one of `MONEY_UNITS_WAN` (``"万元"``, ``"元"``, ``"亿元"`` …).

    Returns
    -------
    Decimal
        万元, rounded half-up to 4 decimal places (1 yuan), trailing zeros dropped.

    Raises
    ------
    UnitParseError
        If the text is empty, not a number with a known unit, negative, or the default unit is unknown.

    Examples
    --------
    >>> parse_money_wan("1,200万元"), parse_money_wan("3.5亿"), parse_money_wan("12000000元")
    (Decimal('1200'), Decimal('35000'), Decimal('1200'))
    >>> parse_money_wan("１２００万元"), parse_money_wan("一点二亿"), parse_money_wan(800)
    (Decimal('1200'), Decimal('12000'), Decimal('800'))
    >>> parse_money_wan("12345.678", default_unit="元")
    Decimal('1.2346')
    >>> parse_money_wan("-5万")
    Traceback (most recent call last):
    ...
    clusterdesk.core.exceptions.UnitParseError: 金额不能为负数（"-5万"）
    """
    return _parse(value, _MONEY, default_unit)


def parse_area_mu(value: str | int | float | Decimal, *, default_unit: str = "亩") -> Decimal:
    """Read a land area and return it in 亩.

    Parameters
    ----------
    value : str, int, float or Decimal
        Text such as ``"120亩"``, ``"3.2万亩"``, ``"50公顷"``, ``"50 ha"``, ``"2.3平方公里"``, ``"1.5km²"``,
        ``"8000平方米"``, ``"8000㎡"``, ``"三百亩"``; or a number, read in `default_unit`.
    default_unit : str
        The unit of a bare number, one of `AREA_UNITS_MU` (``"亩"``, ``"公顷"``, ``"平方米"`` …).

    Returns
    -------
    Decimal
        亩, rounded half-up to 2 decimal places, trailing zeros dropped.

    Raises
    ------
    UnitParseError
        If the text is empty, not a number with a known unit, negative, or the default unit is unknown.

    Examples
    --------
    >>> parse_area_mu("50公顷"), parse_area_mu("2.3平方公里"), parse_area_mu("8000㎡"), parse_area_mu("三百亩")
    (Decimal('750'), Decimal('3450'), Decimal('12'), Decimal('300'))
    >>> parse_area_mu(1000, default_unit="平方米")
    Decimal('1.5')
    """
    return _parse(value, _AREA, default_unit)


def _displayable(value: Decimal, what: str) -> Decimal:
    value = Decimal(value)
    if not value.is_finite():
        raise UnitParseError(f'{what}不是有限的数字（"{value}"）')
    if abs(value) >= _LIMIT:
        raise UnitParseError(f'{what}数值过大（"{value}"）')
    return value


def _group(amount: Decimal, max_places: int) -> str:
    if max_places < 0:
        raise UnitParseError(f"小数位数不能为负数（{max_places}）")
    rounded = _plain(amount.quantize(Decimal(1).scaleb(-max_places), rounding=ROUND_HALF_UP))
    return f"{rounded:,f}"


def format_money_wan(wan: Decimal, *, unit: str = "auto", max_places: int | None = None) -> str:
    """Write an amount of 万元 for people, with thousands separators and its unit.

    Parameters
    ----------
    wan : Decimal
        The amount in 万元 (negative amounts, such as differences, are written with a minus sign).
    unit : str
        ``"auto"`` (亿元 from 10,000 万元 up, otherwise 万元), ``"万元"``, ``"亿元"`` or ``"元"``.
    max_places : int, optional
        Most decimal places to show; default 4 for 万元 and 亿元 (1 yuan and 1 万元), 0 for 元. Rounded
        half-up, trailing zeros dropped.

    Returns
    -------
    str

    Raises
    ------
    UnitParseError
        If `unit` is unknown, `max_places` negative, or `wan` not a finite number below 10¹⁸.

    Examples
    --------
    >>> format_money_wan(Decimal("3500")), format_money_wan(Decimal("12500")), format_money_wan(Decimal("0.5"))
    ('3,500万元', '1.25亿元', '0.5万元')
    >>> format_money_wan(Decimal("1200"), unit="元"), format_money_wan(Decimal("123456"), max_places=1)
    ('12,000,000元', '12.3亿元')
    """
    wan = _displayable(wan, "金额")
    if unit == "auto":
        unit = "亿元" if abs(wan.quantize(_MONEY.places, rounding=ROUND_HALF_UP)) >= 10**4 else "万元"
    shift = {"元": 4, "万元": 0, "亿元": -4}.get(unit)
    if shift is None:
        raise UnitParseError(f'不支持的金额单位 "{unit}"，可用：auto、万元、亿元、元')
    places = max_places if max_places is not None else (0 if unit == "元" else 4)
    return _group(wan.scaleb(shift), places) + unit


def format_area_mu(mu: Decimal, *, max_places: int = 2) -> str:
    """Write an area of 亩 for people, with thousands separators.

    Parameters
    ----------
    mu : Decimal
        The area in 亩.
    max_places : int
        Most decimal places to show (default 2), rounded half-up, trailing zeros dropped.

    Returns
    -------
    str

    Raises
    ------
    UnitParseError
        If `mu` is not a finite number below 10¹⁸ or `max_places` is negative.

    Examples
    --------
    >>> format_area_mu(Decimal("1234.50")), format_area_mu(Decimal("0.125")), format_area_mu(Decimal("30000"))
    ('1,234.5亩', '0.13亩', '30,000亩')
    """
    return _group(_displayable(mu, "面积"), max_places) + "亩"
