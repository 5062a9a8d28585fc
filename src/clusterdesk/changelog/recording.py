"""Writing change records: snapshots of objects and the ObjectChange rows, inside the caller's transaction.

`record_changes` is the one function that records changes, one or a hundred thousand: the single-object
services (through `record_change`, its one-change form) and the apps' bulk services both call it, so every
change record has the same actor, channel, request id, import batch and snapshots whichever way it was made.
"""

import datetime
import functools
import logging
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

from clusterdesk.common.registry import registry

from .context import ChangeContext, current_change_context
from .models import ObjectChange

__all__ = ["Change", "MissingChangeContextError", "record_change", "record_changes", "snapshot", "snapshots"]

logger = logging.getLogger(__name__)

CHUNK = 900


class MissingChangeContextError(RuntimeError):
    """A change was made outside any change context (a bug: every channel must open one)."""


def _jsonable(value):
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    return value


@functools.cache
def _snapshot_fields(model: type[models.Model]) -> tuple[tuple[str, object], ...]:
    """(attname, how its value becomes JSON) of the fields a snapshot keeps, worked out once per model: most
    values pass as they are, decimals become text, dates ISO text, files their name."""
    skip = ("created", "last_updated", "password")
    result = []
    for f in model._meta.concrete_fields:
        if f.name in skip:
            continue
        if isinstance(f, models.FileField):
            how: object = f
        elif isinstance(f, models.DecimalField | models.DateField | models.UUIDField | models.JSONField):
            how = _jsonable
        else:
            how = None
        result.append((f.attname, how))
    return tuple(result)


def _m2m_ids(model: type[models.Model], pks: Sequence[int]) -> dict[str, dict[int, list[int]]]:
    """For each many-to-many field, the related ids of each object, read in one query per field for all."""
    result: dict[str, dict[int, list[int]]] = {}
    for m2m in model._meta.many_to_many:
        through = getattr(model, m2m.name).through
        source, target = m2m.m2m_column_name(), m2m.m2m_reverse_name()
        values: dict[int, list[int]] = defaultdict(list)
        for start in range(0, len(pks), CHUNK):
            for a, b in through.objects.filter(**{f"{source}__in": pks[start:start + CHUNK]}).values_list(source,
                                                                                                        target):
                values[a].append(b)
        result[m2m.name] = values
    return result


def snapshots(instances: Sequence[models.Model]) -> list[dict]:
    """The field values of objects of one model as JSON-safe data: concrete fields by attname, many-to-many as
    sorted ids (one query per field for all the objects), and the model's ``changelog_extra()`` if it has one."""
    if not instances:
        return []
    model = type(instances[0])
    fields = _snapshot_fields(model)
    saved = [obj.pk for obj in instances if obj.pk]
    m2m = _m2m_ids(model, saved) if saved and model._meta.many_to_many else {}
    result = []
    for obj in instances:
        values = obj.__dict__
        data = {}
        for attname, how in fields:
            # A field deferred by the query that loaded the object (a delete's collected rows) is read as Django
            # reads it; the others straight from the instance.
            value = values[attname] if attname in values else getattr(obj, attname)
            if how is None:
                data[attname] = value
            elif how is _jsonable:
                data[attname] = _jsonable(value)
            else:
                data[attname] = _jsonable(how.value_from_object(obj))  # type: ignore[attr-defined]
        if obj.pk:
            for name, ids in m2m.items():
                data[name] = sorted(ids.get(obj.pk, []))
            extra = getattr(obj, "changelog_extra", None)
            if extra is not None:
                data.update(extra())
        result.append(data)
    return result


def snapshot(instance: models.Model) -> dict:
    """The snapshot of one object (see `snapshots`)."""
    return snapshots([instance])[0]


@dataclass(frozen=True)
class Change:
    """One change to record. ``related`` is the parent whose page also shows it: an object, or (model, id).
    ``before`` is the snapshot taken before an update or delete; the after-snapshot is taken when recording."""

    instance: models.Model
    action: str
    before: dict | None = None
    related: models.Model | tuple[type[models.Model], int | None] | None = None
    object_repr: str | None = None


def _context(actor) -> ChangeContext:
    ctx = current_change_context()
    if ctx is None:
        if settings.CLUSTERDESK.get("STRICT_CHANGE_CONTEXT"):
            raise MissingChangeContextError("change made outside a change context")
        logger.warning("change made outside a change context")
        ctx = ChangeContext(actor=actor, source=ObjectChange.Source.JOB)
    return ctx


def record_changes(changes: Sequence[Change], *, actor) -> None:
    """Write one ObjectChange per change, inside the transaction that made the changes.

    Who, the channel, the request id, the message and the import batch come from the current change context.
    Many changes are written with one prepared INSERT per thousand rows and one snapshot query per
    many-to-many field, so that an import of 100,000 records records them in seconds.
    """
    if not changes:
        return
    from clusterdesk.common.bulk import insert_rows

    ctx = _context(actor)
    user_id = actor.pk if getattr(actor, "pk", None) else None
    user_name = getattr(actor, "username", "") or "system"
    now = timezone.now()
    types: dict[type, int] = {}

    def type_id(model: type[models.Model]) -> int:
        if model not in types:
            types[model] = ContentType.objects.get_for_model(model).pk
        return types[model]

    after: dict[int, dict] = {}
    by_model: dict[type, list[Change]] = defaultdict(list)
    for change in changes:
        if change.action != ObjectChange.Action.DELETE:
            by_model[type(change.instance)].append(change)
    for group in by_model.values():
        for change, data in zip(group, snapshots([c.instance for c in group]), strict=True):
            after[id(change)] = data
    rows = []
    for change in changes:
        related = change.related
        if isinstance(related, models.Model):
            related_type, related_id = type_id(type(related)), related.pk
        elif related is not None and related[1] is not None:
            related_type, related_id = type_id(related[0]), related[1]
        else:
            related_type = related_id = None
        rows.append({
            "time": now, "user_id": user_id, "user_name": user_name, "request_id": ctx.request_id,
            "source": ctx.source, "action": change.action,
            "changed_object_type_id": type_id(type(change.instance)), "changed_object_id": change.instance.pk,
            "related_object_type_id": related_type, "related_object_id": related_id,
            "object_repr": (change.object_repr if change.object_repr is not None else str(change.instance))[:200],
            "message": ctx.message[:200], "prechange_data": change.before, "postchange_data": after.get(id(change)),
            "import_batch_id": ctx.import_batch_id,
        })
    insert_rows(ObjectChange, rows)
    for listener in registry.change_listeners:
        listener(changes)


def record_change(*, instance: models.Model, action: str, actor, before: dict | None = None,
                  related: models.Model | None = None, object_repr: str | None = None) -> None:
    """Record one change (`record_changes` of one); call it inside the transaction that made the change."""
    record_changes([Change(instance, action, before, related, object_repr)], actor=actor)
