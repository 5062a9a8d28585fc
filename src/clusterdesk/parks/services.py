"""Writes for parks: the positioning rule (3 + 2 for national parks, 2 + 2 otherwise) is checked here."""

from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError

from clusterdesk.accounts.actors import Actor
from clusterdesk.common.services import object_create, object_delete, object_update
from clusterdesk.core.positioning import POSITIONING_LIMITS, parse_positioning_limits, positioning_errors

from .choices import ParkIndustryRoleChoices
from .models import Park, ParkIndustry

__all__ = ["park_create", "park_delete", "park_update", "positioning_limits"]


def positioning_limits() -> dict[str, tuple[int, int]]:
    """The limits per park level: the defaults, overridden by the ``POSITIONING_LIMITS`` setting."""
    configured = settings.CLUSTERDESK.get("POSITIONING_LIMITS") or {}
    if isinstance(configured, str):
        configured = parse_positioning_limits(configured)
    return {**POSITIONING_LIMITS, **configured}


def _check_positioning(park: Park, leading: list, featured: list) -> None:
    errors = positioning_errors(level=park.level, leading=[i.code for i in leading],
                                featured=[i.code for i in featured], limits=positioning_limits())
    if errors:
        raise ValidationError({"leading_industries": errors})


def _write_positioning(park: Park, leading: Iterable, featured: Iterable) -> None:
    park.park_industries.all().delete()
    rows = [ParkIndustry(park=park, industry=i, role=ParkIndustryRoleChoices.LEADING) for i in leading]
    rows += [ParkIndustry(park=park, industry=i, role=ParkIndustryRoleChoices.FEATURED) for i in featured]
    ParkIndustry.objects.bulk_create(rows)


def park_create(*, park: Park, actor: Actor, leading: list | None = None, featured: list | None = None) -> Park:
    """Create a park with its positioning, checking the leading/featured limits of its level."""
    leading, featured = leading or [], featured or []
    _check_positioning(park, leading, featured)
    return object_create(instance=park, actor=actor, after_save=lambda p: _write_positioning(p, leading, featured))


def park_update(*, park: Park, actor: Actor, leading: list | None = None, featured: list | None = None) -> Park:
    """Update a park; given positioning replaces the old one, within the limits of the park's level."""
    if leading is None and featured is None:
        return object_update(instance=park, actor=actor)
    leading = leading if leading is not None else park.leading_industries
    featured = featured if featured is not None else park.featured_industries
    _check_positioning(park, leading, featured)
    return object_update(instance=park, actor=actor, after_save=lambda p: _write_positioning(p, leading, featured))


def park_delete(*, park: Park, actor: Actor) -> None:
    """Delete a park with its positioning; its enterprises and projects stay, without a park."""
    object_delete(instance=park, actor=actor)
