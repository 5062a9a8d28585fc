"""Forms for investment leads: the lead, a follow-up, a stage move."""

from django import forms
from django.utils.translation import gettext_lazy as _

from clusterdesk.accounts.forms import UnitChoiceMixin
from clusterdesk.common.forms import ScopedModelForm
from clusterdesk.industry.selectors import industry_code_list

from .choices import LeadStageChoices
from .models import Lead, LeadFollowUp
from .services import lead_create, lead_update

__all__ = ["LeadFollowUpForm", "LeadForm", "LeadTransitionForm"]

_DATE = forms.DateInput(attrs={"type": "date"})


class LeadForm(UnitChoiceMixin, ScopedModelForm):
    """A lead's own fields; its stage moves through `LeadTransitionForm` (the workflow's steps)."""

    unit_text_field, person_field = "owner_unit", "assigned_person"
    industry = forms.ModelChoiceField(
        industry_code_list(exclude_levels=["section"]), required=False, label=_("Industry"), to_field_name="code",
        widget=forms.TextInput(attrs={"placeholder": "C3841"}), help_text=_("GB/T 4754-2017 code, e.g. C3841."))

    class Meta(ScopedModelForm.Meta):
        model = Lead
        fields = ["name", "company", "region", "park", "cluster", "chain_segment", "transfer_type",
                  "planned_investment_wan", "land_area_mu", "industry", "source", "assigned_unit", "owner_unit",
                  "assigned_person", "contact_person", "next_step", "next_step_date", "expected_sign_date",
                  "signed_date", "project", "notes"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.industry_id:
            self.initial["industry"] = self.instance.industry.code

    def save_with(self, *, actor) -> Lead:
        return (lead_update if self.instance.pk else lead_create)(lead=self.instance, actor=actor)


class LeadFollowUpForm(forms.ModelForm):
    class Meta:
        model = LeadFollowUp
        fields = ["date", "kind", "summary", "next_step", "next_step_date"]
        widgets = {"date": _DATE, "next_step_date": _DATE, "summary": forms.Textarea(attrs={"rows": 2})}


class LeadTransitionForm(forms.Form):
    stage = forms.ChoiceField(label=_("Move to"), choices=LeadStageChoices.choices)
    on = forms.DateField(label=_("Date"), required=False, widget=_DATE)
    signed_date = forms.DateField(label=_("Signed"), required=False, widget=_DATE)
    reason = forms.CharField(label=_("Reason"), required=False, max_length=300)
