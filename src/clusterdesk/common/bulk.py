"""The mechanics of writing many records at once, for the apps' bulk services.

An app's bulk service (``projects.services.bulk.projects_bulk_write``) owns the rules: it validates each record
with the same model validation and core validators as its single-object service, then calls `bulk_save`
here, which writes (one prepared INSERT per thousand rows, bulk UPDATEs), checks that every written row lies
in the actor's scope, and records one change per row through `changelog.recording.record_changes`. Nothing
here names a domain model: the service passes its model.

A bulk service reports every failing record at once, as `BulkValidationError` (index → field → messages), so
that an import can list each error with its row and column.
"""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connections, models, router
from django.utils import timezone

from clusterdesk.accounts.scoping import role_permits
from clusterdesk.changelog.models import ObjectChange
from clusterdesk.changelog.recording import Change, record_changes

__all__ = [
    "CHUNK",
    "BulkChange",
    "BulkValidationError",
    "bulk_save",
    "field_checker",
    "insert_instances",
    "insert_rows",
    "merge_errors",
    "out_of_scope",
]

CHUNK = 900  # below SQLite's 999 parameters per statement

Errors = dict[int, dict[str, list]]


@dataclass
class BulkChange:
    """One record of a bulk write: its new state, and for an update the stored state and the changed fields."""

    instance: models.Model
    stored: models.Model | None = None
    fields: tuple[str, ...] = ()

    @property
    def created(self) -> bool:
        return self.stored is None


class BulkValidationError(Exception):
    """Records of a bulk write that break a rule: index of the record → field ("" for the whole record) → messages
    (each a text, or a pair of the Chinese and the English text)."""

    def __init__(self, errors: Errors):
        super().__init__(f"{len(errors)} records refused")
        self.errors = errors


def merge_errors(errors: Errors, index: int, found: dict[str, list] | ValidationError) -> None:
    """Add a record's messages (a dict or a Django ValidationError) to ``errors``."""
    if isinstance(found, ValidationError):
        found = found.message_dict if hasattr(found, "error_dict") else {"": found.messages}
    for name, messages in found.items():
        errors.setdefault(index, {}).setdefault("" if name == "__all__" else name, []).extend(
            m if isinstance(m, tuple) else str(m) for m in messages)


def field_checker(model: type[models.Model]) -> Callable[[models.Model], dict[str, list[str]]]:
    """A fast check of what `Model.clean_fields` would refuse that typed input can still hold: a value outside
    the field's choices, an empty required field, text longer than the field, and the validators a field
    declares itself (a credit code's check character).

    Worked out once per model; one record is then a few set lookups (100,000 records in well under a second).
    """
    from django.utils.translation import gettext as _

    checks = []
    for f in model._meta.concrete_fields:
        if f.primary_key or not f.editable or f.name in ("created", "last_updated"):
            continue
        choices = frozenset(str(v) for v, _label in f.flatchoices) if f.choices else None
        text = isinstance(f, models.CharField | models.TextField)
        checks.append((f.name, f.attname, choices, not f.blank, not f.null and not f.has_default(),
                       f.max_length if text else None, tuple(f._validators)))

    def check(instance: models.Model) -> dict[str, list[str]]:
        errors: dict[str, list[str]] = {}
        values = instance.__dict__
        for name, attname, choices, required, not_null, max_length, validators in checks:
            value = values.get(attname)
            if value is None or value == "":
                if (required and value == "") or (not_null and value is None):
                    errors[name] = [_("This field cannot be blank.")]
                continue
            if choices is not None and str(value) not in choices:
                errors[name] = [_("Value %(value)r is not a valid choice.") % {"value": value}]
            elif max_length is not None and len(value) > max_length:
                errors[name] = [_("Ensure this value has at most %(limit_value)d characters (it has "
                                  "%(show_value)d).") % {"limit_value": max_length, "show_value": len(value)}]
            else:
                for validator in validators:
                    try:
                        validator(value)
                    except ValidationError as exc:
                        errors.setdefault(name, []).extend(exc.messages)
        return errors

    return check


def _converter(field_obj: models.Field, connection) -> Callable[[object], object]:
    """How one field's Python value becomes a database parameter, decided once per field rather than per cell."""
    ops = connection.ops
    if isinstance(field_obj, models.DecimalField):
        digits, places = field_obj.max_digits, field_obj.decimal_places
        return lambda v: None if v is None else ops.adapt_decimalfield_value(v, digits, places)
    if isinstance(field_obj, models.DateTimeField):
        last: list = [None, None]  # a batch's rows share one timestamp: adapt it once

        def adapt(v):
            if v is None:
                return None
            if v is not last[0]:
                last[:] = [v, ops.adapt_datetimefield_value(v)]
            return last[1]

        return adapt
    if isinstance(field_obj, models.DateField):
        return lambda v: None if v is None else ops.adapt_datefield_value(v)
    if isinstance(field_obj, models.CharField | models.TextField | models.BooleanField | models.IntegerField
                  | models.FloatField | models.ForeignKey) and not isinstance(field_obj, models.UUIDField):
        return lambda v: v
    return lambda v: field_obj.get_db_prep_save(v, connection)


def insert_rows(model: type[models.Model], rows: Sequence[dict]) -> None:
    """INSERT rows (dicts by attname, all with the same keys) with one prepared statement per thousand.

    Profiling a 100,000-row import showed Django's bulk_create spending most of its time compiling each cell;
    the values are validated by the calling service, so each is only adapted for the database, by its field type.
    """
    if not rows:
        return
    connection = connections[router.db_for_write(model)]
    by_attname = {f.attname: f for f in model._meta.concrete_fields}
    attnames = list(rows[0])
    fields = [by_attname[name] for name in attnames]
    pairs = list(zip([_converter(f, connection) for f in fields], attnames, strict=True))
    quote = connection.ops.quote_name
    sql = (f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(quote(f.column) for f in fields)}) "
           f"VALUES ({', '.join(['%s'] * len(fields))})")
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 1000):
            cursor.executemany(sql, [[convert(row[name]) for convert, name in pairs]
                                     for row in rows[start:start + 1000]])


def insert_instances(model: type[models.Model], instances: Sequence[models.Model]) -> None:
    """INSERT unsaved instances (see `insert_rows`); auto_now fields are set here, as the ORM would."""
    if not instances:
        return
    now = timezone.now()
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    for f in fields:
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
            for obj in instances:
                setattr(obj, f.attname, now)
    attnames = [f.attname for f in fields]
    insert_rows(model, [{name: getattr(obj, name) for name in attnames} for obj in instances])


def _pks_by_key(model: type[models.Model], key: Sequence[str], keys: Iterable[tuple]) -> dict[tuple, int]:
    """The ids of rows just inserted, found again by their natural key."""
    attnames = [model._meta.get_field(k).attname for k in key]
    firsts = sorted({k[0] for k in keys}, key=str)
    found: dict[tuple, int] = {}
    for start in range(0, len(firsts), CHUNK):
        for pk, *values in model._base_manager.filter(**{f"{attnames[0]}__in": firsts[start:start + CHUNK]}) \
                .values_list("pk", *attnames):
            found[tuple(values)] = pk
    return found


def out_of_scope(model: type[models.Model], actor, pks: Sequence[int], action: str) -> set[int]:
    """The ids among ``pks`` that ``actor`` may not ``action`` (view, add, change, delete)."""
    allowed: set[int] = set()
    for start in range(0, len(pks), CHUNK):
        allowed |= set(model.objects.restrict(actor, action).filter(pk__in=pks[start:start + CHUNK])
                       .values_list("pk", flat=True))
    return set(pks) - allowed


def _key_of(instance: models.Model, attnames: Sequence[str]) -> tuple:
    return tuple(getattr(instance, name) for name in attnames)


def bulk_save(model: type[models.Model], changes: Sequence[BulkChange], *, actor, key: Sequence[str],
              parent_field: str | None = None) -> None:
    """Write validated creates and updates of one model inside the caller's transaction, all or nothing.

    The actor's role must allow adding and changing the model, each stored record must be one they may change,
    and each written record must lie in their scope afterwards; otherwise `BulkValidationError` (or
    `PermissionDenied` for the role) is raised and the caller's transaction rolls back. ``key`` is the natural
    key that finds inserted rows again. One change record per row, with before and after snapshots.
    """
    from clusterdesk.changelog.recording import snapshots

    creates = [(i, c) for i, c in enumerate(changes) if c.created]
    updates = [(i, c) for i, c in enumerate(changes) if not c.created]
    if creates and not role_permits(actor, model, "add") or updates and not role_permits(actor, model, "change"):
        raise PermissionDenied("your role may not do this")
    errors: Errors = {}
    denied = out_of_scope(model, actor, [c.stored.pk for _i, c in updates], "change") if updates else set()
    for i, c in updates:
        if c.stored.pk in denied:
            merge_errors(errors, i, {"": [(f"已有记录“{c.stored}”不在您的修改权限范围内",
                                           f"the existing record “{c.stored}” is outside the scope you may change")]})
    if errors:
        raise BulkValidationError(errors)
    before = dict(zip((c.stored.pk for _i, c in updates), snapshots([c.stored for _i, c in updates]),
                      strict=True))
    insert_instances(model, [c.instance for _i, c in creates])
    if creates:
        attnames = [model._meta.get_field(k).attname for k in key]
        pks = _pks_by_key(model, key, [_key_of(c.instance, attnames) for _i, c in creates])
        for _i, c in creates:
            c.instance.pk = pks[_key_of(c.instance, attnames)]
            c.instance._state.adding = False
    if updates:
        now = timezone.now()
        names = sorted({model._meta.get_field(name).name for _i, c in updates for name in c.fields})
        if hasattr(model, "last_updated"):
            for _i, c in updates:
                c.instance.last_updated = now
            names.append("last_updated")
        if names:
            for start in range(0, len(updates), 1000):
                model.objects.bulk_update([c.instance for _i, c in updates[start:start + 1000]], names)
    for action, rows in (("add", creates), ("change", updates)):
        denied = out_of_scope(model, actor, [c.instance.pk for _i, c in rows], action) if rows else set()
        for i, c in rows:
            if c.instance.pk in denied:
                merge_errors(errors, i, {"": [(f"“{c.instance}”将落在您的权限范围之外（地区或园区）",
                                               f"“{c.instance}” would lie outside your scope (region or park)")]})
    if errors:
        raise BulkValidationError(errors)
    parent_attname = model._meta.get_field(parent_field).attname if parent_field else None
    parent_model = model._meta.get_field(parent_field).related_model if parent_field else None
    record_changes([
        Change(instance=c.instance, action=ObjectChange.Action.CREATE if c.created else ObjectChange.Action.UPDATE,
               before=None if c.created else before[c.stored.pk],
               related=(parent_model, getattr(c.instance, parent_attname)) if parent_attname else None)
        for c in [*(c for _i, c in creates), *(c for _i, c in updates)]], actor=actor)

