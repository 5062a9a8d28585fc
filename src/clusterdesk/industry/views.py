"""Pages for clusters, chains and the industry classification."""

from django.db.models import Count, Sum
from django.urls import reverse
from django.utils.translation import gettext_lazy

from clusterdesk.common.tables import Column
from clusterdesk.common.views import ObjectDetailView, ObjectEditView, ObjectListView
from clusterdesk.enterprises.models import Enterprise
from clusterdesk.projects.models import Project

from .filtersets import ChainFilterSet, ClusterFilterSet, IndustryCodeFilterSet
from .forms import ClusterForm
from .models import Chain, Cluster, IndustryCode, SupplyEdge

__all__ = ["ChainDetailView", "ChainListView", "ClusterDetailView", "ClusterEditView", "ClusterListView",
           "IndustryCodeListView"]


class ClusterListView(ObjectListView):
    model = Cluster
    filterset_class = ClusterFilterSet
    select_related = ("region",)
    columns = [
        Column("name", gettext_lazy("Name"), kind="link"),
        Column("region", gettext_lazy("Region")),
        Column("level", gettext_lazy("Level"), kind="choice"),
        Column("target_year", gettext_lazy("Target year")),
        Column("target_output_wan", gettext_lazy("Target output"), kind="money"),
    ]

    def add_url(self):
        return reverse("industry:cluster_add")


class ClusterDetailView(ObjectDetailView):
    model = Cluster
    template_name = "industry/cluster_detail.html"
    select_related = ("region",)

    def extra_context(self, obj):
        projects = Project.objects.restrict(self.request.user, "view").filter(cluster=obj)
        return {
            "chains": obj.chains.annotate(segment_count=Count("segments")),
            "project_stats": projects.aggregate(count=Count("pk"), investment=Sum("total_investment_wan")),
            "leading": obj.leading_industries.all(),
        }


class ClusterEditView(ObjectEditView):
    model = Cluster
    form_class = ClusterForm


class ChainListView(ObjectListView):
    model = Chain
    filterset_class = ChainFilterSet
    select_related = ("cluster",)
    columns = [
        Column("name", gettext_lazy("Name"), kind="link"),
        Column("cluster", gettext_lazy("Cluster")),
    ]


class ChainDetailView(ObjectDetailView):
    model = Chain
    template_name = "industry/chain_detail.html"
    select_related = ("cluster",)

    def extra_context(self, obj):
        user = self.request.user
        segments = list(obj.segments.prefetch_related("industry_codes"))
        enterprises = _count_by_segment(Enterprise.objects.restrict(user, "view").filter(chain_segments__chain=obj),
                                        "chain_segments")
        projects = _count_by_segment(Project.objects.restrict(user, "view").filter(chain_segment__chain=obj),
                                     "chain_segment")
        for segment in segments:
            segment.local_enterprises = enterprises.get(segment.pk, 0)
            segment.project_count = projects.get(segment.pk, 0)
        edges = SupplyEdge.objects.filter(source__chain=obj).values_list("source_id", "target_id")
        return {"segments": segments, "edges": list(edges),
                "positions": [("upstream", gettext_lazy("Upstream")), ("midstream", gettext_lazy("Midstream")),
                              ("downstream", gettext_lazy("Downstream"))]}


def _count_by_segment(queryset, field: str) -> dict[int, int]:
    """Rows per chain segment, counted only over what the user may see."""
    return dict(queryset.values_list(field).annotate(n=Count("pk", distinct=True)))


class IndustryCodeListView(ObjectListView):
    model = IndustryCode
    filterset_class = IndustryCodeFilterSet
    page_size = 50
    columns = [
        Column("code", gettext_lazy("Code")),
        Column("numeric_code", gettext_lazy("Code as printed")),
        Column("name", gettext_lazy("Name")),
        Column("level", gettext_lazy("Level"), kind="choice"),
        Column("parent", gettext_lazy("Parent")),
    ]
