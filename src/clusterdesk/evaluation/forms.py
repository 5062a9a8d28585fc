"""Forms for evaluations: every setting is typed in fields of its own (rows for lists, three inputs for the class
cuts), never as JSON."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from clusterdesk.common.forms import AreaField, FlexibleDateField, RowsField, ScopedModelForm, ThreeCutsField
from clusterdesk.core.scoring import (
    ABOVE_SCALE_INDICATORS,
    BELOW_SCALE_INDICATORS,
    DEFAULT_CERTIFICATION,
    DEFAULT_CULTIVATION,
    DEFAULT_PARK_SYSTEM,
)
from clusterdesk.industry.selectors import industry_code_names

from .choices import COMPOSITE_CATEGORY_LABELS
from .models import CompositeEvaluation, EvaluationRun, FeaturedReview
from .services import run_create

__all__ = ["CompositeForm", "CompositeIndicatorRow", "CriterionRow", "ExemptIndustryRow", "FeaturedReviewForm",
           "LandForm", "ObjectionForm", "PublishForm", "ReplyForm", "RunForm", "SurchargeRow", "WeightRow"]

_SMALL = {"class": "form-control form-control-sm"}
_SELECT = {"class": "form-select form-select-sm"}


def _unique(rows: list[dict], key: str, message) -> None:
    seen = [row[key] for row in rows]
    if len(seen) != len(set(seen)):
        raise ValidationError(message)


class WeightRow(forms.Form):
    indicator = forms.ChoiceField(label=_("Indicator"), widget=forms.Select(attrs=_SELECT), choices=[
        (i.key, i.label) for i in {i.key: i for i in (*ABOVE_SCALE_INDICATORS, *BELOW_SCALE_INDICATORS)}.values()])
    points = forms.FloatField(label=_("Points"), min_value=0, max_value=100,
                              widget=forms.NumberInput(attrs={**_SMALL, "step": "any"}))


class ExemptIndustryRow(forms.Form):
    code = forms.CharField(label=_("Industry code (GB/T 4754)"), max_length=5,
                           widget=forms.TextInput(attrs={**_SMALL, "placeholder": "D44"}))

    def clean_code(self):
        code = self.cleaned_data["code"].strip().upper()
        if code not in industry_code_names():
            raise ValidationError(_("%(code)s is not a code of GB/T 4754-2017.") % {"code": code})
        return code


class SurchargeRow(forms.Form):
    rate = forms.FloatField(label=_("Surcharge (yuan/kWh), one row per consecutive year in class D"), min_value=0,
                            max_value=10, widget=forms.NumberInput(attrs={**_SMALL, "step": "any"}))


def _weights_check(rows: list[dict]) -> None:
    _unique(rows, "indicator", _("Each indicator may be weighted once."))


class RunForm(ScopedModelForm):
    bands = ThreeCutsField(label=_("Rank bands: the share of enterprises down to the end of class A, B, C"), low=0,
                           high=100, order="ascending", scale=0.01, unit="%")
    thresholds = ThreeCutsField(label=_("Score thresholds: the least total for class A, B, C"), low=0, high=1000,
                                order="descending", unit=_("points"))
    weights = RowsField(WeightRow, label=_("Indicator weights"), required=False,
                        help_text=_("No rows: the standard weights (30/20/20/10/10/10 above size, 70/30 below)."),
                        to_rows=lambda d: [{"indicator": k, "points": v} for k, v in dict(d).items()],
                        from_rows=lambda rows: {r["indicator"]: r["points"] for r in rows}, check=_weights_check)
    exempt_industry_prefixes = RowsField(
        ExemptIndustryRow, label=_("Exempt industries"), required=False,
        help_text=_("Enterprises whose industry code starts with one of these are not ranked."),
        to_rows=lambda codes: [{"code": c} for c in codes], from_rows=lambda rows: [r["code"] for r in rows])
    surcharge_schedule = RowsField(
        SurchargeRow, label=_("D-class electricity surcharge"), required=False,
        to_rows=lambda rates: [{"rate": r} for r in rates], from_rows=lambda rows: [r["rate"] for r in rows])


    class Meta(ScopedModelForm.Meta):
        model = EvaluationRun
        fields = ["name", "region", "year", "method", "ratio_cap", "floor", "classing", "bands", "thresholds",
                  "weights", "min_land_mu", "exempt_industry_prefixes", "exempt_young_years", "surcharge_schedule"]

    def save_with(self, *, actor) -> EvaluationRun:
        from clusterdesk.common.services import object_update

        if self.instance.pk:
            return object_update(instance=self.instance, actor=actor)
        return run_create(run=self.instance, actor=actor)


class CompositeIndicatorRow(forms.Form):
    key = forms.ChoiceField(label=_("Indicator"), widget=forms.Select(attrs=_SELECT),
                            choices=[(i.key, i.label) for i in DEFAULT_PARK_SYSTEM])
    category = forms.ChoiceField(label=_("Category"), widget=forms.Select(attrs=_SELECT),
                                 choices=list(COMPOSITE_CATEGORY_LABELS.items()))
    weight = forms.FloatField(label=_("Weight (points of 100)"), min_value=0, max_value=100,
                              widget=forms.NumberInput(attrs={**_SMALL, "step": "any"}))
    higher_is_better = forms.BooleanField(label=_("Higher is better"), required=False,
                                          widget=forms.CheckboxInput(attrs={"class": "form-check-input"}))


def _system_check(rows: list[dict]) -> None:
    _unique(rows, "key", _("Each indicator may appear once."))
    total = sum(r["weight"] for r in rows)
    if rows and abs(total - 100) > 0.01:
        raise ValidationError(_("The weights add up to %(total)s; they must add up to 100.")
                              % {"total": round(total, 2)})


def _system_rows(system: list) -> list[dict]:
    """The stored system, or the national shape when none is stored, as rows."""
    rows = system or [{"key": i.key, "label": i.label, "category": i.category, "weight": i.weight,
                       "higher_is_better": i.higher_is_better} for i in DEFAULT_PARK_SYSTEM]
    return [{**row, "higher_is_better": row.get("higher_is_better", True)} for row in rows]


def _system_value(rows: list[dict]) -> list[dict]:
    labels = {i.key: i.label for i in DEFAULT_PARK_SYSTEM}
    return [{"key": r["key"], "label": labels.get(r["key"], r["key"]), "category": r["category"],
             "weight": r["weight"], "higher_is_better": r["higher_is_better"]} for r in rows]


class CompositeForm(ScopedModelForm):
    system = RowsField(CompositeIndicatorRow, label=_("Indicator system"), required=False,
                       help_text=_("Each indicator in its category with its weight; the weights add up to 100."),
                       to_rows=_system_rows, from_rows=_system_value, check=_system_check)

    class Meta(ScopedModelForm.Meta):
        model = CompositeEvaluation
        fields = ["name", "region", "year", "method", "bottom_n", "system"]

    def save_with(self, *, actor) -> CompositeEvaluation:
        from clusterdesk.common.services import object_create, object_update

        service = object_update if self.instance.pk else object_create
        return service(instance=self.instance, actor=actor)


_FEATURED_KEYS = {c.key: c.label for c in (*DEFAULT_CERTIFICATION, *DEFAULT_CULTIVATION)}


class CriterionRow(forms.Form):
    key = forms.ChoiceField(label=_("Measure"), choices=list(_FEATURED_KEYS.items()),
                            widget=forms.Select(attrs=_SELECT))
    op = forms.ChoiceField(label=_("Test"), choices=[(">=", "≥"), (">", ">"), ("<=", "≤"), ("<", "<")],
                           widget=forms.Select(attrs=_SELECT))
    threshold = forms.FloatField(label=_("Threshold"), widget=forms.NumberInput(attrs={**_SMALL, "step": "any"}))


def _criteria_rows(default):
    def rows(criteria: list) -> list[dict]:
        return list(criteria) or [{"key": c.key, "op": c.op, "threshold": c.threshold} for c in default]
    return rows


def _criteria_value(rows: list[dict]) -> list[dict]:
    return [{"key": r["key"], "label": _FEATURED_KEYS[r["key"]], "op": r["op"], "threshold": r["threshold"]}
            for r in rows]


def _criteria_check(rows: list[dict]) -> None:
    _unique(rows, "key", _("Each measure may be tested once."))


class FeaturedReviewForm(ScopedModelForm):
    certification = RowsField(CriterionRow, label=_("Certification criteria"), required=False,
                              to_rows=_criteria_rows(DEFAULT_CERTIFICATION), from_rows=_criteria_value,
                              check=_criteria_check)
    cultivation = RowsField(CriterionRow, label=_("Cultivation criteria"), required=False,
                            to_rows=_criteria_rows(DEFAULT_CULTIVATION), from_rows=_criteria_value,
                            check=_criteria_check)

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

