"""`clusterdesk intake FILE --json`, `clusterdesk import KIND FILE [--dry-run]`, `clusterdesk export KIND FILE`."""

import json

import pytest
from openpyxl import load_workbook

from clusterdesk.cli import main
from clusterdesk.common.importing.tests.sheets import xlsx
from clusterdesk.projects.models import Project

pytestmark = pytest.mark.django_db


def test_intake_json_prints_text_and_entities_exactly(tmp_path, capsys, world):
    source = tmp_path / "brief.txt"
    source.write_text("首頁 > 要聞\n2022-07-11，瀏陽市簽約項目總投資9800萬元,,市長周海兵出席。\n", encoding="utf-8")
    main(["intake", str(source), "--json"])
    data = json.loads(capsys.readouterr().out)
    assert data == {
        "text": "2022-07-11，浏阳市签约项目总投资9800万元，市长周海兵出席。",
        "entities": [
            {"type": "date", "text": "2022-07-11", "start": 0, "end": 10, "value": "2022-07-11"},
            {"type": "region", "text": "浏阳市", "start": 11, "end": 14, "value": "430181"},
            {"type": "money", "text": "9800万元", "start": 21, "end": 27, "value": 98_000_000},
            {"type": "person", "text": "周海兵", "start": 30, "end": 33,
             "value": {"name": "周海兵", "title": "市长"}},
        ],
        "removed_lines": ["首页 > 要闻"],
    }


def test_intake_links_and_drafts_on_request(tmp_path, capsys, world):
    source = tmp_path / "brief.txt"
    source.write_text(f"6月19日，市长周海兵赴{world.a.park.name}调研，强调要加快项目建设。", encoding="utf-8")
    main(["intake", str(source), "--json", "--links", "--drafts", "--year", "2025"])
    data = json.loads(capsys.readouterr().out)
    park = next(e for e in data["entities"] if e["type"] == "park")
    assert (park["match"], park["key"], park["score"]) == ("exact", str(world.a.park.pk), 100.0)
    (draft,) = data["drafts"]
    assert (draft["kind"], draft["date"], draft["tasks"][0]["text"]) == ("visit", "2025-06-19", "要加快项目建设")


def test_import_dry_run_then_import_then_export(tmp_path, capsys, world):
    sheet = tmp_path / "p.xlsx"
    sheet.write_bytes(xlsx([["项目编码", "项目名称", "所在地区", "总投资(亿元)"], ["C-1", "命令行项目", "430102", 1]]))
    main(["import", "projects", str(sheet), "--dry-run", "--no-progress"])
    assert "新增 1" in capsys.readouterr().out
    assert not Project.objects.filter(code="C-1").exists()
    main(["import", "projects", str(sheet), "--no-progress"])
    assert Project.objects.get(code="C-1").total_investment_wan == 10000
    out = tmp_path / "out.xlsx"
    main(["export", "projects", str(out), "--user", "city", "--no-progress"])
    codes = {row[0] for row in load_workbook(out).worksheets[0].iter_rows(min_row=2, values_only=True)}
    assert codes == {"C-1", world.a.project.code}


def test_import_shows_a_progress_bar_over_the_rows(tmp_path, capsys, world):
    sheet = tmp_path / "p.xlsx"
    sheet.write_bytes(xlsx([["项目编码", "项目名称", "所在地区", "总投资"],
                            *[[f"B-{i}", f"进度项目{i}", "430102", 10] for i in range(30)]]))
    main(["import", "projects", str(sheet), "--dry-run"])
    assert "30/30" in capsys.readouterr().err


def test_import_with_errors_exits_non_zero_and_lists_them(tmp_path, capsys, world):
    sheet = tmp_path / "bad.xlsx"
    sheet.write_bytes(xlsx([["项目编码", "项目名称", "所在地区", "总投资"], ["C-2", "坏项目", "999999", 1]]))
    with pytest.raises(SystemExit) as exit_:
        main(["import", "projects", str(sheet), "--no-progress"])
    assert exit_.value.code == 1
    assert "Sheet1!C2 所在地区：找不到行政区划“999999”" in capsys.readouterr().err
