"""The responsible unit (and person) in the API: one way for every source of work.

A payload may name the unit by id (``assigned_unit``, among the units within the caller's reach) and the person
by id (``assigned_person``, a member of that unit); the old free text (``owner_unit``, ``unit``,
``responsible_unit``) is still accepted and matched by the services (`accounts.units.unit_assign_from_text`).
The answer carries ``assigned_unit``/``assigned_unit_name`` and ``unit_unmatched``: true when the text named no
unit and was kept as text.
"""

from django.contrib.auth import get_user_model
from ninja import Schema

from clusterdesk.accounts.units import unit_descendant_ids, units_in_reach

from .crud import Refs

__all__ = ["UnitOut", "UnitPersonOut", "resolve_unit_refs"]


class UnitOut(Schema):
    """The responsible unit of a record as the API answers it (mixed into a source's output schema)."""

    assigned_unit: int | None
    assigned_unit_name: str | None
    unit_unmatched: bool

    @staticmethod
    def resolve_assigned_unit(obj) -> int | None:
        return obj.assigned_unit_id

    @staticmethod
    def resolve_assigned_unit_name(obj) -> str | None:
        return obj.assigned_unit.name if obj.assigned_unit_id else None

    @staticmethod
    def resolve_unit_unmatched(obj) -> bool:
        text = next((getattr(obj, n) for n in ("owner_unit", "responsible_unit", "unit")
                     if isinstance(getattr(obj, n, None), str)), "")
        return obj.assigned_unit_id is None and bool(text.strip())


class UnitPersonOut(UnitOut):
    assigned_person: int | None

    @staticmethod
    def resolve_assigned_person(obj) -> int | None:
        return obj.assigned_person_id


def resolve_unit_refs(refs: Refs, data: dict) -> None:
    """Replace the ids of ``assigned_unit`` and ``assigned_person`` in a payload by the records (errors on refs)."""
    if data.get("assigned_unit") is not None:
        data["assigned_unit"] = refs.scoped("assigned_unit", units_in_reach(refs.user), data["assigned_unit"])
    elif "assigned_unit" in data:
        data.pop("assigned_unit")
    if data.get("assigned_person") is not None:
        unit = data.get("assigned_unit")
        people = get_user_model().objects.filter(is_active=True)
        people = people.filter(unit__in=unit_descendant_ids(unit)) if unit else people.filter(
            unit__in=units_in_reach(refs.user).values("pk"))
        data["assigned_person"] = refs.scoped("assigned_person", people, data["assigned_person"])
    elif "assigned_person" in data:
        data.pop("assigned_person")
