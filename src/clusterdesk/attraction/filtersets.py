"""Filters of the leads list."""

import django_filters
from django.utils.translation import gettext_lazy as _

from clusterdesk.common.filtersets import BaseFilterSet, RegionSubtreeFilter
from clusterdesk.regions.models import Region

from .choices import LeadStageChoices, TransferTypeChoices
from .models import Lead

__all__ = ["LeadFilterSet"]


class LeadFilterSet(BaseFilterSet):
    search_fields = ("name", "company")
    region = RegionSubtreeFilter(queryset=Region.objects.all(), label=_("Region"))
    stage = django_filters.ChoiceFilter(choices=LeadStageChoices.choices, label=_("Stage"))
    transfer_type = django_filters.ChoiceFilter(choices=TransferTypeChoices.choices, label=_("Industry-transfer type"))

    class Meta:
        model = Lead
        fields = ["q", "region", "stage", "transfer_type"]
