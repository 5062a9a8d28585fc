"""Forms for projects and their milestones, monthly reports and problems."""

from django import forms
from django.utils.translation import gettext_lazy as _

from clusterdesk.common.forms import FlexibleDateField, ScopedModelForm
from clusterdesk.enterprises.models import Enterprise
from clusterdesk.industry.models import IndustryCode

from .choices import ProjectStageChoices
from .models import Milestone, Problem, ProgressReport, Project
from .services import (
    milestone_create,
    milestone_update,
    problem_create,
    problem_update,
    progress_report_create,
    progress_report_update,
    project_create,
    project_update,
)

__all__ = ["MilestoneForm", "ProblemForm", "ProgressReportForm", "ProjectForm", "StageChangeForm"]


class ProjectForm(ScopedModelForm):
    owner = forms.ModelChoiceField(
        Enterprise.objects.all(), required=False, label=_("Owner enterprise"), to_field_name="uscc",
        widget=forms.TextInput(attrs={"placeholder": "91430100MA4L000000", "data-autocomplete": "enterprises"}),
        help_text=_("The owner's unified social credit code."))
    industry = forms.ModelChoiceField(
        IndustryCode.objects.exclude(level="section"), required=False, label=_("Industry"), to_field_name="code",
        widget=forms.TextInput(attrs={"placeholder": "C3841"}), help_text=_("GB/T 4754-2017 code, e.g. C3841."))

    class Meta(ScopedModelForm.Meta):
        model = Project
        fields = ["code", "name", "owner", "region", "park", "cluster", "chain_segment", "industry",
                  "total_investment_wan", "land_area_mu", "stage", "key_level", "construction_content",
                  "signed_date", "planned_start_date", "planned_completion_date", "planned_production_date",
                  "actual_start_date", "actual_completion_date", "actual_production_date", "responsible_leader",
                  "responsible_unit", "green_channel", "land_secured"]
        widgets = {"construction_content": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # Stage changes after creation go through the stage gate (the "change stage" action).
            self.fields["stage"].disabled = True
        if self.instance.owner_id:
            self.initial["owner"] = self.instance.owner.uscc
        if self.instance.industry_id:
            self.initial["industry"] = self.instance.industry.code

    def clean(self):
        data = super().clean()
        start, completion = data.get("planned_start_date"), data.get("planned_completion_date")
        if start and completion and completion < start:
            self.add_error("planned_completion_date", _("Planned completion is before the planned start."))
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
        fields = ["sequence", "name", "planned_date", "actual_date", "duration_days", "note"]


class ProgressReportForm(_ProjectChildForm):
    period = FlexibleDateField(label=_("Month"), help_text=_("Any day of the month, or 2024.7"))

    class Meta(ScopedModelForm.Meta):
        model = ProgressReport
        fields = ["period", "investment_month_wan", "progress_text"]
        widgets = {"progress_text": forms.Textarea(attrs={"rows": 3})}

    def save_with(self, *, actor):
        if self.instance.pk:
            return progress_report_update(report=self.instance, actor=actor)
        return progress_report_create(report=self.instance, actor=actor)

    def validate_unique(self):
        # The project is set by the view after construction; the (project, month) rule is checked here.
        period = self.cleaned_data.get("period")
        project_id = self.instance.project_id
        if period and project_id:
            clash = ProgressReport.objects.filter(project_id=project_id, period=period.replace(day=1))
            if clash.exclude(pk=self.instance.pk).exists():
                self.add_error("period", _("A report for this month already exists."))


class ProblemForm(_ProjectChildForm):
    create_service, update_service = problem_create, problem_update

    class Meta(ScopedModelForm.Meta):
        model = Problem
        fields = ["category", "description", "owner_unit", "owner_person", "raised_date", "due_date",
                  "coordination_level"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
