"""Forms for enterprises."""

from django import forms
from django.utils.translation import gettext_lazy as _

from clusterdesk.common.forms import ScopedModelForm
from clusterdesk.industry.selectors import industry_code_list

from .models import Enterprise
from .services import enterprise_create, enterprise_update

__all__ = ["EnterpriseForm"]


class EnterpriseForm(ScopedModelForm):
    industry = forms.ModelChoiceField(
        industry_code_list(levels=["class"]), required=False, label=_("Industry"), to_field_name="code",
        widget=forms.TextInput(attrs={"list": "industry-codes", "placeholder": "C3841"}),
        help_text=_("GB/T 4754-2017 class code, e.g. C3841."))

    class Meta(ScopedModelForm.Meta):
        model = Enterprise
        fields = ["uscc", "name", "region", "park", "industry", "chain_segments", "above_scale", "key_enterprise",
                  "chain_leader", "secretary", "legal_representative", "established_date", "registered_capital_wan",
                  "annual_revenue_wan", "employees", "address"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from .selectors import secretary_choices

        self.fields["secretary"].queryset = secretary_choices(user=self.user)

    def clean_uscc(self):
        from clusterdesk.core.codes.uscc import normalize_uscc

        return normalize_uscc(self.cleaned_data["uscc"])

    def save_with(self, *, actor) -> Enterprise:
        segments = list(self.cleaned_data["chain_segments"])
        service = enterprise_update if self.instance.pk else enterprise_create
        return service(enterprise=self.instance, actor=actor, chain_segments=segments)
