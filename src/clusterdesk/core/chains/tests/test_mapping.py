"""Keyword mapping on hand-written business scopes: evidence, exclusions, negation, traditional script."""

import pytest

from clusterdesk.core.chains import Evidence, MappingError, SegmentMatcher, SegmentRule, normalise_text

RULES = [
    SegmentRule("cathode", codes=("C3985",), keywords=("正极材料", "磷酸铁锂", "三元前驱体")),
    SegmentRule("cell", codes=("C3841",), keywords=("锂离子电池", "动力电池", "电芯"),
                exclusions=("电池回收", "电池销售", "电池租赁")),
    SegmentRule("recycling", codes=("C4210",), keywords=("电池回收", "梯次利用")),
    SegmentRule("laser", codes=("C3976",), keywords=("激光器", "光纤激光")),
]
MATCHER = SegmentMatcher(RULES, global_exclusions=("激光器销售",))


def _segments(text, code=None):
    return [m.segment for m in MATCHER.match(text, code)]


def test_keywords_and_codes_give_evidence_with_positions():
    text = "锂离子电池、动力电池的研发、生产；磷酸铁锂正极材料销售"
    [cell, cathode] = MATCHER.match(text, "C3841")
    assert cell.segment == "cell" and cell.score == 2 + 2
    assert cell.evidence[0] == Evidence("code", "C3841")
    keywords = [(e.term, text[e.start:e.end]) for e in cell.evidence[1:]]
    assert keywords == [("锂离子电池", "锂离子电池"), ("动力电池", "动力电池")]
    assert cathode.segment == "cathode" and {e.term for e in cathode.evidence} == {"磷酸铁锂", "正极材料"}


def test_an_industry_code_prefix_alone_maps():
    matcher = SegmentMatcher([SegmentRule("battery", codes=("C384",))])
    assert [m.segment for m in matcher.match("", "C3841")] == ["battery"]
    assert matcher.match("", "C3851") == []


def test_exclusions_cancel_only_the_occurrences_they_cover():
    # 动力电池回收 is recycling, not cell making; the exclusion covers 电池 inside 电池回收 only
    assert _segments("废旧动力电池回收、梯次利用") == ["recycling"]
    [match] = MATCHER.match("动力电池回收")
    assert match.segment == "recycling"
    assert MATCHER.match("锂电池销售") == []
    both = MATCHER.match("动力电池生产；动力电池回收")
    assert [m.segment for m in both] == ["cell", "recycling"]
    assert both[0].excluded == (("动力电池", "电池回收"),)


def test_global_exclusions_and_negation():
    assert _segments("激光器销售") == []
    assert _segments("激光器销售；光纤激光器制造") == ["laser"]
    assert _segments("一般项目：五金销售（不含锂离子电池、动力电池）") == []
    assert _segments("不含危险化学品；锂离子电池制造") == ["cell"]


def test_traditional_script_and_full_width_input_is_normalised():
    assert normalise_text("鋰離子電池") == "锂离子电池"
    assert _segments("研發、生產鋰離子電池及電芯") == ["cell"]
    assert _segments("光纖雷射器") == []  # a Taiwan term OpenCC t2s does not rewrite: honest miss
    assert _segments("光纖激光器（ＦＩＢＥＲ）") == ["laser"]
    assert _segments("正(zhèng)極材料") == ["cathode"]


def test_bad_rules_are_refused():
    with pytest.raises(MappingError, match="空词"):
        SegmentMatcher([SegmentRule("x", keywords=(" ",))])
    with pytest.raises(MappingError, match="两条规则"):
        SegmentMatcher([SegmentRule("x"), SegmentRule("x")])


def test_match_many_is_match_per_row():
    texts = ["电芯", None, "激光器"]
    assert MATCHER.match_many(texts, ["C3985", "C4210", None]) == [MATCHER.match(t, c) for t, c in
                                                                    zip(texts, ["C3985", "C4210", None], strict=True)]
