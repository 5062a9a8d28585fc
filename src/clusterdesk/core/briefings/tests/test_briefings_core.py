"""The briefing document model, wording placeholders and figure formatting."""

from decimal import Decimal

import pytest

from clusterdesk.core.briefings import (
    BriefingDocument,
    BriefingError,
    BriefSection,
    BriefTable,
    briefing_outline,
    chinese_count,
    competition_ranks,
    fill_wording,
    format_money,
    format_percent,
    heading_number,
    wording_placeholders,
)
from clusterdesk.core.exceptions import CoreError


def test_headings_number_in_the_official_style_up_to_ninety_nine():
    assert [chinese_count(n) for n in (1, 9, 10, 11, 20, 21, 99)] == ["一", "九", "十", "十一", "二十", "二十一",
                                                                       "九十九"]
    assert heading_number(2, 12) == "（十二）"
    for bad in (0, 100):
        with pytest.raises(BriefingError):
            chinese_count(bad)
    with pytest.raises(BriefingError):
        heading_number(4, 1)


def test_sections_deeper_than_three_levels_are_refused():
    deep = BriefSection("一", sections=(BriefSection("二", sections=(BriefSection("三", sections=(
        BriefSection("四"),)),)),))
    with pytest.raises(BriefingError):
        briefing_outline(BriefingDocument("通报", sections=(deep,)))


def test_a_table_row_must_have_a_cell_per_column():
    with pytest.raises(BriefingError):
        BriefTable("表", ("甲", "乙"), (("1",),))


@pytest.mark.parametrize("template", ["{a.b}", "{x:>5}", "{}", "{x!r}", "开工率{rate", "}"])
def test_only_plain_placeholders_are_allowed(template):
    with pytest.raises(BriefingError):
        wording_placeholders(template)


def test_an_unknown_placeholder_is_named_and_the_error_is_a_core_value_error():
    with pytest.raises(BriefingError, match=r"\{ytd\}") as raised:
        fill_wording("完成{ytd}，开工率{rate}", {"rate": "50%"})
    assert isinstance(raised.value, CoreError) and isinstance(raised.value, ValueError)


def test_money_percent_and_ranks():
    assert format_money(Decimal("9999.94")) == "9,999.9万元"
    assert format_money(Decimal("-25000")) == "-2.50亿元"
    assert format_percent(Decimal("1"), Decimal("3")) == "33.3%"
    assert competition_ranks([]) == [] and competition_ranks([3, 3, 3]) == [1, 1, 1]
