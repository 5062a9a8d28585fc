"""Chain templates: loading, validation of structure, round trip."""

from typing import Any

import pytest

from clusterdesk.core.chains import TemplateError, template_from_dict, template_to_dict

LITHIUM: dict[str, Any] = {
    "name": "锂电池产业链",
    "segments": [
        {"key": "ore", "name": "锂矿资源", "position": "upstream", "codes": ["B0919"], "keywords": "锂矿、锂辉石"},
        {"key": "cathode", "name": "正极材料", "position": "upstream", "codes": ["C3985"],
         "keywords": ["正极材料", "磷酸铁锂", "三元材料"]},
        {"key": "lfp", "name": "磷酸铁锂正极", "position": "upstream", "parent": "cathode"},
        {"key": "cell", "name": "电芯", "position": "midstream", "codes": ["C3841"], "keywords": ["电芯"]},
        {"key": "pack", "name": "电池包与储能", "position": "downstream", "keywords": ["储能系统"]},
    ],
    "edges": [
        {"source": "ore", "target": "cathode"},
        {"source": "cathode", "target": "cell"},
        {"source": "cell", "target": "pack", "description": "电芯成组"},
    ],
}


def _with(**changes):
    return {**LITHIUM, **changes}


def test_a_sound_template_loads_with_sub_segments_and_round_trips():
    t = template_from_dict(LITHIUM)
    assert [s.key for s in t.segments] == ["ore", "cathode", "lfp", "cell", "pack"]
    assert t.segments[0].keywords == ("锂矿", "锂辉石")
    assert t.segments[2].parent == "cathode"
    assert template_from_dict(template_to_dict(t)) == t


def test_dangling_edges_are_named():
    edges = [*LITHIUM["edges"], {"source": "cell", "target": "recycling"}]
    with pytest.raises(TemplateError) as err:
        template_from_dict(_with(edges=edges))
    assert err.value.problems == [("edges[3].target", "环节 recycling 不存在")]


def test_a_segment_no_edge_reaches_is_reported():
    segments = [*LITHIUM["segments"], {"key": "island", "name": "孤立环节", "position": "downstream"}]
    with pytest.raises(TemplateError, match=r"segments\[5\]: 环节 island 与链条其他部分不相连"):
        template_from_dict(_with(segments=segments))


def test_a_loop_without_an_entry_is_unreachable():
    segments = [*LITHIUM["segments"], {"key": "a", "name": "甲", "position": "downstream"},
                {"key": "b", "name": "乙", "position": "downstream"}]
    edges = [*LITHIUM["edges"], {"source": "a", "target": "b"}, {"source": "b", "target": "a"}]
    with pytest.raises(TemplateError) as err:
        template_from_dict(_with(segments=segments, edges=edges))
    assert [p for p, _ in err.value.problems] == ["segments[5]", "segments[6]"]


def test_every_problem_is_reported_at_once_with_its_place():
    data = {"name": "", "segments": [
        {"key": "a", "name": "甲", "position": "upper", "codes": ["3841"]},
        {"key": "a", "name": "甲", "position": "upstream", "parent": "zz"},
    ], "edges": [{"source": "a"}]}
    with pytest.raises(TemplateError) as err:
        template_from_dict(data)
    places = [p for p, _ in err.value.problems]
    assert places == ["name", "segments[0].position", "segments[0].codes", "edges[0]"]
    # structural checks run once the rows themselves are readable
    data = {"name": "x", "segments": [{"key": "a", "name": "甲", "position": "upstream"},
                                      {"key": "a", "name": "甲", "position": "upstream", "parent": "zz"}]}
    with pytest.raises(TemplateError) as err:
        template_from_dict(data)
    assert [p for p, _ in err.value.problems] == ["segments[1].key", "segments[1].name", "segments[1].parent"]


def test_self_loops_repeated_edges_and_parent_cycles_are_refused():
    edges = [*LITHIUM["edges"], {"source": "cell", "target": "cell"}, {"source": "ore", "target": "cathode"}]
    with pytest.raises(TemplateError) as err:
        template_from_dict(_with(edges=edges))
    assert [p for p, _ in err.value.problems] == ["edges[3]", "edges[4]"]
    segments = [dict(s) for s in LITHIUM["segments"]]
    segments[1]["parent"] = "lfp"
    with pytest.raises(TemplateError, match="上级环节形成循环"):
        template_from_dict(_with(segments=segments))
