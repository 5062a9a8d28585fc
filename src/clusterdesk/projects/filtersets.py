"""Filters of the project list."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from clusterdesk.common.filtersets import BaseFilterSet, OrderingFilter, RegionSubtreeFilter
from clusterdesk.industry.models import Cluster
from clusterdesk.parks.models import Park

from .choices import (
    CoordinationLevelChoices,
    KeyLevelChoices,
    LibraryStatusChoices,
    LightChoices,
    ProblemCategoryChoices,
    ProblemStatusChoices,
    ProjectStageChoices,
    ProjectTypeChoices,
)
from .models import Problem, Project

__all__ = ["PipelineFilterSet", "ProblemFilterSet", "ProjectFilterSet"]


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
    ordering = OrderingFilter(
        fields=(("total_investment_wan", "investment"), ("planned_start_date", "start"), ("name", "name"),
                ("code", "code")),
        field_labels={"total_investment_wan": _("Total investment"), "planned_start_date": _("Planned start"),
                      "name": _("Name"), "code": _("Code")},
        label=_("Order by"))

    class Meta:
        model = Project
        fields = ["q", "region", "stage", "key_level", "park", "cluster", "green_channel", "min_investment_wan"]


class PipelineFilterSet(ProjectFilterSet):
    """The project filters plus the pipeline's: light, type, library status, leader, unit (the lists use it)."""

    current_light = django_filters.MultipleChoiceFilter(choices=LightChoices.choices, label=_("Light"))
    project_type = django_filters.ChoiceFilter(choices=ProjectTypeChoices.choices, label=_("Project type"))
    library_status = django_filters.ChoiceFilter(choices=LibraryStatusChoices.choices, label=_("Library status"))
    leader = django_filters.CharFilter(field_name="responsible_leader", label=_("Responsible leader"))
    unit = django_filters.CharFilter(field_name="responsible_unit", label=_("Responsible unit"))
    cluster_name = django_filters.CharFilter(field_name="cluster__name", widget=forms.HiddenInput)
    park_name = django_filters.CharFilter(field_name="park__name", widget=forms.HiddenInput)

    class Meta(ProjectFilterSet.Meta):
        fields = [*ProjectFilterSet.Meta.fields, "current_light", "project_type", "library_status", "leader", "unit",
                  "cluster_name", "park_name"]


class ProblemFilterSet(BaseFilterSet):
    search_fields = ("description", "owner_unit", "owner_person", "project__name")
    region = RegionSubtreeFilter(path="project__region")
    status = django_filters.MultipleChoiceFilter(choices=ProblemStatusChoices.choices, label=_("Status"))
    category = django_filters.ChoiceFilter(choices=ProblemCategoryChoices.choices, label=_("Category"))
    coordination_level = django_filters.ChoiceFilter(choices=CoordinationLevelChoices.choices,
                                                     label=_("Coordination level"))
    owner_unit = django_filters.CharFilter(lookup_expr="icontains", label=_("Owner unit"))
    overdue = django_filters.BooleanFilter(method="filter_overdue", label=_("Overdue"))

    class Meta:
        model = Problem
        fields = ["q", "region", "status", "category", "coordination_level", "owner_unit", "overdue"]

    def filter_overdue(self, queryset, name, value):
        from django.utils import timezone

        from .choices import OPEN_PROBLEM_STATUSES

        overdue = queryset.filter(status__in=OPEN_PROBLEM_STATUSES, due_date__lt=timezone.localdate())
        if value is None:
            return queryset
        return overdue if value else queryset.exclude(pk__in=overdue.values("pk"))

