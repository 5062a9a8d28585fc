"""Pages for enterprises."""

from django.urls import reverse
from django.utils.translation import gettext_lazy

from clusterdesk.common.tables import Column
from clusterdesk.common.views import ObjectDeleteView, ObjectDetailView, ObjectEditView, ObjectListView
from clusterdesk.industry.selectors import chain_segment_list
from clusterdesk.projects.selectors import project_list

from .filtersets import EnterpriseFilterSet
from .forms import EnterpriseForm
from .models import Enterprise
from .services import enterprise_delete

__all__ = ["EnterpriseDeleteView", "EnterpriseDetailView", "EnterpriseEditView", "EnterpriseListView"]


class EnterpriseListView(ObjectListView):
    model = Enterprise
    filterset_class = EnterpriseFilterSet
    select_related = ("region", "park", "industry")
    columns = [
        Column("name", gettext_lazy("Name"), kind="link"),
        Column("uscc", gettext_lazy("Credit code")),
        Column("region", gettext_lazy("Region")),
        Column("park", gettext_lazy("Park")),
        Column("industry", gettext_lazy("Industry")),
        Column("above_scale", gettext_lazy("Above size"), kind="bool"),
        Column("key_enterprise", gettext_lazy("Key"), kind="bool"),
        Column("annual_revenue_wan", gettext_lazy("Revenue"), kind="money"),
    ]

    def add_url(self):
        return reverse("enterprises:enterprise_add")


class EnterpriseDetailView(ObjectDetailView):
    model = Enterprise
    template_name = "enterprises/enterprise_detail.html"
    select_related = ("region", "park", "industry", "secretary")

    def extra_context(self, obj):
        return {
            "projects": project_list(user=self.request.user).filter(owner=obj),
            "segments": chain_segment_list(user=self.request.user).filter(enterprises=obj)
            .select_related("chain"),
            "year_figures": obj.year_figures.restrict(self.request.user, "view").order_by("-year"),
        }


class EnterpriseEditView(ObjectEditView):
    model = Enterprise
    form_class = EnterpriseForm


class EnterpriseDeleteView(ObjectDeleteView):
    model = Enterprise
    delete_service = staticmethod(lambda obj, user: enterprise_delete(enterprise=obj, actor=user))
    success_url = "/enterprises/"
