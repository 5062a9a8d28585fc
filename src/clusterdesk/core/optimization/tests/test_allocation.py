"""Batch allocation: optimality against brute force, agreement with HiGHS, limits respected, infeasibility messages."""

import itertools

import numpy as np
import pytest

from clusterdesk.core.optimization import (
    AllocationError,
    AllocationProblem,
    InfeasibleAllocationError,
    allocate,
    allocate_by_count,
    allocate_by_land,
)
from clusterdesk.core.optimization.tests.highs_oracle import allocate_with_highs


def random_problem(seed, n, m, k, tightness=1.2, counts=True):
    rng = np.random.default_rng(seed)
    land = np.round(rng.uniform(10, 100, n), 2)
    cand_project = np.repeat(np.arange(n), k)
    cand_park = np.concatenate([rng.choice(m, k, replace=False) for _ in range(n)])
    score = np.round(rng.uniform(1, 100, n * k), 3)
    park_land = np.round(rng.uniform(0.5, 1.5, m) * land.sum() * tightness / m, 2)
    limits = rng.integers(1, max(2, n // m + 1), m) if counts else None
    return AllocationProblem(land, park_land, cand_project, cand_park, score, park_max_projects=limits)


def brute_force(problem, use_land, use_counts, require_all=False):
    options = [[(-1, 0.0)] * (not require_all) for _ in range(problem.n_projects)]
    for k, (i, j) in enumerate(zip(problem.cand_project, problem.cand_park, strict=True)):
        options[i].append((int(j), float(problem.cand_score[k])))
    best = None
    for combo in itertools.product(*options):
        used_land = np.zeros(problem.n_parks)
        used = np.zeros(problem.n_parks, dtype=int)
        for i, (j, _) in enumerate(combo):
            if j >= 0:
                used_land[j] += problem.project_land[i]
                used[j] += 1
        if use_land and (used_land > problem.park_land + 1e-9).any():
            continue
        if use_counts and (used > problem.park_max_projects).any():
            continue
        value = sum(s for _, s in combo)
        best = value if best is None or value > best else best
    return best


def check_feasible(problem, assignment, use_land, use_counts):
    placed = assignment >= 0
    pairs = set(zip(problem.cand_project.tolist(), problem.cand_park.tolist(), strict=True))
    assert all((i, int(j)) in pairs for i, j in enumerate(assignment) if j >= 0)
    if use_land:
        used = np.bincount(assignment[placed], weights=problem.project_land[placed], minlength=problem.n_parks)
        assert (used <= problem.park_land + 1e-9).all()
    if use_counts:
        assert (np.bincount(assignment[placed], minlength=problem.n_parks) <= problem.park_max_projects).all()


@pytest.mark.parametrize("seed", range(8))
def test_count_limits_are_optimal_against_brute_force(seed):
    problem = random_problem(seed, n=6, m=3, k=2)
    result = allocate_by_count(problem)
    check_feasible(problem, result.assignment, False, True)
    assert result.objective == pytest.approx(brute_force(problem, False, True))
    assert result.gap == 0 and result.optimal


@pytest.mark.parametrize("seed", range(8))
def test_land_limits_are_optimal_against_brute_force(seed):
    problem = random_problem(seed, n=7, m=3, k=2, tightness=0.8, counts=False)
    result = allocate_by_land(problem, time_limit=10)
    check_feasible(problem, result.assignment, True, False)
    assert result.objective == pytest.approx(brute_force(problem, True, False))
    assert result.bound >= result.objective - 1e-9


@pytest.mark.parametrize("seed", range(4))
def test_land_and_count_limits_together_against_brute_force(seed):
    problem = random_problem(seed + 100, n=6, m=3, k=3, tightness=0.9)
    result = allocate_by_land(problem, time_limit=10)
    check_feasible(problem, result.assignment, True, True)
    assert result.objective == pytest.approx(brute_force(problem, True, True))


def test_require_all_against_brute_force():
    problem = random_problem(5, n=6, m=3, k=2, tightness=2.0, counts=False)
    expected = brute_force(problem, True, False, require_all=True)
    result = allocate_by_land(problem, require_all=True, time_limit=10)
    assert (result.assignment >= 0).all()
    assert result.objective == pytest.approx(expected)


def test_count_limits_agree_with_highs_on_a_medium_instance():
    problem = random_problem(11, n=400, m=60, k=8)
    ours, highs = allocate_by_count(problem), allocate_with_highs(problem, limits="count")
    assert highs.optimal
    check_feasible(problem, ours.assignment, False, True)
    assert ours.objective == pytest.approx(highs.objective, abs=1e-6)


def test_land_limits_agree_with_highs_on_a_medium_instance():
    problem = random_problem(12, n=150, m=30, k=5, tightness=1.1, counts=False)
    ours = allocate_by_land(problem, time_limit=30, target_gap=0.0)
    highs = allocate_with_highs(problem, limits="land")
    assert highs.optimal and ours.optimal
    check_feasible(problem, ours.assignment, True, False)
    assert ours.objective == pytest.approx(highs.objective, rel=1e-6)


def test_lp_bound_matches_highs_lp_and_the_gap_is_certified():
    problem = random_problem(13, n=300, m=40, k=6, tightness=1.05, counts=False)
    ours = allocate_by_land(problem, time_limit=5, target_gap=0.05)
    lp = allocate_with_highs(problem, limits="land", integral=False)
    assert ours.bound <= lp.objective + 1e-6
    assert ours.gap == pytest.approx((ours.bound - ours.objective) / ours.bound)
    assert ours.gap <= 0.05


def test_a_project_without_candidates_is_named_when_all_must_be_placed():
    problem = AllocationProblem(np.array([1.0, 1.0]), np.array([5.0]), np.array([0]), np.array([0]),
                                np.array([1.0]), project_names=["甲项目", "乙项目"])
    with pytest.raises(InfeasibleAllocationError, match="乙项目 没有可入驻的候选园区"):
        allocate(problem, limits="land", require_all=True)
    assert allocate(problem, limits="land").assignment.tolist() == [0, -1]


def test_a_project_larger_than_any_candidate_park_is_named():
    problem = AllocationProblem(np.array([50.0]), np.array([20.0, 30.0]), np.array([0, 0]), np.array([0, 1]),
                                np.array([1.0, 2.0]), project_names=["大项目"])
    with pytest.raises(InfeasibleAllocationError, match="大项目 需地 50 亩.*最多 30 亩"):
        allocate_by_land(problem, require_all=True)


def test_count_limits_too_small_for_all_projects_say_how_many_fit():
    problem = AllocationProblem(np.zeros(3), np.full(1, np.inf), np.array([0, 1, 2]), np.zeros(3, dtype=np.int64),
                                np.ones(3), park_max_projects=np.array([2]))
    with pytest.raises(InfeasibleAllocationError, match="只能安置 2 个项目，共有 3 个"):
        allocate_by_count(problem, require_all=True)


def test_land_too_small_for_all_projects_is_infeasible():
    problem = AllocationProblem(np.array([6.0, 6.0]), np.array([10.0]), np.array([0, 1]), np.array([0, 0]),
                                np.ones(2))
    with pytest.raises(InfeasibleAllocationError):
        allocate_by_land(problem, require_all=True)


def test_malformed_problems_are_refused():
    with pytest.raises(AllocationError, match="长度不一致"):
        allocate(AllocationProblem(np.ones(1), np.ones(1), np.array([0]), np.array([0, 0]), np.ones(1)))
    with pytest.raises(AllocationError, match="不存在的园区"):
        allocate(AllocationProblem(np.ones(1), np.ones(1), np.array([0]), np.array([3]), np.ones(1)))
    with pytest.raises(AllocationError, match="非负数"):
        allocate(AllocationProblem(np.array([-1.0]), np.ones(1), np.array([0]), np.array([0]), np.ones(1)))
    with pytest.raises(AllocationError, match="未知的约束类型"):
        allocate(AllocationProblem(np.ones(1), np.ones(1), np.array([0]), np.array([0]), np.ones(1)), limits="x")
