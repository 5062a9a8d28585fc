"""Writes for the national reference table: an import replaces the years it covers, all rows or none."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from clusterdesk.accounts.actors import Actor
from clusterdesk.common.services import object_create, object_delete

from .models import NationalReferenceFigure

__all__ = ["national_reference_import"]


@transaction.atomic
def national_reference_import(*, figures: list[NationalReferenceFigure], actor: Actor) -> int:
    """Replace the national figures of the years in ``figures`` with them (administrators only); each delete and
    create is recorded in the change log."""
    if not getattr(actor, "is_administrator", False):
        raise PermissionDenied("only administrators import the national reference table")
    years = {f.year for f in figures}
    for old in NationalReferenceFigure.objects.filter(year__in=years):
        object_delete(instance=old, actor=actor)
    for figure in figures:
        object_create(instance=figure, actor=actor)
    return len(figures)
