"""Filters of the park list."""

import django_filters
from django.utils.translation import gettext_lazy as _

from clusterdesk.common.filtersets import BaseFilterSet, RegionSubtreeFilter

from .choices import FeaturedStatusChoices, ParkLevelChoices, ParkTypeChoices
from .models import Park

__all__ = ["ParkFilterSet"]


class ParkFilterSet(BaseFilterSet):
    search_fields = ("name", "short_name")
    region = RegionSubtreeFilter()
    level = django_filters.ChoiceFilter(choices=ParkLevelChoices.choices, label=_("Level"))
    park_type = django_filters.ChoiceFilter(choices=ParkTypeChoices.choices, label=_("Type"))
    featured_status = django_filters.ChoiceFilter(choices=FeaturedStatusChoices.choices, label=_("Featured status"))

    class Meta:
        model = Park
        fields = ["q", "region", "level", "park_type", "featured_status"]
