"""Pages for parks."""

from django.db.models import Count, Sum
from django.urls import reverse
from django.utils.translation import gettext_lazy

from clusterdesk.common.tables import Column
from clusterdesk.common.views import ObjectDetailView, ObjectEditView, ObjectListView
from clusterdesk.enterprises.selectors import enterprise_list
from clusterdesk.projects.selectors import project_list

from .filtersets import ParkFilterSet
from .forms import ParkForm
from .models import Park

__all__ = ["ParkDetailView", "ParkEditView", "ParkListView"]


class ParkListView(ObjectListView):
    model = Park
    filterset_class = ParkFilterSet
    select_related = ("region",)
    columns = [
        Column("name", gettext_lazy("Name"), kind="link"),
        Column("level", gettext_lazy("Level"), kind="choice"),
        Column("park_type", gettext_lazy("Type"), kind="choice"),
        Column("region", gettext_lazy("Region")),
        Column("planned_area_mu", gettext_lazy("Planned area"), kind="area"),
        Column("available_land_mu", gettext_lazy("Available land"), kind="area"),
        Column("featured_status", gettext_lazy("Featured status"), kind="choice"),
    ]

    def add_url(self):
        return reverse("parks:park_add")


class ParkDetailView(ObjectDetailView):
    model = Park
    template_name = "parks/park_detail.html"
    select_related = ("region",)

    def extra_context(self, obj):
        user = self.request.user
        projects = project_list(user=user).filter(park=obj)
        enterprises = enterprise_list(user=user).filter(park=obj)
        return {
            "project_stats": projects.aggregate(count=Count("pk"), investment=Sum("total_investment_wan")),
            "enterprise_stats": enterprises.aggregate(count=Count("pk")),
            "top_projects": projects.select_related("region")[:10],
            "key_enterprises": enterprises.filter(key_enterprise=True)[:10],
            "park_industries": obj.park_industries.select_related("industry"),
        }


class ParkEditView(ObjectEditView):
    model = Park
    form_class = ParkForm
