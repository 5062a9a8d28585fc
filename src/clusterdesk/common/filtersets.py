"""Filterset base: a free-text `q` over chosen fields and a region filter that takes the whole subtree."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from clusterdesk.accounts.scoping import scope_model
from clusterdesk.core.codes.region import region_prefix

__all__ = ["BaseFilterSet", "OrderingFilter", "RegionSubtreeFilter"]


class OrderingFilter(django_filters.OrderingFilter):
    """Sorting by labelled fields, each offered ascending and descending in the page's language."""

    descending_fmt = _("%s (descending)")

    def build_choices(self, fields, labels):
        choices = super().build_choices(fields, labels)
        return [(value, label if value.startswith("-") else _("%s (ascending)") % label) for value, label in choices]


class RegionSubtreeFilter(django_filters.ModelChoiceFilter):
    """Filter by a region and everything below it (a city shows its counties' rows)."""

    def __init__(self, *args, path: str = "region", **kwargs):
        self.path = path
        kwargs.setdefault("label", _("Region"))
        kwargs.setdefault("queryset", scope_model("scope_regions").objects.all())
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if not value:
            return qs
        return qs.filter(**{f"{self.path}__code__startswith": region_prefix(value.code)})


class BaseFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    search_fields: tuple[str, ...] = ("name",)

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        for field in self.form.fields.values():
            is_select = isinstance(field.widget, forms.Select | forms.SelectMultiple)
            field.widget.attrs.setdefault("class", "form-select form-select-sm" if is_select
                                          else "form-control form-control-sm")
            if isinstance(field.widget, forms.SelectMultiple):
                field.widget.attrs.setdefault("size", "3")
        if request is not None:
            self._restrict_choices(request.user)
        if request is not None:
            from clusterdesk.common.forms import REGION_MODEL, pick_regions_in_scope

            for field in self.form.fields.values():
                if isinstance(field, forms.ModelChoiceField) and field.queryset.model._meta.label_lower == REGION_MODEL:
                    pick_regions_in_scope(field, request.user)

    def _restrict_choices(self, user) -> None:
        """Every choice of a related object lists only what the user may see (and filters only by that)."""
        for name, filter_ in self.filters.items():
            queryset = getattr(filter_, "queryset", None)
            if queryset is not None and hasattr(queryset, "restrict"):
                filter_.queryset = queryset.restrict(user, "view")
                self.form.fields[name].queryset = filter_.queryset

    def search(self, qs, name, value):
        value = value.strip()
        if not value:
            return qs
        query = Q()
        for field in self.search_fields:
            query |= Q(**{f"{field}__icontains": value})
        return qs.filter(query)
