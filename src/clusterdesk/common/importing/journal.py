"""An import written in chunks on SQLite, undone as a whole if it fails or its process dies.

SQLite lets one connection write at a time. An import of 100,000 rows written in one transaction held that lock
for tens of seconds, and every other write (a form, the API, a sign-in) waited past its timeout and failed. A
chunked import commits every few thousand rows, so that the others' writes get their turn in between, and keeps
all or nothing through a journal:

- `journaling` opens an `ImportJournal` row and, on the import's own connection only, TEMP triggers on every
  table that add an `ImportJournalEntry` for each row the import updates or deletes (with the old values, as
  SQLite's ``quote()`` writes them); `Journal.chunk` notes the ids each chunk inserted. The entries are committed
  with the rows they describe, so the journal always matches what is in the database, crash or not.
- `undo` takes the rows back from the newest entry to the oldest, a chunk per transaction (so that the undo too
  lets others write), and deletes the journal.
- Each running import holds an exclusive ``flock`` on a file named after its journal; `recover` undoes every
  journal whose lock is free, i.e. whose process has ended without finishing (kill -9, a crash, a power cut).
  It runs before every import and when the server starts.

PostgreSQL locks rows, not the database: an import there stays one transaction, and none of this is used.
"""

import hashlib
import json
import logging
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.db import IntegrityError, connection, transaction

from clusterdesk.common.models import ImportJournal, ImportJournalEntry

__all__ = ["Journal", "chunked", "finish", "journaling", "recover", "undo"]

log = logging.getLogger(__name__)

UNDO_CHUNK = 2000  # journal entries taken back per transaction
_SKIP = ("sqlite_", "django_migrations", "django_session")


def chunked() -> bool:
    """Whether imports are written in chunks (SQLite, the embedded default)."""
    return connection.vendor == "sqlite"


def _lock_path(journal_id: int) -> Path:
    """The file whose lock a running import holds: beside the database file (one per database and journal); for an
    in-memory database (the tests), which only its own process sees, in the temporary folder, per process."""
    name = str(connection.settings_dict["NAME"])
    if connection.is_in_memory_db():
        folder, name = Path(tempfile.gettempdir()), f"{name}-{os.getpid()}"
    else:
        folder = Path(name).resolve().parent
    tag = hashlib.sha1(name.encode()).hexdigest()[:12]
    return folder / f".clusterdesk-import-{tag}-{journal_id}.lock"


def _try_lock(path: Path):
    """An open file holding an exclusive flock on ``path``, or None if another process holds it."""
    import fcntl

    handle = open(path, "a+")  # noqa: SIM115 - the caller closes it, which releases the lock
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.close()
        return None
    return handle


def _tables() -> dict[str, list[str]]:
    journal_tables = {ImportJournal._meta.db_table, ImportJournalEntry._meta.db_table}
    with connection.cursor() as cursor:
        names = [n for n in connection.introspection.table_names(cursor)
                 if n not in journal_tables and not n.startswith(_SKIP)]
        return {name: [row[1] for row in cursor.execute(f'PRAGMA main.table_info("{name}")').fetchall()]
                for name in names}


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _create_triggers(journal_id: int) -> list[str]:
    entry = _q(ImportJournalEntry._meta.db_table)
    insert = f"INSERT INTO {entry} (journal_id, table_name, row_id, op, old) VALUES ({int(journal_id)}, "
    created = []
    with connection.cursor() as cursor:
        for index, (table, columns) in enumerate(_tables().items()):
            set_clause = " || ', ' || ".join(f"{_literal(_q(c) + ' = ')} || quote(OLD.{_q(c)})" for c in columns)
            values = " || ', ' || ".join(f"quote(OLD.{_q(c)})" for c in columns)
            name = _literal(table)
            for op, event, old in (("U", "UPDATE", set_clause), ("D", "DELETE", values)):
                trigger = f"cd_journal_{index}_{op}"
                cursor.execute(f"CREATE TEMP TRIGGER {trigger} AFTER {event} ON main.{_q(table)} BEGIN "
                               f"{insert}{name}, OLD.rowid, '{op}', {old}); END")
                created.append(trigger)
    return created


def _top_rowids(tables) -> dict[str, int]:
    with connection.cursor() as cursor:
        return {t: cursor.execute(f"SELECT max(rowid) FROM {_q(t)}").fetchone()[0] or 0 for t in tables}


def _drop_triggers(names: list[str]) -> None:
    with connection.cursor() as cursor:
        for name in names:
            cursor.execute(f"DROP TRIGGER IF EXISTS temp.{name}")


class Journal:
    """The journal of one running import: its id, and its triggers on this connection while they are on.

    Updates and deletes are journaled row by row by the triggers. Inserts, nine in ten of an import's writes, are
    journaled by chunk: `chunk` notes the highest row id of every table as the chunk's transaction begins and the
    range of ids it inserted as it ends (nobody else writes in between: SQLite has one writer at a time), in a
    ``C`` entry made before the chunk's other entries, so that it is taken back after them.
    """

    def __init__(self, pk: int):
        self.pk = pk
        self.triggers: list[str] = []
        self.tables: list[str] = []

    @contextmanager
    def chunk(self) -> Iterator[None]:
        """Journal the inserts of the block, which must run inside the chunk's transaction."""
        top = _top_rowids(self.tables)
        marker = ImportJournalEntry.objects.create(journal_id=self.pk, table_name="", row_id=0, op="C")
        yield
        if transaction.get_rollback():  # the chunk is being rolled back (checked only), marker and all
            return
        ranges = {t: [top[t] + 1, high] for t, high in _top_rowids(self.tables).items() if high > top[t]}
        ImportJournalEntry.objects.filter(pk=marker.pk).update(old=json.dumps(ranges))

    def pause(self) -> None:
        """Stop journaling this connection's writes (before taking rows back, or when the import ends)."""
        _drop_triggers(self.triggers)
        self.triggers = []

    def undo(self) -> int:
        """Take back every row the import wrote (see `undo`)."""
        self.pause()
        return undo(self.pk)

    def finish(self) -> None:
        """The import succeeded (see `finish`)."""
        self.pause()
        finish(self.pk)


@contextmanager
def journaling(description: str = "") -> Iterator[Journal]:
    """A journal for the chunked writes made inside the block, each in its own ``transaction.atomic``.

    The block ends with `Journal.finish` once every chunk is written, or `Journal.undo` when the import failed; an
    exception that leaves the block undoes the import. The import's lock is held until the block ends.
    """
    with transaction.atomic():  # the lock is held before any other process can see the journal
        row = ImportJournal.objects.create(pid=os.getpid(), description=description[:300])
        path = _lock_path(row.pk)
        handle = _try_lock(path)
        if handle is None:
            raise RuntimeError(f"import lock {path} is held")
    journal = Journal(row.pk)
    try:
        journal.tables = list(_tables())
        journal.triggers = _create_triggers(row.pk)
        yield journal
    except BaseException:
        journal.undo()
        raise
    finally:
        journal.pause()
        handle.close()


def finish(journal_id: int) -> None:
    """The import succeeded: its journal is marked done (one short transaction, the import's point of no return), then
    its entries go, a chunk per transaction; `recover` finishes that for a done journal whose process died."""
    ImportJournal.objects.filter(pk=journal_id).update(done=True)
    _discard(journal_id)


def _discard(journal_id: int) -> None:
    entry = _q(ImportJournalEntry._meta.db_table)
    while True:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {entry} WHERE id IN (SELECT id FROM {entry} WHERE journal_id = %s "
                           f"LIMIT 50000)", [journal_id])
            if cursor.rowcount == 0:
                ImportJournal.objects.filter(pk=journal_id).delete()
                break
    _lock_path(journal_id).unlink(missing_ok=True)


def undo(journal_id: int) -> int:
    """Take back every row the journal's import wrote, newest first, then delete the journal; returns the rows."""
    columns = _tables()
    entry = _q(ImportJournalEntry._meta.db_table)
    done = 0
    while True:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"SELECT id, table_name, row_id, op, old FROM {entry} WHERE journal_id = %s "
                           f"ORDER BY id DESC LIMIT {UNDO_CHUNK}", [journal_id])
            rows = cursor.fetchall()
            for _id, table, row_id, op, old in rows:
                if op == "C":
                    for name, (low, high) in json.loads(old or "{}").items():
                        cursor.execute(f"DELETE FROM {_q(name)} WHERE rowid BETWEEN %s AND %s", [low, high])
                elif op == "U":
                    cursor.execute(f"UPDATE {_q(table)} SET {old} WHERE rowid = %s", [row_id])
                else:
                    names = ", ".join(_q(c) for c in columns[table])
                    cursor.execute(f"INSERT INTO {_q(table)} ({names}) VALUES ({old})")
            if rows:
                cursor.execute(f"DELETE FROM {entry} WHERE journal_id = %s AND id >= %s", [journal_id, rows[-1][0]])
            else:
                ImportJournal.objects.filter(pk=journal_id).delete()
        done += len(rows)
        if not rows:
            break
    _lock_path(journal_id).unlink(missing_ok=True)
    return done


def recover() -> list[int]:
    """Undo the journals of imports whose process has ended without finishing; returns their ids."""
    if not chunked():
        return []
    try:
        stale = list(ImportJournal.objects.values_list("pk", "done"))
    except Exception:  # not migrated yet
        return []
    undone = []
    for journal_id, done in stale:
        handle = _try_lock(_lock_path(journal_id))
        if handle is None:
            continue  # its import is still running
        try:
            if done:  # it had succeeded; only its journal was left
                _discard(journal_id)
                continue
            rows = undo(journal_id)
        except IntegrityError:
            log.exception("import journal %s could not be undone", journal_id)
            continue
        finally:
            handle.close()
        log.warning("import journal %s undone after its process ended: %s rows taken back", journal_id, rows)
        undone.append(journal_id)
    return undone
