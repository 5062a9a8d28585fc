"""Filters of the enterprise list."""

import django_filters
from django.utils.translation import gettext_lazy as _

from clusterdesk.common.filtersets import BaseFilterSet, RegionSubtreeFilter
from clusterdesk.parks.models import Park

from .models import Enterprise

__all__ = ["EnterpriseFilterSet"]


class EnterpriseFilterSet(BaseFilterSet):
    search_fields = ("name", "uscc")
    region = RegionSubtreeFilter()
    park = django_filters.ModelChoiceFilter(queryset=Park.objects.all(), label=_("Park"))
    above_scale = django_filters.BooleanFilter(label=_("Above designated size"))
    key_enterprise = django_filters.BooleanFilter(label=_("Key enterprise"))
    chain_leader = django_filters.BooleanFilter(label=_("Chain leader"))
    industry = django_filters.CharFilter(method="filter_industry", label=_("Industry code"))

    class Meta:
        model = Enterprise
        fields = ["q", "region", "park", "industry", "above_scale", "key_enterprise", "chain_leader"]

    def filter_industry(self, qs, name, value):
        """A section, division, group or class code matches every class below it."""
        from clusterdesk.core.codes.industry import normalize_industry_code
        from clusterdesk.core.exceptions import CoreError

        try:
            code = normalize_industry_code(value)
        except CoreError:
            return qs.none()
        return qs.filter(industry__code__startswith=code)
