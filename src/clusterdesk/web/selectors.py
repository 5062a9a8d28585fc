"""Read-side aggregates for the dashboard, always over the user's scope."""

from decimal import Decimal

from django.apps import apps
from django.db.models import Count, Q, Sum

from clusterdesk.common.registry import registry
from clusterdesk.enterprises.models import Enterprise
from clusterdesk.parks.models import Park
from clusterdesk.projects.choices import OPEN_PROBLEM_STATUSES, ProjectStageChoices
from clusterdesk.projects.models import Problem, Project

__all__ = ["dashboard_summary", "global_search"]


def dashboard_summary(*, user) -> dict:
    """Counts, investment by stage, projects by cluster and open problems within the user's scope."""
    projects = Project.objects.restrict(user, "view")
    by_stage_rows = projects.values("stage").annotate(
        count=Count("pk"), investment=Sum("total_investment_wan"), completed=Sum("investment_completed_wan"))
    by_stage = {row["stage"]: row for row in by_stage_rows}
    stages = [
        {"stage": value, "label": str(label), "count": by_stage.get(value, {}).get("count", 0),
         "investment": by_stage.get(value, {}).get("investment") or Decimal(0),
         "completed": by_stage.get(value, {}).get("completed") or Decimal(0)}
        for value, label in ProjectStageChoices.choices
    ]
    from clusterdesk.industry.models import Cluster

    visible_clusters = Cluster.objects.restrict(user, "view")
    by_cluster = list(projects.filter(cluster__in=visible_clusters).values("cluster__name").annotate(
        count=Count("pk"), investment=Sum("total_investment_wan")).order_by("-investment")[:10])
    enterprises = Enterprise.objects.restrict(user, "view").aggregate(
        total=Count("pk"), above_scale=Count("pk", filter=Q(above_scale=True)),
        key=Count("pk", filter=Q(key_enterprise=True)))
    open_problems = Problem.objects.restrict(user, "view").filter(status__in=OPEN_PROBLEM_STATUSES)
    return {
        "project_count": sum(s["count"] for s in stages),
        "total_investment": sum((s["investment"] for s in stages), Decimal(0)),
        "completed_investment": sum((s["completed"] for s in stages), Decimal(0)),
        "key_project_count": projects.exclude(key_level="general").count(),
        "park_count": Park.objects.restrict(user, "view").count(),
        "enterprises": enterprises,
        "open_problem_count": open_problems.count(),
        "stages": stages,
        "by_cluster": by_cluster,
        "urgent_problems": open_problems.select_related("project").order_by("due_date")[:8],
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
