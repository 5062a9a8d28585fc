"""The test oracle: the same allocation model as a HiGHS MILP, to check OR-Tools' answers and to compare speed.

It lives beside the tests, outside the shipped core (the tests folders are not packaged); its users are the
allocation tests and ``bench/bench_allocation.py``, which import it as
``clusterdesk.core.optimization.tests.highs_oracle``. HiGHS is a test and benchmark dependency
(``highspy==1.14.0``: 1.15 cannot share a process with ortools 9.15); it is imported only when the function runs.
"""

import time

import numpy as np

from clusterdesk.core.optimization.allocation import (
    LAND_SCALE,
    AllocationProblem,
    AllocationResult,
    _integer_limits,
)

__all__ = ["allocate_with_highs"]


def allocate_with_highs(problem: AllocationProblem, *, limits: str = "land", require_all: bool = False,
                        time_limit: float = 600.0, mip_gap: float = 1e-6, threads: int = 2,
                        integral: bool = True) -> AllocationResult:
    """Solve the allocation MILP (or its LP relaxation) with HiGHS.

    Parameters
    ----------
    problem : AllocationProblem
        The instance.
    limits : str
        ``"count"`` (project-count rows only) or ``"land"`` (land rows, and count rows where given).
    require_all : bool
        Every project must be placed.
    time_limit : float
        Seconds.
    mip_gap : float
        HiGHS's relative MIP gap at which it stops.
    threads : int
        HiGHS threads.
    integral : bool
        False solves the LP relaxation.

    Returns
    -------
    AllocationResult
        HiGHS's assignment, objective, dual bound and time.

    Examples
    --------
    >>> p = AllocationProblem(np.array([60.0, 50.0]), np.array([100.0]), np.array([0, 1]), np.array([0, 0]),
    ...                       np.array([2.0, 3.0]))
    >>> allocate_with_highs(p).objective
    3.0
    """
    import highspy

    start = time.perf_counter()
    land, cap, lim = _integer_limits(problem)
    n, m, c = problem.n_projects, problem.n_parks, len(problem.cand_project)
    rows_i, rows_k, vals, lower, upper = [], [], [], [], []
    # One row per project, then land rows and count rows per park.
    rows_i.append(problem.cand_project)
    rows_k.append(np.arange(c))
    vals.append(np.ones(c))
    lower.append(np.full(n, 1.0 if require_all else 0.0))
    upper.append(np.ones(n))
    offset = n
    if limits == "land":
        rows_i.append(offset + problem.cand_park)
        rows_k.append(np.arange(c))
        vals.append(land[problem.cand_project].astype(float) / LAND_SCALE)
        lower.append(np.zeros(m))
        upper.append(cap.astype(float) / LAND_SCALE)
        offset += m
    if limits == "count" or problem.park_max_projects is not None:
        rows_i.append(offset + problem.cand_park)
        rows_k.append(np.arange(c))
        vals.append(np.ones(c))
        lower.append(np.zeros(m))
        upper.append(lim.astype(float))
        offset += m
    row_index = np.concatenate(rows_i)
    col_index = np.concatenate(rows_k)
    values = np.concatenate(vals)
    order = np.lexsort((row_index, col_index))
    starts = np.searchsorted(col_index[order], np.arange(c + 1))

    lp = highspy.HighsLp()
    lp.num_col_ = c
    lp.num_row_ = offset
    lp.col_cost_ = -problem.cand_score.astype(float)
    lp.col_lower_ = np.zeros(c)
    lp.col_upper_ = np.ones(c)
    lp.row_lower_ = np.concatenate(lower)
    lp.row_upper_ = np.concatenate(upper)
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_ = starts.astype(np.int32)
    lp.a_matrix_.index_ = row_index[order].astype(np.int32)
    lp.a_matrix_.value_ = values[order]
    if integral:
        lp.integrality_ = [highspy.HighsVarType.kInteger] * c
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("time_limit", float(time_limit))
    h.setOptionValue("mip_rel_gap", float(mip_gap))
    h.setOptionValue("threads", int(threads))
    h.passModel(lp)
    h.run()
    info = h.getInfo()
    x = np.asarray(h.getSolution().col_value) if c else np.zeros(0)
    picked = np.flatnonzero(x > 0.5) if integral else np.zeros(0, dtype=np.int64)
    assignment = np.full(n, -1, dtype=np.int64)
    assignment[problem.cand_project[picked]] = problem.cand_park[picked]
    objective = float(problem.cand_score[picked].sum()) if integral else -float(info.objective_function_value)
    bound = -float(info.mip_dual_bound) if integral else objective
    optimal = h.getModelStatus() == highspy.HighsModelStatus.kOptimal
    return AllocationResult(assignment, objective, bound, time.perf_counter() - start, "highs", optimal)
