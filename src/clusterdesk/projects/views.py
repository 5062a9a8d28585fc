"""Pages for projects: list, detail (milestones, monthly reports, problems, change log), edit, stage change."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from clusterdesk.accounts.scoping import role_permits
from clusterdesk.common.tables import Column
from clusterdesk.common.views import (
    ObjectDeleteView,
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
    ScopedView,
)
from clusterdesk.core.lifecycle import next_stage

from . import services
from .filtersets import ProjectFilterSet
from .forms import DependencyForm, MilestoneForm, ProblemForm, ProgressReportForm, ProjectForm, StageChangeForm
from .models import Milestone, MilestoneDependency, Problem, ProgressReport, Project

__all__ = [
    "ProjectChildDeleteView",
    "ProjectChildEditView",
    "ProjectDeleteView",
    "ProjectDetailView",
    "ProjectEditView",
    "ProjectListView",
    "ProjectStageView",
]


class ProjectListView(ObjectListView):
    model = Project
    filterset_class = ProjectFilterSet
    select_related = ("region", "park", "owner")
    columns = [
        Column("code", gettext_lazy("Project code")),
        Column("name", gettext_lazy("Name"), kind="link"),
        Column("region", gettext_lazy("Region")),
        Column("park", gettext_lazy("Park")),
        Column("stage", gettext_lazy("Stage"), kind="choice"),
        Column("key_level", gettext_lazy("Key level"), kind="choice"),
        Column("total_investment_wan", gettext_lazy("Total investment"), kind="money"),
        Column("investment_completed_wan", gettext_lazy("Investment completed"), kind="money"),
        Column("planned_start_date", gettext_lazy("Planned start"), kind="date"),
    ]

    def add_url(self):
        return reverse("projects:project_add")


class ProjectDetailView(ObjectDetailView):
    model = Project
    template_name = "projects/project_detail.html"
    select_related = ("region", "park", "owner", "cluster", "chain_segment__chain", "industry")

    def extra_context(self, obj):
        from .forms import AnnualPlanForm, MspdiImportForm, ReasonForm
        from .pipeline_views import gantt_data
        from .services import stage_gate_check

        following = next_stage(obj.stage)
        today = timezone.localdate()
        gantt = gantt_data(obj)
        return {
            "milestones": obj.milestones.all(),
            "links": obj.milestone_links.select_related("predecessor", "successor"),
            "reports": obj.progress_reports.prefetch_related("photos")[:24],
            "problems": obj.problems.all(),
            "transitions": obj.transitions.select_related("actor")[:30],
            "lights": obj.lights.all()[:24],
            "plans": obj.annual_plans.all(),
            "gantt": gantt,
            "gantt_height": max(160, 24 * len(gantt) + 70),
            "next_stage": following,
            "next_gate": stage_gate_check(obj, following.value) if following else [],
            "stage_form": StageChangeForm(initial={"stage": following.value if following else obj.stage}),
            "reason_form": ReasonForm(),
            "plan_form": AnnualPlanForm(initial={"year": today.year}),
            "mspdi_form": MspdiImportForm(),
        }


class ProjectEditView(ObjectEditView):
    model = Project
    form_class = ProjectForm


class ProjectDeleteView(ObjectDeleteView):
    model = Project
    delete_service = staticmethod(lambda obj, user: services.project_delete(project=obj, actor=user))
    success_url = "/projects/"


class ProjectStageView(ScopedView):
    """Move a project to another stage through the stage gate."""

    model = Project

    def post(self, request, pk):
        project = get_object_or_404(self.scoped_queryset("change"), pk=pk)
        form = StageChangeForm(request.POST)
        if form.is_valid():
            try:
                services.project_change_stage(project=project, stage=form.cleaned_data["stage"], actor=request.user,
                                              reason=form.cleaned_data["reason"])
                messages.success(request, _("Stage changed to %(stage)s.") % {"stage": project.get_stage_display()})
            except ValidationError as exc:
                for message in exc.messages:
                    messages.error(request, message)
        return HttpResponseRedirect(project.get_absolute_url())


# kind in the URL → (model, form, delete service taking (object, actor))
CHILDREN = {
    "milestone": (Milestone, MilestoneForm, lambda obj, actor: services.milestone_delete(milestone=obj, actor=actor)),
    "report": (ProgressReport, ProgressReportForm,
               lambda obj, actor: services.progress_report_delete(report=obj, actor=actor)),
    "problem": (Problem, ProblemForm, lambda obj, actor: services.problem_delete(problem=obj, actor=actor)),
    "link": (MilestoneDependency, DependencyForm,
             lambda obj, actor: services.dependency_delete(milestonedependency=obj, actor=actor)),
}


class ProjectChildEditView(ScopedView):
    """Add or edit a milestone, monthly report or problem of a project the user may see."""

    template_name = "common/object_edit.html"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        if kwargs["kind"] not in CHILDREN:
            raise Http404
        self.model, self.form_class, _delete = CHILDREN[kwargs["kind"]]

    def get_objects(self, request, project_pk, pk):
        project = get_object_or_404(Project.objects.restrict(request.user, "view"), pk=project_pk)
        if pk is None:
            if not role_permits(request.user, self.model, "add"):
                raise PermissionDenied
            return project, self.model(project=project)
        return project, get_object_or_404(self.scoped_queryset("change"), pk=pk, project=project)

    def render_form(self, request, form, instance, project):
        return render(request, self.template_name, {"form": form, "object": instance, "meta": self.model._meta,
                                                    "is_new": instance.pk is None, "parent": project})

    def get(self, request, kind, project_pk, pk=None):
        project, instance = self.get_objects(request, project_pk, pk)
        return self.render_form(request, self.form_class(instance=instance, user=request.user), instance, project)

    def post(self, request, kind, project_pk, pk=None):
        project, instance = self.get_objects(request, project_pk, pk)
        form = self.form_class(request.POST, request.FILES, instance=instance, user=request.user)
        if form.is_valid():
            try:
                form.save_with(actor=request.user)
            except ValidationError as exc:
                # On the field the service names (the month's investment, the month), else above the form.
                for name, errors in getattr(exc, "message_dict", {None: exc.messages}).items():
                    form.add_error(name if name in form.fields else None, errors)
            except PermissionDenied:
                form.add_error(None, _("You may not save this here: it is outside your scope."))
            else:
                messages.success(request, _("Saved."))
                return HttpResponseRedirect(project.get_absolute_url())
        return self.render_form(request, form, instance, project)


class ProjectChildDeleteView(ScopedView):
    def post(self, request, kind, project_pk, pk):
        if kind not in CHILDREN:
            raise Http404
        model, _form, delete = CHILDREN[kind]
        self.model = model
        obj = get_object_or_404(model.objects.restrict(request.user, "delete"), pk=pk, project_id=project_pk)
        delete(obj, request.user)
        messages.success(request, _("Deleted."))
        return HttpResponseRedirect(reverse("projects:project_detail", args=[project_pk]))
