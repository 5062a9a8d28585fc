"""Critical-path scheduling: hand-worked networks, every link kind with lags, deadlines, errors, invariants."""

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clusterdesk.core.exceptions import CoreError
from clusterdesk.core.scheduling.network import (
    CyclicDependencyError,
    Dependency,
    DependencyKind,
    InvalidScheduleError,
    LateTimes,
    Task,
    TaskTimes,
    UnknownTaskError,
    backward_pass,
    schedule,
    topological_order,
)

FS, SS, FF, SF = DependencyKind.FS, DependencyKind.SS, DependencyKind.FF, DependencyKind.SF

# Textbook network, all finish-to-start, no lags, start day 0:
#
#        ┌─ B(4) ── D(5) ─────────┐
#   A(3) ┤                        ├─ H(1)
#        └─ C(2) ┬─ E(3) ┬─ G(3) ─┘
#                └─ F(2) ┘
#
# Forward pass (ES = max EF of predecessors, EF = ES + duration):
#   A 0–3; B 3–7; C 3–5; D 7–12; E 5–8; F 5–7; G max(8, 7) = 8–11; H max(12, 11) = 12–13. Finish 13.
# Backward pass from 13 (LF = min LS of successors, LS = LF − duration):
#   H 12–13; G 9–12; D 7–12; E LF 9 → 6–9; F LF 9 → 7–9; C LF min(6, 7) = 6 → 4–6; B 3–7; A LF min(3, 4) = 3 → 0–3.
# Total float LS − ES: A 0, B 0, C 1, D 0, E 1, F 2, G 1, H 0 → critical path A B D H.
# Free float min(ES of successor) − EF: A 0, B 0, C min(5, 5) − 5 = 0, D 0, E 8 − 8 = 0, F 8 − 7 = 1,
#   G 12 − 11 = 1, H 13 − 13 = 0 (a task without successors counts against the project finish).
TEXTBOOK_TASKS = [Task("A", 3), Task("B", 4), Task("C", 2), Task("D", 5), Task("E", 3), Task("F", 2), Task("G", 3),
                  Task("H", 1)]  # fmt: skip
TEXTBOOK_DEPS = [Dependency(edge[0], edge[1]) for edge in
                 ["AB", "AC", "BD", "CE", "CF", "EG", "FG", "DH", "GH"]]  # fmt: skip
TEXTBOOK = {
    #     ES  EF  LS  LF  TF  FF  critical
    "A": (0, 3, 0, 3, 0, 0, True),
    "B": (3, 7, 3, 7, 0, 0, True),
    "C": (3, 5, 4, 6, 1, 0, False),
    "D": (7, 12, 7, 12, 0, 0, True),
    "E": (5, 8, 6, 9, 1, 0, False),
    "F": (5, 7, 7, 9, 2, 1, False),
    "G": (8, 11, 9, 12, 1, 1, False),
    "H": (12, 13, 12, 13, 0, 0, True),
}


def test_textbook_network_every_number_by_hand():
    result = schedule(TEXTBOOK_TASKS, TEXTBOOK_DEPS)
    assert {task_id: tuple(times) for task_id, times in result.tasks.items()} == TEXTBOOK
    assert list(result.tasks) == list("ABCDEFGH")
    assert result.critical_path == ("A", "B", "D", "H")
    assert (result.project_start, result.project_finish, result.deadline) == (0, 13, 13)
    assert isinstance(result.tasks["A"], TaskTimes)


def test_zero_float_critical_node_and_parallel_branch_with_float():
    # The longer branch (D, 5 days) has no float; the parallel branch through C, E, F, G has 1 or 2 days.
    times = schedule(TEXTBOOK_TASKS, TEXTBOOK_DEPS).tasks
    assert times["D"].total_float == 0 and times["D"].critical
    assert [times[t].total_float for t in "CEFG"] == [1, 1, 2, 1]
    assert not any(times[t].critical for t in "CEFG")


def test_start_offset_shifts_every_time():
    start = 738_000
    result = schedule(TEXTBOOK_TASKS, TEXTBOOK_DEPS, start=start)
    for task_id, (es, ef, ls, lf, tf, ff, critical) in TEXTBOOK.items():
        assert tuple(result.tasks[task_id]) == (es + start, ef + start, ls + start, lf + start, tf, ff, critical)
    assert result.project_finish == start + 13


def test_deadline_later_than_earliest_finish_adds_the_slack_to_every_float():
    # Deadline day 20, 7 days after the earliest finish 13: every late time and total float moves by 7; the
    # minimum float is now 7, so the same chain A B D H stays critical. H, the last task, gets 7 days free float.
    result = schedule(TEXTBOOK_TASKS, TEXTBOOK_DEPS, finish_deadline=20)
    for task_id, (es, ef, ls, lf, tf, _, critical) in TEXTBOOK.items():
        times = result.tasks[task_id]
        assert (times.early_start, times.early_finish) == (es, ef)
        assert (times.late_start, times.late_finish, times.total_float) == (ls + 7, lf + 7, tf + 7)
        assert times.total_float > 0
        assert times.critical is critical
    assert result.tasks["H"].free_float == 7
    assert result.critical_path == ("A", "B", "D", "H")
    assert (result.project_finish, result.deadline) == (13, 20)


def test_deadline_earlier_than_possible_reports_negative_float():
    # Deadline day 10, 3 days before the earliest finish: every total float drops by 3, A B D H at −3.
    result = schedule(TEXTBOOK_TASKS, TEXTBOOK_DEPS, finish_deadline=10)
    assert {t: result.tasks[t].total_float for t in TEXTBOOK} == {t: v[4] - 3 for t, v in TEXTBOOK.items()}
    assert result.tasks["A"].late_start == -3
    assert result.tasks["H"].free_float == -3  # finishes on 13, three days past the deadline
    assert result.critical_path == ("A", "B", "D", "H")
    assert result.project_finish == 13


# X(10) —FS→ P(5) —kind, lag→ S(3), start 0: X 0–10, P 10–15 (ES 10, LS 10, float 0 in every case).
# SS +2: S start ≥ 10 + 2 = 12 → 12–15; finish 15; S late 12–15, float 0.
# SS −2: S start ≥ 8 → 8–11; finish 15 (P); S late 12–15, float 4.
# FS +2: S start ≥ 15 + 2 = 17 → 17–20; finish 20; float 0; P LF ≤ LS_S − 2 = 15.
# FS −2: S start ≥ 13 → 13–16; finish 16; float 0; P LF ≤ min(16, 13 + 2) = 15.
# FF +2: S finish ≥ 15 + 2 = 17 → 14–17; finish 17; float 0; P LF ≤ 17 − 2 = 15.
# FF −2: S finish ≥ 13 → 10–13; finish 15; S late 12–15, float 2.
# SF +8: S finish ≥ 10 + 8 = 18 → 15–18; finish 18; float 0; P LS ≤ 18 − 8 = 10.
# SF −2: S finish ≥ 8 → 5–8 (S starts before P, even before X finishes); finish 15; S late 12–15, float 7.
@pytest.mark.parametrize(
    ("kind", "lag", "expected_s", "finish"),
    [
        (SS, 2, (12, 15, 12, 15, 0), 15),
        (SS, -2, (8, 11, 12, 15, 4), 15),
        (FS, 2, (17, 20, 17, 20, 0), 20),
        (FS, -2, (13, 16, 13, 16, 0), 16),
        (FF, 2, (14, 17, 14, 17, 0), 17),
        (FF, -2, (10, 13, 12, 15, 2), 15),
        (SF, 8, (15, 18, 15, 18, 0), 18),
        (SF, -2, (5, 8, 12, 15, 7), 15),
    ],
)
def test_link_kinds_with_lags_by_hand(kind, lag, expected_s, finish):
    tasks = [Task("X", 10), Task("P", 5), Task("S", 3)]
    result = schedule(tasks, [Dependency("X", "P"), Dependency("P", "S", kind, lag)])
    assert tuple(result.tasks["S"])[:5] == expected_s
    assert tuple(result.tasks["P"])[:5] == (10, 15, 10, 15, 0)
    assert tuple(result.tasks["X"])[:5] == (0, 10, 0, 10, 0)
    assert result.project_finish == finish


def test_negative_lag_never_moves_a_task_before_the_project_start():
    # P(5) SS −2 → S(4): S would start on day −2, so it starts on the project start, day 0; finish 5 (P).
    result = schedule([Task("P", 5), Task("S", 4)], [Dependency("P", "S", SS, -2)])
    assert tuple(result.tasks["S"]) == (0, 4, 1, 5, 1, 1, False)
    assert tuple(result.tasks["P"]) == (0, 5, 0, 5, 0, 0, True)


def test_free_float_counts_links_of_every_kind():
    # P(6) FF −2 → S(2): S finish ≥ 4 → 2–4; finish 6. S free float 6 − 4 = 2; P's link slack 4 − 6 + 2 = 0.
    result = schedule([Task("P", 6), Task("S", 2)], [Dependency("P", "S", FF, -2)])
    assert (result.tasks["S"].free_float, result.tasks["P"].free_float) == (2, 0)
    assert (result.tasks["S"].total_float, result.tasks["P"].total_float) == (2, 0)


def test_milestones_and_empty_networks():
    result = schedule([Task("开工", 0), Task("主体", 30), Task("竣工", 0)],
                      [Dependency("开工", "主体"), Dependency("主体", "竣工")], start=5)  # fmt: skip
    assert tuple(result.tasks["竣工"])[:4] == (35, 35, 35, 35)
    assert result.critical_path == ("开工", "主体", "竣工")
    empty = schedule([], [], start=3)
    assert (dict(empty.tasks), empty.critical_path, empty.project_finish, empty.deadline) == ({}, (), 3, 3)


def test_backward_pass_gives_latest_dates_from_a_target():
    late = backward_pass(TEXTBOOK_TASKS, TEXTBOOK_DEPS, finish_deadline=100)
    assert late == {task_id: LateTimes(v[2] + 87, v[3] + 87) for task_id, v in TEXTBOOK.items()}
    assert list(late) == list("ABCDEFGH")


def test_topological_order_breaks_ties_by_input_order():
    order = topological_order("HGFEDCBA", TEXTBOOK_DEPS)
    assert order == ["A", "C", "F", "E", "G", "B", "D", "H"]
    assert topological_order(["b", "a", "c"], []) == ["b", "a", "c"]
    assert schedule(TEXTBOOK_TASKS, TEXTBOOK_DEPS).critical_path == ("A", "B", "D", "H")


@pytest.mark.parametrize(
    ("ids", "links", "message"),
    [
        ("ABCD", ["AB", "BC", "CA", "CD"], "节点依赖存在循环：A → B → C → A"),
        ("YAB", ["AB", "BA", "BY"], "节点依赖存在循环：A → B → A"),
        ("XCBA", ["XA", "AB", "BC", "CB"], "节点依赖存在循环：C → B → C"),
        ("A", ["AA"], "节点依赖存在循环：A → A"),
    ],
)
def test_cycles_are_named_in_the_message(ids, links, message):
    deps = [Dependency(p, s) for p, s in links]
    with pytest.raises(CyclicDependencyError) as info:
        schedule([Task(t, 1) for t in ids], deps)
    assert str(info.value) == message
    assert info.value.cycle == tuple(message.split("：")[1].split(" → "))
    with pytest.raises(CyclicDependencyError, match="^节点依赖存在循环"):
        topological_order(ids, deps)


def test_unknown_task():
    with pytest.raises(UnknownTaskError) as info:
        schedule([Task("A", 1)], [Dependency("A", "Z")])
    assert str(info.value) == '依赖关系引用了不存在的任务："Z"（A → Z）'
    with pytest.raises(UnknownTaskError, match='"Q"'):
        topological_order(["A"], [Dependency("Q", "A")])


def test_invalid_networks():
    with pytest.raises(InvalidScheduleError, match='任务工期不能为负数："A" 为 -1 天'):
        schedule([Task("A", -1)], [])
    with pytest.raises(InvalidScheduleError, match='任务编号重复："A"'):
        schedule([Task("A", 1), Task("A", 2)], [])
    with pytest.raises(InvalidScheduleError, match="未知的依赖类型"):
        schedule([Task("A", 1), Task("B", 1)], [Dependency("A", "B", "XX")])  # type: ignore[arg-type]
    for error in (InvalidScheduleError, UnknownTaskError, CyclicDependencyError):
        assert issubclass(error, CoreError)


def test_plain_strings_work_as_kinds():
    result = schedule([Task("P", 5), Task("S", 3)], [Dependency("P", "S", "SS", 2)])  # type: ignore[arg-type]
    assert result.tasks["S"].early_start == 2


@st.composite
def networks(draw):
    n = draw(st.integers(1, 12))
    durations = draw(st.lists(st.integers(0, 20), min_size=n, max_size=n))
    tasks = [Task(f"T{i}", d) for i, d in enumerate(durations)]
    pairs = [(i, j) for i in range(n) for j in range(i + 1, n)]
    chosen = draw(st.lists(st.sampled_from(pairs), max_size=30)) if pairs else []
    deps = [Dependency(f"T{i}", f"T{j}", draw(st.sampled_from(list(DependencyKind))), draw(st.integers(-5, 10)))
            for i, j in chosen]  # fmt: skip
    shuffled = draw(st.permutations(tasks))
    return shuffled, deps


def _holds(kind, lag, pred_start, pred_finish, succ_start, succ_finish):
    return {
        FS: succ_start >= pred_finish + lag,
        SS: succ_start >= pred_start + lag,
        FF: succ_finish >= pred_finish + lag,
        SF: succ_finish >= pred_start + lag,
    }[kind]


@settings(max_examples=300, deadline=None, derandomize=True)
@given(networks(), st.integers(-100, 100), st.integers(0, 10))
def test_random_dags_satisfy_every_link_and_late_is_never_before_early(network, start, slack):
    tasks, deps = network
    result = schedule(tasks, deps, start=start)
    times = result.tasks
    for dep in deps:
        p, s = times[dep.predecessor], times[dep.successor]
        assert _holds(dep.kind, dep.lag, p.early_start, p.early_finish, s.early_start, s.early_finish)
        assert _holds(dep.kind, dep.lag, p.late_start, p.late_finish, s.late_start, s.late_finish)
        if dep.kind is FS:
            assert s.early_start >= p.early_finish + dep.lag
    durations = {task.id: task.duration for task in tasks}
    for task_id, t in times.items():
        assert t.early_start >= start and t.early_finish == t.early_start + durations[task_id]
        assert t.late_finish == t.late_start + durations[task_id] <= result.project_finish
        assert t.late_start >= t.early_start and t.late_finish >= t.early_finish
        assert 0 <= t.free_float <= t.total_float
    assert result.project_finish == max(t.early_finish for t in times.values())
    assert result.critical_path and min(t.total_float for t in times.values()) == 0
    order = topological_order([task.id for task in tasks], deps)
    position = {task_id: i for i, task_id in enumerate(order)}
    assert all(position[d.predecessor] < position[d.successor] for d in deps)
    assert list(result.critical_path) == [t for t in order if times[t].critical]
    later = schedule(tasks, deps, start=start, finish_deadline=result.project_finish + slack)
    assert all(later.tasks[t].total_float == times[t].total_float + slack for t in times)


def test_larger_random_network_is_consistent():
    rng = random.Random(20250301)
    tasks = [Task(f"N{i}", rng.randint(0, 30)) for i in range(2000)]
    deps = [Dependency(f"N{rng.randrange(i)}", f"N{i}", rng.choice(list(DependencyKind)), rng.randint(-3, 5))
            for i in range(1, 2000)]  # fmt: skip
    result = schedule(tasks, deps)
    assert len(result.tasks) == 2000 and result.critical_path
    assert all(t.late_start >= t.early_start for t in result.tasks.values())
