"""The monthly traffic lights (红黄绿灯), computed with the active rule set and kept as history.

`lights_compute` judges every active project for a month with `clusterdesk.core.supervision.project_light`:
investment against 序时进度 (annual plan × months elapsed / 12), the start, the statistics, and overdue
critical nodes. Each month's light is stored (`ProjectLight`) with its explanation in words; the project keeps
the latest month's light for fast lists.
"""

import datetime
import time
from decimal import Decimal

from django.db import transaction

from clusterdesk.common.bulk import RowSink, update_rows
from clusterdesk.common.review import counted
from clusterdesk.core.supervision import GapMode, Light, LightRules, ProjectFacts, project_light

from .choices import LibraryStatusChoices
from .dates import next_month
from .models import AnnualPlan, LightRuleSet, Milestone, ProgressReport, Project, ProjectLight

__all__ = ["active_rules", "lights_compute", "monthly_run", "rules_of"]

LIGHT_FIELDS = ("project", "month", "light", "summary", "reasons", "annual_plan_wan", "year_to_date_wan",
                "critical_overdue", "rule_set")


def active_rules() -> tuple[LightRules, str]:
    """The active light rule set as core rules, and its name (the core defaults if none is active)."""
    rule_set = LightRuleSet.objects.filter(active=True).order_by("pk").first()
    if rule_set is None:
        return LightRules(), "默认规则"
    return rules_of(rule_set), rule_set.name


def rules_of(rule_set: LightRuleSet) -> LightRules:
    """A stored rule set as core rules; raises `SupervisionError` naming crossed thresholds."""
    return LightRules(
        mode=GapMode(rule_set.mode), yellow_gap_pp=rule_set.yellow_gap_pp, red_gap_pp=rule_set.red_gap_pp,
        yellow_shortfall_pct=rule_set.yellow_shortfall_pct, red_shortfall_pct=rule_set.red_shortfall_pct,
        start_red_months=rule_set.start_red_months, statistics_yellow_months=rule_set.statistics_yellow_months,
        statistics_red_months=rule_set.statistics_red_months,
        critical_node_overdue=Light(rule_set.critical_node_overdue))


def _year_to_date(ids: list[int], month: datetime.date) -> dict[int, Decimal]:
    """Each project's year-to-date investment at the end of the month (its latest report of the year so far that
    counts: accepted or reported; one under review or returned does not move the light)."""
    result: dict[int, Decimal] = {}
    rows = (counted(ProgressReport.objects.filter(project_id__in=ids, period__gte=month.replace(month=1),
                                                  period__lte=month))
            .order_by("project_id", "period").values_list("project_id", "year_to_date_wan"))
    for project_id, ytd in rows:
        result[project_id] = ytd
    return result


def lights_compute(*, month: datetime.date, projects=None, chunk: int = 5000) -> dict:
    """Compute and store every active project's light for ``month``; returns counts by light and seconds."""
    started = time.perf_counter()
    month = month.replace(day=1)
    rules, rule_name = active_rules()
    queryset = (projects if projects is not None else Project.objects.all()).filter(
        library_status=LibraryStatusChoices.ACTIVE)
    rows = list(queryset.order_by("pk").values_list("pk", "stage", "planned_start_date", "actual_start_date",
                                                    "statistics_date", "light_month"))
    counts = {"green": 0, "yellow": 0, "red": 0}
    for start in range(0, len(rows), chunk):
        block = rows[start:start + chunk]
        ids = [row[0] for row in block]
        plans = dict(AnnualPlan.objects.filter(project_id__in=ids, year=month.year)
                     .order_by().values_list("project_id", "planned_wan"))
        ytd = _year_to_date(ids, month)
        overdue: dict[int, int] = {}
        for project_id in (Milestone.objects.filter(project_id__in=ids, critical=True, status="overdue")
                           .order_by().values_list("project_id", flat=True)):
            overdue[project_id] = overdue.get(project_id, 0) + 1
        lights, latest = [], []
        for pk, stage, planned_start, actual_start, statistics_date, light_month in block:
            in_statistics = stage == "statistics" or (statistics_date is not None and statistics_date <= _end(month))
            facts = ProjectFacts(month=month, annual_plan_wan=plans.get(pk), year_to_date_wan=ytd.get(pk, Decimal(0)),
                                 planned_start=planned_start, actual_start=actual_start, in_statistics=in_statistics,
                                 critical_nodes_overdue=overdue.get(pk, 0), stage=stage)
            result = project_light(facts, rules)
            counts[result.light.value] += 1
            summary = result.summary()[:500]
            lights.append((pk, month, result.light.value, summary, list(result.reasons), plans.get(pk),
                           facts.year_to_date_wan, facts.critical_nodes_overdue, rule_name[:100]))
            if light_month is None or light_month <= month:
                latest.append((result.light.value, month, summary, pk))
        with transaction.atomic():
            ProjectLight.objects.filter(project_id__in=ids, month=month).delete()
            sink = RowSink(ProjectLight, LIGHT_FIELDS)  # plain rows: a province month has some 30,000
            for row in lights:
                sink.add(row)
            sink.flush()
            update_rows(Project, ("current_light", "light_month", "light_summary"), latest)
    return {**counts, "projects": len(rows), "month": month.isoformat(),
            "seconds": round(time.perf_counter() - started, 2)}


def _end(month: datetime.date) -> datetime.date:
    following = next_month(month)
    return following - datetime.timedelta(days=1)


def monthly_run(*, month: datetime.date, today: datetime.date | None = None, projects=None) -> dict:
    """The monthly job: recompute every schedule as of ``today`` (the month's end by default), then the lights."""
    from .scheduling import schedules_refresh

    day = today or min(_end(month.replace(day=1)), datetime.date.today())
    schedules = schedules_refresh(today=day, projects=projects)
    lights = lights_compute(month=month, projects=projects)
    return {"schedules": schedules, "lights": lights}
