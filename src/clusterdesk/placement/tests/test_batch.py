"""`clusterdesk allocate`: reads three CSV files, writes the assignment, prints JSON; errors name file/row/column."""

import csv
import json
import subprocess
import sys

import pytest

from clusterdesk.cli import main


def write(path, header, rows):
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        w = csv.writer(handle)
        w.writerow(header)
        w.writerows(rows)
    return path


@pytest.fixture
def files(tmp_path):
    projects = write(tmp_path / "P.csv", ["project_id", "land_mu"], [["p1", "60"], ["p2", "50亩"], ["p3", "2公顷"]])
    parks = write(tmp_path / "K.csv", ["park_id", "available_land_mu", "max_projects"],
                  [["k1", "100", "2"], ["k2", "100", ""]])
    candidates = write(tmp_path / "C.csv", ["project_id", "park_id", "score"],
                       [["p1", "k1", "10"], ["p1", "k2", "1"], ["p2", "k1", "10"], ["p2", "k2", "1"],
                        ["p3", "k1", "10"], ["p3", "k2", "1"]])
    return tmp_path, projects, parks, candidates


def run_cli(*args):
    return subprocess.run([sys.executable, "-c", "from clusterdesk.cli import main; main()", *args],
                          capture_output=True, text=True, timeout=120)


def test_land_limits_from_csv_are_optimal_and_the_summary_is_json(files, capsys):
    tmp, projects, parks, candidates = files
    out = tmp / "A.csv"
    main(["allocate", "--projects", str(projects), "--parks", str(parks), "--candidates", str(candidates),
          "--out", str(out)])
    summary = json.loads(capsys.readouterr().out)
    assert summary["limits"] == "land" and summary["objective"] == 21.0   # two in k1 (≤ 100 亩), one in k2
    assert summary["gap"] == 0 and {"bound", "seconds", "optimal"} <= set(summary)
    rows = list(csv.DictReader(out.open(encoding="utf-8-sig")))
    assert sorted(r["park_id"] for r in rows) == ["k1", "k1", "k2"] and rows[2] == {
        "project_id": "p3", "park_id": "k1", "score": "10", "land_mu": "30"}


def test_count_limits_from_csv(files, capsys):
    tmp, projects, parks, candidates = files
    out = tmp / "A.csv"
    main(["allocate", "--projects", str(projects), "--parks", str(parks), "--candidates", str(candidates),
          "--out", str(out), "--limits", "count"])
    summary = json.loads(capsys.readouterr().out)
    assert summary["objective"] == 21.0 and summary["method"] == "min-cost-flow"


def test_auto_takes_the_exact_flow_when_the_parks_land_cannot_bind(files, capsys):
    """Defect 9 of issue 11: on a count-limited instance whose parks have land for all their candidates,
    `--limits auto` took the LP path; the land limits are redundant there, and the min-cost flow is exact."""
    tmp, projects, _, candidates = files
    roomy = write(tmp / "roomy.csv", ["park_id", "available_land_mu", "max_projects"],
                  [["k1", "500", "2"], ["k2", "500", ""]])
    out = tmp / "A.csv"
    main(["allocate", "--projects", str(projects), "--parks", str(roomy), "--candidates", str(candidates),
          "--out", str(out)])
    summary = json.loads(capsys.readouterr().out)
    assert summary["method"] == "min-cost-flow" and summary["limits"] == "count" and summary["optimal"]
    assert summary["land_binds"] is False and summary["objective"] == 21.0  # k1 takes two (its count limit)
    # With land that binds (k1: 100 亩 for 140 亩 of candidates), auto keeps the land path.
    main(["allocate", "--projects", str(projects), "--parks", str(tmp / "K.csv"), "--candidates", str(candidates),
          "--out", str(out)])
    assert json.loads(capsys.readouterr().out)["limits"] == "land"


def test_bad_rows_are_all_reported_with_file_row_and_column_and_nothing_is_written(files):
    tmp, projects, parks, _ = files
    bad = write(tmp / "C.csv", ["project_id", "park_id", "score"],
                [["p1", "k1", "10"], ["p9", "k1", "3"], ["p2", "k7", "x"], ["p1", "k1", "4"]])
    write(tmp / "P.csv", ["project_id", "land_mu"], [["p1", "60"], ["p2", "很多"], ["p1", "5"]])
    out = tmp / "A.csv"
    result = run_cli("allocate", "--projects", str(projects), "--parks", str(parks), "--candidates", str(bad),
                     "--out", str(out))
    assert result.returncode == 2 and not out.exists()
    err = result.stderr
    assert "P.csv 第 3 行 land_mu 列" in err and "P.csv 第 4 行 project_id 列：编号 p1 重复" in err
    assert "C.csv 第 3 行 project_id 列：项目 'p9' 不在项目文件中" in err
    assert "C.csv 第 4 行 park_id 列：园区 'k7' 不在园区文件中" in err and "C.csv 第 4 行 score 列" in err
    assert "C.csv 第 5 行：项目 p1 与园区 k1 的组合重复" in err


def test_stdout_carries_only_the_json_summary(files):
    tmp, projects, parks, candidates = files
    result = run_cli("allocate", "--projects", str(projects), "--parks", str(parks), "--candidates",
                     str(candidates), "--out", str(tmp / "A.csv"))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["objective"] == 21.0


def test_missing_columns_and_infeasibility_are_explained(files):
    tmp, projects, _, candidates = files
    parks = write(tmp / "K2.csv", ["park", "land"], [["k1", "1"]])
    out = tmp / "A.csv"
    result = run_cli("allocate", "--projects", str(projects), "--parks", str(parks), "--candidates",
                     str(candidates), "--out", str(out))
    assert "K2.csv：缺少列 park_id, available_land_mu" in result.stderr
    small = write(tmp / "K3.csv", ["park_id", "available_land_mu"], [["k1", "30"], ["k2", "30"]])
    result = run_cli("allocate", "--projects", str(projects), "--parks", str(small), "--candidates",
                     str(candidates), "--out", str(out), "--require-all")
    assert result.returncode == 2 and "需地 60 亩" in result.stderr and not out.exists()
    assert "最多 30 亩" in result.stderr
