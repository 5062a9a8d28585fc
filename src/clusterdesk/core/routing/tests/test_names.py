"""Matching the names people write to units: aliases, normalisation, the nearest region, ties; standard offices."""

import pytest

from clusterdesk.core.routing import UnitIndex, UnitName, match_unit, normalize_unit_name, office_names, standard_units

PROVINCE, CHANGSHA, FURONG, LIUYANG, ZHUZHOU, TIANYUAN = 430000, 430100, 430102, 430181, 430200, 430211
UNITS = [
    UnitName(1, ("长沙市商务局", "市商务局", "商务局"), (CHANGSHA, PROVINCE)),
    UnitName(2, ("浏阳市商务局", "市商务局", "商务局"), (LIUYANG, CHANGSHA, PROVINCE)),
    UnitName(3, ("芙蓉区商务局", "区商务局", "商务局"), (FURONG, CHANGSHA, PROVINCE)),
    UnitName(4, ("株洲市商务局", "市商务局", "商务局"), (ZHUZHOU, PROVINCE)),
    UnitName(5, ("天元区商务局", "区商务局", "商务局"), (TIANYUAN, ZHUZHOU, PROVINCE)),
]


@pytest.mark.parametrize(("text", "path", "expected"), [
    ("市商务局", (FURONG, CHANGSHA, PROVINCE), 1),  # the city on the record's line, not the county-level city beside
    ("市商务局", (LIUYANG, CHANGSHA, PROVINCE), 2),  # in 浏阳 the 市 is 浏阳市
    ("商务局", (FURONG, CHANGSHA, PROVINCE), 3),  # the record's own county first
    ("区商务局", (ZHUZHOU, PROVINCE), 5),  # only one 区 below 株洲
    ("市商务局", (PROVINCE,), None),  # three cities equally near: a tie is no match
    ("商务局", (), None),
    ("株洲市 商务局", (), 4),  # a unique full name needs no region
    ("（芙蓉区）商务局", (TIANYUAN, ZHUZHOU, PROVINCE), 3),  # brackets and spaces do not count
    ("交通运输局", (FURONG, CHANGSHA, PROVINCE), None),
    ("", (FURONG,), None),
])
def test_match_and_index_agree(text, path, expected):
    assert match_unit(text, UNITS, region_path=path) == expected
    assert UnitIndex(UNITS).match(text, region_path=path) == expected


def test_normalisation_is_nfkc_without_spaces_or_brackets():
    assert normalize_unit_name("　市【发改委】 ") == "市发改委"
    assert normalize_unit_name("ＡＢＣ局") == "ABC局"


def test_standard_units_of_a_county_name_their_city_and_county_spellings():
    units = {u.key: u for u in standard_units("浏阳市", "county")}
    assert units["development_reform"].name == "浏阳市发展和改革局"
    assert units["development_reform"].short_name == "市发改局"
    assert "浏阳市发改局" in units["development_reform"].aliases
    assert {"自然资源局", "自规局", "市自规局"} <= set(units["natural_resources"].aliases)
    assert units["natural_resources"].kind == "natural_resources" and units["housing"].kind == "other"
    assert all(u.name not in u.aliases and u.short_name not in u.aliases for u in units.values())
    with pytest.raises(ValueError, match="province"):
        standard_units("湖南省", "province")


def test_office_names_of_a_route():
    assert "发展和改革局" in office_names("发展和改革委员会") and "审批局" in office_names("approval")
    assert office_names("地方金融管理局") == ("地方金融管理局",)
