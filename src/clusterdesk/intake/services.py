"""Writes for intake: a visit or meeting (confirmed from a briefing draft or entered by hand) with the leaders'
instructions given there (`tasks.Instruction`), in one transaction."""

import datetime

from django.db import transaction

from clusterdesk.accounts.actors import Actor
from clusterdesk.accounts.units import unit_find
from clusterdesk.common.services import object_create, object_update
from clusterdesk.tasks.models import Instruction, InstructionOrigin
from clusterdesk.tasks.services import instruction_create

from .models import Visit

__all__ = ["visit_create", "visit_instruction_add", "visit_update"]


def visit_instruction_add(*, visit: Visit, actor: Actor, text: str, owner_unit: str = "",
                          due: datetime.date | None = None, assigned_unit=None, assigned_person=None) -> Instruction:
    """Add an instruction given at ``visit``: to the unit chosen, or else the unit its written name finds."""
    unit = assigned_unit or (unit_find(owner_unit, region=visit.region) if owner_unit else None)
    instruction = Instruction(
        text=text, leader_name=visit.people[:100], visit=visit, region=visit.region, owner_unit=owner_unit[:200],
        origin=InstructionOrigin.MEETING if visit.kind == Visit.Kind.MEETING else InstructionOrigin.VISIT,
        assigned_unit=unit, assigned_person=assigned_person, issued_date=visit.date or datetime.date.today(),
        due_date=due)
    return instruction_create(instruction=instruction, actor=actor)


@transaction.atomic
def visit_create(*, visit: Visit, actor: Actor, clusters=(), parks=(), enterprises=(), projects=(),
                 tasks: list[tuple[str, str, datetime.date | None]] = ()) -> Visit:
    """Save a visit or meeting with the records it concerns and its instructions (text, owner unit, due)."""

    visit.recorded_by = actor if getattr(actor, "pk", None) else None
    saved = object_create(instance=visit, actor=actor,
                          m2m={"clusters": list(clusters), "parks": list(parks), "enterprises": list(enterprises),
                               "projects": list(projects)})
    for text, owner_unit, due in tasks:
        visit_instruction_add(visit=saved, actor=actor, text=text, owner_unit=owner_unit, due=due)
    return saved


@transaction.atomic
def visit_update(*, visit: Visit, actor: Actor, clusters=None, parks=None, enterprises=None, projects=None) -> Visit:
    """Correct a visit or meeting: its leader, date, people, places, region and the records it concerns."""
    m2m = {name: list(value) for name, value in (("clusters", clusters), ("parks", parks),
                                                 ("enterprises", enterprises), ("projects", projects))
           if value is not None}
    return object_update(instance=visit, actor=actor, m2m=m2m)
