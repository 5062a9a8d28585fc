"""Forms for projects and their milestones, monthly reports and problems."""

from django import forms
from django.utils.translation import gettext_lazy as _

from clusterdesk.accounts.forms import UnitChoiceMixin
from clusterdesk.common.forms import FlexibleDateField, MoneyField, ScopedModelForm
from clusterdesk.enterprises.selectors import enterprise_choices
from clusterdesk.industry.selectors import industry_code_list

from .choices import (
    OPEN_PROBLEM_STATUSES,
    CoordinationLevelChoices,
    ProblemStatusChoices,
    ProjectStageChoices,
)
from .models import (
    CoordinationMeeting,
    GateRule,
    Library,
    LightRuleSet,
    MeetingDecision,
    Milestone,
    MilestoneDependency,
    MilestoneTemplate,
    Problem,
    ProgressReport,
    Project,
    SectorThreshold,
)
from .services import (
    decision_create,
    decision_update,
    dependency_create,
    dependency_update,
    meeting_create,
    meeting_update,
    milestone_create,
    milestone_update,
    problem_create,
    problem_update,
    progress_report_create,
    progress_report_update,
    project_create,
    project_update,
    report_photo_add,
    rule_save,
)

__all__ = [
    "AnnualPlanForm",
    "DecisionForm",
    "DependencyForm",
    "EscalateForm",
    "GateRuleForm",
    "LibraryForm",
    "LightRuleSetForm",
    "MeetingForm",
    "MilestoneForm",
    "MilestoneTemplateForm",
    "MspdiImportForm",
    "ProblemForm",
    "ProblemTransitionForm",
    "ProgressReportForm",
    "ProjectForm",
    "ReasonForm",
    "SavedListForm",
    "SectorThresholdForm",
    "StageChangeForm",
]


class ProjectForm(UnitChoiceMixin, ScopedModelForm):
    unit_text_field, person_field = "responsible_unit", None  # the unit that files the monthly reports
    owner = forms.ModelChoiceField(
        enterprise_choices(), required=False, label=_("Owner enterprise"), to_field_name="uscc",
        widget=forms.TextInput(attrs={"placeholder": "91430100MA4L000000", "data-autocomplete": "enterprises"}),
        help_text=_("The owner's unified social credit code."))
    industry = forms.ModelChoiceField(
        industry_code_list(exclude_levels=["section"]), required=False, label=_("Industry"), to_field_name="code",
        widget=forms.TextInput(attrs={"placeholder": "C3841"}), help_text=_("GB/T 4754-2017 code, e.g. C3841."))

    class Meta(ScopedModelForm.Meta):
        model = Project
        fields = ["code", "name", "owner", "region", "park", "cluster", "chain_segment", "industry",
                  "total_investment_wan", "land_area_mu", "stage", "key_level", "construction_content",
                  "signed_date", "planned_start_date", "planned_completion_date", "planned_production_date",
                  "actual_start_date", "actual_completion_date", "actual_production_date", "responsible_leader",
                  "assigned_unit", "responsible_unit", "green_channel", "land_secured", "project_type", "sector",
                  "schedule_target", "added_mid_year", "statistics_date", "longitude", "latitude"]
        widgets = {"construction_content": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # Stage changes after creation go through the stage gate (the "change stage" action).
            self.fields["stage"].disabled = True
        for name in ("project_type", "sector", "schedule_target"):
            # Left out of a posted form, these keep their model defaults.
            self.fields[name].required = False
        if self.instance.owner_id:
            self.initial["owner"] = self.instance.owner.uscc
        if self.instance.industry_id:
            self.initial["industry"] = self.instance.industry.code

    def clean(self):
        data = super().clean()
        for name in ("project_type", "sector", "schedule_target"):
            if not data.get(name):
                data[name] = getattr(self.instance, name) or Project._meta.get_field(name).default
        return data

    def save_with(self, *, actor) -> Project:
        if self.instance.pk:
            return project_update(project=self.instance, actor=actor)
        return project_create(project=self.instance, actor=actor)


class StageChangeForm(forms.Form):
    stage = forms.ChoiceField(label=_("New stage"), choices=ProjectStageChoices.choices,
                              widget=forms.Select(attrs={"class": "form-select"}))
    reason = forms.CharField(label=_("Reason (required to move back)"), required=False,
                             widget=forms.TextInput(attrs={"class": "form-control",
                                                           "placeholder": _("Reason (required to move back)")}))


class _ProjectChildForm(ScopedModelForm):
    """A form for a row that belongs to a project; the project comes from the URL, not from the user."""

    create_service = None
    update_service = None

    def save_with(self, *, actor):
        service = type(self).update_service if self.instance.pk else type(self).create_service
        return service(**{self._meta.model._meta.model_name: self.instance, "actor": actor})


class MilestoneForm(_ProjectChildForm):
    create_service, update_service = milestone_create, milestone_update

    class Meta(ScopedModelForm.Meta):
        model = Milestone
        fields = ["sequence", "name", "code", "planned_date", "actual_date", "duration_days", "note"]

    def __init__(self, *args, **kwargs):
        from .templatetags.pipeline import node_names

        super().__init__(*args, **kwargs)
        # The template node is picked by its name; the stored code is what the gates test.
        nodes = node_names()
        current = self.instance.code
        choices = [("", "—"), *sorted(nodes.items(), key=lambda item: item[1])]
        if current and current not in nodes:
            choices.append((current, current))
        self.fields["code"] = forms.ChoiceField(
            label=_("Template node"), choices=choices, required=False,
            help_text=_("The standard node this milestone is; stage gates check that it is done."),
            widget=forms.Select(attrs={"class": "form-select", "id": "id_code"}))


class ProgressReportForm(_ProjectChildForm):
    period = FlexibleDateField(label=_("Month"), help_text=_("Any day of the month, or 2024.7"))
    typed_year_to_date_wan = MoneyField(label=_("Year to date (10k yuan), as reported"), required=False,
                                        max_digits=16, decimal_places=2,
                                        help_text=_("Leave empty to compute it; if given it must agree."))
    typed_cumulative_wan = MoneyField(label=_("Cumulative since start (10k yuan), as reported"), required=False,
                                      max_digits=16, decimal_places=2,
                                      help_text=_("Leave empty to compute it; if given it must agree."))
    photo = forms.FileField(label=_("Site photo"), required=False,
                            widget=forms.ClearableFileInput(attrs={"accept": "image/*"}))

    class Meta(ScopedModelForm.Meta):
        model = ProgressReport
        fields = ["period", "investment_month_wan", "construction_wan", "installation_wan", "equipment_wan",
                  "other_wan", "progress_text"]
        widgets = {"progress_text": forms.Textarea(attrs={"rows": 3})}

    def typed(self) -> dict:
        data = self.cleaned_data
        figures = {"year_to_date_wan": data.get("typed_year_to_date_wan"),
                   "investment_cumulative_wan": data.get("typed_cumulative_wan")}
        return {k: v for k, v in figures.items() if v is not None}

    def save_with(self, *, actor):
        if self.instance.pk:
            report = progress_report_update(report=self.instance, actor=actor, typed=self.typed())
        else:
            report = progress_report_create(report=self.instance, actor=actor, typed=self.typed())
        if self.cleaned_data.get("photo"):
            report_photo_add(report=report, image=self.cleaned_data["photo"], actor=actor)
        return report


class ProblemForm(UnitChoiceMixin, _ProjectChildForm):
    create_service, update_service = problem_create, problem_update
    unit_text_field = "owner_unit"

    class Meta(ScopedModelForm.Meta):
        model = Problem
        fields = ["category", "description", "assigned_unit", "assigned_person", "owner_unit", "owner_person",
                  "raised_date", "due_date", "coordination_level"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class DependencyForm(_ProjectChildForm):
    """A link between two milestones of the project in the URL."""

    create_service, update_service = dependency_create, dependency_update

    class Meta(ScopedModelForm.Meta):
        model = MilestoneDependency
        fields = ["predecessor", "successor", "kind", "lag_days"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        own = Milestone.objects.filter(project_id=self.instance.project_id)
        self.fields["predecessor"].queryset = own
        self.fields["successor"].queryset = own

    def validate_unique(self):
        # The project is set by the view; the (predecessor, successor) rule is checked by the service.
        pass


def _input(**attrs):
    return forms.TextInput(attrs={"class": "form-control form-control-sm", **attrs})


def _select():
    return forms.Select(attrs={"class": "form-select form-select-sm"})


class ReasonForm(forms.Form):
    """The reason for a withdrawal, a restore or a mid-year addition."""

    reason = forms.CharField(label=_("Reason"), max_length=300, widget=_input(placeholder=_("Reason")))


class ProblemTransitionForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=ProblemStatusChoices.choices, widget=_select())
    owner_person = forms.CharField(label=_("Owner person"), required=False, max_length=100, widget=_input())
    resolution = forms.CharField(label=_("Resolution"), required=False,
                                 widget=forms.Textarea(attrs={"class": "form-control form-control-sm", "rows": 2}))
    reason = forms.CharField(label=_("Reason (to reopen)"), required=False, max_length=300, widget=_input())


class EscalateForm(forms.Form):
    to_level = forms.TypedChoiceField(label=_("Escalate to"), coerce=int, choices=CoordinationLevelChoices.choices,
                                      widget=_select())
    reason = forms.CharField(label=_("Reason"), max_length=300, widget=_input())


class MspdiImportForm(forms.Form):
    file = forms.FileField(label=_("MS Project XML file"), widget=forms.ClearableFileInput(
        attrs={"class": "form-control form-control-sm", "accept": ".xml"}))


class AnnualPlanForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100, widget=_input())
    planned_wan = MoneyField(label=_("Annual planned investment (10k yuan)"), max_digits=16, decimal_places=2,
                             widget=_input(placeholder="3,000万元"))


class SavedListForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100, widget=_input())
    shared = forms.BooleanField(label=_("Share with colleagues"), required=False,
                                widget=forms.CheckboxInput(attrs={"class": "form-check-input"}))
    base = forms.CharField(required=False, widget=forms.HiddenInput)
    query = forms.CharField(required=False, widget=forms.HiddenInput)


class MeetingForm(ScopedModelForm):
    problems = forms.ModelMultipleChoiceField(Problem.objects.select_related("project"), required=False,
                                              label=_("Problems discussed"))

    class Meta(ScopedModelForm.Meta):
        model = CoordinationMeeting
        fields = ["title", "held_on", "region", "level", "chair", "notes", "problems"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["problems"].queryset = self.fields["problems"].queryset.filter(
            status__in=OPEN_PROBLEM_STATUSES) | Problem.objects.filter(pk__in=self.instance.problems.values("pk")
                                                                       if self.instance.pk else [])

    def save_with(self, *, actor):
        problems = self.cleaned_data.get("problems") or []
        if self.instance.pk:
            return meeting_update(meeting=self.instance, actor=actor, problems=problems)
        return meeting_create(meeting=self.instance, actor=actor, problems=problems)


class DecisionForm(UnitChoiceMixin, ScopedModelForm):
    unit_text_field = "owner_unit"

    class Meta(ScopedModelForm.Meta):
        model = MeetingDecision
        fields = ["text", "problem", "assigned_unit", "assigned_person", "owner_unit", "owner_person", "due_date",
                  "status", "outcome"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2}), "outcome": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.meeting_id:
            # Only the meeting's problems, and of those only the ones the user may see.
            self.fields["problem"].queryset = self.fields["problem"].queryset.filter(meetings=self.instance.meeting)

    def save_with(self, *, actor):
        if self.instance.pk:
            return decision_update(decision=self.instance, actor=actor)
        return decision_create(decision=self.instance, actor=actor)


class _RuleForm(ScopedModelForm):
    def save_with(self, *, actor):
        return rule_save(instance=self.instance, actor=actor)


class GateRuleForm(_RuleForm):
    class Meta(ScopedModelForm.Meta):
        model = GateRule
        fields = ["target_stage", "fact", "op", "value", "message", "sequence", "active"]

    def __init__(self, *args, **kwargs):
        from .templatetags.pipeline import gate_fact, gate_fact_choices

        super().__init__(*args, **kwargs)
        choices = gate_fact_choices()
        known = {code for _group, options in choices for code, _label in options}
        if self.instance.fact and self.instance.fact not in known:  # "park|region": either one
            choices = [(self.instance.fact, gate_fact(self.instance.fact)), *choices]
        self.fields["fact"] = forms.ChoiceField(label=_("Condition on"), choices=choices,
                                                widget=forms.Select(attrs={"class": "form-select", "id": "id_fact"}))


class SectorThresholdForm(_RuleForm):
    class Meta(ScopedModelForm.Meta):
        model = SectorThreshold
        fields = ["sector", "min_investment_wan"]


class LightRuleSetForm(_RuleForm):
    class Meta(ScopedModelForm.Meta):
        model = LightRuleSet
        fields = ["name", "mode", "yellow_gap_pp", "red_gap_pp", "yellow_shortfall_pct", "red_shortfall_pct",
                  "start_red_months", "statistics_yellow_months", "statistics_red_months", "critical_node_overdue",
                  "active"]


class LibraryForm(_RuleForm):
    stages = forms.MultipleChoiceField(label=_("Stages"), choices=ProjectStageChoices.choices,
                                       widget=forms.SelectMultiple(attrs={"size": 7}))

    class Meta(ScopedModelForm.Meta):
        model = Library
        fields = ["code", "name", "stages", "sequence"]


class MilestoneTemplateForm(_RuleForm):
    class Meta(ScopedModelForm.Meta):
        model = MilestoneTemplate
        fields = ["project_type", "code", "name", "sequence", "duration_days"]
