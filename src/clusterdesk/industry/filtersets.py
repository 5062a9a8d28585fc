"""Filters of the cluster, chain and industry-code lists."""

import django_filters
from django.utils.translation import gettext_lazy as _

from clusterdesk.common.filtersets import BaseFilterSet, RegionSubtreeFilter

from .choices import ClusterLevelChoices, IndustryLevelChoices
from .models import Chain, Cluster, IndustryCode

__all__ = ["ChainFilterSet", "ClusterFilterSet", "IndustryCodeFilterSet"]


class ClusterFilterSet(BaseFilterSet):
    region = RegionSubtreeFilter()
    level = django_filters.ChoiceFilter(choices=ClusterLevelChoices.choices, label=_("Level"))

    class Meta:
        model = Cluster
        fields = ["q", "region", "level"]


class ChainFilterSet(BaseFilterSet):
    search_fields = ("name", "cluster__name")

    class Meta:
        model = Chain
        fields = ["q", "cluster"]


class IndustryCodeFilterSet(BaseFilterSet):
    search_fields = ("name", "code", "numeric_code")
    level = django_filters.ChoiceFilter(choices=IndustryLevelChoices.choices, label=_("Level"))

    class Meta:
        model = IndustryCode
        fields = ["q", "level"]
