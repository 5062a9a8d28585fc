"""Dates as typed in government spreadsheets: every accepted form, the precision, Excel serials, rejections."""

import datetime
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clusterdesk.core.dates import (
    EXCEL_SERIAL_MAX,
    DatePrecision,
    excel_serial_to_date,
    parse_date,
    parse_date_precision,
)
from clusterdesk.core.exceptions import CoreError, DateParseError

DETERMINISTIC = settings(derandomize=True, max_examples=300, deadline=None)
JULY_9 = datetime.date(2024, 7, 9)
JULY = datetime.date(2024, 7, 1)
NEW_YEAR = datetime.date(2024, 1, 1)
DATES = st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2100, 12, 31))
DIGITS = "〇一二三四五六七八九"


def _chinese_small(number: int) -> str:
    tens, ones = divmod(number, 10)
    return ("" if tens == 0 else ("十" if tens == 1 else DIGITS[tens] + "十")) + ("" if ones == 0 else DIGITS[ones])


@pytest.mark.parametrize(
    "text",
    [
        "2024-07-09",
        "2024-7-9",
        "2024/7/9",
        "2024/07/09",
        "2024.7.9",
        "2024年7月9日",
        "2024年07月09日",
        "2024年7月9号",
        "2024年7月9",
        "20240709",
        "20240709.0",
        "45482",
        "45482.0",
        "45482.75",
        "２０２４－０７－０９",
        "２０２４年７月９日",
        "二〇二四年七月九日",
        "二零二四年七月九号",
        "  2024 年 7 月 9 日 ",
        "2024 - 07 - 09",
        "2024-07-09 08:30:00",
        "2024-07-09T08:30",
        "2024-07-09T08:30:00.123+08:00",
        "2024-07-09 08:30:00Z",
        "2024年7月9日 8:30",
        "2024年7月9日８：３０",
    ],
)
def test_parse_date_reads_day_forms(text):
    assert parse_date_precision(text) == (JULY_9, DatePrecision.DAY)


@pytest.mark.parametrize(
    "text",
    ["2024-7", "2024-07", "2024.7", "2024/07", "2024年7月", "2024年07月", "2024年7月份", "202407", "二〇二四年七月"],
)
def test_parse_date_reads_month_forms_as_the_first_of_the_month(text):
    assert parse_date_precision(text) == (JULY, DatePrecision.MONTH)


@pytest.mark.parametrize("text", ["2024", "2024年", "2024年度", "二〇二四年", " ２０２４ "])
def test_parse_date_reads_year_forms_as_the_first_of_january(text):
    assert parse_date_precision(text) == (NEW_YEAR, DatePrecision.YEAR)


def test_parse_date_reads_chinese_month_and_day_numerals_with_ten():
    assert parse_date("二〇二四年十二月三十一日") == datetime.date(2024, 12, 31)
    assert parse_date("二〇二四年十月二十日") == datetime.date(2024, 10, 20)
    assert parse_date("2024年元月") == datetime.date(2024, 1, 1)


def test_two_digit_month_after_a_dot_is_the_month():
    assert parse_date("2024.10") == datetime.date(2024, 10, 1)
    assert parse_date("2024.1") == datetime.date(2024, 1, 1)


def test_parse_date_passes_dates_through_and_drops_the_time_of_datetimes():
    assert parse_date_precision(JULY_9) == (JULY_9, DatePrecision.DAY)
    moment = datetime.datetime(2024, 7, 9, 23, 59, tzinfo=datetime.UTC)
    assert parse_date_precision(moment) == (JULY_9, DatePrecision.DAY)
    assert type(parse_date(moment)) is datetime.date


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (45482, (JULY_9, DatePrecision.DAY)),
        (45482.0, (JULY_9, DatePrecision.DAY)),
        (45482.99, (JULY_9, DatePrecision.DAY)),
        (Decimal("45482"), (JULY_9, DatePrecision.DAY)),
        (Decimal("4.5482E+4"), (JULY_9, DatePrecision.DAY)),
        (20240709, (JULY_9, DatePrecision.DAY)),
        (20240709.0, (JULY_9, DatePrecision.DAY)),
        (202407, (JULY, DatePrecision.MONTH)),
        (2024.7, (JULY, DatePrecision.MONTH)),
        (2024.12, (datetime.date(2024, 12, 1), DatePrecision.MONTH)),
        (Decimal("2024.10"), (datetime.date(2024, 10, 1), DatePrecision.MONTH)),
        (2024, (NEW_YEAR, DatePrecision.YEAR)),
        (2024.0, (NEW_YEAR, DatePrecision.YEAR)),
    ],
)
def test_parse_date_reads_numbers_from_excel_cells(value, expected):
    assert parse_date_precision(value) == expected


def test_excel_serial_dates_around_the_fake_leap_day():
    assert excel_serial_to_date(1) == datetime.date(1900, 1, 1)
    assert excel_serial_to_date(59) == datetime.date(1900, 2, 28)
    assert excel_serial_to_date(61) == datetime.date(1900, 3, 1)
    assert excel_serial_to_date(EXCEL_SERIAL_MAX) == datetime.date(9999, 12, 31)
    assert excel_serial_to_date(45482.5) == JULY_9
    assert excel_serial_to_date(Decimal("45482")) == JULY_9


@pytest.mark.parametrize(
    ("serial", "message"),
    [
        (60, "不存在的 1900-02-29"),
        (0, "超出范围"),
        (0.5, "超出范围"),
        (EXCEL_SERIAL_MAX + 1, "超出范围"),
        (float("nan"), "超出范围"),
        (True, "应为数字"),
        ("45482", "应为数字"),
    ],
)
def test_excel_serial_to_date_rejects_impossible_serials(serial, message):
    with pytest.raises(DateParseError, match=message):
        excel_serial_to_date(serial)


def test_parse_date_rejects_serial_60_and_out_of_range_serials_with_the_reason():
    with pytest.raises(DateParseError, match=r'无法识别的日期："60"（当作 Excel 日期序列号时：.*1900-02-29'):
        parse_date("60")
    with pytest.raises(DateParseError, match="超出范围"):
        parse_date("2958466")
    with pytest.raises(DateParseError, match="超出范围"):
        parse_date(0)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2024-02-30", '日期不存在：2024 年 2 月没有 30 日（"2024-02-30"）'),
        ("2023年2月29日", "2023 年 2 月没有 29 日"),
        ("2024-13-01", '日期的月份 13 无效，应为 1–12（"2024-13-01"）'),
        ("2024.13", "月份 13 无效"),
        ("2024.0", "月份 0 无效"),
        ("202413", "月份 13 无效"),
        ("20241301", "月份 13 无效"),
        ("0000", "年份 0 无效"),
        ("2024-07-00", "没有 0 日"),
    ],
)
def test_parse_date_rejects_dates_that_do_not_exist(value, message):
    with pytest.raises(DateParseError, match=message):
        parse_date(value)


@pytest.mark.parametrize("text", ["7/9/2024", "09-07-2024", "9.7.2024"])
def test_parse_date_rejects_year_last_orders_instead_of_guessing(text):
    with pytest.raises(DateParseError, match="年份写在最后，无法判断日和月的顺序"):
        parse_date(text)


def test_parse_date_rejects_two_digit_years():
    with pytest.raises(DateParseError, match="年份只有 2 位"):
        parse_date("24-7-9")


@pytest.mark.parametrize(
    "value",
    [
        "abc",
        "2024/7-9",
        "2024.123",
        "2024年13",
        "2024年7月9日下午",
        "二三千年",
        "July 9, 2024",
        "-5",
        "1e5",
        "2024年十十月",
    ],
)
def test_parse_date_rejects_unrecognised_text_naming_it(value):
    with pytest.raises(DateParseError, match="无法识别的日期") as caught:
        parse_date(value)
    assert value in str(caught.value)


@pytest.mark.parametrize("value", [None, "", "   "])
def test_parse_date_reports_empty_values(value):
    with pytest.raises(DateParseError, match="日期为空"):
        parse_date(value)


@pytest.mark.parametrize("value", [True, [2024], datetime.time(8, 30), float("inf"), Decimal("NaN"), -1, -45482.0])
def test_parse_date_rejects_other_types_and_non_finite_or_negative_numbers(value):
    with pytest.raises(DateParseError, match="无法识别的日期"):
        parse_date(value)


def test_date_parse_error_is_a_core_error():
    with pytest.raises(CoreError):
        parse_date("x")


def test_date_precision_is_a_string_enum():
    assert [p.value for p in DatePrecision] == ["day", "month", "year"]
    assert DatePrecision.MONTH.value == "month" and isinstance(DatePrecision.MONTH, str)


@DETERMINISTIC
@given(day=DATES, separator=st.sampled_from("-/."), pad=st.booleans())
def test_separated_dates_round_trip(day, separator, pad):
    month, dom = (f"{day.month:02d}", f"{day.day:02d}") if pad else (str(day.month), str(day.day))
    assert parse_date(f"{day.year}{separator}{month}{separator}{dom}") == day


@DETERMINISTIC
@given(day=DATES)
def test_chinese_forms_round_trip(day):
    assert parse_date(f"{day.year}年{day.month}月{day.day}日") == day
    assert parse_date(day.strftime("%Y%m%d")) == day
    year = "".join(DIGITS[int(d)] for d in str(day.year))
    assert parse_date(f"{year}年{_chinese_small(day.month)}月{_chinese_small(day.day)}日") == day


@DETERMINISTIC
@given(day=DATES)
def test_month_forms_give_the_first_of_the_month(day):
    for text in (f"{day.year}-{day.month}", f"{day.year}年{day.month}月", f"{day.year}{day.month:02d}"):
        assert parse_date_precision(text) == (day.replace(day=1), DatePrecision.MONTH)


@DETERMINISTIC
@given(day=st.dates(min_value=datetime.date(1927, 6, 1), max_value=datetime.date(2173, 1, 1)))
def test_five_digit_excel_serials_round_trip(day):
    serial = (day - datetime.date(1899, 12, 30)).days
    assert 10000 <= serial < 100000
    assert parse_date(serial) == parse_date(str(serial)) == parse_date(float(serial) + 0.5) == day


@DETERMINISTIC
@given(day=st.dates(min_value=datetime.date(1900, 3, 1)))
def test_excel_serial_to_date_matches_day_counting_from_1899_12_30(day):
    assert excel_serial_to_date((day - datetime.date(1899, 12, 30)).days) == day


@DETERMINISTIC
@given(text=st.text(max_size=20))
def test_parse_date_only_ever_raises_date_parse_error(text):
    try:
        result = parse_date(text)
    except DateParseError as exc:
        assert str(exc)
    else:
        assert isinstance(result, datetime.date)
