"""Pages for the administrative divisions (reference data, readable by every signed-in user)."""

import django_filters
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Exists, OuterRef, Q, Sum
from django.http import JsonResponse
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from clusterdesk.accounts.scoping import region_ids_within_reach
from clusterdesk.common.filtersets import BaseFilterSet
from clusterdesk.common.tables import Column
from clusterdesk.common.views import ObjectDetailView, ObjectListView
from clusterdesk.enterprises.selectors import enterprise_list
from clusterdesk.parks.selectors import park_list
from clusterdesk.projects.selectors import project_list

from .models import Region

__all__ = ["RegionDetailView", "RegionListView", "region_path", "region_picker"]

PICKER_MATCHES = 20


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


def _pickable(ids: frozenset[int] | None):
    """The regions among ``ids`` (``None``: all), each marked with whether it has regions below it."""
    regions = Region.objects.annotate(has_children=Exists(Region.objects.filter(parent=OuterRef("pk"))))
    return regions if ids is None else regions.filter(pk__in=ids)


def region_path(region: Region, ids: frozenset[int] | None) -> list[dict]:
    """The region and the regions above it among ``ids``, from the top: what the picker shows selected."""
    codes = [*region.ancestor_codes, region.code]
    chain = {r.code: r for r in Region.objects.filter(code__in=codes)}
    return [{"id": r.pk, "name": r.name, "level": r.level}
            for code in codes if (r := chain.get(code)) and (ids is None or r.pk in ids)]


@require_GET
@login_required
def region_picker(request):
    """The regions in the user's scope as JSON for the cascading region picker.

    ``?parent=<id>`` lists the regions directly below one region; no parameter lists the top of the user's scope
    (the provinces for an administrator, a county officer's county); ``?q=`` finds regions by name or code, each
    with the path the picker selects; ``?id=<id>`` gives the path of one region (the value a form shows).
    ``anywhere=1`` answers from every region, for a region a record names rather than lies in (regions are
    public reference data; the form that takes it decides what it accepts).
    """
    ids = None if request.GET.get("anywhere") else region_ids_within_reach(request.user)
    regions = _pickable(ids)
    query = request.GET.get("q", "").strip()
    if query:
        matches = regions.filter(Q(name__contains=query) | Q(full_name__contains=query) | Q(code__startswith=query))
        return JsonResponse({"regions": [{"id": r.pk, "code": r.code, "name": r.full_name or r.name, "level": r.level,
                                          "path": region_path(r, ids)}
                                         for r in matches.order_by("code")[:PICKER_MATCHES]]})
    selected = request.GET.get("id", "")
    if selected.isdigit():
        region = regions.filter(pk=int(selected)).first()
        return JsonResponse({"path": region_path(region, ids) if region else []})
    parent = request.GET.get("parent", "")
    if parent.isdigit():
        level = regions.filter(parent_id=int(parent))
    else:
        level = regions.filter(level=Region.Level.PROVINCE) if ids is None else regions.exclude(parent_id__in=ids)
    return JsonResponse({"regions": [{"id": r.pk, "code": r.code, "name": r.name, "level": r.level,
                                      "children": r.has_children} for r in level.order_by("code")]})

