"""Writes to the inbox: a source record's task rewritten from what the source says (`task_sync`), rebuilds, the
periodic tasks (reports and figures due, `report_tasks_generate`), and leaders' instructions (督办).

Only these functions write tasks. Every recorded change of a source row rewrites its task (`task_sync_changes`, a
change-log listener), so the inbox never disagrees with the record for longer than that transaction.

The jobs (run daily): `report_tasks_generate`, `figures_tasks_generate`, `tasks_escalate_overdue`; repair:
`task_rebuild`.
"""

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from clusterdesk.accounts.actors import Actor
from clusterdesk.changelog.models import ObjectChange
from clusterdesk.changelog.recording import record_change, snapshot
from clusterdesk.common.registry import registry
from clusterdesk.common.services import object_create, object_update
from clusterdesk.common.workflow import ActionNotAllowed, actor_facts, workflow_check
from clusterdesk.core.routing import INSTRUCTION_WORKFLOW, RELATION_SUPERVISOR, InstructionStatus
from clusterdesk.core.supervision import DEFAULT_ESCALATION_DAYS, next_escalation
from clusterdesk.core.workflow.roles import OFFICER_ROLES, RELATION_FILER, RELATION_OWNER

from .models import OPEN_INSTRUCTION_STATUSES, Instruction, InstructionReply, Task, TaskStatus
from .sources import TaskSpec, task_key

__all__ = [
    "figures_tasks_generate",
    "instruction_create",
    "instruction_relations",
    "instruction_reply",
    "instruction_transition",
    "instruction_update",
    "instructions_escalate_overdue",
    "periodic_tasks_generate",
    "report_tasks_generate",
    "task_parent_moved",
    "task_rebuild",
    "task_resync_periodic",
    "task_sync",
    "task_sync_changes",
    "task_sync_deleted",
    "task_sync_spec",
    "tasks_escalate_overdue",
]


def _label(row: Any) -> str:
    return row._meta.label_lower


def task_sync_spec(*, model: str, source_id: int, kind: str, spec: TaskSpec | None) -> Task | None:
    """Write the task of source ``model``/``source_id`` from ``spec``; ``None`` removes an open task it no longer asks.

    A done task is kept when its source later asks nothing (it counts in the on-time rates); an open one is
    deleted (the source was withdrawn or deleted before anyone acted).
    """
    key = task_key(model, source_id, kind, spec.period if spec else None)
    if spec is None:
        Task.objects.filter(key__startswith=key, status=TaskStatus.OPEN).delete()
        return None
    status = TaskStatus.CANCELLED if spec.cancelled else TaskStatus.DONE if spec.done else TaskStatus.OPEN
    done_date = spec.done_date or (timezone.localdate() if status == TaskStatus.DONE else None)
    values = {
        "kind": kind, "source_model": model, "source_id": source_id, "period": spec.period,
        "title": spec.title[:300], "detail": spec.detail, "unit_id": spec.unit_id, "person_id": spec.person_id,
        "region_id": spec.region_id, "park_id": spec.park_id, "enterprise_id": spec.enterprise_id,
        "due_date": spec.due_date, "status": status, "done_date": done_date if status == TaskStatus.DONE else None,
        "escalation_level": spec.escalation_level, "url": spec.url[:300],
    }
    task, _created = Task.objects.update_or_create(key=key, defaults=values)
    return task


def task_sync(*, source: Any) -> Task | None:
    """Rewrite the task of a source row (a problem, a decision …) from its registered `TaskSource`."""
    model = _label(source)
    entry = registry.task_sources.get(model)
    if entry is None:
        raise LookupError(f"{model} is not a registered task source")
    return task_sync_spec(model=model, source_id=source.pk, kind=entry.kind, spec=entry.spec(source))


def task_sync_deleted(*, model: str, source_id: int) -> int:
    """Remove the tasks of a deleted source row (done ones too: nothing links to them any more)."""
    prefix = f"{model}:{source_id}:"  # the keys of its tasks (`task_key`): a range the unique index answers
    deleted, _ = Task.objects.filter(key__gte=prefix, key__lt=prefix + "\uffff").delete()
    return deleted


@transaction.atomic
def task_rebuild(*, models: Iterable[str] | None = None, today: dt.date | None = None) -> dict[str, int]:
    """Rewrite every task of the registered sources (after a migration or a repair); returns counts by source."""
    counts: dict[str, int] = {}
    for model, entry in registry.task_sources.items():
        if models is not None and model not in set(models):
            continue
        n = 0
        for row in entry.open_rows():
            task_sync_spec(model=model, source_id=row.pk, kind=entry.kind, spec=entry.spec(row))
            n += 1
        counts[model] = n
    return counts


#: The fields of a parent record (a project, an enterprise) that its dependants' tasks copy: a change to one of
#: them moves (another county, park, owner or unit) or renames those tasks.
TASK_PARENT_FIELDS = ("name", "region_id", "park_id", "owner_id", "assigned_unit_id", "secretary_id")


def task_parent_moved(change: Any) -> bool:
    """Whether a recorded update changed a field that tasks hanging from the record copy (`TASK_PARENT_FIELDS`)."""
    if change.action != ObjectChange.Action.UPDATE or not change.before:
        return False
    return any(name in change.before and change.before[name] != getattr(change.instance, name, None)
               for name in TASK_PARENT_FIELDS)


def task_sync_changes(changes) -> None:
    """The change-log listener: every recorded change of a task source's row rewrites (or removes) its task, and a
    parent that moved (`task_parent_moved`) rewrites its dependants' tasks, so that they follow it into the inbox
    of its new county, park or unit and leave the old one."""
    moved: dict[str, set[int]] = {}
    for change in changes:
        model = change.instance._meta.label_lower
        if change.action == ObjectChange.Action.DELETE:
            # Whatever the model: the month's report and figures tasks hang from a project or an enterprise.
            task_sync_deleted(model=model, source_id=change.instance.pk)
            continue
        if task_parent_moved(change):
            moved.setdefault(model, set()).add(change.instance.pk)
        entry = registry.task_sources.get(model)
        if entry is not None:
            task_sync_spec(model=model, source_id=change.instance.pk, kind=entry.kind, spec=entry.spec(change.instance))
    if moved:
        _sync_dependants(moved)


def _sync_dependants(moved: dict[str, set[int]]) -> None:
    from django.apps import apps

    for model, entry in registry.task_sources.items():
        for parent, lookup in entry.parents:
            if parent not in moved:
                continue
            rows = apps.get_model(model)._default_manager.filter(**{f"{lookup}__in": sorted(moved[parent])})
            for row in rows.iterator(chunk_size=2000):
                task_sync_spec(model=model, source_id=row.pk, kind=entry.kind, spec=entry.spec(row))


def task_resync_periodic(*, model: str, source_id: int, kind: str, spec_for) -> int:
    """Rewrite the periodic tasks (one per month) that hang from a record, from ``spec_for(period)``; used when the
    record moved. Returns how many were rewritten."""
    prefix = f"{model}:{source_id}:{kind}:"
    periods = Task.objects.filter(key__gte=prefix, key__lt=prefix + "\uffff").values_list("period", flat=True)
    n = 0
    for period in list(periods):
        task_sync_spec(model=model, source_id=source_id, kind=kind, spec=spec_for(period))
        n += 1
    return n


# Periodic tasks: one per source and month, generated by a daily job rather than by a row's change -------------

def _month(day: dt.date) -> dt.date:
    return day.replace(day=1)


def periodic_tasks_generate(*, model: str, kind: str, rows: Iterable[tuple[int, TaskSpec]]) -> int:
    """Write the periodic tasks ``rows`` (source id, spec) of ``model``; returns how many were written."""
    n = 0
    for source_id, spec in rows:
        task_sync_spec(model=model, source_id=source_id, kind=kind, spec=spec)
        n += 1
    return n


def _check_month(month: dt.date, today: dt.date) -> dt.date:
    month = _month(month)
    if month > _month(today):
        raise ValidationError({"month": f"{month:%Y-%m} 尚未开始，不能生成其任务"})
    return month


@transaction.atomic
def report_tasks_generate(*, month: dt.date | None = None, today: dt.date | None = None) -> int:
    """The monthly progress reports due: one task per project under construction for ``month`` (by default the
    month before ``today``), due on ``REPORT_DUE_DAY`` of the following month to the project's responsible unit,
    done where the report is filed. Run daily; running it again rewrites the same tasks."""
    from clusterdesk.projects.tasks import REPORT_SOURCE, report_due_tasks

    today = today or timezone.localdate()
    month = _check_month(month or _month(_month(today) - dt.timedelta(days=1)), today)
    return periodic_tasks_generate(model=REPORT_SOURCE, kind="report_due", rows=report_due_tasks(month=month))


@transaction.atomic
def figures_tasks_generate(*, month: dt.date | None = None, today: dt.date | None = None) -> int:
    """The key enterprises' monthly figures due, one task per enterprise with a work secretary (to the secretary),
    like `report_tasks_generate`."""
    from clusterdesk.enterprise_service.tasks import FIGURES_SOURCE, figures_due_tasks

    today = today or timezone.localdate()
    month = _check_month(month or _month(_month(today) - dt.timedelta(days=1)), today)
    return periodic_tasks_generate(model=FIGURES_SOURCE, kind="figures_due", rows=figures_due_tasks(month=month))


# Leaders' instructions (督办) ---------------------------------------------------------------------------------

def instruction_relations(*, instruction: Instruction, actor: Actor | None) -> frozenset[str]:
    """How the actor stands to the instruction: who entered it or gave it (filer), a member of the responsible unit
    or the responsible person (owner), an administrator or a member of a unit above the responsible unit
    (supervisor)."""
    from clusterdesk.accounts.units import unit_descendant_ids

    pk = getattr(actor, "pk", None)
    if actor is None or pk is None:
        return frozenset()
    found = set()
    if pk in (instruction.issued_by_id, instruction.leader_id):
        found.add(RELATION_FILER)
    unit_id = getattr(actor, "unit_id", None)
    if pk == instruction.assigned_person_id or (unit_id and unit_id == instruction.assigned_unit_id):
        found.add(RELATION_OWNER)
    if actor.is_administrator:
        found.add(RELATION_SUPERVISOR)
    elif unit_id and instruction.assigned_unit_id and unit_id != instruction.assigned_unit_id \
            and instruction.assigned_unit_id in unit_descendant_ids(actor.unit):
        found.add(RELATION_SUPERVISOR)
    return frozenset(found)


def _place(instruction: Instruction) -> None:
    """An instruction lies where it was given, or lower, where its unit works when that is inside (so the unit's
    officers see it)."""
    from clusterdesk.regions.models import region_within

    if instruction.region_id is None and instruction.visit_id:
        instruction.region_id = instruction.visit.region_id
    elif instruction.region_id is None and instruction.meeting_id:
        instruction.region_id = instruction.meeting.region_id
    unit = instruction.assigned_unit
    if unit is not None and (instruction.region_id is None or region_within(unit.region, instruction.region)):
        instruction.region_id = unit.region_id


@transaction.atomic
def instruction_create(*, instruction: Instruction, actor: Actor | None) -> Instruction:
    """Record a leader's instruction (given at a visit, at a meeting or typed in), assigned to its unit."""
    instruction.status = InstructionStatus.ASSIGNED
    instruction.issued_by = actor if getattr(actor, "pk", None) else None
    instruction.issued_date = instruction.issued_date or timezone.localdate()
    _place(instruction)
    return object_create(instance=instruction, actor=actor, parent_field="visit" if instruction.visit_id else None)


def instruction_update(*, instruction: Instruction, actor: Actor) -> Instruction:
    """Change an instruction's text, leader, unit or due date; the status moves through `instruction_transition`."""
    stored = Instruction.objects.values_list("status", flat=True).get(pk=instruction.pk)
    if stored != instruction.status:
        raise ValidationError({"status": "督办事项状态须通过办理流程变更"})
    if stored not in OPEN_INSTRUCTION_STATUSES:
        raise ValidationError({"status": "已办结或已撤销的督办事项不能再修改"})
    _place(instruction)
    return object_update(instance=instruction, actor=actor, parent_field="visit" if instruction.visit_id else None)


@transaction.atomic
def instruction_transition(*, instruction: Instruction, actor: Actor | None, status: str, result: str = "",
                           reason: str = "", on: dt.date | None = None) -> Instruction:
    """Move an instruction: the unit starts it; the issuing side or an officer above closes it with the result or
    cancels it with a reason. A refused step changes nothing."""
    workflow_check(INSTRUCTION_WORKFLOW, instruction.status, status,
                   actor=actor_facts(actor, instruction_relations(instruction=instruction, actor=actor)),
                   facts={"result": result.strip(), "reason": reason.strip()})
    day = on or timezone.localdate()
    instruction.status = status
    if status == InstructionStatus.DONE:
        instruction.result = result.strip()
        instruction.done_date = day
    elif status == InstructionStatus.CANCELLED:
        instruction.result = f"（撤销：{reason.strip()}）"
    return object_update(instance=instruction, actor=actor)


@transaction.atomic
def instruction_reply(*, instruction: Instruction, actor: Actor, text: str, progress_pct: int = 0,
                      on: dt.date | None = None) -> InstructionReply:
    """The responsible unit (or an officer above it) reports progress; the first reply starts the instruction."""
    relations = instruction_relations(instruction=instruction, actor=actor)
    if actor_facts(actor).role not in OFFICER_ROLES:
        raise ActionNotAllowed("您的角色不能回复办理进展")
    if not relations & {RELATION_OWNER, RELATION_SUPERVISOR}:
        raise ActionNotAllowed("只有责任单位或其上级单位能回复办理进展")
    if not instruction.is_open:
        raise ValidationError({"text": "已办结或已撤销的督办事项不能再回复"})
    if not text.strip():
        raise ValidationError({"text": "请填写办理进展"})
    if not 0 <= progress_pct <= 100:
        raise ValidationError({"progress_pct": "进度应在 0 至 100 之间"})
    if instruction.status == InstructionStatus.ASSIGNED:
        instruction_transition(instruction=instruction, actor=actor, status=InstructionStatus.IN_PROGRESS, on=on)
    reply = InstructionReply(instruction=instruction, text=text.strip(), by=actor, date=on or timezone.localdate(),
                             progress_pct=progress_pct)
    return object_create(instance=reply, actor=actor, parent_field="instruction")


@transaction.atomic
def instructions_escalate_overdue(*, today: dt.date, actor: Actor | None = None,
                                  days: int = DEFAULT_ESCALATION_DAYS) -> list[Instruction]:
    """Every open instruction overdue by ``days`` (since its due date or its last escalation) goes up one level,
    by the problems' rule (`core.supervision.next_escalation`); its task follows. Returns those escalated."""
    escalated = []
    candidates = Instruction.objects.filter(status__in=OPEN_INSTRUCTION_STATUSES, due_date__isnull=False,
                                            due_date__lte=today - dt.timedelta(days=days), escalation_level__lt=4)
    for instruction in candidates.order_by("pk"):
        level = next_escalation(level=instruction.escalation_level, status=instruction.status,
                                due_date=instruction.due_date, last_escalated=instruction.last_escalated_date,
                                today=today, days=days)
        if level is None:
            continue
        before = snapshot(instruction)
        instruction.escalation_level, instruction.last_escalated_date = level, today
        instruction.save(update_fields=["escalation_level", "last_escalated_date", "last_updated"])
        late = (today - instruction.due_date).days
        record_change(instance=instruction, action=ObjectChange.Action.UPDATE, actor=actor, before=before,
                      object_repr=f"{instruction}：逾期 {late} 天，自动升级至 {level} 级"[:200])
        escalated.append(instruction)
    return escalated


def tasks_escalate_overdue(*, today: dt.date | None = None) -> dict[str, int]:
    """The daily escalation job of the inbox's own sources (instructions; problems and appeals have theirs)."""
    return {"tasks.instruction": len(instructions_escalate_overdue(today=today or timezone.localdate()))}
