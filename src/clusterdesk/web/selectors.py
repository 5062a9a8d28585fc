"""Read-side aggregates for the dashboard, always over the user's scope."""

from decimal import Decimal

from django.db.models import Count, Q, Sum

from clusterdesk.enterprises.models import Enterprise
from clusterdesk.parks.models import Park
from clusterdesk.projects.choices import OPEN_PROBLEM_STATUSES, LibraryStatusChoices, ProjectStageChoices
from clusterdesk.projects.models import Problem, Project

__all__ = ["dashboard_summary", "global_search"]


def dashboard_summary(*, user) -> dict:
    """Counts, investment by stage, projects by cluster and open problems within the user's scope.

    The stages count the projects in the libraries (在库), as the pipeline board does; withdrawn projects (退库)
    are counted apart, in ``withdrawn_count``. Projects are aggregated in one pass by stage and library status.
    """
    projects = Project.objects.restrict(user, "view")
    by_stage: dict[str, dict] = {}
    withdrawn_count = 0
    for row in projects.order_by().values("stage", "library_status").annotate(
            count=Count("pk"), investment=Sum("total_investment_wan"), completed=Sum("investment_completed_wan"),
            key=Count("pk", filter=~Q(key_level="general"))):
        if row["library_status"] == LibraryStatusChoices.ACTIVE:
            by_stage[row["stage"]] = row
        else:
            withdrawn_count += row["count"]
    stages = [
        {"stage": value, "label": str(label), "count": by_stage.get(value, {}).get("count", 0),
         "investment": by_stage.get(value, {}).get("investment") or Decimal(0),
         "completed": by_stage.get(value, {}).get("completed") or Decimal(0)}
        for value, label in ProjectStageChoices.choices
    ]
    from clusterdesk.industry.models import Cluster

    active = projects.filter(library_status=LibraryStatusChoices.ACTIVE)
    visible_clusters = Cluster.objects.restrict(user, "view")
    by_cluster = list(active.filter(cluster__in=visible_clusters).values("cluster__name").annotate(
        count=Count("pk"), investment=Sum("total_investment_wan")).order_by("-investment")[:10])
    enterprises = Enterprise.objects.restrict(user, "view").aggregate(
        total=Count("pk"), above_scale=Count("pk", filter=Q(above_scale=True)),
        key=Count("pk", filter=Q(key_enterprise=True)))
    open_problems = Problem.objects.restrict(user, "view").filter(status__in=OPEN_PROBLEM_STATUSES)
    return {
        "project_count": sum(s["count"] for s in stages),
        "withdrawn_count": withdrawn_count,
        "total_investment": sum((s["investment"] for s in stages), Decimal(0)),
        "completed_investment": sum((s["completed"] for s in stages), Decimal(0)),
        "key_project_count": sum(row["key"] for row in by_stage.values()),
        "park_count": Park.objects.restrict(user, "view").count(),
        "enterprises": enterprises,
        "open_problem_count": open_problems.count(),
        "stages": stages,
        "by_cluster": by_cluster,
        "urgent_problems": open_problems.select_related("project").order_by("due_date")[:8],
    }


SEARCH_LIMIT = 20


def global_search(*, user, query: str) -> list[tuple[str, list]]:
    """Projects, enterprises, parks and clusters whose name or code contains ``query``, within the user's scope."""
    from clusterdesk.industry.models import Cluster

    query = query.strip()
    if not query:
        return []
    sources = [
        (Project, Q(name__icontains=query) | Q(code__icontains=query), ("region",)),
        (Enterprise, Q(name__icontains=query) | Q(uscc__icontains=query), ("region",)),
        (Park, Q(name__icontains=query) | Q(short_name__icontains=query), ("region",)),
        (Cluster, Q(name__icontains=query), ("region",)),
    ]
    results = []
    for model, condition, related in sources:
        rows = list(model.objects.restrict(user, "view").filter(condition).select_related(*related)[:SEARCH_LIMIT])
        if rows:
            results.append((model._meta.verbose_name_plural, rows))
    return results
