"""The mechanics of writing many records at once, for the apps' bulk services.

An app's bulk service (``projects.services.bulk.projects_bulk_write``) owns the rules: it validates each record
with the same model validation and core validators as its single-object service, then calls `bulk_save`
here, which writes (one prepared INSERT per thousand rows, bulk UPDATEs), checks that every written row lies
in the actor's scope, and records one change per row through `changelog.recording.record_changes`. Nothing
here names a domain model: the service passes its model.

A bulk service reports every failing record at once, as `BulkValidationError` (index → field → messages), so
that an import can list each error with its row and column.

Underneath, `RowSink` inserts plain tuples in batches (``executemany``; ``COPY`` on PostgreSQL), for the imports
and for tables of hundreds of thousands of rows (a province's enterprises and their yearly figures, an evaluation's
data sheets); `reserve_ids` gives the ids ``bulk_create`` would have given, for rows that others refer to;
`update_rows` sets columns of many rows by id (through a temporary table filled by ``COPY`` on PostgreSQL).
"""

import gc
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, models
from django.utils import timezone

from clusterdesk.accounts.scoping import role_permits
from clusterdesk.changelog.models import ObjectChange
from clusterdesk.changelog.recording import Change, record_changes

__all__ = [
    "BATCH_SIZE",
    "CHUNK",
    "BulkChange",
    "BulkValidationError",
    "RowSink",
    "bulk_save",
    "bulk_session",
    "field_checker",
    "insert_instances",
    "insert_rows",
    "merge_errors",
    "out_of_scope",
    "reserve_ids",
    "update_rows",
]

CHUNK = 900  # below SQLite's 999 parameters per statement
BATCH_SIZE = 5000  # rows per executemany or COPY of a RowSink

#: SQLite's page cache during a bulk session, in KiB (the default is 2 MiB): the indexes of a province's tables
#: outgrow the default many times over, and every insert would then read its index pages back from the system.
#: It counts in the process's memory: an import keeps to 64 MiB (under 1 GB for 100,000 rows).
BULK_CACHE_KIB = 64 * 1024

Errors = dict[int, dict[str, list]]


@contextmanager
def bulk_session(cache_kib: int = BULK_CACHE_KIB) -> Iterator[None]:
    """For a job that reads and writes hundreds of thousands of records (an import, the demo build): Python's cyclic
    garbage collector paused, and on SQLite a large page cache; both restored after.

    The collector walks every live object each time enough new ones have been made, and such a job keeps hundreds
    of thousands alive until it ends: a 100,000-row import spent a third of its time in those walks. Its records
    hold no reference cycles, so nothing is left for the collector once it ends.
    """
    collecting = gc.isenabled()
    gc.disable()
    previous = None
    try:
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA cache_size")
                (previous,) = cursor.fetchone()
                cursor.execute(f"PRAGMA cache_size = -{int(cache_kib)}")
        yield
    finally:
        if previous is not None:
            with connection.cursor() as cursor:
                cursor.execute(f"PRAGMA cache_size = {int(previous)}")
        if collecting:
            gc.enable()


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


def field_checker(model: type[models.Model]) -> Callable[[models.Model], dict[str, list]]:
    """A fast check of what `Model.clean_fields` would refuse that typed input can still hold: a value outside
    the field's choices, an empty required field, text longer than the field, and the validators a field
    declares itself (a credit code's check character); and, as every model's ``clean_fields``, text holding a
    control or bidirectional-override character (`clusterdesk.common.validators.text_checker`), as the pair of the
    Chinese and the English message.

    Worked out once per model; one record is then a few set lookups (100,000 records in well under a second).
    """
    from django.utils.translation import gettext as _

    from clusterdesk.common.validators import text_checker

    check_text = text_checker(model)
    checks = []
    for f in model._meta.concrete_fields:
        if f.primary_key or not f.editable or f.name in ("created", "last_updated"):
            continue
        choices = frozenset(str(v) for v, _label in f.flatchoices) if f.choices else None
        text = isinstance(f, models.CharField | models.TextField)
        checks.append((f.name, f.attname, choices, not f.blank, not f.null and not f.has_default(),
                       f.max_length if text else None, tuple(f._validators)))

    def check(instance: models.Model) -> dict[str, list]:
        errors: dict[str, list] = {}
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
        for error in check_text(instance):
            if error.field not in errors:
                errors[error.field] = [(error.message, error.message_en)]
        return errors

    return check


def insert_rows(model: type[models.Model], rows: Sequence[dict]) -> None:
    """INSERT rows (dicts by attname, all with the same keys) through a `RowSink`.

    Profiling a 100,000-row import showed Django's bulk_create spending most of its time compiling each cell;
    the values are validated by the calling service, so each is only adapted for the database, by its field type.
    """
    if not rows:
        return
    attnames = list(rows[0])
    sink = RowSink(model, attnames)
    for row in rows:
        sink.add(tuple(row[name] for name in attnames))
    sink.flush()


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
    sink = RowSink(model, attnames)
    for obj in instances:
        values = obj.__dict__
        sink.add(tuple(values[name] if name in values else getattr(obj, name) for name in attnames))
    sink.flush()


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
            attnames = [model._meta.get_field(name).attname for name in names]
            update_rows(model, names, [(*(getattr(c.instance, a) for a in attnames), c.instance.pk)
                                       for _i, c in updates])
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


class RowSink:
    """Inserts plain tuples of ``fields`` into ``model``'s table in batches, for tables of hundreds of thousands.

    The columns not named get what ``Model(...)`` and ``bulk_create`` would give them: the field's default, or the
    time of the write for ``auto_now``/``auto_now_add`` fields. Values are passed as the database adapter takes them
    (dates, `Decimal`, str, int, bool, None), as Django passes them; JSON and datetime values are prepared as Django
    prepares them.
    As with ``bulk_create``, no signal is sent; unlike it, no ids come back: use it for rows nobody refers to.
    """

    def __init__(self, model, fields: Sequence[str], bar=None, size: int = BATCH_SIZE):
        opts = model._meta
        named = [opts.get_field(name) for name in fields]
        rest = [f for f in opts.concrete_fields if not f.primary_key and f not in named]
        self._timestamps = [getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False) for f in rest]
        self._rest = rest
        self._constants = [None if stamp else f.get_db_prep_save(f.get_default(), connection)
                           for f, stamp in zip(rest, self._timestamps, strict=True)]
        self._encoders = [self._encoder(f) for f in named]
        columns = ", ".join(connection.ops.quote_name(f.column) for f in named + rest)
        marks = ", ".join(["%s"] * (len(named) + len(rest)))
        self.sql = f"INSERT INTO {connection.ops.quote_name(opts.db_table)} ({columns}) VALUES ({marks})"
        self.copy_sql = f"COPY {connection.ops.quote_name(opts.db_table)} ({columns}) FROM STDIN"
        self.bar, self.size = bar, size
        self.buffer: list[tuple] = []
        self.count = 0

    @staticmethod
    def _encoder(f) -> Callable | None:
        """How a value of ``f`` is prepared for the database where the adapter alone would store it otherwise:
        JSON encoded, aware datetimes made naive in the connection's zone (SQLite), as Django does."""
        if f.get_internal_type() == "JSONField":  # what get_db_prep_save gives a plain value, without its checks
            adapt, encoder = connection.ops.adapt_json_value, f.encoder
            return lambda value: None if value is None else adapt(value, encoder)
        if f.get_internal_type() == "DateTimeField":  # a batch's rows often share one time: adapt it once
            last: list = [None, None]

            def adapt(value):
                if value is not last[0]:
                    last[:] = [value, f.get_db_prep_save(value, connection)]
                return last[1]

            return adapt
        if f.get_internal_type() in ("TimeField", "DurationField", "UUIDField"):
            return lambda value: f.get_db_prep_save(value, connection)
        return None

    def add(self, row: tuple) -> None:
        self.buffer.append(row)
        if len(self.buffer) >= self.size:
            self.flush()

    def flush(self) -> None:
        if not self.buffer:
            return
        now = timezone.now()
        suffix = tuple(f.get_db_prep_save(now, connection) if stamp else value
                       for f, stamp, value in zip(self._rest, self._timestamps, self._constants, strict=True))
        rows = [row + suffix for row in _encoded(self.buffer, self._encoders)]
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":  # COPY: PostgreSQL's own bulk path, several times faster
                with cursor.cursor.copy(self.copy_sql) as copy:
                    for row in rows:
                        copy.write_row(row)
            else:
                cursor.executemany(self.sql, rows)
        self.count += len(rows)
        if self.bar is not None:
            self.bar.update(len(rows))
        self.buffer = []


def _encoded(rows: Sequence[tuple], encoders: Sequence[Callable | None]) -> Sequence[tuple]:
    """``rows`` with the values of the columns that have an encoder encoded (the others untouched)."""
    coded = [(i, e) for i, e in enumerate(encoders) if e is not None]
    if not coded:
        return rows
    result = []
    for row in rows:
        values = list(row)
        for i, encode in coded:
            values[i] = encode(values[i])
        result.append(tuple(values))
    return result


def reserve_ids(model, count: int) -> int:
    """The first of ``count`` consecutive ids the database would give the next rows of ``model``, taken for them.

    Rows written with these ids through `RowSink` get the ids ``bulk_create`` would have given them: on SQLite the
    next value of the table's AUTOINCREMENT sequence (which the insert then moves on), on PostgreSQL the next
    values of its sequence (moved past them here).
    """
    if count <= 0:
        return 0
    table, pk = model._meta.db_table, model._meta.pk.column
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_get_serial_sequence(%s, %s)", [table, pk])
            (sequence,) = cursor.fetchone()
            cursor.execute("SELECT nextval(%s)", [sequence])
            (first,) = cursor.fetchone()
            if count > 1:
                cursor.execute("SELECT setval(%s, %s)", [sequence, first + count - 1])
            return first
        cursor.execute(f"SELECT max({quote(pk)}) FROM {quote(table)}")
        top = cursor.fetchone()[0] or 0
        if connection.vendor == "sqlite":
            cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
            row = cursor.fetchone()
            top = max(top, row[0] if row else 0)
        return top + 1


COPY_UPDATE_FROM = 1000  # on PostgreSQL, more rows than this are updated through a COPY-filled temporary table


def update_rows(model, fields: Sequence[str], rows: Sequence[tuple]) -> int:
    """Set ``fields`` of many rows of ``model`` by id: each row is the fields' values, in order, then the id.

    Values are prepared as `RowSink` prepares them. Django's ``bulk_update`` builds a CASE per field and row (seconds
    for a few thousand rows); here SQLite runs one prepared UPDATE per row, and PostgreSQL, where a statement per row
    costs a round trip even in a pipeline, copies the rows into a temporary table and updates from it in one
    statement. As with ``bulk_update``, no signal is sent and ``auto_now`` fields are left as they are.
    """
    if not rows:
        return 0
    opts = model._meta
    quote = connection.ops.quote_name
    named = [opts.get_field(name) for name in fields]
    rows = _encoded(rows, [RowSink._encoder(f) for f in named] + [None])
    table, pk = quote(opts.db_table), quote(opts.pk.column)
    columns = [quote(f.column) for f in named]
    with connection.cursor() as cursor:
        if connection.vendor != "postgresql" or len(rows) <= COPY_UPDATE_FROM:
            sql = f"UPDATE {table} SET " + ", ".join(f"{c} = %s" for c in columns) + f" WHERE {pk} = %s"
            for start in range(0, len(rows), BATCH_SIZE):
                cursor.executemany(sql, rows[start:start + BATCH_SIZE])
            return len(rows)
        temp = quote(f"cd_update_{opts.db_table}")
        cursor.execute(f"DROP TABLE IF EXISTS {temp}")
        cursor.execute(f"CREATE TEMPORARY TABLE {temp} AS SELECT {', '.join(columns)}, {pk} FROM {table} WITH NO DATA")
        with cursor.cursor.copy(f"COPY {temp} ({', '.join(columns)}, {pk}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        cursor.execute(f"ANALYZE {temp}")
        cursor.execute(f"UPDATE {table} AS t SET " + ", ".join(f"{c} = u.{c}" for c in columns)
                       + f" FROM {temp} AS u WHERE t.{pk} = u.{pk}")
        cursor.execute(f"DROP TABLE {temp}")
    return len(rows)
