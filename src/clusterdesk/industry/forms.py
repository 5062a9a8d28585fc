"""Forms for clusters."""

from django import forms
from django.utils.translation import gettext_lazy as _

from clusterdesk.common.forms import ScopedModelForm

from .models import Cluster, IndustryCode
from .services import cluster_create, cluster_update

__all__ = ["ClusterForm"]


class ClusterForm(ScopedModelForm):
    leading_industries = forms.ModelMultipleChoiceField(
        IndustryCode.objects.filter(level__in=["division", "group"]), required=False, label=_("Leading industries"))

    class Meta(ScopedModelForm.Meta):
        model = Cluster
        fields = ["name", "region", "level", "leading_industries", "description", "baseline_year",
                  "baseline_output_wan", "target_year", "target_output_wan", "target_above_scale_count"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def save_with(self, *, actor) -> Cluster:
        industries = list(self.cleaned_data["leading_industries"])
        service = cluster_update if self.instance.pk else cluster_create
        return service(cluster=self.instance, actor=actor, leading_industries=industries)
