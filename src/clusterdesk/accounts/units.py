"""Reading units: find the unit a piece of text names (for old records, sheets and the API), and a unit's tree."""

from collections.abc import Iterable
from typing import Any

from django.db.models import Q

from clusterdesk.core.routing import UnitName, match_unit, normalize_unit_name

from .models import Unit

__all__ = ["unit_descendant_ids", "unit_find", "unit_names"]


def _region_path(region: Any) -> tuple[int, ...]:
    """The region's id and its ancestors' ids, nearest first (``region`` an instance or a primary key)."""
    if region is None:
        return ()
    model = Unit._meta.get_field("region").related_model
    if not isinstance(region, model):
        region = model.objects.filter(pk=region).first()
    path = []
    while region is not None:
        path.append(region.pk)
        region = region.parent
    return tuple(path)


def unit_names(units: Iterable[Unit]) -> list[UnitName]:
    """The units as the matcher sees them: their names, short names and aliases, with their regions' paths."""
    paths: dict[int, tuple[int, ...]] = {}
    found = []
    for unit in units:
        if unit.region_id not in paths:
            paths[unit.region_id] = _region_path(unit.region_id)
        names = (unit.name, unit.short_name, *unit.alias_list)
        found.append(UnitName(unit.pk, tuple(n for n in names if n), paths[unit.region_id]))
    return found


def unit_find(text: str, *, region: Any = None) -> Unit | None:
    """The active unit ``text`` names, the one nearest to ``region`` when several share the name (or ``None``)."""
    wanted = normalize_unit_name(text)
    if not wanted:
        return None
    # Narrow in the database by the raw spellings, then match exactly on the normalised names.
    candidates = Unit.objects.filter(is_active=True).filter(
        Q(name=text.strip()) | Q(short_name=text.strip()) | Q(aliases__contains=text.strip())
        | Q(name__contains=wanted) | Q(short_name__contains=wanted) | Q(aliases__contains=wanted))
    unit_id = match_unit(text, unit_names(candidates), region_path=_region_path(region))
    return Unit.objects.get(pk=unit_id) if unit_id is not None else None


def unit_descendant_ids(unit: Unit) -> list[int]:
    """The unit and every unit below it (a city's 发改委 sees what its county 发改局 must do, when set up so)."""
    found, frontier = [unit.pk], [unit.pk]
    while frontier:
        frontier = list(Unit.objects.filter(parent_id__in=frontier).values_list("pk", flat=True))
        found.extend(frontier)
    return found
