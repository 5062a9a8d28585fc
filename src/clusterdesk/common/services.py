"""Generic writes used by every domain service: scope checks, validation and the change log in one transaction.

Domain services (`parks.services.park_create`, …) add their business rules and call these.
"""

from collections.abc import Callable, Mapping

from django.core.exceptions import PermissionDenied
from django.db import models, transaction

from clusterdesk.accounts.scoping import can
from clusterdesk.changelog.models import ObjectChange
from clusterdesk.changelog.recording import record_change, snapshot

__all__ = ["object_create", "object_delete", "object_update"]


AfterSave = Callable[[models.Model], None] | None


def _set_related(instance: models.Model, m2m: Mapping[str, object] | None, after_save: AfterSave) -> None:
    for name, values in (m2m or {}).items():
        getattr(instance, name).set(values)
    if after_save is not None:
        after_save(instance)


def _parent(instance: models.Model, parent_field: str | None) -> models.Model | None:
    return getattr(instance, parent_field) if parent_field else None


@transaction.atomic
def object_create(*, instance: models.Model, actor, m2m: Mapping[str, object] | None = None,
                  parent_field: str | None = None, after_save: AfterSave = None) -> models.Model:
    """Validate and save a new object, refuse it if it lands outside the actor's scope, record the change.

    ``after_save`` writes the object's dependent rows inside the same transaction, before the scope check.
    """
    instance.full_clean()
    instance.save()
    _set_related(instance, m2m, after_save)
    if not can(actor, "add", instance):
        raise PermissionDenied("outside your scope")
    record_change(instance=instance, action=ObjectChange.Action.CREATE, actor=actor,
                  related=_parent(instance, parent_field))
    return instance


@transaction.atomic
def object_update(*, instance: models.Model, actor, m2m: Mapping[str, object] | None = None,
                  parent_field: str | None = None, after_save: AfterSave = None) -> models.Model:
    """Save changed fields of an object the actor may change, keeping it inside their scope."""
    model = type(instance)
    stored = model.objects.select_for_update().get(pk=instance.pk)
    if not can(actor, "change", stored):
        raise PermissionDenied("outside your scope")
    before = snapshot(stored)
    instance.full_clean()
    instance.save()
    _set_related(instance, m2m, after_save)
    if not can(actor, "change", instance):
        raise PermissionDenied("the change would move the object outside your scope")
    record_change(instance=instance, action=ObjectChange.Action.UPDATE, actor=actor, before=before,
                  related=_parent(instance, parent_field))
    return instance


@transaction.atomic
def object_delete(*, instance: models.Model, actor, parent_field: str | None = None) -> None:
    """Delete an object the actor may delete, recording its last state."""
    if not can(actor, "delete", instance):
        raise PermissionDenied("outside your scope")
    before = snapshot(instance)
    parent = _parent(instance, parent_field)
    pk = instance.pk
    instance.delete()
    instance.pk = pk
    record_change(instance=instance, action=ObjectChange.Action.DELETE, actor=actor, before=before, related=parent)
