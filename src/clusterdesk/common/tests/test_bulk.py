"""Plain-row inserts store what bulk_create stores, the reserved ids are the ones bulk_create would give, and
updates by id set exactly the rows and columns named (on PostgreSQL also through the COPY-filled table)."""

import datetime
from decimal import Decimal

import pytest

from clusterdesk.common import bulk
from clusterdesk.common.bulk import RowSink, reserve_ids, update_rows
from clusterdesk.industry.models import SegmentMapping
from clusterdesk.projects.models import Project, StageTransition

pytestmark = pytest.mark.django_db

COMPARED = ("code", "name", "region_id", "industry_id", "total_investment_wan", "stage", "library_status",
            "schedule_target", "key_level", "current_light", "green_channel", "planned_start_date", "signed_date")


def _project(world, code: str) -> Project:
    a = world.a.project
    return Project(code=code, name="批量写入对照项目", region_id=a.region_id, industry_id=a.industry_id,
                   total_investment_wan=Decimal("1234.50"), stage="planning",
                   planned_start_date=datetime.date(2026, 5, 1))


def test_rows_get_the_values_defaults_and_ids_bulk_create_gives(world):
    a = world.a.project
    (made,) = Project.objects.bulk_create([_project(world, "2026-430102-37-03-000501")])
    first = reserve_ids(Project, 2)
    assert first == made.pk + 1  # the ids bulk_create would give next
    sink = RowSink(Project, ("id", "code", "name", "region", "industry", "total_investment_wan", "stage",
                             "planned_start_date"))
    for k in range(2):
        sink.add((first + k, f"2026-430102-37-03-00050{k + 2}", "批量写入对照项目", a.region_id, a.industry_id,
                  Decimal("1234.50"), "planning", datetime.date(2026, 5, 1)))
    sink.flush()
    assert sink.count == 2
    by_bulk, by_rows = (Project.objects.filter(pk=pk).values(*COMPARED).get() for pk in (made.pk, first))
    assert {k: v for k, v in by_rows.items() if k != "code"} == {k: v for k, v in by_bulk.items() if k != "code"}
    stored = Project.objects.get(pk=first + 1)
    assert stored.created is not None and stored.last_updated is not None
    (after,) = Project.objects.bulk_create([_project(world, "2026-430102-37-03-000509")])
    assert after.pk == first + 2  # the sequence moved past the rows written with their ids


def test_datetimes_and_json_are_stored_as_django_stores_them(world):
    at = datetime.datetime(2026, 3, 4, 9, 30, tzinfo=datetime.UTC)
    StageTransition.objects.bulk_create([StageTransition(project=world.a.project, kind="create", to_stage="planning",
                                                         actor_name="对照", at=at)])
    sink = RowSink(StageTransition, ("project", "kind", "to_stage", "actor_name", "at"))
    sink.add((world.b.project.pk, "create", "planning", "对照", at))
    sink.flush()
    rows = list(StageTransition.objects.filter(actor_name="对照").order_by("pk").values_list("at", "from_stage"))
    assert rows == [(at, ""), (at, "")]
    evidence = [{"kind": "keyword", "term": "机车", "start": 0, "end": 2}]
    sink = RowSink(SegmentMapping, ("enterprise", "segment", "score", "evidence"))
    sink.add((world.a.enterprise.pk, world.segment.pk, 3, evidence))
    sink.flush()
    mapping = SegmentMapping.objects.get(enterprise=world.a.enterprise, segment=world.segment)
    assert (mapping.evidence, mapping.status, mapping.origin, mapping.note) == (evidence, "suggested", "rules", "")


@pytest.mark.parametrize("copy_from", [1000, 0], ids=["statements", "copy-table-on-postgresql"])
def test_update_rows_sets_the_named_columns_of_the_named_rows(world, monkeypatch, copy_from):
    monkeypatch.setattr(bulk, "COPY_UPDATE_FROM", copy_from)
    a, b = world.a.project, world.b.project
    untouched = Project.objects.filter(pk=b.pk).values(*COMPARED, "statistics_date").get()
    assert update_rows(Project, ("current_light", "light_summary", "statistics_date"),
                       [("red", "滞后 2 个月", datetime.date(2026, 4, 30), a.pk)]) == 1
    assert Project.objects.filter(pk=a.pk).values_list("current_light", "light_summary", "statistics_date").get() \
        == ("red", "滞后 2 个月", datetime.date(2026, 4, 30))
    assert Project.objects.filter(pk=b.pk).values(*COMPARED, "statistics_date").get() == untouched
    evidence = [{"kind": "keyword", "term": "机车"}]
    mapping = SegmentMapping.objects.create(enterprise=world.a.enterprise, segment=world.segment, score=1)
    update_rows(SegmentMapping, ("evidence", "score"), [(evidence, 4, mapping.pk)])
    mapping.refresh_from_db()
    assert (mapping.evidence, mapping.score) == (evidence, 4)
    assert update_rows(Project, ("current_light",), []) == 0


def test_a_bulk_session_pauses_the_collector_and_restores_it_and_the_cache():
    import gc

    from django.db import connection

    def cache_size():
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA cache_size")
            return cursor.fetchone()[0]

    sqlite = connection.vendor == "sqlite"
    before = cache_size() if sqlite else None
    assert gc.isenabled()
    with bulk.bulk_session(cache_kib=32 * 1024):
        assert not gc.isenabled()
        if sqlite:
            assert cache_size() == -32 * 1024
    assert gc.isenabled()
    if sqlite:
        assert cache_size() == before
    with pytest.raises(RuntimeError), bulk.bulk_session():
        raise RuntimeError("an import that fails")
    assert gc.isenabled()
