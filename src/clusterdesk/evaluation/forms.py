"""Forms for evaluations."""

import json

from django import forms
from django.utils.translation import gettext_lazy as _

from clusterdesk.common.forms import AreaField, FlexibleDateField, ScopedModelForm

from .models import CompositeEvaluation, EvaluationRun, FeaturedReview
from .services import run_create

__all__ = ["CompositeForm", "FeaturedReviewForm", "LandForm", "ObjectionForm", "PublishForm", "ReplyForm",
           "RunForm"]


class RunForm(ScopedModelForm):
    class Meta(ScopedModelForm.Meta):
        model = EvaluationRun
        fields = ["name", "region", "year", "method", "ratio_cap", "floor", "classing", "bands", "thresholds",
                  "weights", "min_land_mu", "exempt_industry_prefixes", "exempt_young_years", "surcharge_schedule"]

    def save_with(self, *, actor) -> EvaluationRun:
        from clusterdesk.common.services import object_update

        if self.instance.pk:
            return object_update(instance=self.instance, actor=actor)
        return run_create(run=self.instance, actor=actor)


class CompositeForm(ScopedModelForm):
    class Meta(ScopedModelForm.Meta):
        model = CompositeEvaluation
        fields = ["name", "region", "year", "method", "bottom_n", "system"]

    def save_with(self, *, actor) -> CompositeEvaluation:
        from clusterdesk.common.services import object_create, object_update

        service = object_update if self.instance.pk else object_create
        return service(instance=self.instance, actor=actor)


class FeaturedReviewForm(ScopedModelForm):
    class Meta(ScopedModelForm.Meta):
        model = FeaturedReview
        fields = ["name", "region", "year", "certification", "cultivation"]

    def save_with(self, *, actor) -> FeaturedReview:
        from clusterdesk.common.services import object_create, object_update

        service = object_update if self.instance.pk else object_create
        return service(instance=self.instance, actor=actor)


class LandForm(forms.Form):
    land_mu = AreaField(label=_("Verified land (mu)"), max_digits=12, decimal_places=2)


class PublishForm(forms.Form):
    objection_deadline = FlexibleDateField(label=_("Objections until"), required=False)


class ObjectionForm(forms.Form):
    objection = forms.CharField(label=_("Objection"), widget=forms.Textarea(attrs={"rows": 3}))


class ReplyForm(forms.Form):
    upheld = forms.BooleanField(label=_("Upheld"), required=False)
    final_class = forms.ChoiceField(label=_("Final class"), required=False,
                                    choices=[("", "—"), ("A", "A"), ("B", "B"), ("C", "C"), ("D", "D")])
    reply = forms.CharField(label=_("Reply"), widget=forms.Textarea(attrs={"rows": 3}))


def pretty(value) -> str:
    return json.dumps(value, ensure_ascii=False)
