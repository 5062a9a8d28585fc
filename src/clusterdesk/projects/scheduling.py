"""Backward scheduling (倒排工期) of projects' milestones with the core CPM, templates, and MS Project exchange.

A project's network is its milestones (duration in days) and their dependencies. Its target dates are the
planned start, completion and production, attached to the template nodes ``start``, ``completion`` and
``production``: the project's ``schedule_target`` and every later planned anchor bound the backward pass.
The forward pass runs from today; a done node is pinned at its actual date. Each node gets its earliest and
latest allowed finish, its total float, whether it is critical (least float among the nodes not done) and
its status (done, on time, warning, overdue).
"""

import datetime
import time
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from clusterdesk.accounts.actors import Actor
from clusterdesk.changelog.models import ObjectChange
from clusterdesk.changelog.recording import record_change
from clusterdesk.common.bulk import update_rows
from clusterdesk.common.services import object_create, object_update
from clusterdesk.core.exceptions import CoreError
from clusterdesk.core.scheduling import (
    WARNING_DAYS,
    Dependency,
    DependencyKind,
    Task,
    finish_date,
    finish_offset,
    mspdi_to_tasks,
    node_status,
    restrict_links,
    schedule,
    tasks_to_mspdi,
)

from .models import Milestone, MilestoneDependency, MilestoneTemplate, MilestoneTemplateLink, Project

__all__ = [
    "NodePlan",
    "project_mspdi_export",
    "project_mspdi_import",
    "project_schedule",
    "project_schedule_refresh",
    "schedules_refresh",
    "template_apply",
    "warning_days",
]

ANCHORS = (("start", "planned_start_date"), ("completion", "planned_completion_date"),
           ("production", "planned_production_date"))
#: The project's actual dates that mark its anchor nodes done when the node itself has no actual date.
ACTUALS = (("start", "actual_start_date"), ("completion", "actual_completion_date"),
           ("production", "actual_production_date"))
_ANCHOR_NAMES = {"开工": "start", "竣工验收": "completion", "竣工": "completion", "投产": "production"}


def warning_days() -> int:
    """Days before its latest allowed finish that a node not done turns to warning (configurable)."""
    return int(settings.CLUSTERDESK.get("NODE_WARNING_DAYS", WARNING_DAYS))


@dataclass(frozen=True)
class NodePlan:
    """The computed schedule of one milestone."""

    early_finish: datetime.date
    latest_finish: datetime.date | None
    total_float: int | None
    critical: bool
    status: str


def _deadlines(codes: dict[str, str], anchors: dict[str, datetime.date | None], target: str) -> dict[str, int]:
    """Node id → finish offset for the target anchor and every later planned anchor the project has."""
    order = [code for code, _field in ANCHORS]
    result = {}
    for code in order[order.index(target):]:
        day = anchors.get(code)
        node = codes.get(code)
        if day is not None and node is not None:
            result[node] = finish_offset(day)
    return result


def project_schedule(milestones: list[tuple], links: list[tuple], *, anchors: dict[str, datetime.date | None],
                     target: str, today: datetime.date, warn: int,
                     actuals: dict[str, datetime.date | None] | None = None) -> dict[int, NodePlan]:
    """Schedule one project's network.

    ``milestones`` are (pk, code, name, duration days or None, actual date or None, planned date or None);
    ``links`` are (predecessor pk, successor pk, kind, lag days); ``actuals`` the project's actual start,
    completion and production by anchor code. Returns milestone pk → `NodePlan`.
    """
    if actuals:
        milestones = [(pk, code, name, duration, actual or actuals.get(code or _ANCHOR_NAMES.get(name, "")), planned)
                      for pk, code, name, duration, actual, planned in milestones]
    tasks, fixed, codes = [], {}, {}
    for pk, code, name, duration, actual, _planned in milestones:
        days = max(duration or 0, 0) if duration is not None else 1
        task_id = str(pk)
        tasks.append(Task(task_id, days))
        anchor = code or _ANCHOR_NAMES.get(name, "")
        if anchor:
            codes.setdefault(anchor, task_id)
        if actual is not None:
            fixed[task_id] = finish_offset(actual) - days
    deps = [Dependency(str(p), str(s), DependencyKind(kind), lag) for p, s, kind, lag in links]
    deadlines = _deadlines(codes, anchors, target)
    plan = schedule(tasks, deps, start=today.toordinal(), fixed_starts=fixed)
    if deadlines:
        # Nodes after a target with no later anchor must not pull the target earlier: give them at least the
        # tail they need after it (an upper bound from the forward pass).
        finish = max([plan.project_finish] + [limit + plan.project_finish - plan.tasks[node].early_finish
                                              for node, limit in deadlines.items()])
        plan = schedule(tasks, deps, start=today.toordinal(), fixed_starts=fixed, deadlines=deadlines,
                        finish_deadline=finish)
    undone = [plan.tasks[str(pk)].total_float for pk, _c, _n, _d, actual, _p in milestones if actual is None]
    least = min(undone, default=None)
    result = {}
    for pk, _code, _name, _duration, actual, planned in milestones:
        times = plan.tasks[str(pk)]
        latest = finish_date(times.late_finish) if deadlines else planned
        total = times.total_float if deadlines else None
        critical = actual is None and least is not None and times.total_float == least and bool(deadlines)
        status = node_status(done=actual is not None, latest_finish=latest, today=today, warning_days=warn)
        result[pk] = NodePlan(finish_date(times.early_finish), latest, total, critical, status.value)
    return result


def _anchors(project) -> dict[str, datetime.date | None]:
    return {code: getattr(project, field) for code, field in ANCHORS}


_MILESTONE_COLUMNS = ("pk", "code", "name", "duration_days", "actual_date", "planned_date")


@transaction.atomic
def project_schedule_refresh(*, project: Project, today: datetime.date) -> dict[int, NodePlan]:
    """Recompute and store one project's schedule; returns milestone pk → plan."""
    milestones = list(project.milestones.order_by("sequence", "pk").values_list(*_MILESTONE_COLUMNS))
    links = list(project.milestone_links.order_by("pk").values_list("predecessor_id", "successor_id", "kind",
                                                                     "lag_days"))
    try:
        plans = project_schedule(milestones, links, anchors=_anchors(project), target=project.schedule_target,
                                 today=today, warn=warning_days(),
                                 actuals={code: getattr(project, field) for code, field in ACTUALS})
    except CoreError as exc:
        raise ValidationError({"milestones": str(exc)}) from exc
    _store(plans)
    return plans


_PLAN_FIELDS = ("early_finish_date", "latest_finish_date", "total_float_days", "critical", "status")


def _store(plans: dict[int, NodePlan]) -> None:
    update_rows(Milestone, _PLAN_FIELDS, [(p.early_finish, p.latest_finish, p.total_float, p.critical, p.status, pk)
                                          for pk, p in plans.items()])


def schedules_refresh(*, today: datetime.date, projects=None, chunk: int = 2000) -> dict:
    """Recompute every project's schedule (the monthly job); returns counts and seconds.

    Rows are read in chunks of projects and written with one statement per changed milestone. A project whose
    network is malformed (a cycle) is skipped and named in ``errors``.
    """
    started = time.perf_counter()
    queryset = projects if projects is not None else Project.objects.all()
    rows = list(queryset.order_by("pk").values_list("pk", "schedule_target", *(f for _c, f in ANCHORS),
                                                    *(f for _c, f in ACTUALS)))
    warn = warning_days()
    counts = {"projects": 0, "milestones": 0, "changed": 0, "errors": []}
    for start in range(0, len(rows), chunk):
        block = rows[start:start + chunk]
        ids = [row[0] for row in block]
        nodes, stored = defaultdict(list), {}
        for values in (Milestone.objects.filter(project_id__in=ids).order_by("project_id", "sequence", "pk")
                       .values_list("project_id", *_MILESTONE_COLUMNS, "early_finish_date", "latest_finish_date",
                                    "total_float_days", "critical", "status")):
            nodes[values[0]].append(values[1:7])
            stored[values[1]] = values[7:]
        links = defaultdict(list)
        for values in MilestoneDependency.objects.filter(project_id__in=ids).order_by("pk").values_list(
                "project_id", "predecessor_id", "successor_id", "kind", "lag_days"):
            links[values[0]].append(values[1:])
        changed = {}
        for pk, target, *dates in block:
            if not nodes[pk]:
                continue
            anchors = dict(zip([c for c, _f in ANCHORS], dates[:3], strict=True))
            actuals = dict(zip([c for c, _f in ACTUALS], dates[3:], strict=True))
            try:
                plans = project_schedule(nodes[pk], links[pk], anchors=anchors, target=target, today=today, warn=warn,
                                         actuals=actuals)
            except CoreError as exc:
                counts["errors"].append(f"项目 {pk}：{exc}")
                continue
            counts["projects"] += 1
            counts["milestones"] += len(plans)
            for mpk, plan in plans.items():
                if stored[mpk] != (plan.early_finish, plan.latest_finish, plan.total_float, plan.critical,
                                   plan.status):
                    changed[mpk] = plan
        with transaction.atomic():
            _store(changed)
        counts["changed"] += len(changed)
    counts["seconds"] = round(time.perf_counter() - started, 2)
    return counts


@transaction.atomic
def template_apply(*, project: Project, actor: Actor, today: datetime.date | None = None) -> list[Milestone]:
    """Add the project type's template nodes the project lacks, with their links, then schedule it."""
    nodes = list(MilestoneTemplate.objects.filter(project_type=project.project_type).order_by("sequence", "pk"))
    if not nodes:
        raise ValidationError({"project_type": "该项目类型没有节点模板"})
    existing = {m.code: m for m in project.milestones.exclude(code="")}
    created = []
    for node in nodes:
        if node.code in existing:
            continue
        milestone = Milestone(project=project, sequence=node.sequence, name=node.name, code=node.code,
                              duration_days=node.duration_days)
        object_create(instance=milestone, actor=actor, parent_field="project")
        existing[node.code] = milestone
        created.append(milestone)
    template_links = [Dependency(link.predecessor_code, link.successor_code, DependencyKind(link.kind), link.lag_days)
                      for link in MilestoneTemplateLink.objects.filter(project_type=project.project_type)]
    have = set(project.milestone_links.order_by().values_list("predecessor_id", "successor_id"))
    for link in restrict_links(template_links, existing):
        pred, succ = existing[link.predecessor], existing[link.successor]
        if (pred.pk, succ.pk) in have:
            continue
        object_create(instance=MilestoneDependency(project=project, predecessor=pred, successor=succ,
                                                   kind=str(link.kind), lag_days=link.lag),
                      actor=actor, parent_field="project")
    project_schedule_refresh(project=project, today=today or datetime.date.today())
    return created


def _network(project: Project) -> tuple[list[Task], list[Dependency], dict[str, str]]:
    milestones = list(project.milestones.order_by("sequence", "pk"))
    tasks = [Task(str(m.pk), m.duration_days if m.duration_days is not None else 1) for m in milestones]
    deps = [Dependency(str(p), str(s), DependencyKind(k), lag) for p, s, k, lag in
            project.milestone_links.order_by("pk").values_list("predecessor_id", "successor_id", "kind", "lag_days")]
    return tasks, deps, {str(m.pk): m.name for m in milestones}


def project_mspdi_export(*, project: Project, start: datetime.date | None = None) -> str:
    """The project's milestones and links as an MS Project XML (MSPDI) document."""
    tasks, deps, names = _network(project)
    first = start or project.planned_start_date or datetime.date.today()
    try:
        return tasks_to_mspdi(project.name, first, tasks, deps, names=names)
    except CoreError as exc:
        raise ValidationError({"milestones": str(exc)}) from exc


@transaction.atomic
def project_mspdi_import(*, project: Project, xml: str, actor: Actor, today: datetime.date | None = None) -> dict:
    """Read a planner's MSPDI schedule into the project: tasks matched to milestones by name (durations updated),
    new tasks added, and the links replaced by the document's. All or nothing; errors name the element.

    A document with no tasks is refused: replacing the links by its none would silently delete them all.
    """
    try:
        tasks, deps, names = mspdi_to_tasks(xml)
        schedule(tasks, deps)
    except CoreError as exc:
        raise ValidationError({"file": str(exc)}) from exc
    if not tasks:
        links = project.milestone_links.count()
        raise ValidationError({"file": f"文件中没有任务（<Task>），未导入；导入它会删除本项目全部 {links} 条里程碑"
                                       f"关联 / the file holds no tasks and was not imported: it would remove all "
                                       f"{links} milestone links of this project"})
    by_name = {m.name: m for m in project.milestones.all()}
    next_sequence = max([m.sequence for m in by_name.values()], default=0)
    mapping, created, updated = {}, 0, 0
    for task in tasks:
        name = (names.get(task.id) or f"任务 {task.id}")[:100]
        milestone = by_name.get(name)
        if milestone is None:
            next_sequence += 1
            milestone = Milestone(project=project, sequence=next_sequence, name=name, duration_days=task.duration)
            object_create(instance=milestone, actor=actor, parent_field="project")
            by_name[name] = milestone
            created += 1
        elif milestone.duration_days != task.duration:
            milestone.duration_days = task.duration
            object_update(instance=milestone, actor=actor, parent_field="project")
            updated += 1
        mapping[task.id] = milestone
    for link in list(project.milestone_links.all()):
        pk = link.pk
        link.delete()
        link.pk = pk
        record_change(instance=link, action=ObjectChange.Action.DELETE, actor=actor, related=project)
    for dep in deps:
        object_create(instance=MilestoneDependency(project=project, predecessor=mapping[dep.predecessor],
                                                   successor=mapping[dep.successor], kind=str(dep.kind),
                                                   lag_days=dep.lag), actor=actor, parent_field="project")
    project_schedule_refresh(project=project, today=today or datetime.date.today())
    return {"tasks": len(tasks), "links": len(deps), "created": created, "updated": updated}
