"""Unified social credit codes: normalising, every kind of rejection, the two check characters, generation."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clusterdesk.core.codes.uscc import (
    NATIONAL_REGION_CODE,
    USCC_ALPHABET,
    is_valid_uscc,
    make_uscc,
    normalize_uscc,
    org_code_check_char,
    uscc_check_char,
    uscc_warnings,
    validate_uscc,
)
from clusterdesk.core.exceptions import CoreError, InvalidCodeError

DETERMINISTIC = settings(derandomize=True, max_examples=300, deadline=None)
VALID = "91350100M000100Y43"
REGIONS = st.sampled_from(["110000", "110100", "110105", "350102", "429004", "650000", "820000", NATIONAL_REGION_CODE])
SERIALS = st.integers(min_value=0, max_value=31**8 - 1)


def _with_check(first17: str) -> str:
    return first17 + uscc_check_char(first17)


def test_validate_uscc_accepts_published_codes():
    assert validate_uscc(VALID) == VALID
    assert validate_uscc("91110000100010433L") == "91110000100010433L"


def test_normalize_uscc_folds_full_width_spaces_hyphens_and_case():
    assert normalize_uscc(" ９１３５０１００-m000 100y43\u3000") == VALID
    assert normalize_uscc("9135\u200b0100M000100Y43") == VALID
    assert normalize_uscc("9135–0100—M000100Y43") == VALID


def test_validate_uscc_returns_the_normalized_code():
    assert validate_uscc("9135 0100 m000 100y 43") == VALID


def test_validate_uscc_rejects_empty_text():
    with pytest.raises(InvalidCodeError, match="统一社会信用代码为空"):
        validate_uscc("  - ")


def test_validate_uscc_reports_the_length():
    with pytest.raises(InvalidCodeError, match=r"应为 18 位，实为 17 位（91350100M000100Y4）"):
        validate_uscc(VALID[:-1])


def test_validate_uscc_names_every_illegal_character_and_its_position():
    with pytest.raises(InvalidCodeError) as caught:
        validate_uscc("91350100I000100O43")
    assert '第 9 位 "I"' in str(caught.value)
    assert '第 16 位 "O"' in str(caught.value)


def test_validate_uscc_rejects_chinese_characters_as_illegal():
    with pytest.raises(InvalidCodeError, match='第 18 位 "号"'):
        validate_uscc("91350100M000100Y4号")


def test_validate_uscc_rejects_an_unknown_registration_department():
    with pytest.raises(InvalidCodeError, match='第 1 位登记管理部门代码 "H" 不存在'):
        validate_uscc(_with_check("H1350100M000100Y4"))


@pytest.mark.parametrize("dept", ["1", "5", "9", "A", "G", "N", "Y"])
def test_validate_uscc_accepts_each_department_with_type_1(dept):
    assert is_valid_uscc(_with_check(f"{dept}1350100M000100Y4"))


def test_validate_uscc_limits_market_regulator_types_to_1_2_3():
    assert is_valid_uscc(_with_check("93350100M000100Y4"))
    with pytest.raises(InvalidCodeError, match='第 2 位机构类别代码 "4" 不合法，登记管理部门为 "9" 时应为 1、2、3'):
        validate_uscc(_with_check("94350100M000100Y4"))


def test_validate_uscc_rejects_a_letter_as_organisation_type():
    assert is_valid_uscc(_with_check("59350100M000100Y4"))
    with pytest.raises(InvalidCodeError, match='第 2 位机构类别代码 "A" 不合法'):
        validate_uscc(_with_check("5A350100M000100Y4"))


@pytest.mark.parametrize(
    ("region", "detail"),
    [("990100", '省级代码 "99" 不存在'), ("350012", '市级部分为 "00" 时县级部分也应为 "00"'), ("3501A0", "6 位数字")],
)
def test_validate_uscc_rejects_a_malformed_region_code(region, detail):
    with pytest.raises(InvalidCodeError) as caught:
        validate_uscc(_with_check(f"91{region}M000100Y4"))
    assert "第 3–8 位登记管理机关行政区划码无效" in str(caught.value)
    assert detail in str(caught.value)


def test_validate_uscc_accepts_the_national_region_code():
    assert validate_uscc(_with_check("11100000000013127")).startswith("11100000")


def test_validate_uscc_reports_expected_and_actual_check_character():
    with pytest.raises(InvalidCodeError) as caught:
        validate_uscc("91350100M000100Y4X")
    assert str(caught.value) == '统一社会信用代码校验位错误：应为 "3"，实为 "X"（91350100M000100Y4X）'


def test_is_valid_uscc_is_false_for_every_kind_of_error():
    assert is_valid_uscc(VALID)
    for bad in ["", VALID[:-1], "91350100M000100Y4X", "H1350100M000100Y43", "91990100M000100Y43"]:
        assert not is_valid_uscc(bad)


def test_invalid_code_error_is_a_value_error():
    with pytest.raises(ValueError):
        validate_uscc("x")
    assert issubclass(InvalidCodeError, CoreError)


def test_uscc_check_char_writes_31_as_zero():
    assert uscc_check_char("0" * 17) == "0"


def test_uscc_check_char_rejects_wrong_length_or_alphabet():
    with pytest.raises(InvalidCodeError, match="前 17 位"):
        uscc_check_char("9135")
    with pytest.raises(InvalidCodeError, match="前 17 位"):
        uscc_check_char("91350100M000100YI")


def test_org_code_check_char_matches_the_standard_example():
    assert org_code_check_char("D2143569") == "X"
    assert org_code_check_char("10001043") == "3"


def test_org_code_check_char_writes_11_as_zero():
    assert org_code_check_char("00000000") == "0"


def test_org_code_check_char_rejects_wrong_input():
    with pytest.raises(InvalidCodeError, match="组织机构代码前 8 位"):
        org_code_check_char("1234567")
    with pytest.raises(InvalidCodeError, match="组织机构代码前 8 位"):
        org_code_check_char("1234567*")


def test_uscc_warnings_flags_an_organisation_code_check_mismatch_without_rejecting():
    code = _with_check("91350100M000100Y0")
    assert is_valid_uscc(code)
    assert uscc_warnings(code) == [
        f'统一社会信用代码第 9–17 位主体标识码（组织机构代码）的校验位应为 "4"，实为 "0"（{code}）'
    ]
    assert uscc_warnings(VALID) == []


def test_uscc_warnings_raises_for_an_invalid_code():
    with pytest.raises(InvalidCodeError):
        uscc_warnings("91350100M000100Y4X")


def test_make_uscc_is_deterministic_and_serial_sensitive():
    assert make_uscc(region_code="350102", serial=1) == make_uscc(region_code="350102", serial=1)
    assert make_uscc(region_code="350102", serial=1) != make_uscc(region_code="350102", serial=2)
    assert make_uscc(region_code="350102", serial=1) == "91350102000000019B"


def test_make_uscc_accepts_full_width_region_and_national_level():
    assert make_uscc(region_code="３５０１０２", serial=7)[2:8] == "350102"
    assert make_uscc(region_code=NATIONAL_REGION_CODE, serial=7, dept="1", org_type="1")[:8] == "11100000"


@pytest.mark.parametrize("serial", [-1, 31**8, True, 1.0, "1"])
def test_make_uscc_rejects_a_serial_out_of_range_or_of_another_type(serial):
    with pytest.raises(InvalidCodeError, match="组织机构代码序号"):
        make_uscc(region_code="350102", serial=serial)


@pytest.mark.parametrize(("dept", "org_type"), [("H", "1"), ("9", "4"), ("9", ""), ("9", "12"), ("5", "A"), ("", "1")])
def test_make_uscc_rejects_a_bad_department_or_type(dept, org_type):
    with pytest.raises(InvalidCodeError, match="组合不合法"):
        make_uscc(region_code="350102", serial=1, dept=dept, org_type=org_type)


def test_make_uscc_rejects_a_bad_region():
    with pytest.raises(InvalidCodeError, match="省级代码"):
        make_uscc(region_code="990000", serial=1)


@DETERMINISTIC
@given(region=REGIONS, serial=SERIALS, dept_type=st.sampled_from([("9", "1"), ("9", "2"), ("9", "3"), ("5", "9")]))
def test_make_uscc_output_passes_both_checks(region, serial, dept_type):
    code = make_uscc(region_code=region, serial=serial, dept=dept_type[0], org_type=dept_type[1])
    assert validate_uscc(code) == code
    assert uscc_warnings(code) == []
    assert code[2:8] == region


@DETERMINISTIC
@given(first=SERIALS, second=SERIALS)
def test_make_uscc_gives_distinct_codes_for_distinct_serials(first, second):
    same = make_uscc(region_code="350102", serial=first) == make_uscc(region_code="350102", serial=second)
    assert same == (first == second)


@DETERMINISTIC
@given(serial=SERIALS, position=st.integers(0, 17), replacement=st.sampled_from(USCC_ALPHABET))
def test_any_single_character_change_is_detected(serial, position, replacement):
    code = make_uscc(region_code="350102", serial=serial)
    changed = code[:position] + replacement + code[position + 1 :]
    assert is_valid_uscc(changed) == (changed == code)


@DETERMINISTIC
@given(serial=SERIALS, position=st.integers(0, 16))
def test_any_adjacent_transposition_is_detected(serial, position):
    code = make_uscc(region_code="350102", serial=serial)
    swapped = code[:position] + code[position + 1] + code[position] + code[position + 2 :]
    assert is_valid_uscc(swapped) == (swapped == code)


@DETERMINISTIC
@given(text=st.text(max_size=30))
def test_validate_uscc_only_ever_raises_invalid_code_error(text):
    try:
        code = validate_uscc(text)
    except InvalidCodeError as exc:
        assert str(exc)
    else:
        assert len(code) == 18
        assert set(code) <= set(USCC_ALPHABET)
