"""Pages for investment leads: the list, the lead with its follow-ups, stage moves and conversion into a project,
the attraction funnel with its .xlsx export, and the chain page's 补链 targets turned into leads."""

import datetime

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from clusterdesk.accounts.scoping import role_permits
from clusterdesk.common.tables import Column
from clusterdesk.common.views import ObjectDetailView, ObjectEditView, ObjectListView
from clusterdesk.common.workflow import offered_transitions
from clusterdesk.common.xlsx import xlsx_response
from clusterdesk.core.attraction import CONVERTIBLE_STAGES, LEAD_WORKFLOW

from . import selectors, services
from .choices import LeadStageChoices
from .filtersets import LeadFilterSet
from .forms import LeadFollowUpForm, LeadForm, LeadTransitionForm
from .models import Lead

__all__ = ["LeadDetailView", "LeadEditView", "LeadFunnelView", "LeadListView", "LeadsFromGapsView"]


class LeadListView(ObjectListView):
    model = Lead
    filterset_class = LeadFilterSet
    select_related = ("region", "park", "chain_segment")
    columns = [
        Column("name", gettext_lazy("Lead"), kind="link"),
        Column("company", gettext_lazy("Target company")),
        Column("region", gettext_lazy("Region")),
        Column("chain_segment", gettext_lazy("Target chain segment")),
        Column("stage", gettext_lazy("Stage"), kind="choice"),
        Column("transfer_type", gettext_lazy("Industry-transfer type"), kind="choice"),
        Column("planned_investment_wan", gettext_lazy("Planned investment"), kind="money"),
        Column("next_step_date", gettext_lazy("Next step by")),
    ]

    def add_url(self):
        return reverse("attraction:lead_add")


def _errors(request, exc: Exception) -> None:
    texts = [m for ms in exc.message_dict.values() for m in ms] if hasattr(exc, "error_dict") else \
        getattr(exc, "messages", None) or [str(exc)]
    for text in texts:
        messages.error(request, text)


class LeadDetailView(ObjectDetailView):
    model = Lead
    template_name = "attraction/lead_detail.html"
    select_related = ("region", "park", "cluster", "chain_segment__chain", "project", "industry", "assigned_unit",
                      "assigned_person")

    def extra_context(self, obj):
        # Landing is offered once the lead is a project (the workflow's guard would refuse it before).
        offered = [t for t in offered_transitions(LEAD_WORKFLOW, obj.stage, self.request.user)
                   if t.target != LeadStageChoices.LANDED or obj.project_id]
        return {
            "follow_ups": obj.follow_ups.select_related("recorded_by"),
            "stage_changes": obj.stage_changes.all(),
            "follow_up_form": LeadFollowUpForm(initial={"date": datetime.date.today()}),
            "transitions": offered,
            "can_convert": obj.stage in CONVERTIBLE_STAGES and obj.project_id is None,
        }

    def post(self, request, pk):
        lead = get_object_or_404(Lead.objects.restrict(request.user, "change"), pk=pk)
        action = request.POST.get("action")
        try:
            if action == "follow_up":
                form = LeadFollowUpForm(request.POST)
                if not form.is_valid():
                    raise ValidationError(form.errors.get_json_data() and
                                          [e["message"] for es in form.errors.get_json_data().values() for e in es])
                follow_up = form.save(commit=False)
                follow_up.lead = lead
                services.lead_follow_up_add(follow_up=follow_up, actor=request.user)
                messages.success(request, _("Follow-up logged."))
            elif action == "transition":
                form = LeadTransitionForm(request.POST)
                if not form.is_valid():
                    raise ValidationError(_("Choose a stage."))
                data = form.cleaned_data
                services.lead_transition(lead=lead, stage=data["stage"], actor=request.user, on=data["on"],
                                         reason=data["reason"], signed_date=data["signed_date"])
                messages.success(request, _("Stage changed."))
            elif action == "convert":
                start = forms.DateField(required=False).clean(request.POST.get("planned_start_date") or None)
                project = services.lead_convert_to_project(lead=lead, actor=request.user, planned_start_date=start)
                messages.success(request, _("The lead is now a project."))
                return HttpResponseRedirect(project.get_absolute_url())
            else:
                raise Http404
        except (ValidationError, PermissionDenied) as exc:
            _errors(request, exc)
        return HttpResponseRedirect(lead.get_absolute_url())


class LeadEditView(ObjectEditView):
    model = Lead
    form_class = LeadForm


def _date(request, name: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(request.GET.get(name) or "")
    except ValueError:
        return None


class LeadFunnelView(LoginRequiredMixin, View):
    """The attraction funnel: counts per stage, stage-to-stage conversion and days per stage, by group."""

    def get(self, request):
        from clusterdesk.regions.selectors import region_by_code

        if not role_permits(request.user, Lead, "view"):
            raise PermissionDenied
        group_by = request.GET.get("by") if request.GET.get("by") in selectors.FUNNEL_GROUPS else "unit"
        region = region_by_code((request.GET.get("region") or "").strip()) if request.GET.get("region") else None
        start, end = _date(request, "start"), _date(request, "end")
        overall, groups = selectors.lead_funnel(user=request.user, group_by=group_by, region=region, start=start,
                                                end=end)
        labels = [str(LeadStageChoices(s.stage).label) for s in overall.funnel.stages]
        if request.GET.get("export") == "xlsx":
            return _funnel_xlsx(labels, [overall, *groups])
        return render(request, "attraction/funnel.html", {
            "rows": [overall, *groups], "labels": labels, "group_by": group_by, "region": region,
            "start": start, "end": end,
            "group_choices": [("unit", _("Responsible unit")), ("segment", _("Chain segment")),
                              ("transfer", _("Industry-transfer type"))],
        })


def _funnel_xlsx(labels: list[str], groups):
    headers = [_("Group"), _("Stage"), _("In this stage now"), _("Reached"), _("Conversion to next stage (%)"),
               _("Median days"), _("Mean days")]
    rows = []
    for group in groups:
        for label, s in zip(labels, group.funnel.stages, strict=True):
            rows.append([group.label, label, s.current, s.reached,
                         round(s.conversion * 100, 1) if s.conversion is not None else None,
                         s.median_days, round(s.mean_days, 1) if s.mean_days is not None else None])
    return xlsx_response(_("Attraction funnel"), _("Attraction funnel"), headers, rows)


class LeadsFromGapsView(LoginRequiredMixin, View):
    """The chain page's 补链 action: one lead per chosen gap segment of the chain, in the page's region."""

    def post(self, request, pk):
        from clusterdesk.industry import selectors as industry
        from clusterdesk.regions.selectors import region_by_code

        if not role_permits(request.user, Lead, "add"):
            raise PermissionDenied
        segment = industry.chain_segment_list(user=request.user).filter(chain_id=pk).select_related(
            "chain__cluster__region").first()
        if segment is None:
            raise Http404
        chain = segment.chain
        region = region_by_code(request.POST.get("region", "")) or chain.cluster.region
        report = industry.chain_report(chain, request.user, region, industry.gap_thresholds())
        gaps = {s.name: s for s in report.segments if s.name in dict(report.gaps.fill_targets)}
        chosen = [s for s in gaps.values() if str(s.pk) in request.POST.getlist("segment")]
        targets = {s.pk: [c.name for c in report.candidates.get(s.pk, [])][:5] for s in chosen}
        try:
            made = services.leads_from_gaps(chain=chain, region=region, segments=chosen, actor=request.user,
                                            targets=targets)
        except (ValidationError, PermissionDenied) as exc:
            _errors(request, exc)
        else:
            messages.success(request, _("%(made)d leads created, %(skipped)d segments already have an open lead.")
                             % {"made": len(made), "skipped": len(chosen) - len(made)})
        return HttpResponseRedirect(chain.get_absolute_url() + f"?region={region.code}")
