"""Critical-path scheduling (CPM) of project milestones, in whole days, including 倒排工期 from a target date.

Times are integer day offsets: a caller converts dates with ``date.toordinal()`` and back with
``date.fromordinal()``. A task with early start 3 and duration 2 occupies days 3 and 4 and has early finish 5,
so finishes are exclusive and a successor linked finish-to-start without lag may start on day 5.

Dependency kinds, each with a lag in days (negative lag = lead):

* ``FS`` finish-to-start: successor start ≥ predecessor finish + lag;
* ``SS`` start-to-start: successor start ≥ predecessor start + lag;
* ``FF`` finish-to-finish: successor finish ≥ predecessor finish + lag;
* ``SF`` start-to-finish: successor finish ≥ predecessor start + lag.

`schedule` runs a forward pass from the project start (no task starts before it) and a backward pass from
the finish deadline (no task finishes after it; the earliest project finish when no deadline is given).
Total float is late start − early start; free float is how far a task can slip without delaying the early
start of any successor or passing the deadline. Critical tasks are those whose total float equals the
smallest total float of the project: zero when the deadline is the earliest finish, the slack when the
deadline is later, and negative, never an error, when the deadline cannot be met.

Every kind of link is a difference constraint between the two start times (successor start ≥ predecessor
start + offset, the offset folding in the lag and the durations), so each pass is one sweep over the edges
in topological order: O(tasks + dependencies).
"""

import dataclasses
import enum
import heapq
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import NamedTuple

from clusterdesk.core.exceptions import CoreError

__all__ = [
    "CyclicDependencyError",
    "Dependency",
    "DependencyKind",
    "InvalidScheduleError",
    "LateTimes",
    "Schedule",
    "Task",
    "TaskTimes",
    "UnknownTaskError",
    "backward_pass",
    "schedule",
    "topological_order",
]


class InvalidScheduleError(CoreError):
    """A task network is malformed: a negative duration, a repeated task id or an unknown dependency kind."""


class UnknownTaskError(InvalidScheduleError):
    """A dependency names a task that is not in the network."""


class CyclicDependencyError(InvalidScheduleError):
    """The dependencies contain a cycle; the message and `cycle` name its tasks, first task repeated at the end."""

    def __init__(self, cycle: tuple[str, ...]) -> None:
        self.cycle = cycle
        super().__init__("节点依赖存在循环：" + " → ".join(cycle))


class DependencyKind(enum.StrEnum):
    """How a successor is tied to its predecessor."""

    FS = "FS"
    SS = "SS"
    FF = "FF"
    SF = "SF"


@dataclasses.dataclass(frozen=True, slots=True)
class Task:
    """A task (a milestone when its duration is 0) with its duration in whole days."""

    id: str
    duration: int


@dataclasses.dataclass(frozen=True, slots=True)
class Dependency:
    """A link from `predecessor` to `successor` of a kind, with a lag in days (negative for a lead)."""

    predecessor: str
    successor: str
    kind: DependencyKind = DependencyKind.FS
    lag: int = 0


class TaskTimes(NamedTuple):
    """The scheduled times of one task, in day offsets; finishes are exclusive."""

    early_start: int
    early_finish: int
    late_start: int
    late_finish: int
    total_float: int
    free_float: int
    critical: bool


class LateTimes(NamedTuple):
    """The latest allowed start and (exclusive) finish of a task for a finish deadline."""

    late_start: int
    late_finish: int


@dataclasses.dataclass(frozen=True, slots=True)
class Schedule:
    """The result of `schedule`: times per task (in input order) and the critical tasks in topological order."""

    tasks: Mapping[str, TaskTimes]
    critical_path: tuple[str, ...]
    project_start: int
    project_finish: int
    deadline: int


# Kind → (does the constraint leave from the predecessor's finish?, does it land on the successor's finish?).
_ENDS: Mapping[str, tuple[int, int]] = MappingProxyType({"FS": (1, 0), "SS": (0, 0), "FF": (1, 1), "SF": (0, 1)})

# Per task index: (successor index, offset) with successor start ≥ task start + offset.
_Edges = list[list[tuple[int, int]]]


def _network(
    tasks: Iterable[Task], dependencies: Iterable[Dependency]
) -> tuple[list[str], list[int], _Edges, list[int]]:
    ids: list[str] = []
    durations: list[int] = []
    index: dict[str, int] = {}
    for task in tasks:
        task_id, duration = task.id, task.duration
        if duration < 0:
            raise InvalidScheduleError(f'任务工期不能为负数："{task_id}" 为 {duration} 天')
        if task_id in index:
            raise InvalidScheduleError(f'任务编号重复："{task_id}"')
        index[task_id] = len(ids)
        ids.append(task_id)
        durations.append(duration)
    edges: _Edges = [[] for _ in ids]
    indegree = [0] * len(ids)
    for dep in dependencies:
        pred = index.get(dep.predecessor)
        succ = index.get(dep.successor)
        if pred is None or succ is None:
            missing = dep.predecessor if pred is None else dep.successor
            raise UnknownTaskError(f'依赖关系引用了不存在的任务："{missing}"（{dep.predecessor} → {dep.successor}）')
        ends = _ENDS.get(dep.kind)
        if ends is None:
            raise InvalidScheduleError(f'未知的依赖类型："{dep.kind}"（应为 FS、SS、FF 或 SF）')
        edges[pred].append((succ, ends[0] * durations[pred] + dep.lag - ends[1] * durations[succ]))
        indegree[succ] += 1
    return ids, durations, edges, indegree


def _cycle(ids: list[str], edges: _Edges, done: list[int]) -> tuple[str, ...]:
    # Every task left by Kahn's algorithm has a predecessor that was also left, so walking predecessors
    # from any of them must come back to a task already seen.
    left = set(range(len(ids))) - set(done)
    preds: dict[int, int] = {}
    for pred in sorted(left):
        for succ, _ in edges[pred]:
            if succ in left:
                preds.setdefault(succ, pred)
    path: list[int] = []
    seen: dict[int, int] = {}
    node = min(left)
    while node not in seen:
        seen[node] = len(path)
        path.append(node)
        node = preds[node]
    loop = path[seen[node] :][::-1]
    first = loop.index(min(loop))
    loop = loop[first:] + loop[:first]
    return tuple(ids[i] for i in (*loop, loop[0]))


def _forward(
    ids: list[str], edges: _Edges, indegree: list[int], start: int, fixed: dict[int, int] | None = None
) -> tuple[list[int], list[int]]:
    """Kahn's algorithm (ready task listed first goes first) fused with the forward pass on start times.

    ``fixed`` pins the early start of some tasks (those already done): their predecessors do not move them.
    """
    early = [start] * len(ids)
    pinned = fixed or {}
    for i, value in pinned.items():
        early[i] = value
    ready = [i for i, degree in enumerate(indegree) if not degree]
    order: list[int] = []
    pop, push, append = heapq.heappop, heapq.heappush, order.append
    while ready:
        pred = pop(ready)
        append(pred)
        base = early[pred]
        for succ, offset in edges[pred]:
            if base + offset > early[succ] and succ not in pinned:
                early[succ] = base + offset
            indegree[succ] -= 1
            if not indegree[succ]:
                push(ready, succ)
    if len(order) != len(ids):
        raise CyclicDependencyError(_cycle(ids, edges, order))
    return order, early


def _backward(
    durations: list[int], edges: _Edges, order: list[int], deadline: int, limits: dict[int, int] | None = None
) -> list[int]:
    late = [deadline - duration for duration in durations]
    for i, limit in (limits or {}).items():
        late[i] = min(late[i], limit - durations[i])
    for pred in reversed(order):
        latest = late[pred]
        for succ, offset in edges[pred]:
            if late[succ] - offset < latest:
                latest = late[succ] - offset
        late[pred] = latest
    return late


def _by_index(index: Mapping[str, int], values: Mapping[str, int] | None, what: str) -> dict[int, int]:
    result: dict[int, int] = {}
    for task_id, value in (values or {}).items():
        if task_id not in index:
            raise UnknownTaskError(f'{what}日期引用了不存在的任务："{task_id}"')
        result[index[task_id]] = value
    return result


def topological_order(task_ids: Iterable[str], dependencies: Iterable[Dependency]) -> list[str]:
    """Order tasks so that every task comes after all its predecessors (Kahn's algorithm).

    Among the tasks ready at each step, the one listed first in `task_ids` goes first, so the order is
    deterministic and keeps the input order where the dependencies allow it.

    Parameters
    ----------
    task_ids : iterable of str
        The tasks, in their preferred order.
    dependencies : iterable of Dependency
        Links between the tasks; the kind and lag do not matter here.

    Returns
    -------
    list of str

    Raises
    ------
    UnknownTaskError
        If a dependency names a task not in `task_ids`.
    CyclicDependencyError
        If the dependencies contain a cycle.

    Examples
    --------
    >>> topological_order(["C", "B", "A"], [Dependency("A", "B"), Dependency("B", "C")])
    ['A', 'B', 'C']
    >>> topological_order(["X", "A", "B"], [Dependency("A", "B")])
    ['X', 'A', 'B']
    >>> topological_order(["A", "B"], [Dependency("A", "B"), Dependency("B", "A")])
    Traceback (most recent call last):
    ...
    clusterdesk.core.scheduling.network.CyclicDependencyError: 节点依赖存在循环：A → B → A
    """
    ids, _, edges, indegree = _network((Task(task_id, 0) for task_id in task_ids), dependencies)
    order, _ = _forward(ids, edges, indegree, 0)
    return [ids[i] for i in order]


def backward_pass(
    tasks: Iterable[Task], dependencies: Iterable[Dependency], *, finish_deadline: int
) -> dict[str, LateTimes]:
    """Return the latest start and finish of every task for a target finish date (倒排工期).

    Parameters
    ----------
    tasks : iterable of Task
    dependencies : iterable of Dependency
    finish_deadline : int
        The day offset by which every task must have finished (exclusive, like every finish).

    Returns
    -------
    dict of str to LateTimes
        In input order.

    Raises
    ------
    InvalidScheduleError
        If a duration is negative, a task id repeats or a dependency kind is unknown.
    UnknownTaskError
        If a dependency names a missing task.
    CyclicDependencyError
        If the dependencies contain a cycle.

    Examples
    --------
    >>> # Design takes 10 days, approval 5, and the site must be ready by day 30:
    >>> late = backward_pass([Task("设计", 10), Task("审批", 5)], [Dependency("设计", "审批")], finish_deadline=30)
    >>> late["设计"]
    LateTimes(late_start=15, late_finish=25)
    >>> late["审批"]
    LateTimes(late_start=25, late_finish=30)
    """
    ids, durations, edges, indegree = _network(tasks, dependencies)
    order, _ = _forward(ids, edges, indegree, finish_deadline)
    late = _backward(durations, edges, order, finish_deadline)
    return {task_id: LateTimes(late[i], late[i] + durations[i]) for i, task_id in enumerate(ids)}


def schedule(
    tasks: Iterable[Task],
    dependencies: Iterable[Dependency],
    *,
    start: int | None = None,
    finish_deadline: int | None = None,
    deadlines: Mapping[str, int] | None = None,
    fixed_starts: Mapping[str, int] | None = None,
) -> Schedule:
    """Schedule a task network by the critical-path method.

    Parameters
    ----------
    tasks : iterable of Task
    dependencies : iterable of Dependency
    start : int, optional
        The day offset of the project start; no task starts earlier. 0 if None.
    finish_deadline : int, optional
        The day offset by which every task must finish (exclusive); the earliest project finish if None.
        A deadline that cannot be met gives negative floats rather than an error.
    deadlines : mapping of str to int, optional
        Target dates (倒排工期) of some tasks: task id → the day offset by which it must finish (exclusive).
        Each also bounds the task's predecessors through the backward pass. When `finish_deadline` is None
        and targets are given, the project deadline is the later of the earliest finish and the latest target.
    fixed_starts : mapping of str to int, optional
        Task id → its actual start, for tasks already done: the forward pass keeps them there whatever their
        predecessors, and schedules their successors from them.

    Returns
    -------
    Schedule

    Raises
    ------
    InvalidScheduleError
        If a duration is negative, a task id repeats or a dependency kind is unknown.
    UnknownTaskError
        If a dependency names a missing task.
    CyclicDependencyError
        If the dependencies contain a cycle.

    Examples
    --------
    >>> # Two parallel branches between A and D; the branch through B is the longer one:
    >>> tasks = [Task("A", 3), Task("B", 4), Task("C", 2), Task("D", 1)]
    >>> deps = [Dependency("A", "B"), Dependency("A", "C"), Dependency("B", "D"), Dependency("C", "D")]
    >>> result = schedule(tasks, deps)
    >>> result.critical_path, result.project_finish
    (('A', 'B', 'D'), 8)
    >>> result.tasks["C"]
    TaskTimes(early_start=3, early_finish=5, late_start=5, late_finish=7, total_float=2, free_float=2, critical=False)
    >>> schedule(tasks, deps, finish_deadline=10).tasks["B"].total_float
    2
    >>> # B must be done by day 6 (a target date): A's latest finish follows, and B runs 1 day late.
    >>> targeted = schedule(tasks, deps, deadlines={"B": 6})
    >>> targeted.tasks["A"].late_finish, targeted.tasks["B"].total_float, targeted.critical_path
    (2, -1, ('A', 'B'))
    >>> # A was done early (started on day -2): B follows from A's actual finish.
    >>> schedule(tasks, deps, fixed_starts={"A": -2}).tasks["B"].early_start
    1
    """
    ids, durations, edges, indegree = _network(tasks, dependencies)
    index = {task_id: i for i, task_id in enumerate(ids)}
    fixed = _by_index(index, fixed_starts, "实际开始")
    limits = _by_index(index, deadlines, "目标完成")
    base = 0 if start is None else start
    order, early = _forward(ids, edges, indegree, base, fixed)
    project_finish = max([s + d for s, d in zip(early, durations, strict=True)], default=base)
    if finish_deadline is not None:
        deadline = finish_deadline
    else:
        deadline = max([project_finish, *limits.values()]) if limits else project_finish
    late = _backward(durations, edges, order, deadline, limits)
    floats = [ls - es for ls, es in zip(late, early, strict=True)]
    least = min(floats, default=0)
    times: dict[str, TaskTimes] = {}
    for i, task_id in enumerate(ids):
        es, duration, total = early[i], durations[i], floats[i]
        free = deadline - es - duration
        for succ, offset in edges[i]:
            if early[succ] - es - offset < free:
                free = early[succ] - es - offset
        times[task_id] = TaskTimes(es, es + duration, es + total, es + total + duration, total, free, total == least)
    return Schedule(
        tasks=MappingProxyType(times),
        critical_path=tuple(ids[i] for i in order if floats[i] == least),
        project_start=base,
        project_finish=project_finish,
        deadline=deadline,
    )
