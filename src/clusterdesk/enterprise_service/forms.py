"""Forms of the enterprise service; each saves through a service, never directly."""

import datetime
from typing import TYPE_CHECKING

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from clusterdesk.accounts.forms import UnitChoiceMixin
from clusterdesk.common.forms import FlexibleDateField, ScopedModelForm
from clusterdesk.core.dates import parse_date_precision
from clusterdesk.core.exceptions import CoreError
from clusterdesk.enterprises.selectors import enterprise_list, secretary_choices

from .choices import AppealStatusChoices, CandidateStateChoices, FigureSourceChoices
from .inclusion import candidate_documents_set
from .models import Appeal, FollowUpTask, MonthlyFigure, Visit
from .services import appeal_create, monthly_figure_save, visit_create

if TYPE_CHECKING:
    from clusterdesk.enterprises.models import Enterprise

__all__ = [
    "AppealActionForm",
    "AppealForm",
    "CandidateActionForm",
    "DocumentsForm",
    "MonthField",
    "MonthlyFigureForm",
    "SecretaryAssignForm",
    "SecretaryUploadForm",
    "VisitForm",
]


class MonthField(forms.CharField):
    """A month typed as 2025-03, 2025年3月, 2025.3 or a full date; the value is the month's first day."""

    widget = forms.TextInput(attrs={"placeholder": "2025-03", "autocomplete": "off"})

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.date):
            return value.replace(day=1)
        try:
            day, _precision = parse_date_precision(str(value))
        except CoreError as exc:
            raise ValidationError(str(exc), code="invalid") from exc
        return day.replace(day=1)

    def prepare_value(self, value):
        return f"{value:%Y-%m}" if isinstance(value, datetime.date) else value


class MonthlyFigureForm(ScopedModelForm):
    period = MonthField(label=_("Month"))

    class Meta(ScopedModelForm.Meta):
        model = MonthlyFigure
        fields = ["period", "output_wan", "revenue_wan", "orders_on_hand_wan", "new_orders_wan", "capacity",
                  "capacity_output", "capacity_unit", "electricity_wan_kwh", "tax_wan", "employees",
                  "planned_output_wan", "production_plan", "note", "source"]
        widgets = {"production_plan": forms.Textarea(attrs={"rows": 2}), "note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, enterprise: "Enterprise", **kwargs):
        super().__init__(*args, **kwargs)
        self.enterprise = enterprise
        if getattr(self.user, "role", None) == "enterprise":
            # The enterprise's own staff report for it: the source is theirs, not a choice.
            del self.fields["source"]
            self.instance.source = FigureSourceChoices.ENTERPRISE
        elif not self.instance.pk:
            self.initial.setdefault("source", FigureSourceChoices.SECRETARY)

    def save_with(self, *, actor):
        figure = self.instance
        for name, value in self.cleaned_data.items():
            setattr(figure, name, value)
        figure.enterprise = self.enterprise
        return monthly_figure_save(figure=figure, actor=actor)


class VisitForm(ScopedModelForm):
    """A visit and up to three follow-up tasks (task, owner unit, due date)."""

    TASK_ROWS = 3

    class Meta(ScopedModelForm.Meta):
        model = Visit
        fields = ["visit_date", "visitors", "topics", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, enterprise: "Enterprise", **kwargs):
        super().__init__(*args, **kwargs)
        self.enterprise = enterprise
        for i in range(self.TASK_ROWS):
            self.fields[f"task_{i}"] = forms.CharField(label=_("Follow-up task"), max_length=300, required=False)
            self.fields[f"task_{i}_unit"] = forms.CharField(label=_("Owner unit"), max_length=200, required=False)
            self.fields[f"task_{i}_due"] = FlexibleDateField(label=_("Due"), required=False)
            for name in (f"task_{i}", f"task_{i}_unit", f"task_{i}_due"):
                self.fields[name].widget.attrs.update({"class": "form-control form-control-sm", "id": f"id_{name}"})

    @property
    def task_rows(self):
        return [(self[f"task_{i}"], self[f"task_{i}_unit"], self[f"task_{i}_due"]) for i in range(self.TASK_ROWS)]

    def clean(self):
        data = super().clean()
        for i in range(self.TASK_ROWS):
            if data.get(f"task_{i}") and not data.get(f"task_{i}_due"):
                self.add_error(f"task_{i}_due", _("A follow-up task needs a due date."))
        return data

    def save_with(self, *, actor):
        visit = self.instance
        for name in self.Meta.fields:
            setattr(visit, name, self.cleaned_data[name])
        visit.enterprise = self.enterprise
        data = self.cleaned_data
        tasks = [FollowUpTask(description=data[f"task_{i}"], owner_unit=data[f"task_{i}_unit"],
                              due_date=data[f"task_{i}_due"], owner=actor)
                 for i in range(self.TASK_ROWS) if self.cleaned_data.get(f"task_{i}")]
        return visit_create(visit=visit, actor=actor, tasks=tasks)


class AppealForm(UnitChoiceMixin, ScopedModelForm):
    """An appeal; with no unit chosen and no text, it is routed by its category (`appeal_create`)."""

    unit_text_field = "unit"

    class Meta(ScopedModelForm.Meta):
        model = Appeal
        fields = ["enterprise", "title", "category", "description", "raised_date", "assigned_unit", "assigned_person",
                  "unit", "due_date"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["raised_date"].required = False
        if getattr(self.user, "role", None) == "enterprise":
            # The enterprise files for itself, today; routing and the time limit follow the category.
            for name in ("raised_date", "unit", "due_date"):
                del self.fields[name]
            own = self.fields["enterprise"].queryset
            if own.count() == 1 and not self.initial.get("enterprise"):
                self.initial["enterprise"] = own.get().pk

    def save_with(self, *, actor):
        appeal = self.instance
        for name, value in self.cleaned_data.items():
            setattr(appeal, name, value)
        return appeal_create(appeal=appeal, actor=actor)


def _styled(form: forms.Form) -> None:
    for name, field in form.fields.items():
        css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
        if isinstance(field.widget, forms.CheckboxSelectMultiple):
            continue
        field.widget.attrs.setdefault("class", css)
        field.widget.attrs.setdefault("id", f"id_{name}")


class AppealActionForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=AppealStatusChoices.choices)
    answer = forms.CharField(label=_("Answer"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    satisfaction = forms.TypedChoiceField(label=_("Enterprise's satisfaction"), required=False, coerce=int,
                                          empty_value=None, choices=[("", "—"), *[(i, str(i)) for i in range(1, 6)]])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _styled(self)


class CandidateActionForm(forms.Form):
    state = forms.ChoiceField(label=_("New state"), choices=CandidateStateChoices.choices)
    reason = forms.CharField(label=_("Reason (for a rejection)"), required=False,
                             widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _styled(self)


class DocumentsForm(forms.Form):
    documents = forms.MultipleChoiceField(label=_("Documents on file"), required=False,
                                          widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, candidate, checklist, **kwargs):
        super().__init__(*args, **kwargs)
        self.candidate = candidate
        self.fields["documents"].choices = [(key, name) for key, name, _ in checklist]
        self.initial["documents"] = candidate.documents

    def save_with(self, *, actor):
        return candidate_documents_set(candidate=self.candidate, documents=self.cleaned_data["documents"], actor=actor)


class SecretaryAssignForm(forms.Form):
    # The choices depend on the user: set in __init__.
    enterprise = forms.ModelChoiceField(label=_("Key enterprise"), queryset=None)
    secretary = forms.ModelChoiceField(label=_("Work secretary"), queryset=None, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enterprise"].queryset = enterprise_list(user=user, action="change").filter(key_enterprise=True)
        self.fields["secretary"].queryset = secretary_choices(user=user)
        _styled(self)


class SecretaryUploadForm(forms.Form):
    file = forms.FileField(label=_("Excel file (.xlsx)"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _styled(self)
