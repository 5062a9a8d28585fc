"""Forms for investment leads."""

from clusterdesk.common.forms import ScopedModelForm

from .models import Lead
from .services import lead_create, lead_update

__all__ = ["LeadForm"]


class LeadForm(ScopedModelForm):
    class Meta(ScopedModelForm.Meta):
        model = Lead
        fields = ["name", "company", "region", "park", "cluster", "chain_segment", "transfer_type", "stage",
                  "planned_investment_wan", "source", "owner_unit", "contact_person", "expected_sign_date",
                  "signed_date", "project", "notes"]

    def save_with(self, *, actor) -> Lead:
        return (lead_update if self.instance.pk else lead_create)(lead=self.instance, actor=actor)
