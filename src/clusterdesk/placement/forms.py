"""Forms for placement: agreements, placement weights, batch allocation."""

from django import forms
from django.utils.translation import gettext_lazy as _

from clusterdesk.common.forms import ScopedModelForm
from clusterdesk.core.optimization import DEFAULT_WEIGHTS
from clusterdesk.projects.choices import ProjectStageChoices

from .models import InterestAgreement
from .services import agreement_create, agreement_update

__all__ = ["AgreementForm", "BatchAllocationForm", "WeightsForm"]


class AgreementForm(ScopedModelForm):
    named_regions = ("referring_region",)  # the referring district is often another city's

    class Meta(ScopedModelForm.Meta):
        model = InterestAgreement
        fields = ["project", "referring_region", "hosting_region", "tax_share_pct", "output_share_pct",
                  "start_year", "years", "signed_date", "note"]

    def save_with(self, *, actor) -> InterestAgreement:
        service = agreement_update if self.instance.pk else agreement_create
        return service(agreement=self.instance, actor=actor)


class WeightsForm(forms.Form):
    """Points per criterion (out of 100 by default)."""

    industry = forms.FloatField(label=_("Industry fit"), min_value=0, initial=DEFAULT_WEIGHTS["industry"])
    chain = forms.FloatField(label=_("Chain synergy"), min_value=0, initial=DEFAULT_WEIGHTS["chain"])
    land = forms.FloatField(label=_("Land"), min_value=0, initial=DEFAULT_WEIGHTS["land"])
    evaluation = forms.FloatField(label=_("Park evaluation"), min_value=0, initial=DEFAULT_WEIGHTS["evaluation"])
    policy = forms.FloatField(label=_("Policy fit"), min_value=0, initial=DEFAULT_WEIGHTS["policy"])

    def weights(self) -> dict[str, float] | None:
        return {k: float(v) for k, v in self.cleaned_data.items() if v is not None} if self.is_valid() else None


class BatchAllocationForm(forms.Form):
    stages = forms.MultipleChoiceField(label=_("Project stages"), choices=ProjectStageChoices.choices,
                                       initial=["planning", "reserve", "preconstruction"],
                                       widget=forms.CheckboxSelectMultiple)
    only_unplaced = forms.BooleanField(label=_("Only projects without a park"), required=False, initial=True)
    limits = forms.ChoiceField(label=_("Limits"), choices=[("land", _("Available land of each park")),
                                                           ("count", _("Number of projects per park"))],
                               initial="land")
    max_projects = forms.IntegerField(label=_("Projects per park (count limits)"), min_value=1, initial=3)
    per_project = forms.IntegerField(label=_("Candidate parks per project"), min_value=1, max_value=200,
                                     initial=20)
    max_count = forms.IntegerField(label=_("At most this many projects"), min_value=1, max_value=5000,
                                   initial=500)
    time_limit = forms.FloatField(label=_("Time limit (seconds)"), min_value=1, max_value=120, initial=20)
