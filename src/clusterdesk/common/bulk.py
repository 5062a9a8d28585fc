"""Writing many rows fast: plain tuples inserted in batches, and the ids they will get.

Django's ``bulk_create`` prepares every field of every instance in Python, which costs more than the database's
own work once a table takes hundreds of thousands of rows (a province's enterprises, their yearly figures, an
evaluation's data sheets). `RowSink` takes rows as tuples of the values Django would pass to the database and
inserts them in batches (``executemany``; ``COPY`` on PostgreSQL); the columns it is not given get what
``Model(...)`` would give them. `reserve_ids` gives the ids ``bulk_create`` would have given, for rows that
others refer to.

Like ``bulk_create``, these send no signals and record no change; a service that uses them records what it did.
This module imports no domain app.
"""

from collections.abc import Callable, Sequence

from django.db import connection
from django.utils import timezone

__all__ = ["BATCH_SIZE", "RowSink", "reserve_ids"]

BATCH_SIZE = 5000


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
        if f.get_internal_type() in ("DateTimeField", "TimeField", "DurationField", "UUIDField"):
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
        encoders = self._encoders
        if any(encoders):
            rows = [tuple(e(v) if e else v for e, v in zip(encoders, row, strict=True)) + suffix
                    for row in self.buffer]
        else:
            rows = [row + suffix for row in self.buffer]
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
