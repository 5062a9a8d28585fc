"""Defect 8 of issue 11: the command line on a missing or unmigrated database says in one line what to run."""

import json
import os
import sqlite3
import subprocess
import sys

import pytest

ARTICLE = "2024年7月9日，长沙市岳麓区与株洲市签约项目，总投资3.5亿元。"


def _clusterdesk(tmp_path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")}
    env["CLUSTERDESK_DATA_DIR"] = str(tmp_path / "data")
    return subprocess.run([sys.executable, "-c", "from clusterdesk.cli import main; main()", *args], env=env,
                          capture_output=True, text=True, cwd=tmp_path, timeout=300)


@pytest.mark.parametrize("args", [("import", "projects", "x.xlsx", "--dry-run"), ("export", "projects", "y.xlsx"),
                                  ("pipeline-month",), ("service-job", "warnings"), ("load-refdata",)])
def test_a_command_on_a_missing_database_names_what_to_run_and_creates_nothing(tmp_path, args):
    result = _clusterdesk(tmp_path, *args)
    assert result.returncode == 3
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr  # one line, no traceback
    assert "clusterdesk migrate" in lines[0] and "数据库文件不存在" in lines[0]
    assert not (tmp_path / "data" / "clusterdesk.sqlite3").exists()


def test_a_command_on_an_unmigrated_database_says_so(tmp_path):
    (tmp_path / "data").mkdir()
    sqlite3.connect(tmp_path / "data" / "clusterdesk.sqlite3").close()  # an empty file, as a failed setup leaves
    result = _clusterdesk(tmp_path, "export", "parks", "parks.xlsx")
    assert result.returncode == 3
    assert "迁移未执行" in result.stderr and "clusterdesk migrate" in result.stderr
    assert "Traceback" not in result.stderr


def test_text_intake_runs_without_a_database(tmp_path):
    (tmp_path / "news.txt").write_text(ARTICLE, encoding="utf-8")
    result = _clusterdesk(tmp_path, "intake", "news.txt", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    found = {(e["type"], e["text"]) for e in data["entities"]}
    assert ("region", "岳麓区") in found and ("region", "株洲市") in found
    assert any(e["type"] == "money" for e in data["entities"])
    assert "内置行政区划" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "data" / "clusterdesk.sqlite3").exists()
