"""Batch allocation from CSV files (`clusterdesk allocate`): read, check every row, solve, write the assignment.

Files (UTF-8, a BOM allowed, as Excel saves them):

* projects: ``project_id``, ``land_mu`` (亩; ``120亩``, ``8公顷`` are read too);
* parks: ``park_id``, ``available_land_mu`` (empty: no land limit), optional ``max_projects`` (empty: none);
* candidates: ``project_id``, ``park_id``, ``score`` — the pairs allowed by the positioning rule.

Every problem in the files is reported at once, each naming the file, the row and the column; nothing is
written unless the whole allocation succeeds (the output is written to a temporary file and renamed).
"""

import contextlib
import csv
import dataclasses
import json
import math
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from clusterdesk.core.exceptions import CoreError
from clusterdesk.core.optimization import (
    AllocationError,
    AllocationProblem,
    AllocationResult,
    allocate,
    land_never_binds,
)
from clusterdesk.core.text.cells import csv_field
from clusterdesk.core.units import parse_area_mu

__all__ = ["AllocationInputError", "read_problem", "run_allocation", "write_assignment"]

MAX_ERRORS = 50


class AllocationInputError(ValueError):
    """The input files are wrong; ``errors`` lists each problem with file, row and column."""

    def __init__(self, errors: list[str]):
        self.errors = errors
        more = f"\n…（另有 {len(errors) - MAX_ERRORS} 处）" if len(errors) > MAX_ERRORS else ""
        super().__init__("\n".join(errors[:MAX_ERRORS]) + more)


@dataclasses.dataclass
class _Table:
    path: Path
    rows: list[tuple[int, dict[str, str]]]


def _read(path: Path, required: tuple[str, ...], errors: list[str]) -> _Table:
    if not path.exists():
        errors.append(f"{path.name}：文件不存在")
        return _Table(path, [])
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        header = [h.strip() for h in (reader.fieldnames or [])]
        missing = [c for c in required if c not in header]
        if missing:
            errors.append(f"{path.name}：缺少列 {', '.join(missing)}（现有列：{', '.join(header) or '无'}）")
            return _Table(path, [])
        rows = [(n, {(k or "").strip(): (v or "").strip() for k, v in row.items()})
                for n, row in enumerate(reader, start=2)]
    if not rows:
        errors.append(f"{path.name}：没有数据行")
    return _Table(path, rows)


def _land(table: _Table, n: int, column: str, text: str, errors: list[str], optional: bool = False) -> float:
    if not text and optional:
        return math.inf
    try:
        return float(parse_area_mu(text))
    except CoreError as exc:
        errors.append(f"{table.path.name} 第 {n} 行 {column} 列：{exc}")
        return 0.0


def _ids(table: _Table, column: str, errors: list[str]) -> dict[str, int]:
    index: dict[str, int] = {}
    for n, row in table.rows:
        key = row.get(column, "")
        if not key:
            errors.append(f"{table.path.name} 第 {n} 行 {column} 列：不能为空")
        elif key in index:
            errors.append(f"{table.path.name} 第 {n} 行 {column} 列：编号 {key} 重复")
        else:
            index[key] = len(index)
    return index


def _parks(table: _Table, errors: list[str]) -> tuple[list[float], list[int], bool]:
    land, limits, counted = [], [], False
    for n, row in table.rows:
        if not row.get("park_id"):
            continue
        land.append(_land(table, n, "available_land_mu", row.get("available_land_mu", ""), errors, optional=True))
        text = row.get("max_projects", "")
        if text:
            counted = True
            if not text.isdigit():
                errors.append(f"{table.path.name} 第 {n} 行 max_projects 列：应为非负整数，实为 {text!r}")
        limits.append(int(text) if text.isdigit() else -1)
    return land, limits, counted


def _candidates(table: _Table, projects: dict[str, int], parks: dict[str, int],
                errors: list[str]) -> tuple[list[int], list[int], list[float]]:
    cp, ck, cs, seen = [], [], [], set()
    for n, row in table.rows:
        pid, kid, text = row.get("project_id", ""), row.get("park_id", ""), row.get("score", "")
        where = f"{table.path.name} 第 {n} 行"
        if pid not in projects:
            errors.append(f"{where} project_id 列：项目 {pid!r} 不在项目文件中")
        if kid not in parks:
            errors.append(f"{where} park_id 列：园区 {kid!r} 不在园区文件中")
        try:
            score = float(text)
            if not math.isfinite(score):
                raise ValueError
        except ValueError:
            errors.append(f"{where} score 列：应为数字，实为 {text!r}")
            continue
        if (pid, kid) in seen:
            errors.append(f"{where}：项目 {pid} 与园区 {kid} 的组合重复")
            continue
        seen.add((pid, kid))
        if pid in projects and kid in parks:
            cp.append(projects[pid])
            ck.append(parks[kid])
            cs.append(score)
    return cp, ck, cs


def read_problem(projects_csv: Path, parks_csv: Path, candidates_csv: Path) -> tuple[AllocationProblem, bool, bool]:
    """Read and check the three files; returns the problem and whether land and count limits were given.

    Raises
    ------
    AllocationInputError
        With every problem found, each naming the file, row and column.
    """
    errors: list[str] = []
    projects = _read(Path(projects_csv), ("project_id", "land_mu"), errors)
    parks = _read(Path(parks_csv), ("park_id", "available_land_mu"), errors)
    candidates = _read(Path(candidates_csv), ("project_id", "park_id", "score"), errors)
    project_index = _ids(projects, "project_id", errors)
    park_index = _ids(parks, "park_id", errors)
    project_land = [_land(projects, n, "land_mu", row.get("land_mu", ""), errors)
                    for n, row in projects.rows if row.get("project_id")]
    park_land, limits, counted = _parks(parks, errors)
    cp, ck, cs = _candidates(candidates, project_index, park_index, errors)
    if errors:
        raise AllocationInputError(errors)
    problem = AllocationProblem(
        np.array(project_land, dtype=float), np.array(park_land, dtype=float), np.array(cp, dtype=np.int64),
        np.array(ck, dtype=np.int64), np.array(cs, dtype=float),
        park_max_projects=np.array(limits, dtype=np.int64) if counted else None,
        project_names=list(project_index), park_names=list(park_index))
    return problem, bool(np.isfinite(problem.park_land).any()), counted


def _rows(problem: AllocationProblem, result: AllocationResult) -> Iterator[list[str]]:
    score = {(int(i), int(j)): float(s) for i, j, s in zip(problem.cand_project, problem.cand_park,
                                                           problem.cand_score, strict=True)}
    for i, j in enumerate(result.assignment.tolist()):
        name = problem.project_name(i)
        if j < 0:
            yield [name, "", "", f"{problem.project_land[i]:g}"]
        else:
            yield [name, problem.park_name(j), f"{score[(i, j)]:g}", f"{problem.project_land[i]:g}"]


def write_assignment(path: Path, problem: AllocationProblem, result: AllocationResult) -> None:
    """Write ``project_id, park_id, score, land_mu`` (empty park: not placed), atomically."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent if str(path.parent) else ".", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["project_id", "park_id", "score", "land_mu"])
            writer.writerows([csv_field(value) for value in row] for row in _rows(problem, result))
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


@contextlib.contextmanager
def _solver_chatter_to_stderr() -> Iterator[None]:
    """Native solvers print banners on file descriptor 1; keep stdout for the JSON summary alone."""
    sys.stdout.flush()
    try:
        saved = os.dup(1)
    except OSError:  # no real stdout (embedded): nothing to protect
        yield
        return
    try:
        os.dup2(2, 1)
        yield
    finally:
        sys.stdout.flush()
        os.dup2(saved, 1)
        os.close(saved)


def run_allocation(*, projects: Path, parks: Path, candidates: Path, out: Path, limits: str = "auto",
                   require_all: bool = False, time_limit: float = 60.0, gap: float = 0.005,
                   workers: int = 2) -> dict[str, object]:
    """Read, solve and write; returns the summary printed as JSON (objective, bound, gap, seconds …).

    ``limits="auto"`` takes the exact min-cost flow when the land cannot bind (every park has room for all its
    candidates), the land path when it can, and count limits when the parks file gives no land.
    """
    problem, has_land, has_counts = read_problem(projects, parks, candidates)
    redundant_land = has_land and land_never_binds(problem)
    if limits == "auto":
        limits = "land" if has_land and not redundant_land else "count"
    if limits == "count" and not has_counts and not redundant_land:
        raise AllocationInputError([f"{Path(parks).name}：按项目数约束分配需要 max_projects 列"])
    try:
        with _solver_chatter_to_stderr():
            result = allocate(problem, limits=limits, require_all=require_all, time_limit=time_limit,
                              target_gap=gap, workers=workers)
    except AllocationError as exc:
        raise AllocationInputError([str(exc)]) from exc
    write_assignment(out, problem, result)
    return {"limits": limits, "land_binds": has_land and not redundant_land, **result.as_dict(), "out": str(out)}


def summary_json(summary: dict[str, object]) -> str:
    """The summary as one line of JSON (Chinese kept readable)."""
    return json.dumps(summary, ensure_ascii=False)
