"""Form base classes: choices narrowed to the user's scope, and dates parsed in every form people type."""

from decimal import ROUND_HALF_UP, Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from clusterdesk.accounts.scoping import region_ids_within_reach
from clusterdesk.core.dates import parse_date
from clusterdesk.core.exceptions import CoreError
from clusterdesk.core.units import parse_area_mu, parse_money_wan

__all__ = ["AreaField", "FlexibleDateField", "MoneyField", "RegionPicker", "ScopedModelForm", "pick_regions_in_scope"]

REGION_MODEL = "regions.region"


class RegionPicker(forms.Widget):
    """A searchable cascading picker, province → city → county, of the regions in the user's scope.

    The value is a region's id in a hidden input; static/clusterdesk/region-picker.js fills the three lists and the
    search from ``regions:region_picker`` (a JSON endpoint that answers only with regions in the user's scope),
    so a page never carries the 3,223 regions of the country.
    """

    template_name = "common/widgets/region_picker.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["endpoint"] = reverse("regions:region_picker")
        return context

    def format_value(self, value):
        return "" if value in (None, "") else str(getattr(value, "pk", value))


def pick_regions_in_scope(field, user, current=None) -> None:
    """Give a region choice the picker and narrow it to the regions the user may pick (and what it holds now)."""
    ids = region_ids_within_reach(user)
    if ids is not None:
        allowed = field.queryset.filter(pk__in=ids)
        field.queryset = allowed | field.queryset.filter(pk=current) if current else allowed
    field.widget = RegionPicker(attrs={**field.widget.attrs})


class FlexibleDateField(forms.DateField):
    """Accepts 2024-07-09, 2024/7/9, 2024年7月9日, 2024.7, Excel serial numbers … (see core.dates)."""

    widget = forms.TextInput(attrs={"placeholder": "2024-07-09", "autocomplete": "off"})

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            return parse_date(value)
        except CoreError as exc:
            raise ValidationError(str(exc), code="invalid") from exc


class _UnitField(forms.DecimalField):
    """A decimal typed with its unit; the value is converted, then rounded to the field's places."""

    parse = None
    widget = forms.TextInput(attrs={"autocomplete": "off"})

    def widget_attrs(self, widget):
        # A number input would refuse "1.2亿元" or "20公顷": keep it text, with no browser-side step/min.
        return {}

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            number = type(self).parse(value)
        except CoreError as exc:
            raise ValidationError(str(exc), code="invalid") from exc
        if self.decimal_places is not None:
            number = number.quantize(Decimal(1).scaleb(-self.decimal_places), rounding=ROUND_HALF_UP)
        return number


class MoneyField(_UnitField):
    """Money in 万元; also accepts 元 and 亿元 written out (1.2亿元, 3,500万, 12345元)."""

    parse = staticmethod(parse_money_wan)


class AreaField(_UnitField):
    """Land in 亩; also accepts 公顷 and 平方公里 written out."""

    parse = staticmethod(parse_area_mu)


def _formfield(model_field, **kwargs):
    """Model fields → form fields that parse the units and date forms users type."""
    if isinstance(model_field, models.DateField) and not isinstance(model_field, models.DateTimeField):
        kwargs["form_class"] = FlexibleDateField
    elif isinstance(model_field, models.DecimalField) and model_field.name.endswith("_wan"):
        kwargs["form_class"] = MoneyField
    elif isinstance(model_field, models.DecimalField) and model_field.name.endswith("_mu"):
        kwargs["form_class"] = AreaField
    return model_field.formfield(**kwargs)


class ScopedModelForm(forms.ModelForm):
    """A model form whose related-object choices show only what the user may see."""

    class Meta:
        formfield_callback = _formfield

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        for name, field in self.fields.items():
            queryset = getattr(field, "queryset", None)
            if queryset is not None and hasattr(queryset, "restrict"):
                field.queryset = queryset.restrict(user, "view") | self._current(name, queryset)
        for name, field in self.fields.items():
            if isinstance(field, forms.ModelChoiceField) and not isinstance(field, forms.ModelMultipleChoiceField) \
                    and field.queryset.model._meta.label_lower == REGION_MODEL:
                pick_regions_in_scope(field, user, getattr(self.instance, f"{name}_id", None))
        for name, field in self.fields.items():
            css = "form-check-input" if isinstance(field.widget, forms.CheckboxInput) else "form-control"
            if isinstance(field.widget, forms.Select | forms.SelectMultiple):
                css = "form-select"
            field.widget.attrs.setdefault("class", css)
            field.widget.attrs.setdefault("id", f"id_{name}")

    def _current(self, name: str, queryset):
        """What the object is already linked to stays a valid choice, even if the user could not pick it anew
        (a county officer's project may sit in a park of the neighbouring county)."""
        if not self.instance.pk or not hasattr(self.instance, f"{name}_id"):
            return queryset.none()
        return queryset.filter(pk=getattr(self.instance, f"{name}_id"))

    def save(self, commit=True):  # pragma: no cover - guard
        raise NotImplementedError("forms never save directly: call save_with(actor=…), which calls a service")
