"""Pages for placement: the ranked parks for a project, batch allocation, interest-sharing agreements."""

import csv

import numpy as np
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext_lazy
from django.views import View

from clusterdesk.common.filtersets import BaseFilterSet
from clusterdesk.common.tables import Column
from clusterdesk.common.views import ObjectDeleteView, ObjectDetailView, ObjectEditView, ObjectListView
from clusterdesk.core.optimization import AllocationError, AllocationProblem, allocate
from clusterdesk.core.text.cells import csv_field
from clusterdesk.projects.selectors import project_list

from .forms import AgreementForm, BatchAllocationForm, WeightsForm
from .models import InterestAgreement
from .selectors import agreement_figures, batch_candidates, project_ranking
from .services import agreement_delete

__all__ = ["AgreementDeleteView", "AgreementDetailView", "AgreementEditView", "AgreementListView",
           "BatchAllocationView", "ProjectPlacementView"]


class ProjectPlacementView(LoginRequiredMixin, View):
    """Every park in scope ranked for one project, with the explanation per criterion."""

    def get(self, request, pk):
        project = get_object_or_404(project_list(user=request.user)
                                    .select_related("industry", "chain_segment", "park"), pk=pk)
        form = WeightsForm(request.GET or None)
        strict = request.GET.get("soft") != "1"
        ranking = project_ranking(project, request.user, weights=form.weights() if form.is_bound else None,
                                  require_industry_fit=strict)
        return render(request, "placement/project_placement.html",
                      {"project": project, "form": form, "strict": strict, **ranking})


def _batch(request, form):
    data = form.cleaned_data
    projects = project_list(user=request.user).filter(stage__in=data["stages"])
    if data["only_unplaced"]:
        projects = projects.filter(park__isnull=True)
    projects = list(projects.select_related("industry").order_by("-total_investment_wan", "pk")[:data["max_count"]])
    parks, cand = batch_candidates(projects, request.user, per_project=data["per_project"])
    problem = AllocationProblem(
        np.array([float(p.land_area_mu or 0) for p in projects]),
        np.array([float(p.available_land_mu or 0) for p in parks]), cand["cand_project"], cand["cand_park"],
        cand["cand_score"], park_max_projects=np.full(len(parks), data["max_projects"], dtype=np.int64)
        if data["limits"] == "count" else None,
        project_names=[p.name for p in projects], park_names=[p.name for p in parks])
    result = allocate(problem, limits=data["limits"], time_limit=data["time_limit"])
    score = {(int(i), int(j)): float(s) for i, j, s in zip(problem.cand_project, problem.cand_park,
                                                           problem.cand_score, strict=True)}
    rows = [(project, parks[j] if j >= 0 else None, score.get((i, j)))
            for i, (project, j) in enumerate(zip(projects, result.assignment.tolist(), strict=True))]
    return rows, result


class BatchAllocationView(LoginRequiredMixin, View):
    """Place many projects at once: maximise total suitability under land or count limits, show the gap."""

    def get(self, request):
        form = BatchAllocationForm(request.GET if "limits" in request.GET else None)
        context = {"form": form}
        if form.is_bound and form.is_valid():
            try:
                rows, result = _batch(request, form)
            except AllocationError as exc:
                form.add_error(None, str(exc))
            else:
                if request.GET.get("export") == "csv":
                    return _export(rows)
                context.update(rows=rows, result=result, summary=result.as_dict(),
                               export_url=request.get_full_path() + "&export=csv")
        return render(request, "placement/batch_allocation.html", context)


def _export(rows) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="allocation.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(["project_code", "project", "land_mu", "park", "score"])
    for project, park, score in rows:
        writer.writerow([csv_field(project.code), csv_field(project.name), project.land_area_mu or "",
                         csv_field(park.name) if park else "", f"{score:g}" if score is not None else ""])
    return response


class AgreementFilterSet(BaseFilterSet):
    search_fields = ("project__name", "note")

    class Meta:
        model = InterestAgreement
        fields = ["q"]


class AgreementListView(ObjectListView):
    model = InterestAgreement
    filterset_class = AgreementFilterSet
    select_related = ("project", "referring_region", "hosting_region")
    columns = [
        Column("project", gettext_lazy("Project"), kind="link"),
        Column("referring_region", gettext_lazy("Referring district")),
        Column("hosting_region", gettext_lazy("Hosting district")),
        Column("tax_share_pct", gettext_lazy("Tax share (%)")),
        Column("output_share_pct", gettext_lazy("Output share (%)")),
        Column("start_year", gettext_lazy("First year")),
        Column("years", gettext_lazy("Years")),
    ]

    def add_url(self):
        return reverse("placement:agreement_add")


class AgreementDetailView(ObjectDetailView):
    model = InterestAgreement
    template_name = "placement/agreement_detail.html"
    select_related = ("project__owner", "referring_region", "hosting_region")

    def extra_context(self, obj):
        return {"figures": agreement_figures(obj)}


class AgreementEditView(ObjectEditView):
    model = InterestAgreement
    form_class = AgreementForm


class AgreementDeleteView(ObjectDeleteView):
    model = InterestAgreement
    delete_service = staticmethod(lambda obj, user: agreement_delete(agreement=obj, actor=user))
    success_url = "/placement/agreements/"
