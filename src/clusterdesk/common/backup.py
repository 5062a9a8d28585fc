"""Back up and restore the configured database: `clusterdesk backup FILE`, `clusterdesk restore FILE`.

SQLite (the embedded default, in WAL mode): the online-backup API copies every page of one read transaction, so the
copy holds every write committed before it began, including those still in the ``-wal`` file (a copy of the main
file alone loses them), while the server goes on writing. The copy is written beside FILE, checked, switched to a
self-contained single file (journal mode DELETE) and renamed onto FILE. A restore runs the same API the other way:
one write transaction on the live database file, so a crash leaves the old contents and every connection sees either
the old or the restored database.

PostgreSQL: ``pg_dump --format=custom`` (one snapshot, taken while the server writes) and ``pg_restore --clean
--if-exists --no-owner --single-transaction`` into the configured database, with the connection from the settings.
The binaries come from ``$CLUSTERDESK_PG_BIN`` when set, else from the ``PATH``, else from the newest
``/usr/lib/postgresql/*/bin``.

Both refuse to overwrite: a backup an existing FILE, a restore a database that already holds data, unless
``force``. Messages are Chinese first, English after " / ".
"""

import glob
import os
import shutil
import sqlite3
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "BOOKKEEPING_TABLES",
    "BackupError",
    "BackupResult",
    "backup_database",
    "pg_binary",
    "restore_database",
    "tables_with_rows",
]

#: Tables that `migrate` fills by itself: a database holding rows only here has no data of its own.
BOOKKEEPING_TABLES = frozenset({"django_migrations", "django_content_type", "auth_permission"})

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_DUMP_MAGIC = b"PGDMP"


class BackupError(Exception):
    """A backup or restore that was refused or failed; the message says why (Chinese / English)."""


@dataclass(frozen=True)
class BackupResult:
    """What a backup or restore did: the file, the database engine, the file's size and the seconds it took."""

    path: Path
    engine: str
    size_bytes: int
    seconds: float

    def describe(self, verb_zh: str, verb_en: str) -> str:
        """One line for the command line, e.g. ``已备份 … / backed up …``."""
        size = f"{self.size_bytes / 1_048_576:,.1f} MB"
        return (f"{verb_zh} {self.path}（{self.engine}，{size}，{self.seconds:.1f} 秒）"
                f" / {verb_en} {self.path} ({self.engine}, {size}, {self.seconds:.1f} s)")


def _connection(using: str):
    from django.db import connections

    return connections[using]


def _sqlite_path(settings_dict: dict) -> Path:
    name = str(settings_dict.get("NAME") or "")
    if not name or name == ":memory:" or name.startswith("file::memory:"):
        raise BackupError("内存数据库无法备份 / an in-memory database cannot be backed up")
    return Path(name)


def tables_with_rows(using: str = "default") -> dict[str, int]:
    """Each table of the database that holds at least one row (bookkeeping tables aside) → its row count.

    A SQLite file that does not exist holds nothing (and is not created).
    """
    connection = _connection(using)
    if connection.vendor == "sqlite" and not _sqlite_path(connection.settings_dict).exists():
        return {}
    quote = connection.ops.quote_name
    counts = {}
    with connection.cursor() as cursor:
        for table in sorted(set(connection.introspection.table_names(cursor)) - BOOKKEEPING_TABLES):
            cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")  # noqa: S608 - a name from the catalogue
            if (rows := cursor.fetchone()[0]) > 0:
                counts[table] = rows
    return counts


def _refuse_existing_data(using: str) -> None:
    filled = tables_with_rows(using)
    if filled:
        biggest = sorted(filled, key=filled.get, reverse=True)[:3]
        raise BackupError(f"目标数据库已有数据（{len(filled)} 张表，共 {sum(filled.values()):,} 行，如 "
                          f"{'、'.join(biggest)}）；确认要覆盖请加 --force / the database already holds data "
                          f"({len(filled)} tables, {sum(filled.values()):,} rows, e.g. {', '.join(biggest)}); "
                          f"add --force to replace it")


def _kind_of_file(path: Path) -> str:
    try:
        with open(path, "rb") as file:
            head = file.read(16)
    except FileNotFoundError as exc:
        raise BackupError(f"备份文件不存在：{path} / no backup file at {path}") from exc
    if head.startswith(SQLITE_MAGIC):
        return "sqlite"
    if head.startswith(PG_DUMP_MAGIC):
        return "postgresql"
    raise BackupError(f"不是 clusterdesk 备份文件：{path} / not a clusterdesk backup: {path}")


def _temporary_beside(target: Path) -> Path:
    return target.with_name(f".{target.name}.{os.getpid()}.partial")


def _sync_and_rename(temporary: Path, target: Path) -> None:
    """Make the finished copy durable, then put it in place in one step (a reader never sees half a file)."""
    with open(temporary, "rb") as file:
        os.fsync(file.fileno())
    os.replace(temporary, target)
    directory = os.open(target.parent, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)


def _sqlite_check(connection: sqlite3.Connection, path: Path) -> None:
    try:
        verdict = connection.execute("PRAGMA quick_check").fetchone()[0]
        has_migrations = connection.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'django_migrations'").fetchone()
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"数据库文件已损坏：{path}（{exc}）/ the database file is damaged: {path} ({exc})") from exc
    if verdict != "ok":
        raise BackupError(f"数据库文件已损坏：{path}（{verdict}）/ the database file is damaged: {path} ({verdict})")
    if not has_migrations:
        raise BackupError(f"不是 clusterdesk 数据库：{path} / not a clusterdesk database: {path}")


def _sqlite_backup(database: Path, target: Path) -> None:
    if not database.exists():
        raise BackupError(f"数据库文件不存在（{database}）/ no database file at {database}")
    temporary = _temporary_beside(target)
    temporary.unlink(missing_ok=True)
    source = sqlite3.connect(database, timeout=30)
    copy = sqlite3.connect(temporary)
    try:
        source.backup(copy)  # all pages in one step: one read transaction, a consistent snapshot of committed data
        copy.execute("PRAGMA journal_mode=DELETE")  # the copy is one self-contained file, without -wal and -shm
        _sqlite_check(copy, target)
    except BaseException:
        copy.close()
        temporary.unlink(missing_ok=True)
        raise
    finally:
        source.close()
    copy.close()
    _sync_and_rename(temporary, target)


def _sqlite_restore(backup: Path, database: Path) -> None:
    source = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
    try:
        _sqlite_check(source, backup)
        database.parent.mkdir(parents=True, exist_ok=True)
        live = sqlite3.connect(database, timeout=30)
        try:
            live.execute("PRAGMA journal_mode=WAL")  # the embedded default; a WAL database stays in WAL
            source.backup(live)  # one write transaction on the live file: all of the backup or none of it
            _sqlite_check(live, database)
        finally:
            live.close()
    finally:
        source.close()


def pg_binary(name: str) -> str:
    """The path of a PostgreSQL client program (``pg_dump``, ``pg_restore``), or a `BackupError` saying how to get it.

    ``$CLUSTERDESK_PG_BIN`` (a directory), when set, is the only place looked in.
    """
    if configured := os.environ.get("CLUSTERDESK_PG_BIN"):
        found = shutil.which(name, path=configured)
    else:
        installed = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"),
                           key=lambda p: [int(part) if part.isdigit() else 0 for part in Path(p).parts[-3].split(".")])
        found = shutil.which(name) or (installed[-1] if installed else None)
    if not found:
        where = f"（在 {configured} 中）" if configured else ""
        where_en = f" (in {configured})" if configured else ""
        raise BackupError(f"找不到 {name}{where}：请安装 PostgreSQL 客户端（apt install postgresql-client），或用 "
                          f"CLUSTERDESK_PG_BIN 指定其目录 / {name} not found{where_en}: install the PostgreSQL client "
                          f"programs (apt install postgresql-client) or name their folder in CLUSTERDESK_PG_BIN")
    return found


#: libpq's connection keywords → the environment variables pg_dump and pg_restore read them from.
LIBPQ_ENVIRONMENT = {
    "host": "PGHOST", "hostaddr": "PGHOSTADDR", "port": "PGPORT", "dbname": "PGDATABASE", "user": "PGUSER",
    "password": "PGPASSWORD", "passfile": "PGPASSFILE", "service": "PGSERVICE", "options": "PGOPTIONS",
    "application_name": "PGAPPNAME", "sslmode": "PGSSLMODE", "sslrootcert": "PGSSLROOTCERT", "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY", "sslcrl": "PGSSLCRL", "connect_timeout": "PGCONNECT_TIMEOUT",
    "target_session_attrs": "PGTARGETSESSIONATTRS", "gssencmode": "PGGSSENCMODE", "channel_binding": "PGCHANNELBINDING",
}


def _pg_environment(connection) -> dict[str, str]:
    """libpq's environment for the configured database, from the parameters Django itself connects with (HOST or
    ``?host=`` in the URL, OPTIONS); the password never appears on a command line."""
    env = {k: v for k, v in os.environ.items() if k not in LIBPQ_ENVIRONMENT.values()}
    for key, value in connection.get_connection_params().items():
        if key in LIBPQ_ENVIRONMENT and value not in (None, ""):
            env[LIBPQ_ENVIRONMENT[key]] = str(value)
    return env


def _run_pg(command: list[str], env: dict[str, str]) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip().splitlines()
        first = detail[0] if detail else f"exit status {result.returncode}"
        program = Path(command[0]).name
        raise BackupError(f"{program} 失败：{first} / {program} failed: {first}")


def _pg_backup(connection, target: Path) -> None:
    env = _pg_environment(connection)
    temporary = _temporary_beside(target)
    try:
        _run_pg([pg_binary("pg_dump"), "--format=custom", f"--file={temporary}", env["PGDATABASE"]], env)
        _run_pg([pg_binary("pg_restore"), "--list", str(temporary)], env)  # the archive reads back whole
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    _sync_and_rename(temporary, target)


def _pg_restore(connection, backup: Path) -> None:
    env = _pg_environment(connection)
    _run_pg([pg_binary("pg_restore"), "--clean", "--if-exists", "--no-owner", "--single-transaction",
             "--exit-on-error", f"--dbname={env['PGDATABASE']}", str(backup)], env)


@contextmanager
def _one_line_errors() -> Iterator[None]:
    """SQLite's and the file system's errors (a locked or damaged file, no permission, a full disk) as one line."""
    try:
        yield
    except sqlite3.Error as exc:
        raise BackupError(f"SQLite 出错：{exc} / SQLite failed: {exc}") from exc
    except OSError as exc:
        raise BackupError(f"文件操作失败：{exc} / a file operation failed: {exc}") from exc


def backup_database(path: str | os.PathLike, *, force: bool = False, using: str = "default") -> BackupResult:
    """Write a backup of the configured database to ``path``: a SQLite file, or a pg_dump custom-format archive.

    Safe while the server writes: the backup holds every write committed before it began. An existing file is
    replaced only with ``force``; the new file appears whole or not at all.
    """
    connection = _connection(using)
    target = Path(path).absolute()
    if target.exists() and not force:
        raise BackupError(f"文件已存在：{target}；覆盖请加 --force / {target} exists; add --force to replace it")
    if not target.parent.is_dir():
        raise BackupError(f"目录不存在：{target.parent} / no such folder: {target.parent}")
    started = time.perf_counter()
    with _one_line_errors():
        if connection.vendor == "sqlite":
            _sqlite_backup(_sqlite_path(connection.settings_dict), target)
            engine = "SQLite"
        elif connection.vendor == "postgresql":
            _pg_backup(connection, target)
            engine = "PostgreSQL"
        else:
            raise BackupError(f"不支持的数据库：{connection.vendor} / unsupported database: {connection.vendor}")
    return BackupResult(target, engine, target.stat().st_size, time.perf_counter() - started)


def restore_database(path: str | os.PathLike, *, force: bool = False, using: str = "default") -> BackupResult:
    """Replace the configured database's contents with the backup at ``path`` (made by `backup_database`).

    Refused when the database already holds data, unless ``force``; a backup of the other engine is refused. The
    restore is one transaction: when it fails, the database keeps its old contents.
    """
    connection = _connection(using)
    source = Path(path).absolute()
    kind = _kind_of_file(source)
    if kind != connection.vendor:
        names = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
        have, want = names[kind], names.get(connection.vendor, connection.vendor)
        raise BackupError(f"这是 {have} 备份，而配置的数据库是 {want}：请用 {want} 的备份 / this is a {have} backup "
                          f"but the configured database is {want}; use a backup of {want}")
    if not force:
        _refuse_existing_data(using)
    connection.close()
    started = time.perf_counter()
    with _one_line_errors():
        if kind == "sqlite":
            _sqlite_restore(source, _sqlite_path(connection.settings_dict))
            engine = "SQLite"
        else:
            _pg_restore(connection, source)
            engine = "PostgreSQL"
    connection.close()
    return BackupResult(source, engine, source.stat().st_size, time.perf_counter() - started)
