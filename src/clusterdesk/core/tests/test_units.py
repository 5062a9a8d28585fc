"""Money in 万元 and land in 亩: parsing what people type, rounding, formatting."""

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clusterdesk.core.exceptions import CoreError, UnitParseError
from clusterdesk.core.units import (
    AREA_UNITS_MU,
    MONEY_UNITS_WAN,
    format_area_mu,
    format_money_wan,
    parse_area_mu,
    parse_money_wan,
)

DETERMINISTIC = settings(derandomize=True, max_examples=300, deadline=None)
WAN = st.decimals(min_value=0, max_value=10**12, places=4)
MU = st.decimals(min_value=0, max_value=10**9, places=2)


@pytest.mark.parametrize(
    ("text", "wan"),
    [
        ("1,200万元", "1200"),
        ("1200万", "1200"),
        ("3.5亿元", "35000"),
        ("3.5亿", "35000"),
        ("12000000元", "1200"),
        ("12,000,000 元", "1200"),
        ("1.2 億元", "12000"),
        ("１２００万元", "1200"),
        ("１，２００．５万元", "1200.5"),
        ("500萬", "500"),
        ("800千元", "80"),
        ("5百万", "500"),
        ("3千万元", "3000"),
        ("1.2万亿", "120000000"),
        ("人民币500万元", "500"),
        ("500万元人民币", "500"),
        ("￥1,000,000元", "100"),
        ("RMB 300万", "300"),
        ("+5万", "5"),
        (".5万", "0.5"),
        ("0", "0"),
        ("三千五百万", "3500"),
        ("三千五百万元", "3500"),
        ("一点二亿", "12000"),
        ("一亿二千万", "12000"),
        ("五千元", "0.5"),
        ("五百", "500"),
        ("两万亿", "200000000"),
    ],
)
def test_parse_money_wan_reads_common_forms(text, wan):
    assert parse_money_wan(text) == Decimal(wan)


def test_parse_money_wan_reads_plain_numbers_in_the_default_unit():
    assert parse_money_wan(1200) == Decimal("1200")
    assert parse_money_wan(0.1) == Decimal("0.1")
    assert parse_money_wan(Decimal("1E+3")) == Decimal("1000")
    assert parse_money_wan("1200") == Decimal("1200")
    assert parse_money_wan("12000000", default_unit="元") == Decimal("1200")
    assert parse_money_wan(3, default_unit="亿元") == Decimal("30000")


def test_parse_money_wan_explicit_unit_beats_default_unit():
    assert parse_money_wan("100万元", default_unit="元") == Decimal("100")


def test_parse_money_wan_rounds_half_up_to_one_yuan():
    assert parse_money_wan("12345.5元") == Decimal("1.2346")
    assert parse_money_wan("12345.4元") == Decimal("1.2345")
    assert parse_money_wan("0.00005万元") == Decimal("0.0001")


def test_parse_money_wan_drops_trailing_zeros_without_exponent_notation():
    assert str(parse_money_wan("12000000元")) == "1200"
    assert str(parse_money_wan("3.5亿")) == "35000"
    assert str(parse_money_wan("1.50万")) == "1.5"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("-5万", '金额不能为负数（"-5万"）'),
        (-1, "金额不能为负数"),
        ("", "金额为空"),
        ("  ", "金额为空"),
        ("人民币", "金额为空"),
        ("1,2万", '无法识别的金额："1,2万"'),
        ("1,0000万", "无法识别的金额"),
        ("1000万美元", "无法识别的金额"),
        ("约100万", "无法识别的金额"),
        ("5.", "无法识别的金额"),
        ("1e5", "无法识别的金额"),
        ("nan", "无法识别的金额"),
        ("二三万", "无法识别的金额"),
        ("1千2百万", "无法识别的金额"),
        (float("nan"), "不是有限的数字"),
        (float("inf"), "不是有限的数字"),
        (Decimal("NaN"), "不是有限的数字"),
        (1e20, "数值过大"),
        ("9" * 30, "数值过大"),
        (True, "应为数字或文字"),
        (None, "应为数字或文字"),
        ([1], "应为数字或文字"),
    ],
)
def test_parse_money_wan_rejects_bad_values_naming_them(value, message):
    with pytest.raises(UnitParseError, match=message.replace("(", r"\(")):
        parse_money_wan(value)


def test_parse_money_wan_rejects_an_unknown_default_unit():
    with pytest.raises(UnitParseError, match='不支持的默认单位 "美元"'):
        parse_money_wan("5", default_unit="美元")


def test_unit_parse_error_is_a_core_error():
    with pytest.raises(CoreError):
        parse_money_wan("abc")


@pytest.mark.parametrize(
    ("text", "mu"),
    [
        ("120亩", "120"),
        ("120 畝", "120"),
        ("3.2万亩", "32000"),
        ("50公顷", "750"),
        ("50 ha", "750"),
        ("50HA", "750"),
        ("1hm²", "15"),
        ("2.3平方公里", "3450"),
        ("2.3平方千米", "3450"),
        ("1.5km²", "2250"),
        ("1.5㎢", "2250"),
        ("8000平方米", "12"),
        ("8000㎡", "12"),
        ("8000m²", "12"),
        ("8,000平米", "12"),
        ("1.2万平方米", "18"),
        ("三百亩", "300"),
        ("两万三千亩", "23000"),
        ("三万平方米", "45"),
        ("１２０亩", "120"),
        ("12.5", "12.5"),
    ],
)
def test_parse_area_mu_reads_common_forms(text, mu):
    assert parse_area_mu(text) == Decimal(mu)


def test_parse_area_mu_conversions_are_exact():
    assert parse_area_mu("2000平方米") == Decimal("3")
    assert parse_area_mu("1平方公里") == parse_area_mu("100公顷") == Decimal("1500")
    assert parse_area_mu(1000, default_unit="平方米") == Decimal("1.5")
    assert parse_area_mu(2, default_unit="公顷") == Decimal("30")


def test_parse_area_mu_rounds_to_two_decimals_half_up():
    assert parse_area_mu("1平方米") == Decimal("0")
    assert parse_area_mu("10平方米") == Decimal("0.02")  # 0.015 rounds up
    assert parse_area_mu("1.005亩") == Decimal("1.01")


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("-1亩", "面积不能为负数"),
        ("5英亩", "无法识别的面积"),
        ("", "面积为空"),
        ("100万元", "无法识别的面积"),
        (False, "应为数字"),
    ],
)
def test_parse_area_mu_rejects_bad_values(value, message):
    with pytest.raises(UnitParseError, match=message):
        parse_area_mu(value)


def test_parse_area_mu_rejects_an_unknown_default_unit():
    with pytest.raises(UnitParseError, match="不支持的默认单位"):
        parse_area_mu("5", default_unit="英亩")


def test_format_money_wan_auto_switches_to_yi_from_10000_wan():
    assert format_money_wan(Decimal("3500")) == "3,500万元"
    assert format_money_wan(Decimal("9999.9999")) == "9,999.9999万元"
    assert format_money_wan(Decimal("9999.99995")) == "1亿元"
    assert format_money_wan(Decimal("10000")) == "1亿元"
    assert format_money_wan(Decimal("12500")) == "1.25亿元"
    assert format_money_wan(Decimal("1234567")) == "123.4567亿元"


def test_format_money_wan_forced_units():
    assert format_money_wan(Decimal("12500"), unit="万元") == "12,500万元"
    assert format_money_wan(Decimal("3500"), unit="亿元") == "0.35亿元"
    assert format_money_wan(Decimal("1200"), unit="元") == "12,000,000元"
    assert format_money_wan(Decimal("0.00004"), unit="元") == "0元"


def test_format_money_wan_places_and_signs():
    assert format_money_wan(Decimal("123456"), max_places=1) == "12.3亿元"
    assert format_money_wan(Decimal("1234.5678"), max_places=2) == "1,234.57万元"
    assert format_money_wan(Decimal("-12500")) == "-1.25亿元"
    assert format_money_wan(Decimal("-0.00001")) == "0万元"
    assert format_money_wan(Decimal("0")) == "0万元"
    assert format_money_wan(Decimal("1E+3")) == "1,000万元"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [({"unit": "美元"}, "不支持的金额单位"), ({"max_places": -1}, "小数位数不能为负数")],
)
def test_format_money_wan_rejects_bad_options(kwargs, message):
    with pytest.raises(UnitParseError, match=message):
        format_money_wan(Decimal("1"), **kwargs)


@pytest.mark.parametrize("value", [Decimal("NaN"), Decimal("Infinity"), Decimal("1E+30")])
def test_format_functions_reject_non_finite_or_huge_values(value):
    with pytest.raises(UnitParseError):
        format_money_wan(value)
    with pytest.raises(UnitParseError):
        format_area_mu(value)


def test_format_area_mu():
    assert format_area_mu(Decimal("1234.50")) == "1,234.5亩"
    assert format_area_mu(Decimal("0.125")) == "0.13亩"
    assert format_area_mu(Decimal("30000")) == "30,000亩"
    assert format_area_mu(Decimal("2.345"), max_places=0) == "2亩"


def test_unit_tables_cover_the_documented_units():
    assert {"元", "万元", "亿元", "万", "亿"} <= set(MONEY_UNITS_WAN)
    assert {"亩", "公顷", "平方公里", "平方米", "m2", "km2", "ha"} <= set(AREA_UNITS_MU)
    assert AREA_UNITS_MU["平方米"] * Decimal(2000) / 3 == 1


@DETERMINISTIC
@given(wan=WAN, unit=st.sampled_from(["万元", "元"]))
def test_formatted_money_parses_back_to_the_same_amount(wan, unit):
    text = format_money_wan(wan, unit=unit)
    assert parse_money_wan(text) == wan


@DETERMINISTIC
@given(wan=WAN)
def test_auto_formatted_money_is_within_half_a_display_step(wan):
    text = format_money_wan(wan)
    step = Decimal("1") if text.endswith("亿元") else Decimal("0.0001")  # 0.0001亿元 = 1万元
    assert abs(parse_money_wan(text) - wan) <= step / 2


@DETERMINISTIC
@given(yi=st.decimals(min_value=0, max_value=10**8, places=4))
def test_formatted_yi_parses_back(yi):
    wan = yi * 10**4
    assert parse_money_wan(format_money_wan(wan, unit="亿元")) == wan


@DETERMINISTIC
@given(mu=MU)
def test_formatted_area_parses_back_to_the_same_area(mu):
    assert parse_area_mu(format_area_mu(mu)) == mu


@DETERMINISTIC
@given(yuan=st.integers(0, 10**15))
def test_yuan_and_wan_spellings_agree(yuan):
    assert parse_money_wan(f"{yuan}元") == parse_money_wan(f"{yuan:,}元") == Decimal(yuan) / 10**4


@DETERMINISTIC
@given(amount=st.decimals(min_value=0, max_value=10**6, places=3), unit=st.sampled_from(sorted(AREA_UNITS_MU)))
def test_area_units_convert_by_their_factor(amount, unit):
    expected = (amount * AREA_UNITS_MU[unit]).quantize(Decimal("0.01"), rounding="ROUND_HALF_UP")
    assert parse_area_mu(f"{amount}{unit}") == expected
    assert parse_area_mu(amount, default_unit=unit) == expected


@DETERMINISTIC
@given(text=st.text(max_size=20))
def test_parsers_only_ever_raise_unit_parse_error(text):
    for parse in (parse_money_wan, parse_area_mu):
        try:
            result = parse(text)
        except UnitParseError as exc:
            assert str(exc)
        else:
            assert result >= 0
