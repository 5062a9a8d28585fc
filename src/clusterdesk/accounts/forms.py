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

__all__ = ["UnitForm", "UserForm"]


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
