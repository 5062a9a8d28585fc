"""Generic writes used by every domain service: scope checks, validation and the change log in one transaction.

Domain services (`parks.services.park_create`, …) add their business rules and call these.
"""

from collections.abc import Callable, Mapping

from django.core.exceptions import PermissionDenied
from django.db import models, router, transaction
from django.db.models.deletion import Collector

from clusterdesk.accounts.actors import Actor
from clusterdesk.accounts.scoping import SCOPE_PATHS, can
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
def object_create(*, instance: models.Model, actor: Actor, m2m: Mapping[str, object] | None = None,
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
def object_update(*, instance: models.Model, actor: Actor, m2m: Mapping[str, object] | None = None,
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


def _dependents(instance: models.Model) -> tuple[list[models.Model], list[models.Model]]:
    """Domain objects a delete will take with it, and those whose link to it will be cleared."""
    collector = Collector(using=router.db_for_write(type(instance)), origin=instance)
    collector.collect([instance])
    deleted = [obj for objs in collector.data.values() for obj in objs if obj is not instance]
    deleted += [obj for queryset in collector.fast_deletes for obj in queryset]
    cleared = [obj for groups in collector.field_updates.values() for objs in groups for obj in objs]

    def logged(obj) -> bool:
        return obj._meta.label_lower in SCOPE_PATHS and obj != instance

    return [o for o in deleted if logged(o)], [o for o in cleared if logged(o)]


@transaction.atomic
def object_delete(*, instance: models.Model, actor: Actor, parent_field: str | None = None) -> None:
    """Delete an object the actor may delete, recording its last state and what the delete did to others."""
    if not can(actor, "delete", instance):
        raise PermissionDenied("outside your scope")
    before = snapshot(instance)
    parent = _parent(instance, parent_field)
    deleted, cleared = _dependents(instance)
    # Names are taken now: once the parent is gone, a child's __str__ could not reach it.
    deleted_before = [(obj, snapshot(obj), str(obj)) for obj in deleted]
    cleared_before = [(obj, snapshot(obj)) for obj in cleared]
    pk = instance.pk
    instance.delete()
    instance.pk = pk
    record_change(instance=instance, action=ObjectChange.Action.DELETE, actor=actor, before=before, related=parent)
    for obj, state, name in deleted_before:
        record_change(instance=obj, action=ObjectChange.Action.DELETE, actor=actor, before=state, object_repr=name)
    for obj, state in cleared_before:
        fresh = type(obj).objects.get(pk=obj.pk)
        record_change(instance=fresh, action=ObjectChange.Action.UPDATE, actor=actor, before=state)
