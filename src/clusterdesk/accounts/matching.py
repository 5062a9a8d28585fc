"""Matching the old free-text owners (责任单位 as typed) of every source of work, and users' units, to unit records.

The sources are named by label and field (this foundation imports no domain app). `match_free_text` reads through
whichever model registry it is given, so that the live service (`services.units_match_free_text`) and the data
migration (historical models from ``apps.get_model``) run the same matching; the rule itself is the core's
(`clusterdesk.core.routing.UnitIndex`: exact on names, short names and aliases, the nearest region wins, a tie is
no match).
"""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from clusterdesk.core.routing import UnitIndex, UnitName

__all__ = ["SOURCES", "USERS", "MatchPlan", "UnitSource", "Unmatched", "match_free_text"]


@dataclass(frozen=True)
class UnitSource:
    """A model with a responsible unit: its free-text field, the unit field, and the path to the row's region."""

    model: str
    text: str
    region: str
    unit: str = "assigned_unit"


#: Every source of work with an old free-text owner (see the models' ``assigned_unit``).
SOURCES: tuple[UnitSource, ...] = (
    UnitSource("projects.Project", "responsible_unit", "region"),
    UnitSource("projects.Problem", "owner_unit", "project__region"),
    UnitSource("projects.MeetingDecision", "owner_unit", "meeting__region"),
    UnitSource("enterprise_service.FollowUpTask", "owner_unit", "enterprise__region"),
    UnitSource("enterprise_service.Appeal", "unit", "enterprise__region"),
    UnitSource("tasks.Instruction", "owner_unit", "region"),
    UnitSource("attraction.Lead", "owner_unit", "region"),
)
#: Users: the unit as typed before units were records; the region is their first scope region (or park's).
USERS = UnitSource("accounts.User", "unit_name", "", unit="unit")


@dataclass(frozen=True)
class Unmatched:
    """A row whose free text names no unit (or several equally near): model label, row id, text, region id."""

    model: str
    pk: int
    text: str
    region_id: int | None


@dataclass
class MatchPlan:
    """What matching would do: per model label, the unit to set on each row (unit id → row ids); what it cannot."""

    matched: dict[str, dict[int, list[int]]] = field(default_factory=lambda: defaultdict(lambda: defaultdict(list)))
    unmatched: list[Unmatched] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        """Matched rows per model label."""
        return {label: sum(len(pks) for pks in by_unit.values()) for label, by_unit in self.matched.items()}


def _paths(apps: Any) -> Callable[[int | None], tuple[int, ...]]:
    parents = dict(apps.get_model("regions", "Region").objects.values_list("pk", "parent_id"))
    cache: dict[int | None, tuple[int, ...]] = {None: ()}

    def path(region_id: int | None) -> tuple[int, ...]:
        if region_id not in cache:
            found, current = [], region_id
            while current is not None and current not in found:
                found.append(current)
                current = parents.get(current)
            cache[region_id] = tuple(found)
        return cache[region_id]

    return path


def _index(apps: Any, path: Callable[[int | None], tuple[int, ...]]) -> UnitIndex:
    rows = apps.get_model("accounts", "Unit").objects.filter(is_active=True).values_list(
        "pk", "name", "short_name", "aliases", "region_id")
    return UnitIndex(UnitName(pk, tuple(n for n in (name, short, *aliases.splitlines()) if n.strip()), path(region))
                     for pk, name, short, aliases, region in rows)


def _user_rows(apps: Any, base: Callable[[Any], Any]) -> list[tuple[int, str, int | None]]:
    user_model = apps.get_model("accounts", "User")
    users = list(base(user_model).filter(unit__isnull=True).exclude(unit_name="").values_list("pk", "unit_name"))
    if not users:
        return []
    pks = [pk for pk, _text in users]
    regions: dict[int, int] = {}
    for user_id, region_id in user_model.scope_regions.through.objects.filter(user_id__in=pks).order_by(
            "region_id").values_list("user_id", "region_id"):
        regions.setdefault(user_id, region_id)
    for user_id, region_id in user_model.scope_parks.through.objects.filter(user_id__in=pks).order_by(
            "park_id").values_list("user_id", "park__region_id"):
        regions.setdefault(user_id, region_id)
    return [(pk, text, regions.get(pk)) for pk, text in users]


def match_free_text(apps: Any, *, sources: tuple[UnitSource, ...] = SOURCES, users: bool = True,
                    base: Callable[[Any], Any] | None = None) -> MatchPlan:
    """Find the unit each unlinked row's free text names, nearest to the row's region; nothing is written.

    ``apps`` is Django's app registry or a migration's historical one; ``base(model)`` gives the rows to look at
    (all by default; a page passes the user's scope).
    """
    base = base or (lambda model: model._default_manager)
    path = _paths(apps)
    index = _index(apps, path)
    plan = MatchPlan()
    todo: list[tuple[UnitSource, list[tuple[int, str, int | None]]]] = []
    for source in sources:
        model = apps.get_model(source.model)
        rows = base(model).filter(**{f"{source.unit}__isnull": True}).exclude(**{source.text: ""})
        todo.append((source, list(rows.order_by("pk").values_list("pk", source.text, source.region))))
    if users:
        todo.append((USERS, _user_rows(apps, base)))
    for source, rows in todo:
        for pk, text, region_id in rows:
            unit_id = index.match(text, region_path=path(region_id))
            if unit_id is None:
                plan.unmatched.append(Unmatched(source.model, pk, text, region_id))
            else:
                plan.matched[source.model][unit_id].append(pk)
    return plan
