"""Scratch databases for tests that run clusterdesk in subprocesses, and a checksum of every table and column.

A scratch database is of the kind the test run is configured for: a SQLite file in a temporary folder when
``DATABASE_URL`` is unset, else a new database on the same PostgreSQL server (dropped afterwards). Tests that back
up, restore, upgrade or serve a whole database use one, so that they never touch the test run's own database.
"""

import hashlib
import os
import sqlite3
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

__all__ = ["DEMO_SCRIPT", "MARKER_NAME", "MARKER_TIME", "ScratchDatabase", "run_clusterdesk", "table_checksums",
           "test_database_is_set_up"]

#: The name of the data-load row `DEMO_SCRIPT` adds, and its time (microseconds that dumpdata would cut).
MARKER_NAME = "备份测试 · 微秒"
MARKER_TIME = "2026-01-02 03:04:05.123456"

#: Run with ``python -c`` and the test settings (fast password hashing): migrate, load the reference data, build a
#: tiny demo province, add a row whose time has microseconds and whose JSON holds Chinese text and a Decimal-like
#: string, issue an API token for ``admin``; prints one JSON line: the token and an enterprise's credit code.
#: It also runs under the previous release's code (the upgrade test), so it uses only long-standing entry points
#: and falls back to the `build_demo` command where the generator takes no sizes.
DEMO_SCRIPT = f"""
import datetime, json
import django
django.setup()
from django.core.management import call_command
from clusterdesk.changelog.context import change_context
call_command("migrate", interactive=False, verbosity=0)
from clusterdesk.regions.models import Region
if not Region.objects.exists():
    call_command("load_refdata", verbosity=0)
try:
    from clusterdesk.demo.context import DemoSize
    from clusterdesk.demo.generator import QUICK_CITIES, build_demo
    sizes = DemoSize(cities=QUICK_CITIES, max_counties=None, parks=14, enterprises=240, projects=140, milestones=8,
                     report_years=3)
    build_demo(scale="quick", seed=1, progress=False, sizes=sizes)
except (ImportError, TypeError):
    call_command("build_demo", scale="quick", seed=1, no_progress=True, verbosity=0)
from clusterdesk.accounts.models import User
from clusterdesk.accounts.services import api_token_create
from clusterdesk.common.models import DataLoad
from clusterdesk.enterprises.models import Enterprise
with change_context(actor=None, source="cli", message="test data"):
    load = DataLoad.objects.create(name={MARKER_NAME!r}, kind="reference", source="测试 test", version="v1",
                                   row_count=1, details={{"中文": ["湖南", 1, 2.5, None], "金额": "12345.678901"}})
    DataLoad.objects.filter(pk=load.pk).update(
        loaded_at=datetime.datetime.fromisoformat({MARKER_TIME!r}).replace(tzinfo=datetime.timezone.utc))
    token, key = api_token_create(user=User.objects.get(username="admin"), description="test")
print(json.dumps({{"token": key, "uscc": Enterprise.objects.order_by("pk").values_list("uscc", flat=True)[0]}}))
"""


@dataclass
class ScratchDatabase:
    """A database made for one test: ``url`` is its DATABASE_URL, ``folder`` a data directory beside it."""

    url: str
    vendor: str
    folder: Path
    facts: dict = field(default_factory=dict)  # what a test learnt while filling it (a token, a credit code)

    @classmethod
    def create(cls, folder: Path, label: str) -> "ScratchDatabase":
        """An empty database: a SQLite file not yet created, or a new PostgreSQL database."""
        folder.mkdir(parents=True, exist_ok=True)
        base = os.environ.get("DATABASE_URL", "")
        if not base.startswith("postgres"):
            return cls(f"sqlite:///{folder / (label + '.sqlite3')}", "sqlite", folder)
        parts = urlsplit(base)
        name = f"{parts.path.lstrip('/')}_{label}_{os.getpid()}"
        with _pg_admin(base) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            admin.execute(f'CREATE DATABASE "{name}"')
        return cls(urlunsplit(parts._replace(path=f"/{name}")), "postgresql", folder)

    @classmethod
    def copy_of_test_database(cls, folder: Path, label: str) -> "ScratchDatabase":
        """A copy of the test run's own database, migrated (the caller unblocks database access).

        Cheaper than migrating a new one: SQLite's in-memory test database is copied with the backup API, the
        PostgreSQL one used as a template (its connection is closed first, as CREATE DATABASE … TEMPLATE needs).
        """
        from django.db import connection

        copy = cls.create(folder, label)
        if copy.vendor == "sqlite":
            connection.ensure_connection()
            target = sqlite3.connect(copy.path)
            connection.connection.backup(target)
            target.close()
        else:
            template = connection.settings_dict["NAME"]
            connection.close()
            with _pg_admin(copy.url) as admin:
                admin.execute(f'DROP DATABASE "{copy.name}"')
                admin.execute(f'CREATE DATABASE "{copy.name}" TEMPLATE "{template}"')
        return copy

    @property
    def name(self) -> str:
        return urlsplit(self.url).path.lstrip("/")

    @property
    def path(self) -> Path:
        """The SQLite file."""
        assert self.url.startswith("sqlite:///"), self.url
        return Path(self.url.removeprefix("sqlite:///"))

    def clone(self, folder: Path, label: str) -> "ScratchDatabase":
        """A copy of this database (no one may be connected to it): a file copy, or CREATE DATABASE … TEMPLATE."""
        copy = ScratchDatabase.create(folder, label)
        if self.vendor == "sqlite":
            source, target = sqlite3.connect(self.path), sqlite3.connect(copy.path)
            source.backup(target)
            source.close()
            target.close()
        else:
            with _pg_admin(self.url) as admin:
                admin.execute(f'DROP DATABASE "{copy.name}"')
                admin.execute(f'CREATE DATABASE "{copy.name}" TEMPLATE "{self.name}"')
        return copy

    def drop(self) -> None:
        """Remove the database (the PostgreSQL one; the SQLite file goes with the temporary folder)."""
        if self.vendor == "postgresql":
            with _pg_admin(self.url) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')

    def env(self, settings: str = "clusterdesk.config.settings.local", **extra: str) -> dict[str, str]:
        """The environment of a clusterdesk subprocess on this database."""
        env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")}
        env.update(DATABASE_URL=self.url, DJANGO_SETTINGS_MODULE=settings, CLUSTERDESK_DATA_DIR=str(self.folder),
                   PYTHONUNBUFFERED="1", **extra)
        return env

    def connect(self):
        """A DB-API connection (sqlite3 or psycopg, in UTC); the caller closes it."""
        if self.vendor == "sqlite":
            return sqlite3.connect(self.path)
        import psycopg

        connection = psycopg.connect(self.url, autocommit=True)
        connection.execute("SET TIME ZONE 'UTC'")
        return connection

    def query(self, sql: str, params: tuple = ()) -> list[tuple]:
        """The rows of one query (``%s`` placeholders on both databases)."""
        connection = self.connect()
        try:
            if self.vendor == "sqlite":
                sql = sql.replace("%s", "?")
            return list(connection.execute(sql, params).fetchall())
        finally:
            connection.close()

    def execute(self, *statements: str) -> None:
        """Run statements in one transaction."""
        connection = self.connect()
        try:
            if self.vendor == "sqlite":
                with connection:
                    for statement in statements:
                        connection.execute(statement)
            else:
                with connection.transaction():
                    for statement in statements:
                        connection.execute(statement)
        finally:
            connection.close()


def test_database_is_set_up() -> bool:
    """Whether the test run's database has been created (pytest-django renames it when it creates it: SQLite's
    ``:memory:`` becomes a shared in-memory database, PostgreSQL's NAME becomes ``test_NAME``).

    The configured name is read when this module is first imported, which the root conftest does before any test
    database exists."""
    from django.db import connection

    return connection.settings_dict["NAME"] != _CONFIGURED_NAME


def _configured_name() -> str:
    from django.conf import settings

    return settings.DATABASES["default"]["NAME"]


_CONFIGURED_NAME = _configured_name()


def _pg_admin(url: str):
    import psycopg

    return psycopg.connect(urlunsplit(urlsplit(url)._replace(path="/postgres")), autocommit=True)


def run_clusterdesk(database: ScratchDatabase, *args: str, pythonpath: str | None = None, script: str | None = None,
                    settings: str = "clusterdesk.config.settings.local",
                    timeout: int = 600) -> subprocess.CompletedProcess:
    """Run ``clusterdesk ARGS`` (or ``python -c SCRIPT``) on the database; ``pythonpath`` puts other code first."""
    env = database.env(settings)
    if pythonpath:
        env["PYTHONPATH"] = pythonpath
    command = [sys.executable, "-c", script] if script else [sys.executable, "-m", "clusterdesk.cli", *args]
    if script:
        command += list(args)
    return subprocess.run(command, env=env, cwd=database.folder, capture_output=True, text=True, timeout=timeout)


def table_checksums(database: ScratchDatabase) -> dict[str, dict]:
    """Every table → its row count and, per column, a SHA-256 over the column's values sorted.

    Values are compared by ``repr`` as the driver returns them, so a datetime that lost its microseconds, a Decimal
    that lost a digit or a JSON value that changed shape changes the checksum. PostgreSQL's sequences are included
    as ``sequence <name>`` (their last value), SQLite's as the ``sqlite_sequence`` table.
    """
    connection = database.connect()
    try:
        if database.vendor == "sqlite":
            tables = [row[0] for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        else:
            tables = [row[0] for row in connection.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' "
                "AND table_type = 'BASE TABLE' ORDER BY table_name")]
        result: dict[str, dict] = {}
        for table in tables:
            cursor = connection.execute(f'SELECT * FROM "{table}"')  # noqa: S608 - names from the catalogue
            columns = [d[0] for d in cursor.description]
            rows = cursor.fetchall()
            sums = {}
            for index, column in enumerate(columns):
                digest = hashlib.sha256()
                for text in sorted(repr(row[index]) for row in rows):
                    digest.update(text.encode())
                    digest.update(b"\0")
                sums[column] = digest.hexdigest()
            result[table] = {"rows": len(rows), "columns": sums}
        if database.vendor == "postgresql":
            for name, last in connection.execute(
                    "SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = 'public'"):
                result[f"sequence {name}"] = {"rows": 1, "columns": {"last_value": repr(last)}}
        return result
    finally:
        connection.close()
