"""Map pages, the boundaries endpoint and the leaders' cockpit (thin: the reads are in `selectors`)."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views import View

from . import selectors
from .boundaries import boundary_collection, boundary_source

__all__ = ["BoundariesView", "CockpitDataView", "CockpitView", "MapView"]

#: Roles that open the cockpit (leaders and officers of a province, city or county; the read-only viewers).
COCKPIT_ROLES = frozenset({"admin", "province_officer", "city_officer", "county_officer", "viewer"})

#: Seconds the cockpit's JSON is kept per user (it refreshes itself every 60 s).
COCKPIT_CACHE_SECONDS = 30


def _area(request, code: str | None):
    if request.user.role == "enterprise" and not request.user.is_administrator:
        raise PermissionDenied  # an enterprise's users see their own enterprise, not the region's map
    area = selectors.region_in_area(request.user, code) if code else selectors.map_area(request.user)
    if area is None:
        raise Http404
    return area


def _cockpit_allowed(request) -> None:
    if not (request.user.is_administrator or request.user.role in COCKPIT_ROLES):
        raise PermissionDenied


class BoundariesView(LoginRequiredMixin, View):
    """GeoJSON of the divisions of a region inside the user's map area (cached per code)."""

    def get(self, request, code):
        area = _area(request, code)
        response = HttpResponse(boundary_collection(area.code), content_type="application/geo+json")
        response["Cache-Control"] = "private, max-age=3600"
        return response


class MapView(LoginRequiredMixin, View):
    """The map of the user's area (or a city inside it): parks, projects and choropleths by division."""

    def get(self, request):
        area = _area(request, request.GET.get("region"))
        return render(request, "maps/map.html", {
            "area": area, "layers": selectors.map_layers(request.user, area), "source": boundary_source()})


class CockpitView(LoginRequiredMixin, View):
    """The leaders' cockpit (领导驾驶舱): a 1920×1080 screen that fetches its figures every 60 s."""

    def get(self, request):
        _cockpit_allowed(request)
        area = _area(request, None)
        return render(request, "maps/cockpit.html", {"area": area, "source": boundary_source()})


class CockpitDataView(LoginRequiredMixin, View):
    """The cockpit's figures as JSON, kept briefly per user."""

    def get(self, request):
        _cockpit_allowed(request)
        key = f"maps:cockpit:{request.user.pk}:{request.LANGUAGE_CODE}"
        data = cache.get(key)
        if data is None:
            data = selectors.cockpit_data(request.user)
            cache.set(key, data, COCKPIT_CACHE_SECONDS)
        return JsonResponse(data)
