"""Forms for clusters, their yearly targets, chain chiefs and task forces, and park concentration targets."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from clusterdesk.common.forms import RowsField, ScopedModelForm

from .models import Chain, Cluster, ClusterTarget, ConcentrationTarget, IndustryCode
from .services import (
    chain_leadership_update,
    cluster_create,
    cluster_target_save,
    cluster_update,
    concentration_target_save,
)
from .target_files import AMBIGUOUS_SEGMENT, segment_written_name, segments_by_written_name

__all__ = ["ChainLeadershipForm", "ClusterForm", "ClusterTargetForm", "ConcentrationTargetForm"]

_SMALL = {"class": "form-control form-control-sm"}


class ClusterForm(ScopedModelForm):
    leading_industries = forms.ModelMultipleChoiceField(
        IndustryCode.objects.filter(level__in=["division", "group"]), required=False, label=_("Leading industries"))

    class Meta(ScopedModelForm.Meta):
        model = Cluster
        fields = ["name", "region", "level", "leading_industries", "description", "baseline_year",
                  "baseline_output_wan", "target_year", "target_output_wan", "target_above_scale_count"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def save_with(self, *, actor) -> Cluster:
        industries = list(self.cleaned_data["leading_industries"])
        service = cluster_update if self.instance.pk else cluster_create
        return service(cluster=self.instance, actor=actor, leading_industries=industries)


class SegmentRateRow(forms.Form):
    segment = forms.CharField(label=_("Chain segment"), max_length=100, widget=forms.TextInput(attrs=_SMALL))
    rate = forms.DecimalField(label=_("Local supply rate target (%)"), min_value=0, max_value=100, decimal_places=2,
                              widget=forms.NumberInput(attrs={**_SMALL, "step": "any"}))


class ClusterTargetForm(ScopedModelForm):
    """A cluster's targets for a year; 本地配套率 targets as rows of segment name and percent."""

    segment_rates = RowsField(SegmentRateRow, label=_("Local supply rate targets by segment"), required=False,
                              help_text=_("Segment names as on the chain pages of this cluster."))

    class Meta(ScopedModelForm.Meta):
        model = ClusterTarget
        fields = ["year", "output_wan", "above_scale_count", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            names = segments_by_written_name(self.instance.cluster_id)
            self.initial["segment_rates"] = [{"segment": segment_written_name(r.segment, names), "rate": r.rate_percent}
                                             for r in self.instance.segment_rates.select_related("segment__chain")]

    def clean_segment_rates(self):
        segments = segments_by_written_name(self.instance.cluster_id)
        rates, unknown, ambiguous = [], [], []
        for row in self.cleaned_data["segment_rates"]:
            name = row["segment"].strip()
            segment = segments.get(name)
            if segment is None:
                (ambiguous if name in segments else unknown).append(name)
            else:
                rates.append((segment, row["rate"]))
        if ambiguous:
            raise ValidationError(AMBIGUOUS_SEGMENT % "、".join(ambiguous))
        if unknown:
            raise ValidationError(_("No segment of this cluster's chains is named %s.") % "、".join(unknown))
        if len({s.pk for s, _ in rates}) != len(rates):
            raise ValidationError(_("Each segment may have one target."))
        return rates

    def save_with(self, *, actor) -> ClusterTarget:
        return cluster_target_save(target=self.instance, actor=actor, segment_rates=self.cleaned_data["segment_rates"])


class TaskForceRow(forms.Form):
    unit = forms.CharField(label=_("Unit"), max_length=200, required=False, widget=forms.TextInput(attrs=_SMALL))
    person = forms.CharField(label=_("Person (user name)"), max_length=150, required=False,
                             widget=forms.TextInput(attrs=_SMALL))
    duty = forms.CharField(label=_("Duty"), max_length=100, required=False, widget=forms.TextInput(attrs=_SMALL))


class LeaderRow(forms.Form):
    enterprise = forms.CharField(label=_("Enterprise (credit code or name)"), max_length=200,
                                 widget=forms.TextInput(attrs=_SMALL))
    note = forms.CharField(label=_("Note"), max_length=200, required=False, widget=forms.TextInput(attrs=_SMALL))


class ChainLeadershipForm(ScopedModelForm):
    """The chain chief (链长) and title, the task force (专班) and the chain-leader enterprises (链主) of a chain."""

    chief_name = forms.CharField(label=_("Chain chief (user name)"), max_length=150, required=False)
    task_force = RowsField(TaskForceRow, label=_("Task force"), required=False,
                           help_text=_("A unit (name or short name), a person (user name), or both, with the duty."))
    leaders = RowsField(LeaderRow, label=_("Chain-leader enterprises"), required=False)

    class Meta(ScopedModelForm.Meta):
        model = Chain
        fields = ["chief_title"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        chain = self.instance
        if not self.is_bound:
            self.initial["chief_name"] = chain.chief.username if chain.chief else ""
            self.initial["task_force"] = [{"unit": m.unit.name if m.unit else "",
                                           "person": m.person.username if m.person else "", "duty": m.duty}
                                          for m in chain.task_force.select_related("unit", "person")]
            self.initial["leaders"] = [{"enterprise": r.enterprise.uscc, "note": r.note}
                                       for r in chain.leader_enterprises.select_related("enterprise")]

    @staticmethod
    def _user(name: str):
        from django.contrib.auth import get_user_model

        return get_user_model().objects.filter(username=name.strip(), is_active=True).first()

    def clean_chief_name(self):
        name = self.cleaned_data["chief_name"].strip()
        if not name:
            return None
        user = self._user(name)
        if user is None:
            raise ValidationError(_("No active user is named %s.") % name)
        return user

    def clean_task_force(self):
        from clusterdesk.accounts.units import unit_find

        members, problems = [], []
        for row in self.cleaned_data["task_force"]:
            unit = person = None
            if row["unit"].strip():
                name = row["unit"].strip()
                unit = unit_find(name, region=self.instance.cluster.region)
                if unit is None:
                    problems.append(_("No unit is named %s.") % name)
            if row["person"].strip():
                person = self._user(row["person"])
                if person is None:
                    problems.append(_("No active user is named %s.") % row["person"].strip())
            if unit is None and person is None and not problems:
                problems.append(_("A task force row needs a unit or a person."))
            members.append((unit, person, row["duty"].strip()))
        if problems:
            raise ValidationError(problems)
        return members

    def clean_leaders(self):
        from clusterdesk.enterprises.selectors import enterprise_list

        visible = enterprise_list(user=self.user)
        leaders, problems = [], []
        for row in self.cleaned_data["leaders"]:
            key = row["enterprise"].strip()
            enterprise = visible.filter(uscc=key.upper()).first() or visible.filter(name=key).first()
            if enterprise is None:
                problems.append(_("No enterprise you may see has this credit code or name: %s") % key)
            leaders.append((enterprise, row["note"].strip()))
        if problems:
            raise ValidationError(problems)
        if len({e.pk for e, _ in leaders}) != len(leaders):
            raise ValidationError(_("Each enterprise may be listed once."))
        return leaders

    def save_with(self, *, actor) -> Chain:
        data = self.cleaned_data
        return chain_leadership_update(chain=self.instance, chief=data["chief_name"], chief_title=data["chief_title"],
                                       members=data["task_force"], leaders=data["leaders"], actor=actor)


class ConcentrationTargetForm(ScopedModelForm):
    """A region's target share of industrial output inside parks."""

    class Meta(ScopedModelForm.Meta):
        model = ConcentrationTarget
        fields = ["output_share_percent", "note"]

    def save_with(self, *, actor) -> ConcentrationTarget:
        return concentration_target_save(target=self.instance, actor=actor)
