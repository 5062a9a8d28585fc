"""Read-side aggregates for the dashboard, always over the user's scope, and the review queue across the apps
whose monthly filings are reviewed (progress reports, enterprise figures)."""

import dataclasses
import datetime
from collections import defaultdict
from decimal import Decimal

from django.apps import apps
from django.db.models import Count, Q, Sum
from django.utils import timezone

from clusterdesk.common.registry import registry
from clusterdesk.common.review import ReviewStatusChoices, review_rules
from clusterdesk.core.review import ReviewDeadlines, review_deadlines
from clusterdesk.enterprise_service.models import MonthlyFigure
from clusterdesk.enterprise_service.selectors import figure_review_queue
from clusterdesk.enterprises.models import Enterprise
from clusterdesk.parks.models import Park
from clusterdesk.projects.choices import OPEN_PROBLEM_STATUSES, LibraryStatusChoices, ProjectStageChoices
from clusterdesk.projects.models import Problem, ProgressReport, Project
from clusterdesk.projects.selectors import report_review_queue

__all__ = ["Filing", "dashboard_summary", "filing_to_change", "filings_due", "filings_returned_to", "global_search",
           "review_queue_for"]

#: How many open problems the dashboard lists.
URGENT_PROBLEMS = 8


def dashboard_summary(*, user) -> dict:
    """Counts, investment by stage, projects by cluster and open problems within the user's scope.

    The stages count the projects in the libraries (在库), as the pipeline board does; withdrawn projects (退库)
    are counted apart, in ``withdrawn_count``. The projects are aggregated in one pass (by stage, library status
    and cluster, which one index covers); the enterprises in another. Rows are counted by their region (never
    empty), a column of those covering indexes, so that PostgreSQL too answers from the index alone.
    """
    projects = Project.objects.restrict(user, "view")
    by_stage: dict[str, dict] = defaultdict(lambda: {"count": 0, "investment": Decimal(0), "completed": Decimal(0)})
    by_cluster_id: dict[int, list] = defaultdict(lambda: [0, Decimal(0)])
    withdrawn_count = key_project_count = 0
    for row in projects.order_by().values("stage", "library_status", "cluster_id").annotate(
            count=Count("region"), investment=Sum("total_investment_wan"), completed=Sum("investment_completed_wan"),
            key=Count("region", filter=~Q(key_level="general"))):
        if row["library_status"] != LibraryStatusChoices.ACTIVE:
            withdrawn_count += row["count"]
            continue
        stage = by_stage[row["stage"]]
        stage["count"] += row["count"]
        stage["investment"] += row["investment"] or 0
        stage["completed"] += row["completed"] or 0
        key_project_count += row["key"]
        if row["cluster_id"] is not None:
            by_cluster_id[row["cluster_id"]][0] += row["count"]
            by_cluster_id[row["cluster_id"]][1] += row["investment"] or 0
    stages = [{"stage": value, "label": str(label), **by_stage[value]} for value, label in ProjectStageChoices.choices]
    from clusterdesk.industry.models import Cluster

    by_name: dict[str, list] = defaultdict(lambda: [0, Decimal(0)])
    for pk, name in Cluster.objects.restrict(user, "view").filter(pk__in=list(by_cluster_id)).values_list("pk",
                                                                                                          "name"):
        by_name[name][0] += by_cluster_id[pk][0]
        by_name[name][1] += by_cluster_id[pk][1]
    by_cluster = [{"cluster__name": name, "count": count, "investment": investment}
                  for name, (count, investment) in sorted(by_name.items(), key=lambda item: -item[1][1])[:10]]
    enterprises = Enterprise.objects.restrict(user, "view").aggregate(
        total=Count("region"), above_scale=Count("region", filter=Q(above_scale=True)),
        key=Count("region", filter=Q(key_enterprise=True)))
    # The open problems' ids, earliest due first, in one pass: their count, and the first few to show.
    open_ids = list(Problem.objects.restrict(user, "view").filter(status__in=OPEN_PROBLEM_STATUSES)
                    .order_by("due_date", "pk").values_list("pk", flat=True))
    urgent = Problem.objects.filter(pk__in=open_ids[:URGENT_PROBLEMS]).select_related("project").order_by(
        "due_date", "pk")
    return {
        "project_count": sum(s["count"] for s in stages),
        "withdrawn_count": withdrawn_count,
        "total_investment": sum((s["investment"] for s in stages), Decimal(0)),
        "completed_investment": sum((s["completed"] for s in stages), Decimal(0)),
        "key_project_count": key_project_count,
        "park_count": Park.objects.restrict(user, "view").count(),
        "enterprises": enterprises,
        "open_problem_count": len(open_ids),
        "stages": stages,
        "by_cluster": by_cluster,
        "urgent_problems": urgent,
    }


SEARCH_LIMIT = 20


def global_search(*, user, query: str) -> list[tuple[str, list]]:
    """Rows whose name or code contains ``query``, within the user's scope, grouped by model.

    The apps register where to look (`registry.register_search` in each app's ``search.py``): projects,
    enterprises, parks and clusters, in that order. At most ``SEARCH_LIMIT`` rows of each.
    """
    query = query.strip()
    if not query:
        return []
    results = []
    for source in registry.search_sources:
        model = apps.get_model(source.model)
        condition = Q()
        for field in source.fields:
            condition |= Q(**{f"{field}__icontains": query})
        rows = list(model.objects.restrict(user, "view").filter(condition)
                    .select_related(*source.select_related)[:SEARCH_LIMIT])
        if rows:
            results.append((model._meta.verbose_name_plural, rows))
    return results


@dataclasses.dataclass(frozen=True)
class Filing:
    """One filing waiting for a reviewer: its kind (``"report"`` or ``"figures"``), the row, what it is about, its
    month, who filed it, the step it waits for (review or report up), its deadline and whether that has passed."""

    kind: str
    row: object
    subject: object
    period: datetime.date
    filer: object
    status: str
    due: datetime.date
    overdue: bool


def review_queue_for(*, user, status: str = ReviewStatusChoices.FILED,
                     today: datetime.date | None = None) -> list[Filing]:
    """Every filing waiting for this user (待审核): filed progress reports and enterprise figures in their scope that
    their level reviews (``status="accepted"``: accepted ones they report up), oldest month first, each with its
    review (or report-up) deadline of `CLUSTERDESK["REVIEW"]`. The inbox reads this."""
    day = today or timezone.localdate()
    rules = review_rules()
    rows = []
    for kind, queue, subject in (("report", report_review_queue, "project"), ("figures", figure_review_queue,
                                                                             "enterprise")):
        for row in queue(user=user, status=status):
            deadlines = review_deadlines(row.period, rules)
            due = deadlines.review_by if status == ReviewStatusChoices.FILED else deadlines.report_by
            rows.append(Filing(kind, row, getattr(row, subject), row.period, row.reported_by, row.review_status, due,
                               day > due))
    return sorted(rows, key=lambda f: (f.period, f.kind, str(f.subject)))


def filing_to_change(*, user, kind: str, pk: int):
    """A progress report (``kind="report"``) or an enterprise's figures (``"figures"``) the user may change, or None."""
    model = {"report": ProgressReport, "figures": MonthlyFigure}[kind]
    return model.objects.restrict(user, "change").filter(pk=pk).first()


def filings_returned_to(*, user) -> list:
    """The user's own filings returned to them, with the reason, to correct and file again (newest month first)."""
    reports = ProgressReport.objects.restrict(user, "view").filter(
        reported_by=user, review_status=ReviewStatusChoices.RETURNED).select_related("project", "reviewed_by")
    figures = MonthlyFigure.objects.restrict(user, "view").filter(
        reported_by=user, review_status=ReviewStatusChoices.RETURNED).select_related("enterprise", "reviewed_by")
    return sorted([*reports, *figures], key=lambda row: row.period, reverse=True)


def filings_due(*, user, month: datetime.date, today: datetime.date | None = None) -> dict:
    """For a report month: its deadlines (file, review, report up), and how many of this user's filings wait for
    review and for report-up, and how many of those are past their deadline."""
    day = today or timezone.localdate()
    month = month.replace(day=1)
    deadlines: ReviewDeadlines = review_deadlines(month, review_rules())
    counts = {}
    for status, due in ((ReviewStatusChoices.FILED, deadlines.review_by),
                        (ReviewStatusChoices.ACCEPTED, deadlines.report_by)):
        waiting = report_review_queue(user=user, status=status).filter(period=month).count() + \
            figure_review_queue(user=user, status=status).filter(period=month).count()
        counts[str(status)] = {"waiting": waiting, "overdue": waiting if day > due else 0}
    return {"month": month, "deadlines": deadlines, "to_review": counts["filed"], "to_report": counts["accepted"]}
