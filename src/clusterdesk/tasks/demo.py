"""The inbox's phase of the demo build (last): leaders' instructions in every state with replies, the month's
reports and figures due, and every task of the demo's problems, decisions, appeals and follow-ups (a rebuild)."""

from __future__ import annotations

import datetime as dt

from clusterdesk.common.registry import DemoPhase, registry
from clusterdesk.demo.context import DemoContext

from .models import Instruction, InstructionOrigin, InstructionReply, Task

__all__ = ["build_tasks", "delete_tasks", "register"]

_TEXTS = ("要加快项目建设进度，确保年内竣工投产", "协调解决项目用地指标，两周内拿出方案",
          "梳理园区闲置厂房，形成盘活清单", "推动重点企业技改扩能，月底前报送进展",
          "落实产业链招商专班机制，每月调度一次", "做好规上企业入统培育工作",
          "抓紧办理项目环评审批手续", "研究制定园区亩均效益提升措施")
_LEADERS = ("省委书记", "省长", "市委书记", "市长", "分管副市长")


def build_tasks(ctx: DemoContext) -> None:
    """Instructions to the demo county's and city's officers (assigned, in progress, done on time and late,
    cancelled, overdue), reports and figures due for the month before the reference date, then a full rebuild."""
    from clusterdesk.accounts.models import User

    from .services import figures_tasks_generate, report_tasks_generate, task_rebuild

    rng = ctx.rng("tasks")
    today = ctx.reference_date
    made, replies = [], []
    for username in ("county", "changsha"):
        user = User.objects.filter(pk=ctx.users.get(username)).first()
        if user is None:
            continue
        region_id = user.scope_regions.values_list("pk", flat=True).first() or ctx.province_pk
        for n, status in enumerate(("assigned", "in_progress", "in_progress", "done", "done", "cancelled",
                                    "assigned", "in_progress")):
            issued = today - dt.timedelta(days=rng.randint(20, 90))
            due = issued + dt.timedelta(days=rng.choice([15, 30, 45, 60, 100]))
            done = status == "done"
            ins = Instruction.objects.create(
                text=_TEXTS[(n + len(made)) % len(_TEXTS)], leader_name=rng.choice(_LEADERS),
                origin=rng.choice(list(InstructionOrigin.values)), region_id=region_id,
                owner_unit=user.unit_name or "", assigned_unit_id=user.unit_id, assigned_person_id=user.pk,
                issued_date=issued, due_date=due, status=status,
                result="已按要求落实" if done else ("事项已由其他渠道办理" if status == "cancelled" else ""),
                done_date=min(today, due + dt.timedelta(days=rng.randint(-10, 10))) if done else None,
                escalation_level=2 if status != "done" and due < today - dt.timedelta(days=15) else 1,
                issued_by_id=ctx.users.get("province"))
            made.append(ins.pk)
            if status in ("in_progress", "done"):
                for k in range(rng.randint(1, 3)):
                    replies.append(InstructionReply(
                        instruction=ins, text=f"已召开专题会议研究，第{k + 1}阶段工作已推进", by_id=user.pk,
                        date=min(today, issued + dt.timedelta(days=5 * (k + 1))), progress_pct=min(100, 30 * (k + 1))))
    InstructionReply.objects.bulk_create(replies)
    month = (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    reports = report_tasks_generate(month=month, today=today)
    figures = figures_tasks_generate(month=month, today=today)
    counts = task_rebuild()
    ctx.ids["tasks"] = {"instructions": made}
    ctx.counts["instructions"] = len(made)
    ctx.counts["tasks"] = Task.objects.count()
    ctx.notes.append(f"待办：报告 {reports}，月度数据 {figures}，重建 {sum(counts.values())}")


def delete_tasks(ids) -> dict[str, int]:
    """Delete the demo instructions (and their replies) and every task (they are rebuilt from the sources)."""
    pks = list((ids.get("tasks") or {}).get("instructions", []))
    return {"instructions": Instruction.objects.filter(pk__in=pks).delete()[0],
            "tasks": Task.objects.all().delete()[0]}


def register() -> None:
    """Register the inbox's phase (called from `TasksConfig.ready`), after every phase that makes sources."""
    registry.register_demo_phase(DemoPhase("tasks", build_tasks, 200, delete=delete_tasks))
