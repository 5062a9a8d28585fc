"""The pipeline phase of the demo build (issue 3), after the projects, reports, problems and accounts.

`build_pipeline` gives the demo projects what the pipeline needs beyond their scheduled milestones and links
(written by the schedules phase): annual investment plans, a stage history, a few withdrawn and mid-year
projects, escalations of overdue problems, coordination meetings with decisions in every city, a shared saved
list, then the monthly lights (the last months as history). Everything is derived from the seed and the
generator's reference date, so it is reproducible.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from decimal import Decimal

from clusterdesk.accounts.models import User
from clusterdesk.common.bulk import update_rows
from clusterdesk.demo.context import DemoContext, RowSink

from ..models import (
    AnnualPlan,
    CoordinationMeeting,
    MeetingDecision,
    Problem,
    ProgressReport,
    Project,
    SavedList,
    StageTransition,
)
from ..services import problems_escalate_overdue
from ..supervision import lights_compute

__all__ = ["DEMO_MARK", "build_pipeline"]

#: The last line of a demo meeting's minutes, so that a rebuild can find and replace them.
DEMO_MARK = "（演示数据）"
_STAGE_ORDER = ["planning", "reserve", "preconstruction", "construction", "completed", "capacity", "statistics"]


def _month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def _previous_month(month: dt.date) -> dt.date:
    return (month - dt.timedelta(days=1)).replace(day=1)


def _ids(ctx: DemoContext) -> tuple[int, int]:
    lo, hi = ctx.ids.get("projects") or (0, -1)
    return lo, hi


def _plans(lo: int, hi: int, year: int, rng: random.Random, ref_month: dt.date) -> int:
    """Annual plans: the year's expected investment (reported months scaled to twelve) times a factor, so that
    some projects run ahead of 序时进度 and some behind."""
    done: dict[int, Decimal] = defaultdict(Decimal)
    months: dict[int, int] = defaultdict(int)
    for project_id, amount in (ProgressReport.objects.filter(project_id__gte=lo, project_id__lte=hi, period__year=year,
                                                             period__lte=ref_month)
                               .order_by().values_list("project_id", "investment_month_wan")
                               .iterator(chunk_size=20000)):
        done[project_id] += amount
        months[project_id] += 1
    elapsed = ref_month.month if year == ref_month.year else 12
    sink = RowSink(AnnualPlan, ("project", "year", "planned_wan"))
    for project_id, stage, total, start in (Project.objects.filter(pk__range=(lo, hi)).order_by("pk")
                                            .values_list("pk", "stage", "total_investment_wan",
                                                         "planned_start_date")):
        if project_id in done and stage == "construction":
            expected = done[project_id] * 12 / max(elapsed, 1)  # still investing: the year's pace
        elif project_id in done:
            expected = done[project_id]  # finished investing this year
        elif stage in ("preconstruction", "reserve") and start and start.year == year:
            expected = total * Decimal("0.15")
        else:
            continue
        factor = Decimal(str(rng.choice((0.85, 0.95, 1.0, 1.0, 1.05, 1.1, 1.2, 1.35, 1.6))))
        planned = (expected * factor).quantize(Decimal("1"))
        if planned > 0:
            sink.add((project_id, year, planned))
    sink.flush()
    return sink.count


def _history(lo: int, hi: int, rng: random.Random, ref: dt.date) -> int:
    """One recorded move per project into its current stage, dated from its own dates."""
    sink = RowSink(StageTransition, ("project", "kind", "from_stage", "to_stage", "actor_name", "at"))
    for pk, stage, signed, start, completion, production, statistics in (
            Project.objects.filter(pk__range=(lo, hi)).values_list(
                "pk", "stage", "signed_date", "actual_start_date", "actual_completion_date",
                "actual_production_date", "statistics_date").iterator(chunk_size=10000)):
        order = _STAGE_ORDER.index(stage)
        day = {"construction": start, "completed": completion, "capacity": production,
               "statistics": statistics or production}.get(stage) or signed or ref - dt.timedelta(days=90)
        at = dt.datetime.combine(min(day, ref), dt.time(9 + rng.randint(0, 8), rng.randint(0, 59)),
                                 tzinfo=dt.UTC)
        sink.add((pk, "advance" if order else "create", _STAGE_ORDER[order - 1] if order else "", stage, "演示数据",
                  at))
    sink.flush()
    return sink.count


def _withdrawn_and_added(lo: int, hi: int, rng: random.Random, ref: dt.date) -> tuple[int, int]:
    reasons = ("业主投资意向变化，暂缓实施", "用地规划调整，项目无法落地", "企业资金链紧张，主动申请退库",
               "产业政策调整，项目不再符合准入要求")
    candidates = list(Project.objects.filter(pk__range=(lo, hi), stage__in=("planning", "reserve", "preconstruction"))
                      .order_by("pk").values_list("pk", flat=True))
    withdrawn = [pk for pk in candidates if rng.random() < 0.03]
    for pk in withdrawn:
        Project.objects.filter(pk=pk).update(library_status="withdrawn", withdrawal_reason=rng.choice(reasons),
                                             withdrawn_date=ref - dt.timedelta(days=rng.randint(10, 200)))
    added = [pk for pk in candidates if pk not in set(withdrawn) and rng.random() < 0.05]
    Project.objects.filter(pk__in=added).update(added_mid_year=True, added_date=dt.date(ref.year, 7, 1))
    # 入库纳统: most started projects enter the fixed-asset investment statistics one to two months after the start;
    # the rest are the ones the statistics light catches.
    rows = []
    for pk, stage, start in (Project.objects.filter(pk__range=(lo, hi), actual_start_date__isnull=False)
                             .order_by("pk").values_list("pk", "stage", "actual_start_date")):
        if stage == "statistics" or rng.random() < 0.9:
            rows.append((min(start + dt.timedelta(days=rng.randint(20, 75)), ref), pk))
    update_rows(Project, ("statistics_date",), rows)
    return len(withdrawn), len(added)


def _meetings(lo: int, hi: int, rng: random.Random, ref: dt.date) -> tuple[int, int]:
    CoordinationMeeting.objects.filter(notes__endswith=DEMO_MARK).delete()
    open_by_city: dict[int, list[Problem]] = defaultdict(list)
    open_problems = Problem.objects.filter(project_id__gte=lo, project_id__lte=hi,
                                           status__in=("assigned", "in_progress", "raised"))
    for problem in open_problems.select_related("project__region").order_by("due_date", "pk"):
        region = problem.project.region
        open_by_city[region.parent_id or region.pk].append(problem)
    meetings = decisions = 0
    for _city, problems in sorted(open_by_city.items()):
        city = problems[0].project.region.parent or problems[0].project.region
        for k, month in enumerate((_previous_month(_month_start(ref)), _month_start(ref))):
            chosen = problems[k * 6:(k + 1) * 6]
            if not chosen:
                continue
            held = month + dt.timedelta(days=rng.randint(8, 20))
            meeting = CoordinationMeeting.objects.create(
                title=f"{city.name}重大项目调度会（{held.year}年{held.month}月）", held_on=min(held, ref), region=city,
                level=3, chair=f"{city.name}分管副市长",
                notes=f"会议听取了重大项目推进情况汇报，研究解决项目建设中的困难和问题。\n{DEMO_MARK}")
            meeting.problems.set(chosen)
            meetings += 1
            for problem in chosen[:3]:
                MeetingDecision.objects.create(
                    meeting=meeting, problem=problem, owner_unit=problem.owner_unit,
                    owner_person=problem.owner_person, due_date=meeting.held_on + dt.timedelta(days=15),
                    text=f"{problem.owner_unit}牵头，{15}日内解决：{problem.description[:40]}",
                    status="done" if k == 0 and rng.random() < 0.5 else "open")
                decisions += 1
    return meetings, decisions


def _saved_list() -> None:
    owner = User.objects.filter(username="changsha").first() or User.objects.filter(role="city_officer").first()
    if owner is not None:
        SavedList.objects.get_or_create(owner=owner, name="长沙市红灯项目（共享）",
                                        defaults={"base": "red", "query": "", "shared": True})


def build_pipeline(ctx: DemoContext) -> None:
    """Build the pipeline's demonstration data for the demo projects (see the module docstring)."""
    lo, hi = _ids(ctx)
    if hi < lo:
        return
    rng = ctx.rng("pipeline")
    ref = ctx.reference_date
    last_month = _previous_month(_month_start(ref))
    ctx.counts["annual_plans"] = sum(_plans(lo, hi, year, rng, last_month) for year in (ref.year - 1, ref.year))
    ctx.counts["stage_transitions"] = _history(lo, hi, rng, ref)
    withdrawn, added = _withdrawn_and_added(lo, hi, rng, ref)
    ctx.counts["withdrawn"], ctx.counts["added_mid_year"] = withdrawn, added
    problems = Problem.objects.filter(project_id__gte=lo, project_id__lte=hi)
    escalations = 0
    for days_before in (45, 30, 15, 0):
        escalations += len(problems_escalate_overdue(today=ref - dt.timedelta(days=days_before), days=15,
                                                     queryset=problems))
    ctx.counts["escalations"] = escalations
    meetings, decisions = _meetings(lo, hi, rng, ref)
    ctx.counts["meetings"], ctx.counts["decisions"] = meetings, decisions
    _saved_list()
    # The schedules were computed when the milestones were written (schedules phase), as of the reference date.
    projects = Project.objects.filter(pk__range=(lo, hi))
    history = 6 if ctx.scale == "quick" else 2
    month, months = last_month, []
    for _ in range(history):
        months.append(month)
        month = _previous_month(month)
    lights = 0
    for month in reversed(months):
        lights += lights_compute(month=month, projects=projects)["projects"]
    ctx.counts["monthly_lights"] = lights
