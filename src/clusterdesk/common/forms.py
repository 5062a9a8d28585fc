"""Form base classes: choices narrowed to the user's scope, and dates parsed in every form people type."""

from decimal import ROUND_HALF_UP, Decimal

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models

from clusterdesk.accounts.roles import ScopeKind
from clusterdesk.accounts.scoping import region_ids_in_scope
from clusterdesk.core.dates import parse_date
from clusterdesk.core.exceptions import CoreError
from clusterdesk.core.units import parse_area_mu, parse_money_wan

__all__ = ["AreaField", "FlexibleDateField", "MoneyField", "ScopedModelForm"]


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
        if "region" in self.fields and user.scope_kind == ScopeKind.REGIONS:
            self.fields["region"].queryset = self.fields["region"].queryset.filter(pk__in=region_ids_in_scope(user))
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

    def _update_errors(self, errors):
        # The model's clean() names the record's field; one this form does not show (the project of a monthly
        # report, set from the URL) is reported at the top of the form instead of failing.
        if hasattr(errors, "error_dict"):
            moved = {name: messages for name, messages in errors.error_dict.items()
                     if name != NON_FIELD_ERRORS and name not in self.fields}
            if moved:
                kept = {k: v for k, v in errors.error_dict.items() if k not in moved}
                kept.setdefault(NON_FIELD_ERRORS, []).extend(m for messages in moved.values() for m in messages)
                errors = ValidationError(kept)
        super()._update_errors(errors)

    def save(self, commit=True):  # pragma: no cover - guard
        raise NotImplementedError("forms never save directly: call save_with(actor=…), which calls a service")
