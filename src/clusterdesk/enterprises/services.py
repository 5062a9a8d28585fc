"""Writes for enterprises."""

from django.core.exceptions import ValidationError

from clusterdesk.accounts.actors import Actor
from clusterdesk.common.services import object_create, object_delete, object_update
from clusterdesk.core.codes.uscc import normalize_uscc
from clusterdesk.industry.models import ChainSegment

from .models import Enterprise, EnterpriseYearFigure

__all__ = [
    "enterprise_create",
    "enterprise_delete",
    "enterprise_update",
    "enterprise_year_figure_save",
    "secretary_error",
]


def secretary_error(*, secretary_id: int | None, stored_secretary_id: int | None, allowed_ids) -> str | None:
    """A newly named work secretary must be one the actor may assign (``allowed_ids``); a kept one stays."""
    if secretary_id is None or secretary_id == stored_secretary_id or secretary_id in allowed_ids:
        return None
    return "该工作秘书不在您的权限范围内，请联系管理员分配"


def _check_secretary(enterprise: Enterprise, actor: Actor) -> None:
    from .selectors import secretary_choices

    if enterprise.secretary_id is None:
        return
    stored = Enterprise.objects.filter(pk=enterprise.pk).values_list("secretary_id", flat=True).first()
    allowed = set(secretary_choices(user=actor).filter(pk=enterprise.secretary_id).values_list("pk", flat=True))
    message = secretary_error(secretary_id=enterprise.secretary_id, stored_secretary_id=stored, allowed_ids=allowed)
    if message:
        raise ValidationError({"secretary": message})


def enterprise_create(*, enterprise: Enterprise, actor: Actor, chain_segments: list | None = None) -> Enterprise:
    """Create an enterprise; its credit code is normalised and must pass the GB 32100 check."""
    enterprise.uscc = normalize_uscc(enterprise.uscc)
    _check_secretary(enterprise, actor)
    return object_create(instance=enterprise, actor=actor, m2m={"chain_segments": chain_segments or []})


def enterprise_update(*, enterprise: Enterprise, actor: Actor, chain_segments: list | None = None) -> Enterprise:
    """Update an enterprise; chain segments are replaced when given, except those the actor cannot see.

    A segment of another district's chain, linked by someone who can see it, is kept: the actor was
    never shown it, so leaving it out of their list is not a request to remove it.
    """
    enterprise.uscc = normalize_uscc(enterprise.uscc)
    _check_secretary(enterprise, actor)
    m2m = None
    if chain_segments is not None:
        visible = ChainSegment.objects.restrict(actor, "view").values("pk")
        hidden = list(enterprise.chain_segments.exclude(pk__in=visible))
        m2m = {"chain_segments": [*chain_segments, *hidden]}
    return object_update(instance=enterprise, actor=actor, m2m=m2m)


def enterprise_delete(*, enterprise: Enterprise, actor: Actor) -> None:
    """Delete an enterprise (its projects keep their records, without an owner)."""
    object_delete(instance=enterprise, actor=actor)


def enterprise_year_figure_save(*, enterprise: Enterprise, year: int, figures: dict,
                                actor: Actor) -> EnterpriseYearFigure:
    """Create or update an enterprise's figures for one year; only the named figures change."""
    existing = EnterpriseYearFigure.objects.filter(enterprise=enterprise, year=year).first()
    row = existing or EnterpriseYearFigure(enterprise=enterprise, year=year)
    for name, value in figures.items():
        setattr(row, name, value)
    if existing is None:
        return object_create(instance=row, actor=actor, parent_field="enterprise")
    return object_update(instance=row, actor=actor, parent_field="enterprise")
