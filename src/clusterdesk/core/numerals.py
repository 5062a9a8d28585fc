"""Text clean-up shared by the parsers: full-width characters and Chinese numerals.

People paste values from Word, WeChat and scanned documents, so digits arrive full-width (``１２００``),
separators as ``，．／－``, and numbers in Chinese (``二〇二四``, ``一千二百``, ``一点五``, ``叁仟伍佰``).
`to_half_width` folds the first kind, `parse_chinese_numeral` reads the second.
"""

import re
import unicodedata
from decimal import Decimal

from clusterdesk.core.exceptions import NumeralParseError

__all__ = [
    "CHINESE_NUMERAL_CHARS",
    "is_chinese_numeral",
    "parse_chinese_numeral",
    "to_half_width",
]

_DIGITS: dict[str, int] = {
    "〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
    "九": 9, "壹": 1, "贰": 2, "貳": 2, "叁": 3, "參": 3, "肆": 4, "伍": 5, "陆": 6, "陸": 6, "柒": 7, "捌": 8,
    "玖": 9,
}  # fmt: skip
_SMALL_UNITS: dict[str, int] = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_BIG_UNITS: dict[str, int] = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}
_POINTS = "点點"

#: Every character `parse_chinese_numeral` understands (digits, units and the decimal point).
CHINESE_NUMERAL_CHARS: frozenset[str] = (
    frozenset(_DIGITS) | frozenset(_SMALL_UNITS) | frozenset(_BIG_UNITS) | frozenset(_POINTS)
)

# Invisible characters that copy-paste drags along: zero-width space/joiners, BOM, soft hyphen.
_INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u2060\ufeff]")


def to_half_width(text: str) -> str:
    """Fold full-width and compatibility characters to their plain forms and drop invisible characters.

    Uses Unicode NFKC, so full-width digits, letters and punctuation become ASCII, the ideographic space
    becomes a space, and ``㎡`` / ``㎢`` / ``m²`` become ``m2`` / ``km2`` / ``m2``. Chinese characters are
    left alone.

    Parameters
    ----------
    text : str
        Any text.

    Returns
    -------
    str
        The folded text (not stripped).

    Examples
    --------
    >>> to_half_width("１２００万元")
    '1200万元'
    >>> to_half_width("９１３５\\u3000０１００")
    '9135 0100'
    >>> to_half_width("５００㎡")
    '500m2'
    """
    return _INVISIBLE.sub("", unicodedata.normalize("NFKC", text))


def is_chinese_numeral(text: str) -> bool:
    """Return True if `text` is non-empty and made only of Chinese numeral characters.

    Parameters
    ----------
    text : str
        Candidate text.

    Returns
    -------
    bool

    Examples
    --------
    >>> is_chinese_numeral("二〇二四"), is_chinese_numeral("一点二"), is_chinese_numeral("12"), is_chinese_numeral("")
    (True, True, False, False)
    """
    return bool(text) and all(ch in CHINESE_NUMERAL_CHARS for ch in text)


def _below_wan(text: str, original: str) -> int:
    """Read a positional number below 10000: 三千零五, 十五, 一百二 (colloquial 120)."""
    value = 0
    last_unit = 10**4
    pending: int | None = None
    after_zero = False
    for ch in text:
        if ch in _DIGITS:
            if pending is not None:
                raise NumeralParseError(f'中文数字格式不正确：两个数字之间缺少单位（"{original}"）')
            if _DIGITS[ch] == 0:
                after_zero = True
            else:
                pending = _DIGITS[ch]
            continue
        unit = _SMALL_UNITS[ch]
        if unit >= last_unit:
            raise NumeralParseError(f'中文数字格式不正确：单位“{ch}”的位置不对（"{original}"）')
        if pending is None and unit != 10:
            raise NumeralParseError(f'中文数字格式不正确：单位“{ch}”前缺少数字（"{original}"）')
        value += (pending or 1) * unit
        pending, last_unit, after_zero = None, unit, False
    if pending is not None:
        # 一千零五 is 1005 and 十五 is 15, but the colloquial 三千五 is 3500 and 一百二 is 120.
        value += pending * (last_unit // 10 if 10 < last_unit < 10**4 and not after_zero else 1)
    return value


def _below_big_unit(text: str, big_unit: int, original: str) -> int:
    """Read what follows a 万 or 亿: a lone digit is the colloquial next unit (两万三 = 23000)."""
    if len(text) == 1 and _DIGITS.get(text, 0) != 0:
        return _DIGITS[text] * big_unit // 10
    return _integer_part(text, original, below=big_unit)


def _integer_part(text: str, original: str, below: int = 0) -> int:
    """Read the part before 点: a digit string (二〇二四) or a positional number (一万二千零五)."""
    if not below and len(text) > 1 and all(ch in _DIGITS for ch in text):
        return int("".join(str(_DIGITS[ch]) for ch in text))
    for big_char, big_unit in (("亿", 10**8), ("万", 10**4)):
        head, found, tail = text.rpartition(big_char)
        if not found:
            continue
        if not head or (below and big_unit >= below):
            raise NumeralParseError(f'中文数字格式不正确：单位“{big_char}”的位置不对（"{original}"）')
        return _integer_part(head, original, below=big_unit) * big_unit + _below_big_unit(tail, big_unit, original)
    return _below_wan(text, original)


def parse_chinese_numeral(text: str) -> Decimal:
    """Read a number written in Chinese numerals.

    Three shapes are understood:

    * digit strings, read digit by digit, as in years: ``二〇二四`` → 2024;
    * positional numbers with 十百千万亿 (and the financial forms 拾佰仟, 壹贰叁…): ``一千二百零五`` → 1205,
      including the colloquial dropped last unit, ``三千五`` → 3500, ``两万三`` → 23000;
    * decimals with 点, optionally followed by 万 or 亿: ``一点二五`` → 1.25, ``一点二亿`` → 120000000.

    Parameters
    ----------
    text : str
        The numeral, without surrounding text (surrounding whitespace is ignored).

    Returns
    -------
    Decimal
        The value, exact.

    Raises
    ------
    NumeralParseError
        If `text` is empty, contains other characters, or is not a well-formed numeral (``十十``, ``二三千``).

    Examples
    --------
    >>> parse_chinese_numeral("二〇二四")
    Decimal('2024')
    >>> parse_chinese_numeral("二十九")
    Decimal('29')
    >>> parse_chinese_numeral("三千五百万")
    Decimal('35000000')
    >>> parse_chinese_numeral("一点二亿")
    Decimal('120000000.0')
    >>> parse_chinese_numeral("叁仟伍佰")
    Decimal('3500')
    """
    stripped = text.strip()
    if not is_chinese_numeral(stripped):
        raise NumeralParseError(f'不是中文数字："{text}"')
    stripped = stripped.replace("萬", "万").replace("億", "亿").replace("點", "点")
    head, point, tail = stripped.partition("点")
    if not point:
        return Decimal(_integer_part(head, text))
    multiplier = 1
    while tail and tail[-1] in _BIG_UNITS:
        multiplier *= _BIG_UNITS[tail[-1]]
        tail = tail[:-1]
    if not head or not tail or not all(ch in _DIGITS for ch in tail) or any(ch in _BIG_UNITS for ch in head):
        raise NumeralParseError(f'中文数字格式不正确：小数写法有误（"{text}"）')
    fraction = Decimal("0." + "".join(str(_DIGITS[ch]) for ch in tail))
    return (Decimal(_integer_part(head, text)) + fraction) * multiplier
