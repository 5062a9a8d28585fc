"""Reads of the inbox and the 督办 board: every query starts from ``restrict(user)`` on tasks and instructions.

我的待办 (``mine``): the tasks where I am the person, and my unit's tasks with no person. 本单位待办 (``unit``): every
task of my unit (or, for administrators and officers, a unit they choose), and with ``children`` its units below.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet, Value
from django.db.models.functions import Coalesce

from clusterdesk.accounts.models import Unit
from clusterdesk.accounts.units import unit_descendant_ids
from clusterdesk.core.routing import BoardFigures, TaskLight, board_figures

from .models import OPEN_INSTRUCTION_STATUSES, Instruction, Task, TaskKind, TaskStatus

__all__ = [
    "SOON_DAYS",
    "BoardRow",
    "InboxQuery",
    "inbox_counts",
    "inbox_tasks",
    "inbox_units",
    "instruction_list",
    "instructions_of",
    "instructions_open",
    "open_task_count",
    "task_board",
    "task_list",
    "with_light",
]

#: Days before the due date when a task turns yellow (the default of `core.routing.task_light`).
SOON_DAYS = 3


def task_list(*, user) -> QuerySet[Task]:
    """The tasks the user may see."""
    return Task.objects.restrict(user, "view")


def _mine(user) -> Q:
    condition = Q(person_id=user.pk)
    if user.unit_id:
        condition |= Q(unit_id=user.unit_id, person__isnull=True)
    return condition


def open_task_count(*, user) -> int:
    """The header badge: my open tasks (one indexed count)."""
    if not getattr(user, "is_authenticated", False):
        return 0
    return task_list(user=user).filter(_mine(user), status=TaskStatus.OPEN).count()


def inbox_units(*, user) -> QuerySet[Unit]:
    """The units whose inbox the user may open: any unit in scope for administrators and officers, else their own."""
    units = Unit.objects.filter(is_active=True).select_related("region")
    if user.is_administrator:
        return units
    if user.role in ("province_officer", "city_officer", "county_officer"):
        from clusterdesk.accounts.scoping import region_ids_in_scope

        return units.filter(region_id__in=region_ids_in_scope(user))
    return units.filter(pk=user.unit_id) if user.unit_id else units.none()


@dataclass(frozen=True)
class InboxQuery:
    """What an inbox page asks: whose tasks (``mine`` or ``unit``), which unit, open or done, and the filters."""

    box: str = "mine"
    unit: Unit | None = None
    children: bool = False
    done: bool = False
    kind: str = ""
    light: str = ""
    due_from: dt.date | None = None
    due_to: dt.date | None = None


def with_light(tasks: QuerySet[Task], light: str, today: dt.date) -> QuerySet[Task]:
    """Narrow open tasks to one light: overdue (past due), due soon (within `SOON_DAYS`), on time (the rest)."""
    soon = today + dt.timedelta(days=SOON_DAYS)
    if light == TaskLight.OVERDUE:
        return tasks.filter(due_date__lt=today)
    if light == TaskLight.DUE_SOON:
        return tasks.filter(due_date__gte=today, due_date__lte=soon)
    if light == TaskLight.ON_TIME:
        return tasks.filter(Q(due_date__gt=soon) | Q(due_date__isnull=True))
    return tasks


def _box(user, query: InboxQuery) -> QuerySet[Task]:
    tasks = task_list(user=user)
    if query.box == "unit":
        unit = query.unit or user.unit
        if unit is None:
            return tasks.none()
        ids = unit_descendant_ids(unit) if query.children else [unit.pk]
        return tasks.filter(unit_id__in=ids)
    return tasks.filter(_mine(user))


def inbox_tasks(*, user, query: InboxQuery, today: dt.date) -> QuerySet[Task]:
    """The rows of an inbox: open tasks by due date (or done ones, latest first), filtered."""
    tasks = _box(user, query)
    if query.done:
        tasks = tasks.filter(status=TaskStatus.DONE).order_by("-done_date", "-pk")
    else:
        # Ordered by an expression, not the column: otherwise SQLite walks the (status, due) index of every open
        # task in the province for the order instead of taking the unit's or the person's few (bench_inbox.py).
        tasks = with_light(tasks.filter(status=TaskStatus.OPEN), query.light, today).order_by(
            Coalesce("due_date", Value(dt.date.max)), "pk")
    if query.kind:
        tasks = tasks.filter(kind=query.kind)
    if query.due_from:
        tasks = tasks.filter(due_date__gte=query.due_from)
    if query.due_to:
        tasks = tasks.filter(due_date__lte=query.due_to)
    return tasks.select_related("unit", "person")


def inbox_counts(*, user, query: InboxQuery) -> dict[str, int]:
    """Open tasks of the inbox by kind (the tabs), with ``""`` the total and ``"done"`` the done ones."""
    tasks = _box(user, query)
    counts = dict(tasks.filter(status=TaskStatus.OPEN).order_by().values_list("kind").annotate(n=Count("pk")))
    counts = {kind: counts.get(kind, 0) for kind in TaskKind.values}
    counts[""] = sum(counts.values())
    counts["done"] = tasks.filter(status=TaskStatus.DONE).count()
    return counts


def instruction_list(*, user) -> QuerySet[Instruction]:
    """The instructions the user may see, with their units."""
    return Instruction.objects.restrict(user, "view").select_related("assigned_unit", "assigned_person", "region")


def instructions_of(*, user, today: dt.date, **where) -> list[Instruction]:
    """The instructions of a visit or a meeting (``visit=…`` / ``meeting=…``) the user may see, each with its
    ``light`` and whether the user may close it (``may_close``), for the record's page."""
    from clusterdesk.common.workflow import offered_transitions
    from clusterdesk.core.routing import INSTRUCTION_WORKFLOW, task_light

    from .services import instruction_relations

    instructions = list(instruction_list(user=user).filter(**where).order_by("pk"))
    for ins in instructions:
        ins.light = task_light(ins.due_date, today, done=not ins.is_open)
        ins.may_close = any(t.action == "close" for t in offered_transitions(
            INSTRUCTION_WORKFLOW, ins.status, user, instruction_relations(instruction=ins, actor=user)))
    return instructions


def instructions_open(*, user) -> QuerySet[Instruction]:
    """The open instructions the user may see."""
    return instruction_list(user=user).filter(status__in=OPEN_INSTRUCTION_STATUSES)


@dataclass(frozen=True)
class BoardRow:
    """One unit's line on the 督办 board."""

    unit_id: int | None
    name: str
    figures: BoardFigures


def task_board(*, user, today: dt.date, since: dt.date, kind: str = "") -> list[BoardRow]:
    """Per unit in the user's scope: its open tasks now and those done since ``since`` (the period), as
    `core.routing.board_figures`. Units with neither are left out; tasks with no unit count under "no unit"."""
    tasks = task_list(user=user).filter(Q(status=TaskStatus.OPEN) | Q(status=TaskStatus.DONE, done_date__gte=since))
    if kind:
        tasks = tasks.filter(kind=kind)
    by_unit: dict[int | None, list[tuple[bool, dt.date | None, dt.date | None]]] = defaultdict(list)
    for unit_id, status, due, done in tasks.order_by().values_list("unit_id", "status", "due_date", "done_date") \
            .iterator(chunk_size=5000):
        by_unit[unit_id].append((status == TaskStatus.DONE, due, done))
    names = dict(Unit.objects.filter(pk__in=[k for k in by_unit if k]).values_list("pk", "name"))
    return [BoardRow(unit_id, names.get(unit_id, "—") if unit_id else "—",
                     board_figures(rows, today=today, since=since, soon_days=SOON_DAYS))
            for unit_id, rows in by_unit.items()]
