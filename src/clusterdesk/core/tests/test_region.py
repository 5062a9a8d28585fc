"""Administrative-division codes: structure checks, levels, parents, ancestors and prefixes."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clusterdesk.core.codes.region import (
    PROVINCE_PREFIXES,
    RegionLevel,
    is_valid_region_code,
    region_ancestor_codes,
    region_level,
    region_parent_code,
    region_prefix,
    validate_region_code,
)
from clusterdesk.core.exceptions import InvalidCodeError

DETERMINISTIC = settings(derandomize=True, max_examples=300, deadline=None)
TWO_DIGITS = st.integers(0, 99).map(lambda n: f"{n:02d}")


@st.composite
def region_codes(draw):
    province = draw(st.sampled_from(sorted(PROVINCE_PREFIXES)))
    city = draw(TWO_DIGITS)
    county = "00" if city == "00" else draw(TWO_DIGITS)
    return province + city + county


def test_validate_region_code_strips_and_folds_full_width():
    assert validate_region_code(" ３５０１０２\n") == "350102"


@pytest.mark.parametrize("text", ["35010", "3501020", "35O102", "", "35 0102", "٣٥٠١٠٢"])
def test_validate_region_code_requires_six_ascii_digits(text):
    with pytest.raises(InvalidCodeError, match="应为 6 位数字"):
        validate_region_code(text)


@pytest.mark.parametrize("prefix", ["00", "10", "16", "24", "30", "47", "55", "66", "72", "80", "83", "99"])
def test_validate_region_code_rejects_a_province_prefix_that_does_not_exist(prefix):
    with pytest.raises(InvalidCodeError, match=f'省级代码 "{prefix}" 不存在'):
        validate_region_code(prefix + "0000")


def test_validate_region_code_accepts_every_real_province_prefix():
    assert len(PROVINCE_PREFIXES) == 34
    assert all(validate_region_code(prefix + "0000") == prefix + "0000" for prefix in PROVINCE_PREFIXES)


def test_validate_region_code_rejects_a_county_under_city_00():
    with pytest.raises(InvalidCodeError) as caught:
        validate_region_code("110005")
    assert str(caught.value) == '行政区划代码的市级部分为 "00" 时县级部分也应为 "00"，实为 "05"（110005）'


def test_is_valid_region_code():
    assert is_valid_region_code("429004")
    assert not is_valid_region_code("110005")
    assert not is_valid_region_code("abc")


def test_region_level_by_trailing_zeros():
    assert region_level("350000") is RegionLevel.PROVINCE
    assert region_level("350100") is RegionLevel.CITY
    assert region_level("350102") is RegionLevel.COUNTY


def test_municipality_districts_sit_under_a_city_level_code():
    assert region_level("110100") is RegionLevel.CITY
    assert region_parent_code("110105") == "110100"
    assert region_ancestor_codes("500230") == ["500000", "500200"]


def test_provincially_administered_county_keeps_the_structural_parent():
    assert region_parent_code("429004") == "429000"
    assert region_ancestor_codes("429004") == ["420000", "429000"]


def test_region_level_is_a_string_enum():
    assert RegionLevel.COUNTY.value == "county" and isinstance(RegionLevel.COUNTY, str)
    assert [level.value for level in RegionLevel] == ["province", "city", "county"]


def test_region_parent_code_of_a_province_is_none():
    assert region_parent_code("110000") is None
    assert region_ancestor_codes("110000") == []


def test_region_prefix_gives_the_significant_digits():
    assert region_prefix("350000") == "35"
    assert region_prefix("350100") == "3501"
    assert region_prefix("350102") == "350102"
    assert region_prefix(" 350100 ") == "3501"


@pytest.mark.parametrize("function", [region_level, region_parent_code, region_ancestor_codes, region_prefix])
def test_every_function_rejects_a_malformed_code(function):
    with pytest.raises(InvalidCodeError):
        function("990000")


@DETERMINISTIC
@given(code=region_codes())
def test_every_ancestor_is_a_prefix_match_and_one_level_up(code):
    ancestors = region_ancestor_codes(code)
    levels = [region_level(ancestor) for ancestor in ancestors] + [region_level(code)]
    assert levels == list(RegionLevel)[: len(levels)]
    for ancestor in ancestors:
        assert code.startswith(region_prefix(ancestor))
    if ancestors:
        assert region_parent_code(code) == ancestors[-1]


@DETERMINISTIC
@given(code=region_codes())
def test_prefix_padded_with_zeros_gives_back_the_code(code):
    prefix = region_prefix(code)
    assert prefix.ljust(6, "0") == code
    assert len(prefix) == {RegionLevel.PROVINCE: 2, RegionLevel.CITY: 4, RegionLevel.COUNTY: 6}[region_level(code)]
