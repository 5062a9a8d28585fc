"""Forms for parks."""

from django import forms
from django.utils.translation import gettext_lazy as _

from clusterdesk.common.forms import ScopedModelForm
from clusterdesk.industry.selectors import industry_code_list

from .models import Park
from .services import park_create, park_update

__all__ = ["ParkForm"]


class ParkForm(ScopedModelForm):
    leading_industries = forms.ModelMultipleChoiceField(
        industry_code_list(levels=["division", "group", "class"]), required=False,
        label=_("Leading industries"), help_text=_("National parks at most 3, others at most 2."))
    featured_industries = forms.ModelMultipleChoiceField(
        industry_code_list(levels=["division", "group", "class"]), required=False,
        label=_("Featured industries"), help_text=_("At most 2."))

    class Meta(ScopedModelForm.Meta):
        model = Park
        fields = ["name", "short_name", "level", "park_type", "region", "planned_area_mu", "built_area_mu",
                  "available_land_mu", "longitude", "latitude", "featured_status", "established_date",
                  "management_body"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["leading_industries"] = [i.pk for i in self.instance.leading_industries]
            self.initial["featured_industries"] = [i.pk for i in self.instance.featured_industries]

    def save_with(self, *, actor) -> Park:
        leading = list(self.cleaned_data["leading_industries"])
        featured = list(self.cleaned_data["featured_industries"])
        service = park_update if self.instance.pk else park_create
        return service(park=self.instance, actor=actor, leading=leading, featured=featured)
