"""The administrator's user form: role, scope by region codes, parks or enterprise credit codes."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from clusterdesk.common.forms import ScopedModelForm

from .models import Unit, User
from .scoping import scope_model
from .services import unit_create, unit_update, user_create, user_update
from .units import unit_descendant_ids, units_in_reach

__all__ = ["UnitChoiceMixin", "UnitForm", "UserForm"]


def _codes(text: str) -> list[str]:
    return [c for c in re.split(r"[\s,，、;；]+", text or "") if c]


class UserForm(forms.ModelForm):
    password = forms.CharField(label=_("Password"), required=False, widget=forms.PasswordInput(render_value=False),
                               help_text=_("Required for a new user; leave empty to keep the current password."))
    region_codes = forms.CharField(label=_("Scope: region codes"), required=False,
                                   help_text=_("GB/T 2260 codes separated by spaces, e.g. 430100 430200."))
    parks = forms.ModelMultipleChoiceField(scope_model("scope_parks").objects.all(), required=False,
                                           label=_("Scope: parks"))
    enterprise_codes = forms.CharField(label=_("Scope: enterprise credit codes"), required=False,
                                       widget=forms.Textarea(attrs={"rows": 2}))

    class Meta:
        model = User
        fields = ["username", "full_name", "role", "unit", "phone", "email", "is_active"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.actor = user
        if self.instance.pk:
            self.initial["region_codes"] = " ".join(r.code for r in self.instance.scope_regions.all())
            self.initial["parks"] = list(self.instance.scope_parks.values_list("pk", flat=True))
            self.initial["enterprise_codes"] = " ".join(e.uscc for e in self.instance.scope_enterprises.all())
        for field in self.fields.values():
            css = "form-check-input" if isinstance(field.widget, forms.CheckboxInput) else "form-control"
            if isinstance(field.widget, forms.Select | forms.SelectMultiple):
                css = "form-select"
            field.widget.attrs.setdefault("class", css)

    def clean_region_codes(self):
        codes = _codes(self.cleaned_data["region_codes"])
        regions = list(scope_model("scope_regions").objects.filter(code__in=codes))
        missing = sorted(set(codes) - {r.code for r in regions})
        if missing:
            raise ValidationError(_("Unknown region codes: %(codes)s") % {"codes": " ".join(missing)})
        return regions

    def clean_enterprise_codes(self):
        codes = [c.upper() for c in _codes(self.cleaned_data["enterprise_codes"])]
        enterprises = list(scope_model("scope_enterprises").objects.filter(uscc__in=codes))
        missing = sorted(set(codes) - {e.uscc for e in enterprises})
        if missing:
            raise ValidationError(_("Unknown credit codes: %(codes)s") % {"codes": " ".join(missing)})
        return enterprises

    def clean(self):
        data = super().clean()
        if not self.instance.pk and not data.get("password"):
            self.add_error("password", _("A new user needs a password."))
        if data.get("password"):
            from django.contrib.auth.password_validation import validate_password

            try:
                validate_password(data["password"], self.instance)
            except ValidationError as exc:
                self.add_error("password", exc)
        return data

    def save_with(self, *, actor) -> User:
        data = self.cleaned_data
        scope = {"regions": data["region_codes"], "parks": list(data["parks"]),
                 "enterprises": data["enterprise_codes"]}
        if self.instance.pk:
            return user_update(user=self.instance, actor=actor, password=data.get("password", ""), **scope)
        return user_create(username=data["username"], password=data["password"], role=data["role"], actor=actor,
                           full_name=data["full_name"], unit=data["unit"], **scope)


class UnitForm(ScopedModelForm):
    """A unit: names as people write them, kind, parent (among the units within the user's reach), region, park."""

    class Meta(ScopedModelForm.Meta):
        model = Unit
        fields = ["name", "short_name", "kind", "parent", "region", "park", "aliases", "phone", "is_active"]
        widgets = {"aliases": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        reach = units_in_reach(self.user)
        if self.instance.pk:
            reach = reach.exclude(pk__in=unit_descendant_ids(self.instance))
        self.fields["parent"].queryset = reach | self._current("parent", Unit.objects.all())

    def save_with(self, *, actor) -> Unit:
        service = unit_update if self.instance.pk else unit_create
        return service(unit=self.instance, actor=actor)


class UnitChoiceMixin:
    """For a form of a record with a responsible unit: a unit chooser of the units within the user's reach beside
    the old free text (shown only while no unit is set, and filled with the unit's name when a unit is chosen),
    and a person chooser limited to the members of the record's unit (or of the units within reach).

    Put it before the form's base class and name the text field in ``unit_text_field``; ``person_field`` is
    ``None`` for records without a responsible person.
    """

    unit_text_field = ""
    unit_field = "assigned_unit"
    person_field: str | None = "assigned_person"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        reach = units_in_reach(self.user)
        current = getattr(self.instance, f"{self.unit_field}_id", None)
        if self.unit_field in self.fields:
            field = self.fields[self.unit_field]
            field.queryset = reach | Unit.objects.filter(pk=current) if current else reach
            field.help_text = _("Choose the unit; the text is kept only while no unit is chosen.")
        if self.unit_text_field in self.fields:
            if current:
                del self.fields[self.unit_text_field]  # the unit says it now
            else:
                self.fields[self.unit_text_field].required = False
        if self.person_field and self.person_field in self.fields:
            units = unit_descendant_ids(Unit.objects.get(pk=current)) if current else reach.values("pk")
            people = User.objects.filter(is_active=True, unit__in=units)
            person = getattr(self.instance, f"{self.person_field}_id", None)
            self.fields[self.person_field].queryset = (people | User.objects.filter(pk=person)) if person else people

    def clean(self):
        data = super().clean()
        unit = data.get(self.unit_field)
        text = self.unit_text_field
        if unit is not None and text in self.fields and not data.get(text):
            data[text] = unit.name
        elif unit is not None and text not in self.fields and unit.pk != getattr(self.instance,
                                                                                   f"{self.unit_field}_id"):
            setattr(self.instance, text, unit.name)  # a new unit replaces the name the old one left
        required = not self._meta.model._meta.get_field(text).blank
        if text in self.fields and unit is None and not data.get(text) and required:
            self.add_error(self.unit_field, _("Choose the responsible unit, or write its name."))
        person = data.get(self.person_field) if self.person_field else None
        if person is not None and unit is not None and person.unit_id not in unit_descendant_ids(unit):
            self.add_error(self.person_field, _("The responsible person is not a member of the responsible unit."))
        return data
