"""Writes for investment leads."""

from clusterdesk.accounts.actors import Actor
from clusterdesk.accounts.units import unit_assign_from_text
from clusterdesk.common.services import object_create, object_delete, object_update

from .models import Lead

__all__ = ["lead_create", "lead_delete", "lead_update"]


def _link_unit(lead: Lead) -> None:
    """The follow-up unit from its text when none is chosen (`accounts.units.unit_assign_from_text`)."""
    if lead.region_id:
        unit_assign_from_text(lead, text_field="owner_unit", region=lead.region_id)


def lead_create(*, lead: Lead, actor: Actor) -> Lead:
    """Register a lead in the actor's scope."""
    _link_unit(lead)
    return object_create(instance=lead, actor=actor)


def lead_update(*, lead: Lead, actor: Actor) -> Lead:
    """Update a lead (its stage moves on as talks progress; signing and landing need their date and project)."""
    _link_unit(lead)
    return object_update(instance=lead, actor=actor)


def lead_delete(*, lead: Lead, actor: Actor) -> None:
    """Delete a lead."""
    object_delete(instance=lead, actor=actor)
