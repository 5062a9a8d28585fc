"""Full-width folding and Chinese numerals."""

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clusterdesk.core.exceptions import CoreError, NumeralParseError
from clusterdesk.core.numerals import is_chinese_numeral, parse_chinese_numeral, to_half_width

DETERMINISTIC = settings(derandomize=True, max_examples=500, deadline=None)
DIGITS = "零一二三四五六七八九"


def _group(value: int, padded: bool) -> str:
    """Write 1–9999 in Chinese; `padded` when a higher group precedes it (so 5 becomes 零五)."""
    out: list[str] = []
    zero_pending = False
    for unit_value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = value // unit_value % 10
        if digit == 0:
            zero_pending = zero_pending or bool(out) or padded
            continue
        if zero_pending:
            out.append("零")
        zero_pending = False
        out.append(DIGITS[digit] + unit)
    return "".join(out)


def to_chinese(number: int) -> str:
    """Reference writer for integers below 10¹², the way a careful clerk writes them."""
    if number == 0:
        return "零"
    parts: list[str] = []
    for value, unit in ((number // 10**8, "亿"), (number // 10**4 % 10**4, "万"), (number % 10**4, "")):
        if value:
            parts.append(_group(value, padded=bool(parts)) + unit)
    return "".join(parts)


def test_to_half_width_folds_digits_letters_punctuation_and_units():
    assert to_half_width("ＡＢＣ１２３，．／－") == "ABC123,./-"
    assert to_half_width("５㎡ ３㎢") == "5m2 3km2"
    assert to_half_width("\u3000") == " "


def test_to_half_width_drops_invisible_characters_and_keeps_chinese():
    assert to_half_width("12\u200b3\ufeff万\u00ad元") == "123万元"


def test_is_chinese_numeral():
    assert is_chinese_numeral("一千二百零五")
    assert is_chinese_numeral("叁仟")
    assert not is_chinese_numeral("")
    assert not is_chinese_numeral("一千元")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("二〇二四", "2024"),
        ("二零二四", "2024"),
        ("五", "5"),
        ("〇", "0"),
        ("零", "0"),
        ("十", "10"),
        ("十五", "15"),
        ("一十五", "15"),
        ("二十九", "29"),
        ("一百零五", "105"),
        ("一千零一十", "1010"),
        ("三千五", "3500"),
        ("一百二", "120"),
        ("两万三", "23000"),
        ("一亿五", "150000000"),
        ("一万零五", "10005"),
        ("十万", "100000"),
        ("三千五百万", "35000000"),
        ("一亿二千万", "120000000"),
        ("一亿零五百万", "105000000"),
        ("一万亿", "1000000000000"),
        ("一万二亿", "1200000000000"),
        ("壹仟贰佰叁拾肆", "1234"),
        ("兩萬", "20000"),
        ("一点二五", "1.25"),
        ("一点二亿", "120000000"),
        ("十二点五万", "125000"),
        ("三點五", "3.5"),
        (" 十二 ", "12"),
    ],
)
def test_parse_chinese_numeral(text, value):
    assert parse_chinese_numeral(text) == Decimal(value)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "不是中文数字"),
        ("12", "不是中文数字"),
        ("一千元", "不是中文数字"),
        ("二三千", "两个数字之间缺少单位"),
        ("一万二三", "两个数字之间缺少单位"),
        ("十十", "位置不对"),
        ("一百千", "位置不对"),
        ("千", "前缺少数字"),
        ("万", "位置不对"),
        ("一万二万", "位置不对"),
        ("一亿亿", "位置不对"),
        ("点五", "小数写法有误"),
        ("一点", "小数写法有误"),
        ("一点五十", "小数写法有误"),
        ("一万点五", "小数写法有误"),
    ],
)
def test_parse_chinese_numeral_rejects_malformed_numerals(text, reason):
    with pytest.raises(NumeralParseError, match=reason):
        parse_chinese_numeral(text)


def test_numeral_parse_error_is_a_core_error():
    with pytest.raises(CoreError):
        parse_chinese_numeral("abc")


@DETERMINISTIC
@given(number=st.integers(0, 10**12 - 1))
def test_positional_numerals_round_trip(number):
    assert parse_chinese_numeral(to_chinese(number)) == number


@DETERMINISTIC
@given(digits=st.text(alphabet="0123456789", min_size=2, max_size=8))
def test_digit_strings_read_digit_by_digit(digits):
    chinese = "".join("〇一二三四五六七八九"[int(d)] for d in digits)
    assert parse_chinese_numeral(chinese) == int(digits)


@DETERMINISTIC
@given(whole=st.integers(0, 9999), fraction=st.text(alphabet="0123456789", min_size=1, max_size=4))
def test_decimals_with_point(whole, fraction):
    chinese = to_chinese(whole) + "点" + "".join(DIGITS[int(d)] for d in fraction)
    assert parse_chinese_numeral(chinese) == Decimal(f"{whole}.{fraction}")
    assert parse_chinese_numeral(chinese + "万") == Decimal(f"{whole}.{fraction}") * 10**4
