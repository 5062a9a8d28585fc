"""Industry codes (GB/T 4754-2017): normalising, section lookup, levels and parents."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clusterdesk.core.codes.industry import (
    DIVISION_RANGES,
    IndustryLevel,
    industry_ancestor_codes,
    industry_level,
    industry_parent_code,
    industry_section_for_division,
    normalize_industry_code,
)
from clusterdesk.core.exceptions import InvalidCodeError

DETERMINISTIC = settings(derandomize=True, max_examples=300, deadline=None)
DIVISIONS = st.integers(1, 97).map(lambda n: f"{n:02d}")
TAILS = st.text(alphabet="0123456789", max_size=2)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("C3841", "C3841"),
        ("3841", "C3841"),
        ("c 3841", "C3841"),
        ("38", "C38"),
        ("384", "C384"),
        ("C", "C"),
        ("t", "T"),
        ("A0111", "A0111"),
        ("０１", "A01"),
        ("I-65", "I65"),
        ("\tK70 ", "K70"),
    ],
)
def test_normalize_industry_code_accepts_common_spellings(text, expected):
    assert normalize_industry_code(text) == expected


@pytest.mark.parametrize("text", ["", "3", "C3", "C38411", "CC38", "38C", "C38.4", "中38", "٣٨"])
def test_normalize_industry_code_rejects_a_wrong_shape(text):
    with pytest.raises(InvalidCodeError, match="行业代码格式不正确"):
        normalize_industry_code(text)


@pytest.mark.parametrize("letter", ["U", "Z"])
def test_normalize_industry_code_rejects_an_unknown_section(letter):
    with pytest.raises(InvalidCodeError, match=f'行业门类 "{letter}" 不存在'):
        normalize_industry_code(letter)


def test_normalize_industry_code_rejects_a_letter_that_does_not_match_the_division():
    with pytest.raises(InvalidCodeError) as caught:
        normalize_industry_code("d3841")
    assert str(caught.value) == '行业代码的门类 "D" 与大类 "38" 不符，应为 "C"（D3841）'


@pytest.mark.parametrize("text", ["00", "98", "9901", "C00"])
def test_normalize_industry_code_rejects_a_division_outside_01_97(text):
    with pytest.raises(InvalidCodeError, match="应在 01–97 之间"):
        normalize_industry_code(text)


@pytest.mark.parametrize(
    ("division", "section"),
    [("01", "A"), ("05", "A"), ("06", "B"), ("12", "B"), ("13", "C"), ("43", "C"), ("44", "D"), ("70", "K"),
     ("83", "P"), ("90", "R"), ("91", "S"), ("96", "S"), ("97", "T")],
)  # fmt: skip
def test_industry_section_for_division_at_range_edges(division, section):
    assert industry_section_for_division(division) == section


@pytest.mark.parametrize("division", ["1", "381", "ab", "٣٨"])
def test_industry_section_for_division_requires_two_digits(division):
    with pytest.raises(InvalidCodeError, match="应为 2 位数字"):
        industry_section_for_division(division)


def test_division_ranges_cover_01_to_97_without_gaps_or_overlap():
    covered = [n for first, last in DIVISION_RANGES.values() for n in range(first, last + 1)]
    assert covered == list(range(1, 98))
    assert list(DIVISION_RANGES) == [chr(c) for c in range(ord("A"), ord("T") + 1)]


def test_industry_level_by_length():
    assert industry_level("C") is IndustryLevel.SECTION
    assert industry_level("C38") is IndustryLevel.DIVISION
    assert industry_level("384") is IndustryLevel.GROUP
    assert industry_level("C3841") is IndustryLevel.CLASS
    assert IndustryLevel.CLASS.value == "class" and isinstance(IndustryLevel.CLASS, str)


def test_industry_parent_code_walks_up_to_the_section():
    assert industry_parent_code("3841") == "C384"
    assert industry_parent_code("C384") == "C38"
    assert industry_parent_code("C38") == "C"
    assert industry_parent_code("C") is None


def test_industry_ancestor_codes_section_first():
    assert industry_ancestor_codes("A0111") == ["A", "A01", "A011"]
    assert industry_ancestor_codes("A") == []


@DETERMINISTIC
@given(division=DIVISIONS, tail=TAILS)
def test_normalizing_is_idempotent_and_adds_the_matching_section(division, tail):
    code = normalize_industry_code(division + tail)
    first, last = DIVISION_RANGES[code[0]]
    assert first <= int(division) <= last
    assert normalize_industry_code(code) == code
    assert normalize_industry_code(code.lower()) == code


@DETERMINISTIC
@given(division=DIVISIONS, tail=TAILS)
def test_ancestors_are_prefixes_at_each_level(division, tail):
    code = normalize_industry_code(division + tail)
    chain = [*industry_ancestor_codes(code), code]
    assert [industry_level(c) for c in chain] == list(IndustryLevel)[: len(chain)]
    assert all(code.startswith(ancestor) for ancestor in chain)


@DETERMINISTIC
@given(division=DIVISIONS, letter=st.sampled_from(list(DIVISION_RANGES)))
def test_a_letter_is_accepted_exactly_when_it_matches_the_division(division, letter):
    matches = letter == industry_section_for_division(division)
    try:
        normalize_industry_code(letter + division)
    except InvalidCodeError:
        assert not matches
    else:
        assert matches
