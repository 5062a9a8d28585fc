"""Batch allocation of projects to parks: maximise total suitability under the parks' limits.

The candidates (project, park, score) already respect the positioning rule: a pair is listed only where
the project's industry is allowed in the park. Each project goes to at most one park (exactly one with
``require_all``).

* Limits on the *number* of projects per park make it a transportation problem: `allocate_by_count`
  solves it exactly with OR-Tools min-cost flow.
* Limits on *land* (Σ land ≤ available, optionally with count limits too) make it a generalised
  assignment problem, NP-hard: `allocate_by_land` takes the LP relaxation (GLOP) as the bound, rounds and
  repairs its solution into a feasible assignment, improves it by moves, hands it to CP-SAT as a hint and
  reports the certified gap between the best assignment found and the best bound.

Land is in 亩 with two decimals (scaled ×100 to integers for CP-SAT); scores are scaled ×1000.
"""

import dataclasses
import time
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from clusterdesk.core.exceptions import CoreError

__all__ = [
    "AllocationError",
    "AllocationProblem",
    "AllocationResult",
    "InfeasibleAllocationError",
    "allocate",
    "allocate_by_count",
    "allocate_by_land",
    "land_never_binds",
]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

SCORE_SCALE = 1000
LAND_SCALE = 100


class AllocationError(CoreError):
    """The allocation problem is malformed (lengths disagree, unknown indices, negative land)."""


class InfeasibleAllocationError(AllocationError):
    """No assignment satisfies the limits; the message says which project or park blocks it."""


@dataclasses.dataclass(frozen=True)
class AllocationProblem:
    """Projects, parks and candidate pairs, as arrays.

    ``park_max_projects`` is ``-1`` where a park has no count limit; ``park_land`` ``inf`` where it has no
    land limit. ``project_names`` and ``park_names`` are used in messages.
    """

    project_land: FloatArray
    park_land: FloatArray
    cand_project: IntArray
    cand_park: IntArray
    cand_score: FloatArray
    park_max_projects: IntArray | None = None
    project_names: Sequence[str] | None = None
    park_names: Sequence[str] | None = None

    @property
    def n_projects(self) -> int:
        return len(self.project_land)

    @property
    def n_parks(self) -> int:
        return len(self.park_land)

    def project_name(self, i: int) -> str:
        return str(self.project_names[i]) if self.project_names is not None else f"#{i}"

    def park_name(self, j: int) -> str:
        return str(self.park_names[j]) if self.park_names is not None else f"#{j}"

    def validate(self) -> None:
        """Raise `AllocationError` when the arrays disagree."""
        c = len(self.cand_project)
        if len(self.cand_park) != c or len(self.cand_score) != c:
            raise AllocationError("候选列表的项目、园区、得分三列长度不一致")
        if c and (self.cand_project.min() < 0 or self.cand_project.max() >= self.n_projects):
            raise AllocationError("候选列表引用了不存在的项目")
        if c and (self.cand_park.min() < 0 or self.cand_park.max() >= self.n_parks):
            raise AllocationError("候选列表引用了不存在的园区")
        if (self.project_land < 0).any() or np.isnan(self.project_land).any():
            i = int(np.flatnonzero((self.project_land < 0) | np.isnan(self.project_land))[0])
            raise AllocationError(f"项目 {self.project_name(i)} 的用地面积须为非负数")
        if (self.park_land < 0).any():
            j = int(np.flatnonzero(self.park_land < 0)[0])
            raise AllocationError(f"园区 {self.park_name(j)} 的可用土地须为非负数")
        if self.park_max_projects is not None and len(self.park_max_projects) != self.n_parks:
            raise AllocationError("园区项目数上限的个数与园区数不一致")


@dataclasses.dataclass(frozen=True)
class AllocationResult:
    """An assignment (park index per project, ``-1``: unassigned) with its objective, bound and gap."""

    assignment: IntArray
    objective: float
    bound: float
    seconds: float
    method: str
    optimal: bool
    stages: dict[str, float] = dataclasses.field(default_factory=dict)

    @property
    def gap(self) -> float:
        """Certified relative gap ``(bound − objective) / bound`` (0 when proven optimal, inf without a bound)."""
        if not np.isfinite(self.bound):
            return float("inf")
        if self.bound <= 0:
            return 0.0
        return max(0.0, (self.bound - self.objective) / abs(self.bound))

    def as_dict(self) -> dict[str, object]:
        finite = np.isfinite(self.bound)
        return {"objective": round(self.objective, 6), "bound": round(self.bound, 6) if finite else None,
                "gap": round(self.gap, 8) if finite else None,
                "seconds": round(self.seconds, 3), "method": self.method, "optimal": self.optimal,
                "assigned": int((self.assignment >= 0).sum()), "projects": len(self.assignment),
                "stages": {k: round(v, 3) for k, v in self.stages.items()}}


def _check_candidates(problem: AllocationProblem, require_all: bool) -> None:
    if not require_all:
        return
    has = np.zeros(problem.n_projects, dtype=bool)
    has[problem.cand_project] = True
    if not has.all():
        i = int(np.flatnonzero(~has)[0])
        raise InfeasibleAllocationError(f"项目 {problem.project_name(i)} 没有可入驻的候选园区（产业定位或土地不符）")


def _objective(problem: AllocationProblem, chosen: IntArray) -> float:
    return float(problem.cand_score[chosen].sum()) if len(chosen) else 0.0


def allocate_by_count(problem: AllocationProblem, *, require_all: bool = False) -> AllocationResult:
    """Solve the count-limited allocation exactly as a min-cost flow.

    Parameters
    ----------
    problem : AllocationProblem
        ``park_max_projects`` gives each park's limit (``-1`` or ``None``: unlimited); land is ignored.
    require_all : bool
        Every project must be placed.

    Returns
    -------
    AllocationResult
        The optimal assignment (up to the score scaling of 1/1000); bound = objective, gap 0.

    Raises
    ------
    InfeasibleAllocationError
        If ``require_all`` and the limits leave some project without a place.

    Examples
    --------
    >>> p = AllocationProblem(np.zeros(3), np.full(2, np.inf), np.array([0, 0, 1, 1, 2]),
    ...                       np.array([0, 1, 0, 1, 0]), np.array([9.0, 5.0, 8.0, 1.0, 7.0]),
    ...                       park_max_projects=np.array([1, 5]))
    >>> r = allocate_by_count(p)
    >>> r.assignment.tolist(), r.objective
    ([1, 0, -1], 13.0)
    """
    from ortools.graph.python import min_cost_flow

    start = time.perf_counter()
    problem.validate()
    _check_candidates(problem, require_all)
    n, m, c = problem.n_projects, problem.n_parks, len(problem.cand_project)
    source, sink = n + m, n + m + 1
    limits = problem.park_max_projects if problem.park_max_projects is not None else np.full(m, -1)
    limits = np.where(limits < 0, n, np.minimum(limits, n)).astype(np.int64)
    tails = [np.full(n, source), problem.cand_project, n + np.arange(m)]
    heads = [np.arange(n), n + problem.cand_park, np.full(m, sink)]
    caps = [np.ones(n), np.ones(c), limits]
    costs = [np.zeros(n), -np.rint(problem.cand_score * SCORE_SCALE), np.zeros(m)]
    if not require_all:
        tails.append(np.arange(n))
        heads.append(np.full(n, sink))
        caps.append(np.ones(n))
        costs.append(np.zeros(n))
    flow = min_cost_flow.SimpleMinCostFlow()
    flow.add_arcs_with_capacity_and_unit_cost(
        np.concatenate(tails).astype(np.int32), np.concatenate(heads).astype(np.int32),
        np.concatenate(caps).astype(np.int64), np.concatenate(costs).astype(np.int64))
    flow.set_node_supply(source, n)
    flow.set_node_supply(sink, -n)
    status = flow.solve_max_flow_with_min_cost()
    if status != flow.OPTIMAL:
        raise AllocationError(f"最小费用流求解失败（状态 {status}）")
    if flow.maximum_flow() < n:
        raise InfeasibleAllocationError(
            f"按各园区的项目数上限，只能安置 {flow.maximum_flow()} 个项目，共有 {n} 个项目须安置")
    arc_flows = np.asarray(flow.flows(np.arange(n, n + c, dtype=np.int32)))
    chosen = np.flatnonzero(arc_flows > 0)
    assignment = np.full(n, -1, dtype=np.int64)
    assignment[problem.cand_project[chosen]] = problem.cand_park[chosen]
    objective = _objective(problem, chosen)
    return AllocationResult(assignment, objective, objective, time.perf_counter() - start, "min-cost-flow", True)


@dataclasses.dataclass
class _Csr:
    """Candidates grouped by project, best score first."""

    order: IntArray
    offsets: IntArray


def _by_project(problem: AllocationProblem) -> _Csr:
    order = np.lexsort((-problem.cand_score, problem.cand_project)).astype(np.int64)
    counts = np.bincount(problem.cand_project, minlength=problem.n_projects)
    return _Csr(order, np.concatenate([[0], np.cumsum(counts)]).astype(np.int64))


def _lp_relaxation(problem: AllocationProblem, land: IntArray, cap: IntArray, limits: IntArray,
                   require_all: bool, time_limit: float) -> tuple[float, FloatArray]:
    """Solve the LP relaxation (OR-Tools' HiGHS LP backend, else GLOP); return its bound (``inf`` if it did not
    finish in time) and the fractional values per candidate."""
    from ortools.linear_solver import pywraplp

    solver = pywraplp.Solver.CreateSolver("HIGHS_LP") or pywraplp.Solver.CreateSolver("GLOP")
    solver.SuppressOutput()
    solver.SetTimeLimit(int(time_limit * 1000))
    c = len(problem.cand_project)
    xs = [solver.NumVar(0.0, 1.0, "") for _ in range(c)]
    by_project: list[list[int]] = [[] for _ in range(problem.n_projects)]
    by_park: list[list[int]] = [[] for _ in range(problem.n_parks)]
    for k, (i, j) in enumerate(zip(problem.cand_project.tolist(), problem.cand_park.tolist(), strict=True)):
        by_project[i].append(k)
        by_park[j].append(k)
    for ks in by_project:
        if ks:
            row = solver.Constraint(1.0 if require_all else 0.0, 1.0)
            for k in ks:
                row.SetCoefficient(xs[k], 1.0)
    for j, ks in enumerate(by_park):
        if not ks:
            continue
        demand = sum(int(land[problem.cand_project[k]]) for k in ks)
        if demand > cap[j]:
            row = solver.Constraint(0.0, float(cap[j]))
            for k in ks:
                row.SetCoefficient(xs[k], float(land[problem.cand_project[k]]))
        if limits[j] < len(ks):
            row = solver.Constraint(0.0, float(limits[j]))
            for k in ks:
                row.SetCoefficient(xs[k], 1.0)
    objective = solver.Objective()
    for k, score in enumerate(problem.cand_score.tolist()):
        objective.SetCoefficient(xs[k], score)
    objective.SetMaximization()
    status = solver.Solve()
    if status == pywraplp.Solver.INFEASIBLE:
        raise InfeasibleAllocationError("土地（或项目数）上限不足以安置全部项目：线性松弛已无可行解")
    if status != pywraplp.Solver.OPTIMAL:
        return float("inf"), np.zeros(c)
    values = np.array([x.solution_value() for x in xs])
    return float(objective.Value()), values


def _round_and_repair(problem: AllocationProblem, csr: _Csr, frac: FloatArray, land: IntArray, cap: IntArray,
                      limits: IntArray) -> IntArray:
    """Place projects in the order of their strongest LP value, each in its LP park if it fits, else in the best
    candidate park with room; then move projects to better parks while room allows. Returns the chosen candidates."""
    n = problem.n_projects
    left, slots = cap.copy(), limits.copy()
    chosen = np.full(n, -1, dtype=np.int64)
    best_frac = np.zeros(n)
    lp_choice = np.full(n, -1, dtype=np.int64)
    for i in range(n):
        ks = csr.order[csr.offsets[i]:csr.offsets[i + 1]]
        if len(ks):
            k = ks[int(np.argmax(frac[ks]))]
            best_frac[i], lp_choice[i] = frac[k], k
    for i in np.argsort(-best_frac, kind="stable").tolist():
        ordered: list[int] = csr.order[csr.offsets[i]:csr.offsets[i + 1]].tolist()
        if lp_choice[i] >= 0 and frac[lp_choice[i]] > 0.5:
            ordered = [int(lp_choice[i]), *ordered]
        for k in ordered:
            j = int(problem.cand_park[k])
            if land[i] <= left[j] and slots[j] > 0:
                chosen[i], left[j], slots[j] = k, left[j] - land[i], slots[j] - 1
                break
    _improve(problem, csr, chosen, land, left, slots)
    _eject(problem, csr, chosen, land, left, slots, passes=4)
    _improve(problem, csr, chosen, land, left, slots)
    return chosen


def _improve(problem: AllocationProblem, csr: _Csr, chosen: IntArray, land: IntArray, left: IntArray,
             slots: IntArray, passes: int = 3) -> None:
    """First-improvement moves: a project moves to a better-scoring candidate park that has room."""
    scores = problem.cand_score
    for _ in range(passes):
        moved = False
        for i in range(problem.n_projects):
            current = int(chosen[i])
            here = scores[current] if current >= 0 else -np.inf
            for k in csr.order[csr.offsets[i]:csr.offsets[i + 1]].tolist():
                if scores[k] <= here:
                    break
                j = int(problem.cand_park[k])
                if land[i] <= left[j] and slots[j] > 0:
                    if current >= 0:
                        old = int(problem.cand_park[current])
                        left[old] += land[i]
                        slots[old] += 1
                    chosen[i], left[j], slots[j] = k, left[j] - land[i], slots[j] - 1
                    moved = True
                    break
        if not moved:
            return


def _eject(problem: AllocationProblem, csr: _Csr, chosen: IntArray, land: IntArray, left: IntArray,
           slots: IntArray, passes: int = 2) -> None:
    """Ejection moves: project ``i`` takes park ``j`` after a resident ``r`` of ``j`` moves to another of its
    candidate parks that has room, when that raises the total score."""
    scores, parks = problem.cand_score, problem.cand_park
    residents: list[list[int]] = [[] for _ in range(problem.n_parks)]
    for i in np.flatnonzero(chosen >= 0).tolist():
        residents[int(parks[chosen[i]])].append(i)
    for _ in range(passes):
        moved = False
        for i in range(problem.n_projects):
            current = int(chosen[i])
            here = scores[current] if current >= 0 else 0.0
            best: tuple[float, int, int, int] | None = None
            for k in csr.order[csr.offsets[i]:csr.offsets[i + 1]].tolist():
                if scores[k] <= here:
                    break
                j = int(parks[k])
                for r in residents[j]:
                    k_r = int(chosen[r])
                    if left[j] + land[r] < land[i]:
                        continue
                    for k2 in csr.order[csr.offsets[r]:csr.offsets[r + 1]].tolist():
                        j2 = int(parks[k2])
                        if j2 == j or land[r] > left[j2] or slots[j2] <= 0:
                            continue
                        gain = scores[k] - here + scores[k2] - scores[k_r]
                        if gain > 1e-9 and (best is None or gain > best[0]):
                            best = (gain, k, r, k2)
                        break
            if best is None:
                continue
            _, k, r, k2 = best
            j, j2 = int(parks[k]), int(parks[k2])
            residents[j].remove(r)
            residents[j2].append(r)
            left[j] += land[r]
            left[j2] -= land[r]
            slots[j2] -= 1
            chosen[r] = k2
            if current >= 0:
                old = int(parks[current])
                residents[old].remove(i)
                left[old] += land[i]
                slots[old] += 1
            residents[j].append(i)
            left[j] -= land[i]
            chosen[i] = k
            moved = True
        if not moved:
            return


def _cp_sat(problem: AllocationProblem, land: IntArray, cap: IntArray, limits: IntArray, hint: IntArray,
            require_all: bool, deadline: float, workers: int, gap: float) -> tuple[IntArray | None, float, bool]:
    """CP-SAT on the integer model with the repaired assignment as hint; returns (chosen, bound, optimal)."""
    from ortools.sat.python import cp_model

    model = cp_model.CpModel()
    c = len(problem.cand_project)
    xs = [model.new_bool_var("") for _ in range(c)]
    by_project: list[list[int]] = [[] for _ in range(problem.n_projects)]
    by_park: list[list[int]] = [[] for _ in range(problem.n_parks)]
    for k, (i, j) in enumerate(zip(problem.cand_project.tolist(), problem.cand_park.tolist(), strict=True)):
        by_project[i].append(k)
        by_park[j].append(k)
    for ks in by_project:
        if ks:
            (model.add_exactly_one if require_all else model.add_at_most_one)([xs[k] for k in ks])
    for j, ks in enumerate(by_park):
        weights = [int(land[problem.cand_project[k]]) for k in ks]
        if ks and sum(weights) > cap[j]:
            model.add(cp_model.LinearExpr.weighted_sum([xs[k] for k in ks], weights) <= int(cap[j]))
        if ks and limits[j] < len(ks):
            model.add(cp_model.LinearExpr.sum([xs[k] for k in ks]) <= int(limits[j]))
    int_scores = np.rint(problem.cand_score * SCORE_SCALE).astype(np.int64).tolist()
    model.maximize(cp_model.LinearExpr.weighted_sum(xs, int_scores))
    hinted = set(hint[hint >= 0].tolist())
    for k, x in enumerate(xs):
        model.add_hint(x, k in hinted)
    solver = cp_model.CpSolver()
    # The model takes seconds to build at scale: the search gets what is left of the caller's time.
    solver.parameters.max_time_in_seconds = max(0.5, deadline - time.perf_counter())
    solver.parameters.num_workers = workers
    solver.parameters.relative_gap_limit = gap
    status = solver.solve(model)
    if status == cp_model.INFEASIBLE:
        raise InfeasibleAllocationError("土地（或项目数）上限不足以安置全部项目（CP-SAT 证明无可行解）")
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None, float("inf"), False
    values = np.array([solver.boolean_value(x) for x in xs], dtype=bool)
    chosen = np.full(problem.n_projects, -1, dtype=np.int64)
    picked = np.flatnonzero(values)
    chosen[problem.cand_project[picked]] = picked
    # With a relative gap limit, OPTIMAL only means "within the limit"; proven optimality is checked on the gap.
    proven = status == cp_model.OPTIMAL and solver.best_objective_bound <= solver.objective_value + 0.5
    return chosen, solver.best_objective_bound / SCORE_SCALE, proven


def _integer_limits(problem: AllocationProblem) -> tuple[IntArray, IntArray, IntArray]:
    land = np.rint(problem.project_land * LAND_SCALE).astype(np.int64)
    big = int(land.sum()) + 1
    cap = np.where(np.isfinite(problem.park_land), np.floor(np.where(np.isfinite(problem.park_land),
                                                                     problem.park_land, 0) * LAND_SCALE + 1e-6),
                   big).astype(np.int64)
    n = problem.n_projects
    raw = problem.park_max_projects if problem.park_max_projects is not None else np.full(problem.n_parks, -1)
    limits = np.where(raw < 0, n, np.minimum(raw, n)).astype(np.int64)
    return land, cap, limits


def _check_land(problem: AllocationProblem, land: IntArray, cap: IntArray, require_all: bool) -> None:
    if not require_all:
        return
    best_cap = np.zeros(problem.n_projects, dtype=np.int64)
    np.maximum.at(best_cap, problem.cand_project, cap[problem.cand_park])
    too_big = np.flatnonzero(land > best_cap)
    if too_big.size:
        i = int(too_big[0])
        raise InfeasibleAllocationError(
            f"项目 {problem.project_name(i)} 需地 {land[i] / LAND_SCALE:g} 亩，超过任何候选园区的可用土地"
            f"（最多 {best_cap[i] / LAND_SCALE:g} 亩）")


def allocate_by_land(problem: AllocationProblem, *, require_all: bool = False, time_limit: float = 60.0,
                     target_gap: float = 0.005, workers: int = 2, use_cp_sat: bool = True) -> AllocationResult:
    """Allocate under land limits (and count limits where given): LP bound, rounding and repair, CP-SAT.

    Parameters
    ----------
    problem : AllocationProblem
        Projects' land need, parks' available land (and count limits), candidate pairs with scores.
    require_all : bool
        Every project must be placed.
    time_limit : float
        Seconds for the whole run (the LP gets at most half, CP-SAT what is left).
    target_gap : float
        Stop as soon as the certified gap is at most this (0.005 = 0.5%).
    workers : int
        CP-SAT search workers.
    use_cp_sat : bool
        Whether to run CP-SAT after the heuristic when its gap is above the target.

    Returns
    -------
    AllocationResult
        The best assignment found, the best bound (LP or CP-SAT) and the certified gap.

    Raises
    ------
    InfeasibleAllocationError
        If ``require_all`` and a project cannot be placed anywhere, or the limits cannot hold all projects.

    Examples
    --------
    >>> p = AllocationProblem(np.array([60.0, 50.0, 40.0]), np.array([100.0, 100.0]),
    ...                       np.array([0, 0, 1, 1, 2, 2]), np.array([0, 1, 0, 1, 0, 1]),
    ...                       np.array([10.0, 1.0, 10.0, 1.0, 10.0, 1.0]))
    >>> r = allocate_by_land(p)
    >>> r.objective, r.optimal, int((r.assignment == 0).sum())
    (21.0, True, 2)
    """
    start = time.perf_counter()
    problem.validate()
    _check_candidates(problem, require_all)
    land, cap, limits = _integer_limits(problem)
    _check_land(problem, land, cap, require_all)
    stages: dict[str, float] = {}
    bound, frac = _lp_relaxation(problem, land, cap, limits, require_all, max(1.0, time_limit / 2))
    stages["lp"] = time.perf_counter() - start
    csr = _by_project(problem)
    chosen = _round_and_repair(problem, csr, frac, land, cap, limits)
    stages["repair"] = time.perf_counter() - start
    placed = chosen[chosen >= 0]
    objective = _objective(problem, placed)
    method, optimal = "lp-round-repair", False
    if (require_all and (chosen < 0).any()) or _gap(bound, objective) > target_gap:
        remaining = time_limit - (time.perf_counter() - start)
        if use_cp_sat and remaining > 0.5:
            found, cp_bound, optimal = _cp_sat(problem, land, cap, limits, chosen, require_all, start + time_limit,
                                               workers, target_gap)
            stages["cp_sat"] = time.perf_counter() - start
            bound = min(bound, cp_bound)
            if found is not None and _objective(problem, found[found >= 0]) >= objective:
                chosen, method = found, "lp-round-repair+cp-sat"
                objective = _objective(problem, chosen[chosen >= 0])
    if require_all and (chosen < 0).any():
        i = int(np.flatnonzero(chosen < 0)[0])
        raise InfeasibleAllocationError(f"在时限内未能为项目 {problem.project_name(i)} 找到满足土地上限的园区")
    optimal = optimal or _gap(bound, objective) <= 1e-9
    assignment = np.where(chosen >= 0, problem.cand_park[np.maximum(chosen, 0)], -1).astype(np.int64)
    return AllocationResult(assignment, objective, max(bound, objective), time.perf_counter() - start, method,
                            optimal, stages)


def land_never_binds(problem: AllocationProblem) -> bool:
    """Whether no park's land can limit the allocation: each park has room for all its candidates together.

    Then the land limits are redundant, and the count-limited model (exact, by min-cost flow) has the same optimum.

    Parameters
    ----------
    problem : AllocationProblem

    Returns
    -------
    bool

    Examples
    --------
    >>> p = AllocationProblem(np.array([30.0, 50.0]), np.array([100.0, 40.0]), np.array([0, 1, 0]),
    ...                       np.array([0, 0, 1]), np.array([5.0, 4.0, 3.0]))
    >>> land_never_binds(p)
    True
    >>> land_never_binds(AllocationProblem(p.project_land, np.array([70.0, 40.0]), p.cand_project, p.cand_park,
    ...                                    p.cand_score))
    False
    """
    problem.validate()
    pairs = np.unique(np.stack([problem.cand_project, problem.cand_park]), axis=1)
    need = np.bincount(pairs[1], weights=problem.project_land[pairs[0]], minlength=problem.n_parks)
    return bool(np.all(need <= problem.park_land + 1e-9))


def _gap(bound: float, objective: float) -> float:
    if not np.isfinite(bound):
        return float("inf")
    return 0.0 if bound <= 0 else max(0.0, (bound - objective) / abs(bound))


def allocate(problem: AllocationProblem, *, limits: str = "land", require_all: bool = False,
             time_limit: float = 60.0, target_gap: float = 0.005, workers: int = 2) -> AllocationResult:
    """Allocate with count limits (``limits="count"``, exact), land limits (``"land"``, certified gap), or
    ``"auto"``: the exact min-cost flow when the land cannot bind (`land_never_binds`), else the land path.

    Parameters
    ----------
    problem : AllocationProblem
        The instance.
    limits : str
        ``"count"``, ``"land"`` or ``"auto"``.
    require_all : bool
        Every project must be placed.
    time_limit, target_gap : float
        For land limits: seconds and the gap at which to stop.
    workers : int
        CP-SAT workers.

    Returns
    -------
    AllocationResult
        The assignment with objective, bound and gap.

    Raises
    ------
    AllocationError
        If ``limits`` is unknown or the instance is malformed or infeasible.

    Examples
    --------
    >>> p = AllocationProblem(np.array([1.0]), np.array([2.0]), np.array([0]), np.array([0]), np.array([3.0]))
    >>> allocate(p, limits="count").assignment.tolist()
    [0]
    >>> allocate(p, limits="auto").method  # 2 亩 available for a 1 亩 project: the land cannot bind
    'min-cost-flow'
    """
    if limits == "count" or (limits == "auto" and land_never_binds(problem)):
        return allocate_by_count(problem, require_all=require_all)
    if limits in ("land", "auto"):
        return allocate_by_land(problem, require_all=require_all, time_limit=time_limit, target_gap=target_gap,
                                workers=workers)
    raise AllocationError(f"未知的约束类型：{limits}（应为 count、land 或 auto）")
