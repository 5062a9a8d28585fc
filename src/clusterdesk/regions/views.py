"""Pages for the administrative divisions (reference data, readable by every signed-in user)."""

import django_filters
from django.db.models import Count, Sum
from django.utils.translation import gettext_lazy

from clusterdesk.common.filtersets import BaseFilterSet
from clusterdesk.common.tables import Column
from clusterdesk.common.views import ObjectDetailView, ObjectListView
from clusterdesk.enterprises.selectors import enterprise_list
from clusterdesk.parks.selectors import park_list
from clusterdesk.projects.selectors import project_list

from .models import Region

__all__ = ["RegionDetailView", "RegionListView"]


class RegionFilterSet(BaseFilterSet):
    search_fields = ("name", "full_name", "code")
    level = django_filters.ChoiceFilter(choices=Region.Level.choices, label=gettext_lazy("Level"))
    parent = django_filters.CharFilter(field_name="parent__code", label=gettext_lazy("Parent code"))

    class Meta:
        model = Region
        fields = ["q", "level", "parent"]


class RegionListView(ObjectListView):
    model = Region
    filterset_class = RegionFilterSet
    select_related = ("parent",)
    page_size = 50
    columns = [
        Column("code", gettext_lazy("Code")),
        Column("full_name", gettext_lazy("Name"), kind="link"),
        Column("level", gettext_lazy("Level"), kind="choice"),
        Column("longitude", gettext_lazy("Longitude")),
        Column("latitude", gettext_lazy("Latitude")),
    ]


class RegionDetailView(ObjectDetailView):
    model = Region
    template_name = "regions/region_detail.html"
    select_related = ("parent",)

    def extra_context(self, obj):
        user = self.request.user
        below = {"region__code__startswith": obj.code_prefix}
        projects = project_list(user=user).filter(**below)
        return {
            "children": obj.children.all(),
            "project_stats": projects.aggregate(count=Count("pk"), investment=Sum("total_investment_wan")),
            "park_count": park_list(user=user).filter(**below).count(),
            "enterprise_count": enterprise_list(user=user).filter(**below).count(),
        }
