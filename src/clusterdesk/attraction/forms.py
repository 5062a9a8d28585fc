"""Forms for investment leads."""

from clusterdesk.accounts.forms import UnitChoiceMixin
from clusterdesk.common.forms import ScopedModelForm

from .models import Lead
from .services import lead_create, lead_update

__all__ = ["LeadForm"]


class LeadForm(UnitChoiceMixin, ScopedModelForm):
    unit_text_field, person_field = "owner_unit", None

    class Meta(ScopedModelForm.Meta):
        model = Lead
        fields = ["name", "company", "region", "park", "cluster", "chain_segment", "transfer_type", "stage",
                  "planned_investment_wan", "source", "assigned_unit", "owner_unit", "contact_person",
                  "expected_sign_date",
                  "signed_date", "project", "notes"]

    def save_with(self, *, actor) -> Lead:
        return (lead_update if self.instance.pk else lead_create)(lead=self.instance, actor=actor)
