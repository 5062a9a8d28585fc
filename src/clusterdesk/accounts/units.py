"""Reading units: find the unit a piece of text names (for old records, sheets and the API), and a unit's tree."""

from collections.abc import Callable, Iterable
from typing import Any

from django.db.models import Q

from clusterdesk.core.codes.region import region_ancestor_codes
from clusterdesk.core.routing import UnitName, match_unit, normalize_unit_name, office_names

from .models import Unit

__all__ = ["region_path", "unit_assign_from_text", "unit_descendant_ids", "unit_find", "unit_finder", "unit_for_office",
           "unit_names", "units_in_reach"]


def region_path(region: Any) -> tuple[int, ...]:
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
            paths[unit.region_id] = region_path(unit.region_id)
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
    unit_id = match_unit(text, unit_names(candidates), region_path=region_path(region))
    return Unit.objects.get(pk=unit_id) if unit_id is not None else None


def unit_descendant_ids(unit: Unit) -> list[int]:
    """The unit and every unit below it (a city's 发改委 sees what its county 发改局 must do, when set up so)."""
    found, frontier = [unit.pk], [unit.pk]
    while frontier:
        frontier = list(Unit.objects.filter(parent_id__in=frontier).values_list("pk", flat=True))
        found.extend(frontier)
    return found


def _region_model() -> Any:
    return Unit._meta.get_field("region").related_model


def units_in_reach(user: Any) -> Any:
    """The active units a user may route work to: those in the regions within their reach and in the regions above
    (a county officer hands a problem to the city's 发改委); every unit for administrators."""
    from .scoping import region_ids_within_reach

    units = Unit.objects.filter(is_active=True).select_related("region")
    ids = region_ids_within_reach(user)
    if ids is None:
        return units
    regions = _region_model().objects.filter(pk__in=ids)
    codes = {code for region in regions for code in region_ancestor_codes(region.code)}
    above = set(_region_model().objects.filter(code__in=codes).values_list("pk", flat=True))
    return units.filter(region_id__in=set(ids) | above)


def unit_for_office(office: str, *, region: Any) -> Unit | None:
    """The active unit of an office (a ``UnitKind`` value or a bare name: 自然资源和规划局) nearest to ``region``:
    the region's own office, else its city's, else its province's (appeals are routed so, by category)."""
    from .models import UnitKind

    names = office_names(office)
    for region_id in region_path(region):
        units = list(Unit.objects.filter(is_active=True, region_id=region_id).exclude(kind=UnitKind.PARK_COMMITTEE))
        if office in UnitKind.values and office != UnitKind.OTHER:
            found = [u for u in units if u.kind == office]
        else:
            found = [u for u in units if any(u.name.endswith(n) for n in names)
                     or {normalize_unit_name(n) for n in names} & {normalize_unit_name(a) for a in u.alias_list}]
        if len(found) == 1:
            return found[0]
    return None


def unit_assign_from_text(instance: Any, *, text_field: str, region: Any, field: str = "assigned_unit",
                          person_field: str | None = None) -> bool:
    """Link ``instance.<field>`` to the unit its free text (``text_field``) names, nearest to ``region``.

    The one rule every source's services follow, whatever the channel (form, API, sheet): a chosen unit is kept
    (and fills an empty text with its name, so lists and exports still read); with only text, a matched text links
    the unit and an unmatched one stays as text (listed by `units_match_free_text`). A responsible person
    (``person_field``) must belong to the unit or one below it, and gives their unit when none is set. Returns
    whether a unit is set now.
    """
    from django.core.exceptions import ValidationError

    person = getattr(instance, person_field) if person_field else None
    if getattr(instance, f"{field}_id") is None and person is not None and person.unit_id is not None:
        setattr(instance, field, person.unit)
    unit = getattr(instance, field)
    text = (getattr(instance, text_field) or "").strip()
    if unit is None and text:
        unit = unit_find(text, region=region)
        if unit is not None:
            setattr(instance, field, unit)
    if unit is not None and not text:
        setattr(instance, text_field, unit.name)
    if unit is not None and person is not None and person.unit_id not in unit_descendant_ids(unit):
        raise ValidationError({person_field: f"责任人“{person}”不属于{unit} / the responsible person is not a "
                                             f"member of the responsible unit"})
    return unit is not None


def unit_finder() -> Callable[[str, int | None], int | None]:
    """`unit_find` for many rows (a sheet of projects): the units and regions are read once; the function returned
    takes a text and a region id and gives the id of the unit it names, or ``None``."""
    from clusterdesk.core.routing import UnitIndex

    parents = dict(_region_model().objects.values_list("pk", "parent_id"))

    def path(region_id: int | None) -> tuple[int, ...]:
        found = []
        while region_id is not None and region_id not in found:
            found.append(region_id)
            region_id = parents.get(region_id)
        return tuple(found)

    index = UnitIndex(unit_names(Unit.objects.filter(is_active=True)))
    return lambda text, region_id: index.match(text, region_path=path(region_id))
