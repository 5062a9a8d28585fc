"""Demo phase: the demo's projects get coordinates inside their county (issue 14's maps show them).

Each project lies at its county's representative point (a point shapely guarantees inside the polygon) plus a
seeded jitter; a jittered point that falls outside the county is drawn again, and after a few tries the
representative point itself is used, so every point lies inside its county.
"""

import numpy as np
import shapely

from clusterdesk.common.registry import DemoPhase, registry

from .boundaries import package_layer

__all__ = ["build_project_points", "points_in_region", "register"]

#: Largest jitter from the representative point, in degrees (about 15 km).
JITTER = 0.15
TRIES = 8


def _region_shape(code: str):
    feature = package_layer("district" if code[4:] != "00" else "city", code).get(code)
    return None if feature is None else shapely.geometry.shape(feature["geometry"])


def points_in_region(code: str, count: int, rng: np.random.Generator) -> np.ndarray | None:
    """``count`` points (longitude, latitude) inside region ``code``'s polygon, or ``None`` without a polygon."""
    shape = _region_shape(code)
    if shape is None:
        return None
    anchor = shape.representative_point()
    points = np.tile([anchor.x, anchor.y], (count, 1))
    todo = np.arange(count)
    for _ in range(TRIES):
        if not len(todo):
            break
        candidates = np.array([anchor.x, anchor.y]) + rng.uniform(-JITTER, JITTER, (len(todo), 2))
        inside = shapely.contains_xy(shape, candidates[:, 0], candidates[:, 1])
        points[todo[inside]] = candidates[inside]
        todo = todo[~inside]
    return np.round(points, 5)


def build_project_points(ctx) -> None:
    """Place the demo's projects inside their counties (the projects' demo module writes the coordinates)."""
    from clusterdesk.projects.demo import project_regions, set_project_points

    by_region: dict[str, list[int]] = {}
    for pk, code in project_regions(ctx.ids):
        by_region.setdefault(code, []).append(pk)
    rng = np.random.default_rng(int(ctx.rng("project_points").random() * 2**32))
    points: dict[int, tuple[float, float]] = {}
    for code in sorted(by_region):
        pks = by_region[code]
        found = points_in_region(code, len(pks), rng)
        if found is not None:
            points.update(zip(pks, map(tuple, found.tolist()), strict=True))
    ctx.counts["project_points"] = set_project_points(points)


def register() -> None:
    """Register the phase (called from `MapsConfig.ready`), after the projects (60) and their schedules (70)."""
    registry.register_demo_phase(DemoPhase("project_points", build_project_points, 65))
