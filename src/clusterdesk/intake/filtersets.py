"""Filters of the visits list."""

import django_filters
from django.utils.translation import gettext_lazy as _

from clusterdesk.common.filtersets import BaseFilterSet

from .models import Visit

__all__ = ["VisitFilterSet"]


class VisitFilterSet(BaseFilterSet):
    search_fields = ("title", "people", "places")
    kind = django_filters.ChoiceFilter(choices=Visit.Kind.choices, label=_("Kind"))

    class Meta:
        model = Visit
        fields = ["q", "kind"]
