"""Pages for investment leads."""

from django.urls import reverse
from django.utils.translation import gettext_lazy

from clusterdesk.common.tables import Column
from clusterdesk.common.views import ObjectDetailView, ObjectEditView, ObjectListView

from .filtersets import LeadFilterSet
from .forms import LeadForm
from .models import Lead

__all__ = ["LeadDetailView", "LeadEditView", "LeadListView"]


class LeadListView(ObjectListView):
    model = Lead
    filterset_class = LeadFilterSet
    select_related = ("region", "park", "chain_segment")
    columns = [
        Column("name", gettext_lazy("Lead"), kind="link"),
        Column("company", gettext_lazy("Target company")),
        Column("region", gettext_lazy("Region")),
        Column("chain_segment", gettext_lazy("Target chain segment")),
        Column("stage", gettext_lazy("Stage"), kind="choice"),
        Column("transfer_type", gettext_lazy("Industry-transfer type"), kind="choice"),
        Column("planned_investment_wan", gettext_lazy("Planned investment"), kind="money"),
    ]

    def add_url(self):
        return reverse("attraction:lead_add")


class LeadDetailView(ObjectDetailView):
    model = Lead
    template_name = "attraction/lead_detail.html"
    select_related = ("region", "park", "cluster", "chain_segment__chain", "project")


class LeadEditView(ObjectEditView):
    model = Lead
    form_class = LeadForm
