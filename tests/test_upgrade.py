"""Issue 16, operations: the demo built with the previous release's code and schema migrates forward losing nothing.

The previous release is the commit in tests/previous_release.txt (update it at each release). Its source is taken
from git (`git archive`), so the test needs a clone with that commit; a shallow clone fails with a message saying so.
The old code builds a tiny demo province on a scratch database of the configured kind (SQLite, or PostgreSQL when
DATABASE_URL is set); the current code migrates it; every table and column both schemas have must hold the same rows
and values, and the current code must serve the data.
"""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from clusterdesk.common.backup import BOOKKEEPING_TABLES
from clusterdesk.testing.databases import (
    DEMO_SCRIPT,
    MARKER_NAME,
    MARKER_TIME,
    ScratchDatabase,
    run_clusterdesk,
    table_checksums,
)

REPO = Path(__file__).resolve().parents[1]
RELEASE_FILE = Path(__file__).with_name("previous_release.txt")
TEST_SETTINGS = "clusterdesk.config.settings.test"

#: Columns a forward migration changes on purpose, each with the reason: (table, column or "*" for its rows) → why.
#: A migration that rewrites data must add its entry here, or this test fails.
CHANGED_BY_MIGRATIONS: dict[tuple[str, str], str] = {
    # Issue 12: intake's visit tasks became leaders' instructions (tasks 0003 copies every row, intake 0004 drops
    # the table); on PostgreSQL the table's id sequence goes with it.
    ("intake_visittask", "*"): "rows moved to tasks_instruction",
    ("sequence intake_visittask_id_seq", "*"): "the dropped table's counter",
}

#: Rows these tables gain from the new schema itself (new migrations, new models' content types and permissions,
#: SQLite's counters of tables that got their first row): the old rows must stay, new ones may come.
GROWING_TABLES = BOOKKEEPING_TABLES | {"sqlite_sequence"}
#: PostgreSQL's counters of those tables: they move on with the rows the new schema adds.
GROWING_SEQUENCES = {f"sequence {table}_id_seq" for table in BOOKKEEPING_TABLES}

#: Read with the current code: pages as the administrator and the marker row's time to the microsecond.
READ_SCRIPT = f"""
import json
import django
django.setup()
from django.test import Client
from clusterdesk.accounts.models import User
from clusterdesk.common.models import DataLoad
from clusterdesk.projects.models import Project
client = Client()
client.force_login(User.objects.get(username="admin"))
project = Project.objects.order_by("pk").first()
pages = {{}}
for url in ("/", "/projects/", "/enterprises/", "/parks/", "/service/appeals/", project.get_absolute_url(),
            "/api/projects/projects/?page=1"):
    response = client.get(url)
    pages[url] = response.status_code
detail = client.get(project.get_absolute_url()).content.decode()
marker = DataLoad.objects.get(name={MARKER_NAME!r}).loaded_at
# Issue 12: the reports and figures that were there count as before: the migration made them accepted.
from clusterdesk.enterprise_service.models import MonthlyFigure
from clusterdesk.projects.models import ProgressReport
unreviewed = sum(m.objects.exclude(review_status="accepted").count() for m in (ProgressReport, MonthlyFigure))
print(json.dumps({{"pages": pages, "name_shown": project.name in detail, "projects": Project.objects.count(),
                  "marker": marker.strftime("%Y-%m-%d %H:%M:%S.%f"), "unreviewed": unreviewed,
                  "reports": ProgressReport.objects.count()}}))
"""


def _previous_release() -> str:
    lines = [line.strip() for line in RELEASE_FILE.read_text().splitlines()]
    return next(line for line in lines if line and not line.startswith("#"))


@pytest.fixture(scope="module")
def old_source(tmp_path_factory) -> Path:
    """The previous release's ``src`` folder, extracted from git."""
    commit = _previous_release()
    found = subprocess.run(["git", "-C", str(REPO), "cat-file", "-e", f"{commit}^{{commit}}"], capture_output=True)
    if found.returncode != 0:
        pytest.fail(f"上一版本的提交 {commit} 不在此克隆中（tests/previous_release.txt）；请取完整历史："
                    f"git fetch --unshallow / the previous release's commit {commit} (tests/previous_release.txt) "
                    f"is not in this clone: fetch the full history (git fetch --unshallow, or clone without --depth)",
                    pytrace=False)
    folder = tmp_path_factory.mktemp("previous-release")
    archive = subprocess.run(["git", "-C", str(REPO), "archive", commit, "src"], capture_output=True, check=True)
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive.stdout, check=True)
    return folder / "src"


def test_the_previous_release_demo_migrates_forward_with_nothing_lost(old_source, tmp_path):
    # The old code, not this checkout's, is what the subprocesses import.
    which = subprocess.run([sys.executable, "-c", "import clusterdesk; print(clusterdesk.__file__)"],
                           env={"PYTHONPATH": str(old_source)}, capture_output=True, text=True, check=True)
    assert which.stdout.strip().startswith(str(old_source)), which.stdout

    database = ScratchDatabase.create(tmp_path / "site", "upgrade")
    try:
        built = run_clusterdesk(database, script=DEMO_SCRIPT, settings=TEST_SETTINGS, pythonpath=str(old_source))
        assert built.returncode == 0, built.stderr[-3000:]
        before = table_checksums(database)

        migrated = run_clusterdesk(database, "migrate")
        assert migrated.returncode == 0, migrated.stdout + migrated.stderr
        after = table_checksums(database)

        common = sorted(set(before) & set(after))
        assert len(common) > 40 and sum(before[t]["rows"] for t in common) > 5000  # the comparison covers the demo
        dropped = sorted(t for t in set(before) - set(after) if before[t]["rows"] and (t, "*") not in
                         CHANGED_BY_MIGRATIONS)
        assert dropped == [], f"tables with rows that the migrations removed: {dropped}"
        lost = []
        for table in common:
            old, new = before[table], after[table]
            if table in GROWING_TABLES:
                if new["rows"] < old["rows"]:
                    lost.append(f"{table}: {old['rows']} rows, now {new['rows']}")
                continue
            if table in GROWING_SEQUENCES:
                was, now = old["columns"]["last_value"], new["columns"]["last_value"]
                if was != "None" and (now == "None" or int(now) < int(was)):
                    lost.append(f"{table}: was {was}, now {now}")
                continue
            if old["rows"] != new["rows"] and (table, "*") not in CHANGED_BY_MIGRATIONS:
                lost.append(f"{table}: {old['rows']} rows, now {new['rows']}")
            for column in sorted(set(old["columns"]) & set(new["columns"])):
                if old["columns"][column] != new["columns"][column] and (table, column) not in CHANGED_BY_MIGRATIONS:
                    lost.append(f"{table}.{column}: values changed")
        assert lost == [], "the migrations changed data (declare it in CHANGED_BY_MIGRATIONS if meant):\n" + \
            "\n".join(lost)

        read = run_clusterdesk(database, script=READ_SCRIPT, settings=TEST_SETTINGS)
        assert read.returncode == 0, read.stderr[-3000:]
        answer = json.loads(read.stdout.strip().splitlines()[-1])
        assert set(answer["pages"].values()) == {200}, answer["pages"]
        assert answer["name_shown"] and answer["projects"] == before["projects_project"]["rows"]
        assert answer["marker"] == MARKER_TIME
        assert answer["reports"] == before["projects_progressreport"]["rows"] > 0 and answer["unreviewed"] == 0
    finally:
        database.drop()
