"""Form base classes: choices narrowed to the user's scope, and dates parsed in every form people type."""

from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from clusterdesk.accounts.scoping import region_ids_within_reach
from clusterdesk.core.dates import parse_date
from clusterdesk.core.exceptions import CoreError
from clusterdesk.core.units import parse_area_mu, parse_money_wan

__all__ = ["AreaField", "FlexibleDateField", "MoneyField", "RegionPicker", "RowsField", "RowsWidget", "ScopedModelForm",
           "ThreeCutsField", "pick_regions_in_scope"]

REGION_MODEL = "regions.region"


class RegionPicker(forms.Widget):
    """A searchable cascading picker, province → city → county, of the regions in the user's scope.

    The value is a region's id in a hidden input; static/clusterdesk/region-picker.js fills the three lists and the
    search from ``regions:region_picker`` (a JSON endpoint that answers only with regions in the user's scope),
    so a page never carries the 3,223 regions of the country.
    """

    template_name = "common/widgets/region_picker.html"

    def __init__(self, attrs=None, *, code: str = "", anywhere: bool = False):
        super().__init__(attrs)
        self.code = code  # with no value, preselect the region of this GB/T 2260 code
        self.anywhere = anywhere  # a region named, not worked in (the district that referred a project)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"].update(endpoint=reverse("regions:region_picker"), code=self.code, anywhere=self.anywhere)
        return context

    def format_value(self, value):
        return "" if value in (None, "") else str(getattr(value, "pk", value))


def pick_regions_in_scope(field, user, current=None, *, anywhere: bool = False) -> None:
    """Give a region choice the picker and narrow it to the regions the user may pick (and what it holds now).

    ``anywhere`` keeps every region: for a region that is named rather than worked in, such as the district that
    referred a project to another (regions are public reference data).
    """
    ids = None if anywhere else region_ids_within_reach(user)
    if ids is not None:
        allowed = field.queryset.filter(pk__in=ids)
        field.queryset = allowed | field.queryset.filter(pk=current) if current else allowed
    field.widget = RegionPicker(attrs={**field.widget.attrs}, anywhere=anywhere)


MAX_ROWS = 200


class _SubmittedRows(list):
    """Rows as posted (raw text by column), so that the widget shows them again with each cell's error."""


class RowsWidget(forms.Widget):
    """A table of rows, one small form each, with add and remove buttons: a list edited without typing JSON.

    Each row is a ``row_form``; its fields are posted as ``<name>-<i>-<field>`` with ``<name>-TOTAL`` the number
    of row slots (static/clusterdesk/rows.js adds and removes rows; a removed row is simply absent).
    """

    template_name = "common/widgets/rows.html"

    def __init__(self, row_form: type[forms.Form], attrs=None):
        super().__init__(attrs)
        self.row_form = row_form

    def value_from_datadict(self, data, files, name):
        try:
            total = min(int(data.get(f"{name}-TOTAL") or 0), MAX_ROWS)
        except ValueError:
            total = 0
        rows = _SubmittedRows()
        for i in range(total):
            if f"{name}-{i}-row" not in data:
                continue  # removed in the page
            row = {field: data.get(f"{name}-{i}-{field}") for field in self.row_form.base_fields}
            if any(value not in (None, "") for value in row.values()):
                rows.append(row)
        return rows

    def value_omitted_from_data(self, data, files, name):
        return f"{name}-TOTAL" not in data

    def row_forms(self, name: str, value) -> list[forms.Form]:
        """The rows as forms: bound (and checked) when posted, filled with the stored values otherwise."""
        if isinstance(value, _SubmittedRows):
            forms_ = []
            for i, row in enumerate(value):
                form = self.row_form({f"{name}-{i}-{k}": v for k, v in row.items() if v is not None},
                                     prefix=f"{name}-{i}")
                form.is_valid()
                forms_.append(form)
            return forms_
        return [self.row_form(initial=row, prefix=f"{name}-{i}") for i, row in enumerate(value or [])]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        rows = self.row_forms(name, value)
        context["widget"].update({
            "rows": rows, "total": len(rows),
            "headers": [field.label for field in self.row_form.base_fields.values()],
            "empty": self.row_form(prefix=f"{name}-__prefix__"),
        })
        return context


class RowsField(forms.Field):
    """A list of records edited as rows of a small form (`RowsWidget`), each cell validated with its message.

    ``to_rows`` turns the stored value into row dicts for the form, ``from_rows`` turns the cleaned rows into the
    value to store, and ``check`` raises a `ValidationError` for a rule across rows (weights that must add up).
    """

    def __init__(self, row_form: type[forms.Form], *, to_rows: Callable = list, from_rows: Callable = list,
                 check: Callable | None = None, **kwargs):
        kwargs.setdefault("widget", RowsWidget(row_form))
        super().__init__(**kwargs)
        self.row_form, self.to_rows, self.from_rows, self.check = row_form, to_rows, from_rows, check

    def prepare_value(self, value):
        return value if isinstance(value, _SubmittedRows) else self.to_rows(value or [])

    def clean(self, value):
        rows = value if isinstance(value, _SubmittedRows) else _SubmittedRows(self.to_rows(value or []))
        forms_ = self.widget.row_forms("rows", rows)
        if any(form.errors for form in forms_):
            raise ValidationError(_("Correct the rows marked in red."), code="invalid_row")
        cleaned = [form.cleaned_data for form in forms_]
        if self.required and not cleaned:
            raise ValidationError(self.error_messages["required"], code="required")
        if self.check is not None:
            self.check(cleaned)
        return self.from_rows(cleaned)

    def has_changed(self, initial, data):
        try:
            return self.clean(data) != initial
        except ValidationError:
            return True


class ThreeCutsField(forms.MultiValueField):
    """Three numbers for the classes A, B and C (the D class is what lies beyond C), in one row of inputs.

    ``scale`` converts what people type to what is stored (percent → share: 0.01); ``order`` is ``"ascending"``
    (rank bands: A ≤ B ≤ C) or ``"descending"`` (score thresholds: A ≥ B ≥ C), checked with a message that names
    the classes.
    """

    def __init__(self, *, low: float, high: float, order: str, scale: float = 1.0, unit: str = "", **kwargs):
        self.low, self.high, self.order, self.scale = low, high, order, scale
        fields = [forms.FloatField(min_value=low, max_value=high) for _ in "ABC"]
        widget = forms.MultiWidget([forms.NumberInput(attrs={"step": "any", "class": "form-control",
                                                              "aria-label": klass}) for klass in "ABC"])
        widget.template_name = "common/widgets/three_cuts.html"
        widget.unit = unit
        super().__init__(fields, widget=widget, require_all_fields=True, **kwargs)

    def prepare_value(self, value):
        if isinstance(value, list | tuple) and len(value) == 3 and all(isinstance(v, int | float) for v in value):
            return [round(v / self.scale, 4) for v in value]
        return value

    def compress(self, data_list):
        if not data_list:
            return None
        a, b, c = data_list
        if self.order == "ascending" and not a <= b <= c:
            raise ValidationError(_("Each class must reach at least as far as the one before: A ≤ B ≤ C."))
        if self.order == "descending" and not a >= b >= c:
            raise ValidationError(_("Each class needs a score no higher than the one before: A ≥ B ≥ C."))
        return [round(v * self.scale, 6) for v in data_list]


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
    """A model form whose related-object choices show only what the user may see.

    Every region it picks is bounded by the user's scope, except those in ``named_regions``: regions the record
    names without lying in them (the district that referred a project).
    """

    named_regions: tuple[str, ...] = ()

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
                # Where the record lies is bounded by the user's scope; a region it only names is not.
                pick_regions_in_scope(field, user, getattr(self.instance, f"{name}_id", None),
                                      anywhere=name in self.named_regions)
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
