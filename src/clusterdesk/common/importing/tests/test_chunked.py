# ruff: noqa: E501  (exact Chinese error lines; CJK characters count double)
"""An import on SQLite is written in chunks and undone as a whole when a later chunk fails."""

import pytest

from clusterdesk.changelog.models import ImportBatch, ObjectChange
from clusterdesk.common.importing import runner
from clusterdesk.common.importing.runner import run_import
from clusterdesk.common.models import ImportJournal, ImportJournalEntry
from clusterdesk.projects.models import Project, StageTransition

from .sheets import xlsx

pytestmark = pytest.mark.django_db


def _counts():
    return (Project.objects.count(), ObjectChange.objects.count(), ImportBatch.objects.count(),
            StageTransition.objects.count())


def test_a_failure_in_a_later_chunk_takes_back_the_chunks_written_before(world, monkeypatch):
    monkeypatch.setattr(runner, "CHUNK_ROWS", 4)
    project = world.a.project
    rows = [["项目名称", "项目编码", "所在地区", "总投资"], [project.name, project.code, project.region.code, 77777]]
    rows += [[f"分块项目{i}", f"C-{i}", "430102", 100 + i] for i in range(10)]
    rows.append(["越界项目", "C-last", world.b.county.code, 100])  # 株洲: found outside the scope only when written
    before, stored = _counts(), Project.objects.get(pk=project.pk).total_investment_wan
    report = run_import(kind="projects", data=xlsx(rows), file_name="p.xlsx", actor=world.users["city"])
    assert [e.as_line() for e in report.errors] == [
        "Sheet1!13：“越界项目”将落在您的权限范围之外（地区或园区） / “越界项目” would lie outside your scope (region or park)"]
    assert report.batch_id is None
    assert _counts() == before
    assert Project.objects.get(pk=project.pk).total_investment_wan == stored  # the update is taken back too
    assert not ImportJournal.objects.exists() and not ImportJournalEntry.objects.exists()


def test_every_failing_chunk_is_reported_once(world, monkeypatch):
    monkeypatch.setattr(runner, "CHUNK_ROWS", 3)
    rows = [["项目名称", "项目编码", "所在地区", "总投资"], ["越界一", "X-1", world.b.county.code, 1]]
    rows += [[f"分块项目{i}", f"X-{i + 2}", "430102", 10] for i in range(6)]
    rows.append(["越界二", "X-9", world.b.county.code, 1])
    before = _counts()
    report = run_import(kind="projects", data=xlsx(rows), file_name="p.xlsx", actor=world.users["city"])
    assert [(e.row, e.message) for e in report.errors] == [(2, "“越界一”将落在您的权限范围之外（地区或园区）"),
                                                          (9, "“越界二”将落在您的权限范围之外（地区或园区）")]
    assert _counts() == before


def test_chunks_that_succeed_make_one_batch_and_leave_no_journal(world, monkeypatch):
    monkeypatch.setattr(runner, "CHUNK_ROWS", 3)
    rows = [["项目名称", "项目编码", "所在地区", "总投资"]] + [[f"分块项目{i}", f"K-{i}", "430102", 10] for i in range(8)]
    report = run_import(kind="projects", data=xlsx(rows), file_name="p.xlsx", actor=world.users["city"])
    assert not report.errors and report.created == 8
    batch = ImportBatch.objects.get(pk=report.batch_id)
    assert batch.changes.count() == 8
    assert ImportBatch.objects.filter(file_name="p.xlsx").count() == 1
    assert not ImportJournal.objects.exists() and not ImportJournalEntry.objects.exists()
    assert report.timings["longest transaction"] > 0


def test_a_record_changed_by_someone_else_after_the_file_was_read_is_refused(world, monkeypatch):
    """The plan is made outside the write lock: a record another user changed since then is not overwritten."""
    from clusterdesk.common.importing import pipeline

    project = world.a.project
    planned = pipeline.plan_import

    def plan_then_someone_edits(*args, **kwargs):
        plan = planned(*args, **kwargs)
        Project.objects.filter(pk=project.pk).update(responsible_leader="他人刚改的")
        return plan

    monkeypatch.setattr(runner, "plan_import", plan_then_someone_edits)
    data = xlsx([["项目名称", "项目编码", "所在地区", "总投资"], [project.name, project.code, project.region.code, 77777]])
    report = run_import(kind="projects", data=data, file_name="p.xlsx", actor=world.users["city"])
    assert [e.message_en for e in report.errors] == [runner._CHANGED_EN]
    project.refresh_from_db()
    assert (project.responsible_leader, project.total_investment_wan) == ("他人刚改的", 50000)
