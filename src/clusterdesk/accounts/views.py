"""User administration pages (administrators only: the scoping function gives others no rows) and the units'
pages (every signed-in user reads them; province and city officers keep those of their regions)."""

import django_filters
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from clusterdesk.common.filtersets import BaseFilterSet, RegionSubtreeFilter
from clusterdesk.common.tables import Column
from clusterdesk.common.views import ObjectDeleteView, ObjectDetailView, ObjectEditView, ObjectListView, ScopedView

from .forms import UnitForm, UserForm
from .models import Unit, UnitKind, User
from .roles import Role
from .scoping import role_permits

__all__ = ["UnitDeleteView", "UnitDetailView", "UnitEditView", "UnitListView", "UnmatchedUnitsView",
           "UserDetailView", "UserEditView", "UserListView"]


class UserFilterSet(BaseFilterSet):
    search_fields = ("username", "full_name", "unit")
    role = django_filters.ChoiceFilter(choices=Role.choices, label=gettext_lazy("Role"))

    class Meta:
        model = User
        fields = ["q", "role", "is_active"]


class UserListView(ObjectListView):
    model = User
    filterset_class = UserFilterSet
    columns = [
        Column("username", gettext_lazy("User name"), kind="link"),
        Column("full_name", gettext_lazy("Full name")),
        Column("role", gettext_lazy("Role"), kind="choice"),
        Column("unit", gettext_lazy("Unit")),
        Column("is_active", gettext_lazy("Active"), kind="bool"),
        Column("last_login", gettext_lazy("Last sign-in"), kind="date"),
    ]

    def add_url(self):
        return reverse("accounts:user_add")


class UserDetailView(ObjectDetailView):
    model = User
    template_name = "accounts/user_detail.html"


class UserEditView(ObjectEditView):
    model = User
    form_class = UserForm


class UnitFilterSet(BaseFilterSet):
    search_fields = ("name", "short_name", "aliases")
    region = RegionSubtreeFilter(label=gettext_lazy("Region"))
    kind = django_filters.ChoiceFilter(choices=UnitKind.choices, label=gettext_lazy("Kind"))

    class Meta:
        model = Unit
        fields = ["q", "region", "kind", "is_active"]


def _tree(units: list[Unit]) -> list[tuple[object, list[tuple[Unit, int]]]]:
    """The units grouped by region (in code order), each group as a tree: (unit, depth) with sub-units below."""
    groups: dict[int, list[Unit]] = {}
    for unit in units:
        groups.setdefault(unit.region_id, []).append(unit)
    result = []
    for members in groups.values():
        ids = {u.pk for u in members}
        children: dict[int | None, list[Unit]] = {}
        for unit in members:
            children.setdefault(unit.parent_id if unit.parent_id in ids else None, []).append(unit)
        rows: list[tuple[Unit, int]] = []

        def walk(parent_id, depth, rows=rows, children=children):
            for unit in children.get(parent_id, []):
                rows.append((unit, depth))
                walk(unit.pk, depth + 1)

        walk(None, 0)
        result.append((members[0].region, rows))
    return result


class UnitListView(ObjectListView):
    """The units as a tree by region (a page holds up to 300), filtered by region and kind, searched by any name."""

    model = Unit
    filterset_class = UnitFilterSet
    select_related = ("region", "parent")
    template_name = "accounts/unit_list.html"
    page_size = 300
    columns = [
        Column("name", gettext_lazy("Name"), kind="link"),
        Column("short_name", gettext_lazy("Short name")),
        Column("kind", gettext_lazy("Kind"), kind="choice"),
        Column("parent", gettext_lazy("Parent unit")),
        Column("region", gettext_lazy("Region")),
        Column("phone", gettext_lazy("Phone")),
        Column("is_active", gettext_lazy("Active"), kind="bool"),
    ]

    def add_url(self):
        return reverse("units:unit_add")

    def get(self, request):
        if request.GET.get("export"):
            return super().get(request)
        queryset = self.scoped_queryset("view")
        filterset = self.filterset_class(request.GET, queryset=queryset, request=request)
        rows = filterset.qs if filterset.is_valid() else queryset.none()
        page = Paginator(rows, self.page_size).get_page(request.GET.get("page"))
        return render(request, self.template_name, {
            "title": Unit._meta.verbose_name_plural, "meta": Unit._meta, "filterset": filterset, "page": page,
            "groups": _tree(list(page.object_list)), "can_add": role_permits(request.user, Unit, "add"),
            "add_url": self.add_url(), "can_review": _may_review_matching(request.user),
        })

    def scoped_queryset(self, action: str = "view"):
        from django.db.models import Count

        return super().scoped_queryset(action).annotate(member_count=Count("members")).order_by("region__code", "name")


class UnitDetailView(ObjectDetailView):
    model = Unit
    template_name = "accounts/unit_detail.html"
    select_related = ("region", "parent", "park")

    def extra_context(self, obj):
        # The inbox's tasks reach the unit through their ``unit`` link (tasks.Task.unit, related name ``tasks``),
        # read in the user's scope: this foundation imports no domain app.
        open_tasks = obj.tasks.restrict(self.request.user, "view").filter(status="open").count()
        return {
            "members": obj.members.filter(is_active=True).order_by("username"),
            "children": obj.children.select_related("region").order_by("region__code", "name"),
            "open_tasks": open_tasks,
        }


class UnitEditView(ObjectEditView):
    model = Unit
    form_class = UnitForm


class UnitDeleteView(ObjectDeleteView):
    model = Unit
    success_url = "/units/"

    @staticmethod
    def delete_service(obj, user):
        from .services import unit_delete

        unit_delete(unit=obj, actor=user)

    def post(self, request, pk):
        try:
            return super().post(request, pk)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return HttpResponseRedirect(reverse("units:unit_detail", args=[pk]))


def _may_review_matching(user) -> bool:
    return user.is_administrator or user.role in (Role.PROVINCE_OFFICER, Role.CITY_OFFICER)


class UnmatchedUnitsView(ScopedView):
    """The records whose free-text owner names no unit, in the user's scope, each linked to its page; an
    administrator may run the matching again here (after adding units or aliases)."""

    model = Unit
    limit = 1000

    def get(self, request):
        from django.apps import apps

        from .matching import match_free_text

        if not _may_review_matching(request.user):
            raise PermissionDenied
        plan = match_free_text(apps, base=lambda model: model._default_manager.restrict(request.user, "view"))
        rows = []
        by_model: dict[str, list] = {}
        for item in plan.unmatched[: self.limit]:
            by_model.setdefault(item.model, []).append(item)
        regions = Unit._meta.get_field("region").related_model.objects.in_bulk(
            {u.region_id for u in plan.unmatched[: self.limit] if u.region_id})
        for label, items in by_model.items():
            model = apps.get_model(label)
            found = model._default_manager.in_bulk([i.pk for i in items])
            for item in items:
                obj = found.get(item.pk)
                rows.append({"kind": model._meta.verbose_name, "object": obj, "text": item.text,
                             "region": regions.get(item.region_id), "url": obj.get_absolute_url() if obj else ""})
        return render(request, "accounts/unit_unmatched.html", {
            "rows": rows, "total": len(plan.unmatched),
            "matchable": {apps.get_model(label)._meta.verbose_name: n for label, n in plan.counts().items()},
            "limit": self.limit,
            "can_match": request.user.is_administrator,
        })

    def post(self, request):
        from .services import units_match_free_text

        if not request.user.is_administrator:
            raise PermissionDenied
        report = units_match_free_text(actor=request.user)
        messages.success(request, _("Linked %(count)s records to their units; %(left)s are left to check.")
                         % {"count": report.total_matched, "left": len(report.unmatched)})
        return HttpResponseRedirect(reverse("units:unmatched"))
