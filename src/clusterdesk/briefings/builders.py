"""The built-in kinds of briefing and their builders: the monthly project 调度 briefing, the per-mu results
notice, a cluster's quarterly report and the monthly enterprise-monitoring report.

Every builder reads through the acting user's scope: each app's selectors, or its models through `restrict`, and
narrows to the region asked for by region code. Figures are formatted by `clusterdesk.core.briefings`; headings and
column titles are gettext'd (the briefing is written in the active language, Chinese by default).
"""

import datetime
from collections import Counter, defaultdict
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from clusterdesk.common.review import COUNTED_STATES
from clusterdesk.core.briefings import (
    BriefChart,
    BriefParagraph,
    BriefSection,
    BriefTable,
    competition_ranks,
    format_money,
    format_percent,
)
from clusterdesk.core.supervision import plan_completion, time_progress

from .registry import BriefingContent, BriefingRequest, register_briefing_kind

__all__ = ["CLUSTER_FACTS", "build_cluster", "build_monitoring_monthly", "build_per_mu", "build_projects_monthly",
           "cluster_rows", "register_builtin_kinds"]

OPEN_PROBLEM_STATUSES = ("raised", "assigned", "in_progress", "reopened")
MAX_LIST = 30  # rows of a name list in the document (the .xlsx annex has the same tables)


def _next_month(month: datetime.date) -> datetime.date:
    return datetime.date(month.year + 1, 1, 1) if month.month == 12 else datetime.date(month.year, month.month + 1, 1)


def _in_region(region: Any, path: str) -> Q:
    """Rows whose region (at ``path``) lies in ``region``'s subtree; everything when no region is asked for."""
    return Q(**{f"{path}__code__startswith": region.code_prefix}) if region is not None else Q()


def _pct_str(value: Decimal | None) -> str:
    return "—" if value is None else f"{value.quantize(Decimal('0.1'))}%"


# --- projects-monthly: the monthly 调度 briefing -----------------------------------------------------------------

def _project_groups(request: BriefingRequest, by: str) -> list[dict]:
    """Per county (``region``) or park: lights, start rate, investment completed against the annual plan."""
    from clusterdesk.projects.models import ProjectLight
    from clusterdesk.projects.selectors import project_list

    month, user = request.period, request.user
    end = _next_month(month)
    key, name = (f"project__{by}_id", f"project__{by}__name")
    lights = (ProjectLight.objects.restrict(user, "view").filter(month=month)
              .filter(_in_region(request.region, "project__region")))
    groups = {row[key]: row for row in lights.values(key, name).order_by().annotate(
        total=Count("pk"), red=Count("pk", filter=Q(light="red")), yellow=Count("pk", filter=Q(light="yellow")),
        plan=Sum("annual_plan_wan"), ytd=Sum("year_to_date_wan"))}
    planned: dict[Any, list[int]] = defaultdict(lambda: [0, 0])
    projects = project_list(user=user).filter(_in_region(request.region, "region"),
                                              planned_start_date__year=month.year, planned_start_date__lt=end)
    for group, actual in projects.values_list(f"{by}_id", "actual_start_date"):
        planned[group][0] += 1
        planned[group][1] += int(actual is not None and actual < end)
    rows = []
    for group_id, row in groups.items():
        plan, ytd = row["plan"] or Decimal(0), row["ytd"] or Decimal(0)
        completion, _progress = plan_completion(plan, ytd, month.month)
        count, started = planned.get(group_id, (0, 0))
        rows.append({"id": group_id, "name": row[name] or _("(no park)"), "total": row["total"], "red": row["red"],
                     "yellow": row["yellow"], "planned": count, "started": started, "plan": plan, "ytd": ytd,
                     "completion": completion})
    ranks = competition_ranks([r["completion"] if r["completion"] is not None else Decimal(-1) for r in rows])
    for row, rank in zip(rows, ranks, strict=True):
        row["rank"] = rank
    return sorted(rows, key=lambda r: (r["rank"], r["name"]))


def _group_table(title: str, first: str, rows: list[dict]) -> BriefTable:
    columns = (first, _("Projects"), _("Planned starts"), _("Started"), _("Start rate"), _("Annual plan (10k yuan)"),
               _("Completed this year (10k yuan)"), _("Completion"), _("Red"), _("Yellow"), _("Rank"))
    return BriefTable(title, columns, tuple(
        (r["name"], str(r["total"]), str(r["planned"]), str(r["started"]), format_percent(r["started"], r["planned"]),
         f"{r['plan']:,.1f}", f"{r['ytd']:,.1f}", _pct_str(r["completion"]), str(r["red"]), str(r["yellow"]),
         str(r["rank"])) for r in rows))


def build_projects_monthly(request: BriefingRequest) -> BriefingContent:
    """The monthly project 调度 briefing: totals, per county and park, red and yellow lights with their reasons,
    overdue problems by owner unit, and the rankings by completion of the annual plan."""
    from clusterdesk.projects.models import Problem, ProjectLight

    month, user = request.period, request.user
    counties = _project_groups(request, "region")
    parks = _project_groups(request, "park")
    planned = sum(r["planned"] for r in counties)
    started = sum(r["started"] for r in counties)
    plan = sum((r["plan"] for r in counties), Decimal(0))
    ytd = sum((r["ytd"] for r in counties), Decimal(0))
    completion, _progress = plan_completion(plan, ytd, month.month)
    red = sum(r["red"] for r in counties)
    yellow = sum(r["yellow"] for r in counties)
    lights = (ProjectLight.objects.restrict(user, "view").filter(month=month, light__in=("red", "yellow"))
              .filter(_in_region(request.region, "project__region"))
              .select_related("project", "project__region")
              .order_by("-light", "project__region__code", "project__name"))
    light_rows = tuple((lt.project.name, lt.project.region.name, _("Red") if lt.light == "red" else _("Yellow"),
                        lt.summary or "；".join(str(r) for r in lt.reasons)) for lt in lights[:MAX_LIST * 2])
    end = _next_month(month)
    overdue = (Problem.objects.restrict(user, "view").filter(status__in=OPEN_PROBLEM_STATUSES, due_date__lt=end)
               .filter(_in_region(request.region, "project__region")))
    by_unit = list(overdue.values("owner_unit").order_by().annotate(n=Count("pk")).order_by("-n", "owner_unit"))
    overdue_count = sum(row["n"] for row in by_unit)
    values = {
        "projects": str(sum(r["total"] for r in counties)), "planned_starts": str(planned), "started": str(started),
        "start_rate": format_percent(started, planned), "annual_plan": format_money(plan),
        "completed": format_money(ytd), "completion": _pct_str(completion),
        "time_progress": _pct_str(time_progress(month.month)), "red": str(red), "yellow": str(yellow),
        "overdue_problems": str(overdue_count),
    }
    overview = BriefSection(_("Overall progress"), blocks=(BriefParagraph(_(
        "Of {planned} projects planned to start this year by the end of the month, {started} have started "
        "(start rate {rate}). Investment completed this year is {ytd} against an annual plan of {plan} ({completion}; "
        "time progress {progress}).").format(planned=planned, started=started, rate=values["start_rate"],
                                             ytd=values["completed"], plan=values["annual_plan"],
                                             completion=values["completion"], progress=values["time_progress"])),))
    chart = BriefChart(_("Completion of the annual plan by county (%, the first 20)"),
                       tuple(r["name"] for r in counties),
                       tuple(float(r["completion"] or 0) for r in counties), "%")
    by_area = BriefSection(_("By county and park"), sections=(
        BriefSection(_("By county"), blocks=(_group_table(_("Table 1 Projects by county"), _("County"), counties),
                                             chart)),
        BriefSection(_("By park"), blocks=(_group_table(_("Table 2 Projects by park"), _("Park"), parks),)),
    ))
    lights_section = BriefSection(_("Red and yellow lights"), blocks=(
        BriefParagraph(_("This month {red} projects show a red light and {yellow} a yellow light.").format(
            red=red, yellow=yellow)),
        BriefTable(_("Table 3 Projects with red and yellow lights"),
                   (_("Project"), _("County"), _("Light"), _("Reasons")), light_rows),
    ))
    problems = BriefSection(_("Overdue problems by unit"), blocks=(
        BriefParagraph(_("{count} problems are open past their due date.").format(count=overdue_count)),
        BriefTable(_("Table 4 Overdue problems by owner unit"), (_("Unit"), _("Overdue problems")),
                   tuple((row["owner_unit"], str(row["n"])) for row in by_unit[:MAX_LIST])),
    ))
    ranking = BriefSection(_("Rankings"), blocks=(BriefTable(
        _("Table 5 Counties ranked by completion of the annual plan"), (_("Rank"), _("County"), _("Completion")),
        tuple((str(r["rank"]), r["name"], _pct_str(r["completion"])) for r in counties)),))
    return BriefingContent(values, (overview, by_area, lights_section, problems, ranking))


# --- per-mu: the evaluation results notice ------------------------------------------------------------------------

def build_per_mu(request: BriefingRequest) -> BriefingContent:
    """The per-mu evaluation results (亩均效益评价结果): the latest evaluated year up to the period's, A/B/C/D classes
    by county, and the lists of A-class and D-class enterprises."""
    from clusterdesk.evaluation.selectors import sheet_list

    sheets = (sheet_list(user=request.user).filter(run__year__lte=request.period.year).exclude(final_class="")
              .filter(_in_region(request.region, "enterprise__region")))
    year = sheets.order_by("-run__year").values_list("run__year", flat=True).first()
    classes = ("A", "B", "C", "D")
    counts: dict[str, Counter] = defaultdict(Counter)
    lists: dict[str, list[tuple[str, ...]]] = {"A": [], "D": []}
    if year is not None:
        rows = (sheets.filter(run__year=year).order_by("rank", "enterprise__name")
                .values_list("enterprise__name", "enterprise__region__name", "final_class", "total"))
        for name, county, klass, total in rows:
            counts[county][klass] += 1
            if klass in lists:
                lists[klass].append((name, county, f"{total:.2f}" if total is not None else "—"))
    total = Counter()
    for counter in counts.values():
        total.update(counter)
    evaluated = sum(total.values())
    values = {"year": str(year or "—"), "evaluated": str(evaluated),
              **{f"class_{k.lower()}": str(total[k]) for k in classes},
              "share_a": format_percent(total["A"], evaluated), "share_d": format_percent(total["D"], evaluated)}
    table = BriefTable(_("Table 1 Classes by county"), (_("County"), "A", "B", "C", "D", _("Evaluated")), tuple(
        (county, *(str(counts[county][k]) for k in classes), str(sum(counts[county].values())))
        for county in sorted(counts)))
    chart = BriefChart(_("Enterprises by class"), classes, tuple(float(total[k]) for k in classes),
                       _("enterprises"))
    columns = (_("Enterprise"), _("County"), _("Score"))
    sections = (
        BriefSection(_("Results by county"), blocks=(table, chart)),
        BriefSection(_("Lists"), sections=(
            BriefSection(_("Class A enterprises"), blocks=(BriefTable(_("Table 2 Class A enterprises"), columns,
                                                                      tuple(lists["A"][:MAX_LIST])),)),
            BriefSection(_("Class D enterprises"), blocks=(BriefTable(_("Table 3 Class D enterprises"), columns,
                                                                      tuple(lists["D"][:MAX_LIST])),)),
        )),
    )
    return BriefingContent(values, sections)


# --- cluster: the quarterly report -------------------------------------------------------------------------------

#: Extra facts per cluster: functions ``(clusters, request) -> {cluster_pk: {column title: text}}`` whose columns
#: are appended to the cluster table (the cluster targets, gaps and chain chiefs of issue 13 plug in here).
CLUSTER_FACTS: list[Callable[[list[Any], BriefingRequest], dict[int, dict[str, str]]]] = []


def _cluster_members(clusters: list[Any], request: BriefingRequest) -> dict[int, dict[str, str]]:
    """Enterprises on the cluster's chains in scope, above-scale ones, last year's output against the target, and
    the open investment leads of the cluster."""
    from clusterdesk.attraction.models import Lead
    from clusterdesk.enterprises.models import Enterprise, EnterpriseYearFigure

    user, ids = request.user, [c.pk for c in clusters]
    enterprises = Enterprise.objects.restrict(user, "view").filter(_in_region(request.region, "region"))
    links = (Enterprise.chain_segments.through.objects.filter(enterprise__in=enterprises.values("pk"),
                                                              chainsegment__chain__cluster__in=ids)
             .values_list("chainsegment__chain__cluster_id", "enterprise_id").distinct())
    members: dict[int, set[int]] = defaultdict(set)
    for cluster_id, enterprise_id in links:
        members[cluster_id].add(enterprise_id)
    everyone = set().union(*members.values()) if members else set()
    above = set(enterprises.filter(pk__in=everyone, above_scale=True).values_list("pk", flat=True))
    year = request.period.year - 1
    output = dict(EnterpriseYearFigure.objects.restrict(user, "view").filter(enterprise__in=everyone, year=year)
                  .values_list("enterprise_id", "output_wan"))
    leads = dict(Lead.objects.restrict(user, "view").filter(cluster__in=ids, signed_date__isnull=True)
                 .filter(_in_region(request.region, "region")).values("cluster_id").order_by()
                 .annotate(n=Count("pk")).values_list("cluster_id", "n"))
    facts = {}
    for cluster in clusters:
        mine = members.get(cluster.pk, set())
        total = sum((output.get(pk) or Decimal(0) for pk in mine), Decimal(0))
        facts[cluster.pk] = {
            _("Enterprises"): str(len(mine)), _("Above scale"): str(len(mine & above)),
            _("Output {year} (10k yuan)").format(year=year): f"{total:,.1f}",
            _("Open leads"): str(leads.get(cluster.pk, 0)),
        }
    return facts


def _money_or_dash(value: Any) -> str:
    return "—" if value is None else format_money(Decimal(str(value)))


def _share_or_dash(value: Any) -> str:
    return "—" if value is None else f"{float(value) * 100:.1f}%"


def _month_end(request: BriefingRequest) -> datetime.date:
    return _next_month(request.period) - datetime.timedelta(days=1)


def _cluster_targets(clusters: list[Any], request: BriefingRequest) -> dict[int, dict[str, str]]:
    """The year's targets (`industry.selectors.cluster_target_progress`) against what the cluster's enterprises in
    scope add up to by the end of the month: output, the gap, the share achieved against the share of the year
    elapsed (序时进度), and the above-size count."""
    from clusterdesk.industry.selectors import cluster_target_progress

    year, facts = request.period.year, {}
    for cluster in clusters:
        progress = cluster_target_progress(request.user, cluster, year, today=_month_end(request),
                                           region=request.region, as_of=_month_end(request))
        output, above = progress["output"], progress["above_scale"]
        facts[cluster.pk] = {
            _("Target output {year}").format(year=year): _money_or_dash(output["target"]),
            _("Output so far"): _money_or_dash(output["actual"]),
            _("Gap to target"): _money_or_dash(output["gap"]),
            _("Share achieved"): _share_or_dash(output["achieved_share"]),
            _("Share of the year elapsed"): _share_or_dash(progress["elapsed_share"]),
            _("Above-size target"): "—" if above["target"] is None
            else f"{above['actual']:.0f} / {above['target']:.0f}",
        }
    return facts


def _segment_rates(clusters: list[Any], request: BriefingRequest) -> list[tuple[str, ...]]:
    """Each cluster segment with a 本地配套率 target or purchases: the target, the rate reached and the gap."""
    from clusterdesk.industry.selectors import cluster_target_progress

    rows = []
    for cluster in clusters:
        progress = cluster_target_progress(request.user, cluster, request.period.year, today=_month_end(request),
                                           region=request.region, as_of=_month_end(request))
        for seg in progress["segments"]:
            if seg["target_rate"] is None:
                continue
            rows.append((cluster.name, seg["segment"], f"{seg['target_rate'] * 100:.1f}%",
                         "—" if seg["actual_rate"] is None else f"{seg['actual_rate'] * 100:.1f}%",
                         f"{seg['gap'] * 100:.1f}"))
    return rows


CLUSTER_FACTS.append(_cluster_targets)


def cluster_rows(request: BriefingRequest) -> tuple[list[str], list[tuple[str, ...]], list[Any]]:
    """The cluster table: column titles, one row of text per cluster in scope, and the clusters; the columns come
    from `_cluster_members` then every function in `CLUSTER_FACTS`."""
    from clusterdesk.industry.selectors import cluster_list

    clusters = list(cluster_list(user=request.user).select_related("region").order_by("region__code", "name"))
    if request.region is not None:
        prefix, codes = request.region.code_prefix, set(request.region.ancestor_codes)
        clusters = [c for c in clusters if c.region.code.startswith(prefix) or c.region.code in codes]
    facts = [_cluster_members(clusters, request), *(extend(clusters, request) for extend in CLUSTER_FACTS)]
    columns = [_("Cluster"), _("Region")]
    for fact in facts:
        for row in fact.values():
            columns.extend(title for title in row if title not in columns)
            break
    rows = []
    for cluster in clusters:
        merged = {title: text for fact in facts for title, text in fact.get(cluster.pk, {}).items()}
        rows.append((cluster.name, cluster.region.name, *(merged.get(title, "—") for title in columns[2:])))
    return columns, rows, clusters


def build_cluster(request: BriefingRequest) -> BriefingContent:
    """A cluster's quarterly report: targets, metrics, gaps and leads of the clusters in scope."""
    columns, rows, clusters = cluster_rows(request)
    quarter = (request.period.month - 1) // 3 + 1
    values = {"quarter": str(quarter), "clusters": str(len(clusters))}
    sections = [BriefSection(_("Targets, metrics and gaps"), blocks=(BriefTable(_("Table 1 Clusters"),
                                                                               tuple(columns), tuple(rows)),))]
    segment_rows = _segment_rates(clusters, request)
    if segment_rows:
        sections.append(BriefSection(_("Local supply rate by chain segment"), blocks=(BriefTable(
            _("Table 2 Local supply rate against its target"),
            (_("Cluster"), _("Segment"), _("Target rate"), _("Rate reached"), _("Gap (points)")),
            tuple(segment_rows)),)))
    return BriefingContent(values, tuple(sections))


# --- monitoring-monthly: the enterprise-monitoring report -----------------------------------------------------------

def build_monitoring_monthly(request: BriefingRequest) -> BriefingContent:
    """The monthly enterprise-monitoring report: the key enterprises' counted monthly figures by county (with the
    change on the same month last year), and the month's warnings by level with the red and orange ones listed."""
    from clusterdesk.enterprise_service.models import EnterpriseWarning, MonthlyFigure

    user, month = request.user, request.period
    figures = (MonthlyFigure.objects.restrict(user, "view").filter(review_status__in=COUNTED_STATES)
               .filter(_in_region(request.region, "enterprise__region")))
    last_year = month.replace(year=month.year - 1)

    def by_county(period: datetime.date) -> dict[str, dict]:
        return {row["enterprise__region__name"]: row for row in figures.filter(period=period)
                .values("enterprise__region__name").order_by().annotate(
                    n=Count("pk"), output=Sum("output_wan"), revenue=Sum("revenue_wan"))}

    now, before = by_county(month), by_county(last_year)
    rows = []
    for county in sorted(now):
        row, prior = now[county], before.get(county, {})
        output, prior_output = row["output"] or Decimal(0), prior.get("output") or Decimal(0)
        change = format_percent(output - prior_output, prior_output) if prior_output else "—"
        rows.append((county, str(row["n"]), f"{output:,.1f}", f"{row['revenue'] or 0:,.1f}", change))
    total_output = sum((r["output"] or Decimal(0) for r in now.values()), Decimal(0))
    warnings = (EnterpriseWarning.objects.restrict(user, "view").filter(period=month)
                .filter(_in_region(request.region, "enterprise__region")))
    levels = dict(warnings.values_list("level").order_by().annotate(n=Count("pk")))
    serious = (warnings.filter(level__in=("red", "orange")).select_related("enterprise")
               .order_by("-level_rank", "enterprise__name")[:MAX_LIST])
    level_names = dict(EnterpriseWarning._meta.get_field("level").choices)
    rule_names = dict(EnterpriseWarning._meta.get_field("rule").choices)
    values = {"reporting": str(sum(r["n"] for r in now.values())), "output": format_money(total_output),
              "warnings": str(sum(levels.values())), "red_warnings": str(levels.get("red", 0)),
              "orange_warnings": str(levels.get("orange", 0))}
    return BriefingContent(values, (
        BriefSection(_("Monthly figures"), blocks=(BriefTable(
            _("Table 1 Key enterprises' monthly figures by county"),
            (_("County"), _("Enterprises reporting"), _("Output (10k yuan)"), _("Revenue (10k yuan)"),
             _("Output change on a year ago")), tuple(rows)),)),
        BriefSection(_("Warnings"), blocks=(
            BriefTable(_("Table 2 Warnings by level"), (_("Level"), _("Warnings")),
                       tuple((str(level_names.get(k, k)), str(n)) for k, n in sorted(levels.items()))),
            BriefTable(_("Table 3 Red and orange warnings"), (_("Enterprise"), _("Rule"), _("Level"), _("Explanation")),
                       tuple((w.enterprise.name, str(rule_names.get(w.rule, w.rule)),
                              str(level_names.get(w.level, w.level)), w.explanation) for w in serious)),
        )),
    ))


def register_builtin_kinds() -> None:
    """Register the four built-in kinds (from the app's ``ready``); the observation 通报 registers from its app."""
    register_briefing_kind(
        "projects-monthly", build_projects_monthly, title=gettext_lazy("Monthly project briefing"),
        default_title=gettext_lazy("{region} major projects: progress briefing for {period}"),
        default_opening=gettext_lazy(
            "In {period}, {started} of {planned_starts} projects planned to start have started (start rate "
            "{start_rate}); investment completed this year is {completed}, {completion} of the annual plan of "
            "{annual_plan}. {red} projects show a red light and {yellow} a yellow light; {overdue_problems} problems "
            "are overdue. The progress is briefed as follows."),
        default_closing=gettext_lazy("Units with red lights and overdue problems are to report their measures "
                                     "before the next scheduling meeting."))
    register_briefing_kind(
        "per-mu", build_per_mu, title=gettext_lazy("Per-mu evaluation results notice"),
        default_title=gettext_lazy("{region} notice of the {year} per-mu evaluation results"),
        default_opening=gettext_lazy(
            "{evaluated} enterprises were evaluated for {year}: {class_a} in class A ({share_a}), {class_b} in "
            "class B, {class_c} in class C and {class_d} in class D ({share_d}). The results are notified as "
            "follows."))
    register_briefing_kind(
        "cluster", build_cluster, title=gettext_lazy("Cluster quarterly report"),
        default_title=gettext_lazy("{region} industrial clusters: report for quarter {quarter} of {year}"),
        default_opening=gettext_lazy("This report covers {clusters} clusters: their targets, metrics, gaps and "
                                     "investment leads."))
    register_briefing_kind(
        "monitoring-monthly", build_monitoring_monthly, title=gettext_lazy("Monthly enterprise-monitoring report"),
        default_title=gettext_lazy("{region} key enterprises: monitoring report for {period}"),
        default_opening=gettext_lazy(
            "In {period}, {reporting} key enterprises reported figures, with output of {output}; {warnings} "
            "warnings were raised, {red_warnings} red and {orange_warnings} orange."))
