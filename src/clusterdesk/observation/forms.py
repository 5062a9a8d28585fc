"""Forms of the observation pages: a series with its eligibility defaults, a round with its judges. They save
through the services."""

from django import forms
from django.contrib.auth import get_user_model

from clusterdesk.common.forms import ScopedModelForm

from . import services
from .models import ObservationRound, ObservationSeries

__all__ = ["RoundForm", "SeriesForm"]


class SeriesForm(ScopedModelForm):
    class Meta(ScopedModelForm.Meta):
        model = ObservationSeries
        fields = ["name", "region", "min_investment_wan", "industrial_only", "new_or_completed",
                  "min_equipment_share", "trim", "min_judges"]

    def save_with(self, *, actor) -> ObservationSeries:
        from clusterdesk.common.services import object_update

        if self.instance.pk:
            return object_update(instance=self.instance, actor=actor)
        return services.series_create(series=self.instance, actor=actor)


class RoundForm(ScopedModelForm):
    named_regions = ("host_region",)

    class Meta(ScopedModelForm.Meta):
        model = ObservationRound
        fields = ["series", "number", "held_on", "host_region", "judges"]
        widgets = {"held_on": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        # Judges may be anyone who signs in (leaders, experts, officers of other bureaus), whatever their scope;
        # enterprise users never judge.
        self.fields["judges"].queryset = get_user_model().objects.filter(is_active=True).exclude(
            role="enterprise").order_by("username")

    def save_with(self, *, actor) -> ObservationRound:
        judges = list(self.cleaned_data.get("judges") or [])
        if not self.instance.pk:
            self.instance = services.round_create(round_=self.instance, actor=actor)
        return services.round_judges_set(round_=self.instance, judges=judges, actor=actor)
