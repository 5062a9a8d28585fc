"""The schedules phase of the demo build: milestones, monthly progress reports and problems of every project.

Milestones follow the template of the scale (20 nodes, or the short 8), dated between the project's planned and
actual anchors (record, start, completion, production), with the template's node codes. Monthly reports carry the
plan's investment month by month with consistent cumulative, year-to-date and earlier-years figures and the
breakdown (construction, installation, equipment, other), with a progress text of the works' phase. Problems are
raised on a share of projects by stage, with owner units, due dates, coordination levels and resolutions.
"""

from __future__ import annotations

import datetime as dt
import random

from clusterdesk.core.exceptions import CoreError
from clusterdesk.core.scheduling import TEMPLATES, Dependency, ProjectType, restrict_links
from clusterdesk.demo.context import DemoContext, RowSink, Sink, reserve_ids, weighted
from clusterdesk.demo.draws import dec, month_start, person
from clusterdesk.demo.spec import (
    IDLE_TEXTS,
    MILESTONES_FULL,
    MILESTONES_SHORT,
    PROBLEM_RATE,
    PROBLEM_WEIGHTS,
    PROBLEMS,
    PROGRESS_TEXTS,
    SIGNING,
)

from ..models import Milestone, MilestoneDependency, Problem, ProgressReport, Project
from ..scheduling import project_schedule, warning_days
from .projects import Plan

__all__ = [
    "MILESTONE_FIELDS",
    "NAME_CODES",
    "REPORT_FIELDS",
    "SCHEDULE_FIELDS",
    "TEMPLATE_LINKS",
    "TEMPLATE_NODES",
    "build_schedules",
]

_NODES, _LINKS = TEMPLATES[ProjectType.INDUSTRIAL]
#: The industrial template's nodes and links (issue 3); the generator's milestone names → the nodes' codes.
TEMPLATE_NODES, TEMPLATE_LINKS = _NODES, _LINKS
NAME_CODES = {node.name_zh: node.code for node in TEMPLATE_NODES}
#: The columns of the milestone and report rows, in their order; the others get their defaults.
MILESTONE_FIELDS = ("project", "sequence", "name", "code", "planned_date", "actual_date", "duration_days", "note")
#: The schedule's columns, as the monthly job stores them.
SCHEDULE_FIELDS = ("early_finish_date", "latest_finish_date", "total_float_days", "critical", "status")
REPORT_FIELDS = ("project", "period", "investment_month_wan", "investment_cumulative_wan", "year_to_date_wan",
                 "previous_years_wan", "construction_wan", "installation_wan", "equipment_wan", "other_wan",
                 "progress_text", "review_status", "return_reason")
#: Of the latest month's reports, the first is returned with `RETURN_REASON`, and two in every ``FILED_EVERY`` still
#: wait for review (填报 → 审核); the rest are accepted. No draw: the other streams stay as they were.
FILED_EVERY = 25
RETURN_REASON = "形象进度照片缺失，本月投资与进度描述不符，请核实后重新填报"


def build_schedules(ctx: DemoContext) -> None:
    """Milestones, monthly progress reports and problems of the projects the projects phase drew."""
    rng = ctx.rng("schedules")
    template = MILESTONES_FULL if ctx.sizes.milestones >= 20 else MILESTONES_SHORT
    n_milestones = len(ctx.plans) * len(template)
    n_reports = sum(len(p.months) for p in ctx.plans)
    with ctx.progress.bar("写入节点 milestones", n_milestones) as bar:
        ctx.counts["milestones"], ctx.counts["milestone_links"] = _write_milestones(ctx, rng, template, bar)
    with ctx.progress.bar("写入月报 progress reports", n_reports) as bar:
        sink = RowSink(ProgressReport, REPORT_FIELDS, bar)
        latest, seen, uncounted = ctx.ref_month - 1, 0, {}
        for plan in ctx.plans:
            running = ytd = before_year = 0
            year = None
            for i, cents in enumerate(plan.months):
                period = month_start(plan.first_month + i)
                if period.year != year:
                    year, ytd, before_year = period.year, 0, running
                running += cents
                ytd += cents
                # Issue 3's breakdown: construction, installation, equipment, other (the rest).
                parts = _breakdown(cents, i, len(plan.months))
                status, reason = "accepted", ""
                # Issue 12: a few of the latest month's reports wait for review, one was returned; the project's
                # completed investment is then the month before's, the latest that counts.
                if plan.first_month + i == latest:
                    seen += 1
                if plan.first_month + i == latest and seen % FILED_EVERY in (1, 2):
                    status, reason = ("returned", RETURN_REASON) if seen == 1 else ("filed", "")
                    uncounted[plan.pk] = dec(running - cents)
                sink.add((plan.pk, period, dec(cents), dec(running), dec(ytd), dec(before_year), dec(parts[0]),
                          dec(parts[1]), dec(parts[2]), dec(parts[3]), _progress_text(rng, plan, i, cents), status,
                          reason))
        sink.flush()
    for pk, completed in uncounted.items():
        Project.objects.filter(pk=pk).update(investment_completed_wan=completed)
    ctx.counts["progress_reports"] = sink.count
    with ctx.progress.bar("写入问题 problems") as bar:
        sink = Sink(Problem, bar)
        for plan in ctx.plans:
            if rng.random() < PROBLEM_RATE[plan.stage]:
                for _ in range(weighted(rng, ((1, 70), (2, 22), (3, 8)))):
                    sink.add(_problem(ctx, rng, plan))
        sink.flush()
    ctx.counts["problems"] = sink.count


def _write_milestones(ctx: DemoContext, rng: random.Random, template, bar) -> tuple[int, int]:
    """Write every project's milestones with their template links (issue 3) and their schedule (倒排工期).

    The schedule is what the monthly job (`clusterdesk.projects.scheduling.schedules_refresh`) stores for them
    as of the reference date, computed here with its own function while the project's network is in memory, so
    the milestones are written once, scheduled. Returns the counts of milestones and links.
    """
    first = reserve_ids(Milestone, len(ctx.plans) * len(template))
    target = Project._meta.get_field("schedule_target").get_default()
    warn = warning_days()
    milestones = RowSink(Milestone, ("id", *MILESTONE_FIELDS, *SCHEDULE_FIELDS), bar)
    links = RowSink(MilestoneDependency, ("project", "predecessor", "successor", "kind", "lag_days"))
    restricted: dict[frozenset[str], list[Dependency]] = {}
    next_id = first
    for plan in ctx.plans:
        rows = _milestones(ctx, rng, plan, template)
        ids = range(next_id, next_id + len(rows))
        next_id += len(rows)
        codes = {row[3]: pk for row, pk in zip(rows, ids, strict=True) if row[3]}
        key = frozenset(codes)
        if key not in restricted:
            restricted[key] = restrict_links(TEMPLATE_LINKS, [node.code for node in TEMPLATE_NODES if node.code in key])
        network = [(codes[link.predecessor], codes[link.successor], str(link.kind), link.lag)
                   for link in restricted[key]]
        for link in network:
            links.add((plan.pk, *link))
        nodes = [(pk, row[3], row[2], row[6], row[5], row[4]) for row, pk in zip(rows, ids, strict=True)]
        try:
            schedule = project_schedule(
                nodes, network, target=target, today=ctx.reference_date, warn=warn,
                anchors={"start": plan.p_start, "completion": plan.p_comp, "production": plan.p_prod},
                actuals={"start": plan.a_start, "completion": plan.a_comp, "production": plan.a_prod})
        except CoreError:  # as the monthly job does, a malformed network leaves the project unscheduled
            schedule = {}
        for row, pk in zip(rows, ids, strict=True):
            node = schedule.get(pk)
            computed = (node.early_finish, node.latest_finish, node.total_float, node.critical, node.status) \
                if node else (None, None, None, False, "")
            milestones.add((pk, *row, *computed))
    milestones.flush()
    links.flush()
    return milestones.count, links.count


def _milestones(ctx: DemoContext, rng: random.Random, plan: Plan, template) -> list[tuple]:
    """The project's milestones as rows of `MILESTONE_FIELDS`."""
    ref = ctx.reference_date
    planned_anchors = (plan.p_rec, plan.p_start, plan.p_comp, plan.p_prod)
    actual_anchors = (plan.a_rec, plan.a_start, plan.a_comp, plan.a_prod)
    stretch = rng.uniform(1.0, 1.3)
    limit_pre = {"planning": -1.0, "reserve": 0.3}.get(plan.stage, 1.0)
    rows, previous_planned, previous_actual, blocked = [], None, None, False
    for sequence, (name, seg, frac) in enumerate(template, start=1):
        p0, p1 = planned_anchors[seg], planned_anchors[seg + 1]
        planned = p0 + dt.timedelta(days=round((p1 - p0).days * frac))
        a0, a1 = actual_anchors[seg], actual_anchors[seg + 1]
        actual = None
        if name == SIGNING:
            planned = plan.signed or (plan.p_rec - dt.timedelta(days=30))
            actual = plan.signed if plan.signed and plan.signed < ref else None
        elif frac == 0.0 and a0 is not None:
            actual = a0
        elif frac == 1.0:
            actual = a1
        elif a0 is not None and a1 is not None:
            actual = a0 + dt.timedelta(days=round((a1 - a0).days * frac) + rng.randint(-3, 3))
            actual = min(max(actual, a0), a1)
        elif a0 is not None and not blocked and (seg > 0 or frac <= limit_pre):
            actual = a0 + dt.timedelta(days=round((planned - p0).days * stretch) + rng.randint(-5, 20))
            if actual >= ref - dt.timedelta(days=3) or (seg == 0 and rng.random() < 0.1):
                actual, blocked = None, True
        if actual is not None and previous_actual is not None and actual < previous_actual:
            actual = previous_actual
        if actual is not None:
            previous_actual = actual
        note = ""
        if actual is not None and (actual - planned).days > 30:
            note = f"滞后{(actual - planned).days}天完成"
        elif actual is None and planned < ref:
            note = "已超过计划时间，未完成"
        duration = 30 if previous_planned is None else max(0, (planned - previous_planned).days)
        previous_planned = planned
        # The template node's code (issue 3) names the node for the pipeline's links.
        rows.append((plan.pk, sequence, name, NAME_CODES.get(name, ""), planned, actual, duration, note))
    return rows


def _problem(ctx: DemoContext, rng: random.Random, plan: Plan) -> Problem:
    ref = ctx.reference_date
    county, city = plan.county, plan.county.city
    category = weighted(rng, PROBLEM_WEIGHTS)
    descriptions, resolutions = PROBLEMS[category]
    start = plan.a_start or plan.a_rec or plan.signed or (ref - dt.timedelta(days=120))
    start = max(start - dt.timedelta(days=60), month_start(ctx.window_first))
    end = (plan.a_comp or ref) - dt.timedelta(days=1)
    if end <= start:
        start = end - dt.timedelta(days=30)
    raised = start + dt.timedelta(days=rng.randint(0, (end - start).days))
    due = raised + dt.timedelta(days=rng.randint(15, 90))
    resolved = rng.random() < (0.8 if raised < ref - dt.timedelta(days=120) else 0.4)
    if plan.stage in ("completed", "capacity", "statistics"):
        resolved = True
    resolved_date = None
    if resolved:
        resolved_date = raised + dt.timedelta(days=rng.randint(5, max(6, (due - raised).days + 45)))
        resolved_date = min(resolved_date, ref - dt.timedelta(days=1))
    overdue = (resolved_date or ref) > due
    escalation = weighted(
        rng,
        (("county", 60), ("city", 30), ("province", 10))
        if not overdue
        else (("county", 25), ("city", 50), ("province", 25)),
    )
    owner_unit = {
        "land": f"{city.name}自然资源和规划局",
        "funds": rng.choice((f"{city.name}财政局", f"{city.name}地方金融管理局")),
        "approvals": f"{county.name}行政审批服务局",
        "energy": f"{city.name}发展和改革委员会",
        "environment": f"{city.name}生态环境局",
        "utilities": rng.choice((f"国网{city.short}供电公司", f"{county.name}住房和城乡建设局")),
        "demolition": f"{county.name}人民政府",
        "other": f"{county.name}工业和信息化局",
    }[category]
    values = {"n": rng.choice((50, 80, 120, 200, 300, 500, 2000, 5000)), "k": rng.randint(3, 40), "city": city.name}
    # Issue 3's workflow and coordination levels (1 project leader … 4 principal leader), without new draws.
    age = (ref - raised).days
    if resolved:
        status = "closed" if resolved_date < ref - dt.timedelta(days=30) else "resolved"
    else:
        status = "raised" if age <= 7 else "assigned" if age <= 30 else "in_progress"
    return Problem(
        project_id=plan.pk,
        category=category,
        description=rng.choice(descriptions).format(**values),
        owner_unit=owner_unit,
        owner_person=person(random.Random(plan.pk * 7 + age)) if status != "raised" else "",
        raised_date=raised,
        due_date=due,
        coordination_level={"county": 1, "city": 2, "province": 3}[escalation],
        status=status,
        assigned_date=raised + dt.timedelta(days=min(3, age)) if status != "raised" else None,
        resolved_date=resolved_date,
        closed_date=min(resolved_date + dt.timedelta(days=15), ref) if status == "closed" else None,
        resolution=rng.choice(resolutions).format(**values) if resolved else "",
    )


def _breakdown(cents: int, i: int, count: int) -> tuple[int, int, int, int]:
    """Split a month's investment: construction first, equipment and installation later in the works."""
    position = i / max(count - 1, 1)
    construction = cents * max(20, round(70 - 50 * position)) // 100
    equipment = cents * round(10 + 35 * position) // 100
    installation = cents * round(5 + 10 * position) // 100
    return construction, installation, equipment, cents - construction - equipment - installation


PHASE_BOUNDS = ((0.0, 0.2), (0.2, 0.55), (0.55, 1.0), (0.0, 1.0))


def _progress_text(rng: random.Random, plan: Plan, i: int, cents: int) -> str:
    month = (plan.first_month + i) % 12 + 1
    if cents == 0:
        season = "winter" if month in (1, 2) else "rain" if month in (5, 6, 7) else "other"
        return rng.choice(IDLE_TEXTS[season])
    if i == 0:
        return "项目正式开工，开展场地平整和临时设施建设"
    position = (i + 1) / max(plan.horizon, 1)
    if plan.a_comp is not None and month_start(plan.first_month + i) >= plan.a_comp.replace(day=1):
        phase = 3
        within = rng.uniform(0.6, 0.98)
    else:
        phase = 0 if position < 0.2 else 1 if position < 0.55 else 2
        low, high = PHASE_BOUNDS[phase]
        within = min(max((position - low) / (high - low), 0.05), 0.98)
    return rng.choice(PROGRESS_TEXTS[phase]).format(p=round(within * 100), k=max(2, round(within * 18)))
