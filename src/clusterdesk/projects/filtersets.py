"""Filters of the project list."""

import django_filters
from django.utils.translation import gettext_lazy as _

from clusterdesk.common.filtersets import BaseFilterSet, RegionSubtreeFilter
from clusterdesk.industry.models import Cluster
from clusterdesk.parks.models import Park

from .choices import KeyLevelChoices, ProjectStageChoices
from .models import Project

__all__ = ["ProjectFilterSet"]


class ProjectFilterSet(BaseFilterSet):
    search_fields = ("name", "code", "owner__name")
    region = RegionSubtreeFilter()
    stage = django_filters.MultipleChoiceFilter(choices=ProjectStageChoices.choices, label=_("Stage"))
    key_level = django_filters.ChoiceFilter(choices=KeyLevelChoices.choices, label=_("Key level"))
    park = django_filters.ModelChoiceFilter(queryset=Park.objects.all(), label=_("Park"))
    cluster = django_filters.ModelChoiceFilter(queryset=Cluster.objects.all(), label=_("Cluster"))
    green_channel = django_filters.BooleanFilter(label=_("Green channel"))
    min_investment_wan = django_filters.NumberFilter(field_name="total_investment_wan", lookup_expr="gte",
                                                     label=_("Investment at least (10k yuan)"))
    ordering = django_filters.OrderingFilter(
        fields=(("total_investment_wan", "investment"), ("planned_start_date", "start"), ("name", "name"),
                ("code", "code")),
        label=_("Order by"))

    class Meta:
        model = Project
        fields = ["q", "region", "stage", "key_level", "park", "cluster", "green_channel", "min_investment_wan"]

