"""Match a unit as people write it (市发改委, 长沙市发展和改革委员会, 发改委) to the units on record."""

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

__all__ = ["UnitIndex", "UnitName", "match_unit", "normalize_unit_name"]

_DROP = str.maketrans("", "", " \t\u3000·•()（）【】[]")


def normalize_unit_name(text: str) -> str:
    """The form two spellings of one unit share: NFKC, no spaces or brackets.

    Returns
    -------
    str
        The normalised name.

    Examples
    --------
    >>> normalize_unit_name(" 市 发改委（牵头） ")
    '市发改委牵头'
    >>> normalize_unit_name("ＡＢＣ局")
    'ABC局'
    """
    return unicodedata.normalize("NFKC", text).translate(_DROP).strip()


@dataclass(frozen=True)
class UnitName:
    """A unit on record as the matcher sees it: its id, its names, and the regions it sits in (nearest first)."""

    unit_id: int
    names: tuple[str, ...]
    region_path: tuple[int, ...] = ()


def match_unit(text: str, units: Iterable[UnitName], *, region_path: Sequence[int] = ()) -> int | None:
    """The id of the unit ``text`` names, or ``None`` when none or more than one equally near unit does.

    A name matches exactly (after `normalize_unit_name`) the unit's name, short name or an alias. When several
    units share the name (every county has a 发改局), the one whose region is nearest to ``region_path`` (the
    record's region and its ancestors, nearest first) wins, an office on that path before one of another branch
    that only shares an ancestor; a tie is no match, never a guess.

    Returns
    -------
    int or None
        The matched unit's id, or ``None``.

    Examples
    --------
    >>> units = [UnitName(1, ("长沙市发展和改革委员会", "市发改委"), (430100, 430000)),
    ...          UnitName(2, ("株洲市发展和改革委员会", "市发改委"), (430200, 430000))]
    >>> match_unit("市发改委", units, region_path=(430211, 430200, 430000))
    2
    >>> match_unit("市发改委", units) is None
    True
    >>> match_unit("长沙市 发展和改革委员会", units)
    1
    """
    wanted = normalize_unit_name(text)
    if not wanted:
        return None
    found = [u for u in units if wanted in {normalize_unit_name(n) for n in u.names}]
    return _nearest(found, region_path)


def _nearest(found: Sequence[UnitName], region_path: Sequence[int]) -> int | None:
    """The one unit of ``found`` nearest to ``region_path``; ``None`` on a tie or when none lies on the path.

    A unit whose own region is on the record's path (the record's region or one above it) comes before a unit of
    another branch that only shares an ancestor (for a record in 芙蓉区, 长沙市's 市商务局 before 浏阳市's); among
    each, the nearer region wins.
    """
    if len(found) <= 1:
        return found[0].unit_id if found else None
    distance = {region: depth for depth, region in enumerate(region_path)}
    far = len(distance) + 1

    def rank(unit: UnitName) -> tuple[int, int]:
        own = unit.region_path[0] if unit.region_path else None
        if own in distance:
            return 0, distance[own]
        return 1, min((distance[r] for r in unit.region_path if r in distance), default=far)

    ranked = sorted((rank(u), u.unit_id) for u in found)
    best = [uid for r, uid in ranked if r == ranked[0][0]]
    return best[0] if len(best) == 1 and ranked[0][0][1] < far else None


class UnitIndex:
    """The units on record, indexed by their normalised names, to match many texts at once (old records, sheets).

    Gives the same answer as `match_unit` for each text, without reading every unit for every text.

    Parameters
    ----------
    units : iterable of UnitName
        The units that may be matched.

    Examples
    --------
    >>> index = UnitIndex([UnitName(1, ("长沙市发展和改革委员会", "市发改委"), (430100, 430000)),
    ...                    UnitName(2, ("株洲市发展和改革委员会", "市发改委"), (430200, 430000))])
    >>> index.match("市 发改委", region_path=(430100, 430000))
    1
    >>> index.match("市发改委") is None
    True
    >>> index.match("商务局") is None
    True
    """

    def __init__(self, units: Iterable[UnitName]) -> None:
        self._by_name: dict[str, list[UnitName]] = {}
        self._by_place: dict[tuple[str, int], list[int]] = {}
        for unit in units:
            for name in {normalize_unit_name(n) for n in unit.names}:
                if name:
                    self._by_name.setdefault(name, []).append(unit)
                    if unit.region_path:
                        self._by_place.setdefault((name, unit.region_path[0]), []).append(unit.unit_id)

    def match(self, text: str, *, region_path: Sequence[int] = ()) -> int | None:
        """The id of the unit ``text`` names nearest to ``region_path``, as `match_unit` decides it."""
        name = normalize_unit_name(text)
        found = self._by_name.get(name, [])
        if len(found) > 1:
            # The units of the record's own line first, nearest region first (a short walk, not a sort).
            for region in region_path:
                here = self._by_place.get((name, region))
                if here:
                    return here[0] if len(here) == 1 else None
        return _nearest(found, region_path)
