"""Writing change records: snapshots of an object and the ObjectChange row, inside the caller's transaction."""

import datetime
import logging
from decimal import Decimal

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models

from .context import current_change_context
from .models import ObjectChange

__all__ = ["MissingChangeContextError", "record_change", "snapshot"]

logger = logging.getLogger(__name__)


class MissingChangeContextError(RuntimeError):
    """A change was made outside any change context (a bug: every channel must open one)."""


def _jsonable(value):
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    return value


def snapshot(instance: models.Model) -> dict:
    """The object's field values as JSON-safe data: concrete fields by attname, many-to-many as sorted ids."""
    data = {}
    for field in instance._meta.concrete_fields:
        if field.name in ("created", "last_updated", "password"):
            continue
        data[field.attname] = _jsonable(field.value_from_object(instance))
    if instance.pk:
        for field in instance._meta.many_to_many:
            data[field.name] = sorted(getattr(instance, field.name).values_list("pk", flat=True))
        extra = getattr(instance, "changelog_extra", None)
        if extra is not None:
            data.update(extra())
    return data


def record_change(*, instance: models.Model, action: str, actor, before: dict | None = None,
                  related: models.Model | None = None, object_repr: str | None = None) -> ObjectChange:
    """Write one ObjectChange for ``instance``; call it inside the transaction that made the change."""
    ctx = current_change_context()
    if ctx is None:
        if settings.CLUSTERDESK.get("STRICT_CHANGE_CONTEXT"):
            raise MissingChangeContextError(f"change to {instance!r} made outside a change context")
        logger.warning("change to %r made outside a change context", instance)
        from .context import ChangeContext

        ctx = ChangeContext(actor=actor, source=ObjectChange.Source.JOB)
    after = None if action == ObjectChange.Action.DELETE else snapshot(instance)
    return ObjectChange.objects.create(
        user=actor if getattr(actor, "pk", None) else None,
        user_name=getattr(actor, "username", "") or "system",
        request_id=ctx.request_id,
        source=ctx.source,
        action=action,
        changed_object_type=ContentType.objects.get_for_model(instance),
        changed_object_id=instance.pk,
        related_object_type=ContentType.objects.get_for_model(related) if related is not None else None,
        related_object_id=related.pk if related is not None else None,
        object_repr=(object_repr if object_repr is not None else str(instance))[:200],
        message=ctx.message[:200],
        prechange_data=before,
        postchange_data=after,
    )
