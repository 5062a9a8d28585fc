"""Pages of observation rounds: the list, a round (nominations, route, steps, results), the results export, and
each judge's own score sheet (phone-friendly, with .xlsx download and upload)."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from clusterdesk.accounts.scoping import can
from clusterdesk.common.importing.bounds import FileTooLarge, read_upload
from clusterdesk.common.importing.reader import WorkbookError
from clusterdesk.common.views import ObjectEditView
from clusterdesk.common.workflow import ActionNotAllowed, offered_transitions
from clusterdesk.common.xlsx import XLSX_CONTENT_TYPE, xlsx_response
from clusterdesk.core.observation import ROUND_WORKFLOW
from clusterdesk.projects.selectors import project_list

from . import services
from .forms import RoundForm, SeriesForm
from .imports import results_rows, sheet_bytes, sheet_rows_from_upload
from .models import Nomination, ObservationRound, ObservationSeries
from .selectors import judge_sheet, observation_round_results, round_list

__all__ = ["MySheetExportView", "MySheetUploadView", "MySheetView", "NominateView", "ResultsExportView",
           "RoundDetailView", "RoundEditView", "RoundListView", "RoundStepView", "RouteView", "SeriesEditView"]


def _round(request, pk) -> ObservationRound:
    """A round the user may see (their region and above) or judges; 404 otherwise."""
    return get_object_or_404(round_list(user=request.user).select_related("series", "series__region"), pk=pk)


def _judged(request, pk) -> ObservationRound:
    return get_object_or_404(ObservationRound.objects.select_related("series"), pk=pk, judges=request.user)


def _do(request, step, target):
    try:
        outcome = step()
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    except ActionNotAllowed as exc:
        messages.error(request, str(exc))
    except PermissionDenied as exc:
        messages.error(request, str(exc) if str(exc) and str(exc) != "outside your scope"
                       else _("You may not do this here: it is outside your scope."))
    else:
        messages.success(request, outcome)
    return HttpResponseRedirect(target)


class RoundListView(LoginRequiredMixin, View):
    def get(self, request):
        from clusterdesk.accounts.scoping import role_permits

        return render(request, "observation/round_list.html", {
            "rounds": round_list(user=request.user),
            "can_add": role_permits(request.user, ObservationRound, "add")})


class SeriesEditView(ObjectEditView):
    model = ObservationSeries
    form_class = SeriesForm


class RoundEditView(ObjectEditView):
    model = ObservationRound
    form_class = RoundForm


class RoundDetailView(LoginRequiredMixin, View):
    def get(self, request, pk):
        round_ = _round(request, pk)
        user = request.user
        organiser = can(user, "change", round_)
        nominations = (Nomination.objects.restrict(user, "view").filter(round=round_)
                       .select_related("project", "project__region", "nominated_by")
                       .order_by("route_order", "project__name"))
        nominable = []
        if round_.status == "nominating" and (organiser or can_nominate(user)):
            taken = round_.nominations.values("project_id")
            nominable = (project_list(user=user, action="change").exclude(pk__in=taken)
                         .filter(region__code__startswith=round_.series.region.code_prefix).order_by("name")[:200])
        return render(request, "observation/round_detail.html", {
            "object": round_, "results": observation_round_results(user, round_), "nominations": nominations,
            "organiser": organiser, "nominable": nominable,
            "steps": offered_transitions(ROUND_WORKFLOW, round_.status, user) if organiser else (),
            "is_judge": round_.judges.filter(pk=user.pk).exists(),
        })


def can_nominate(user) -> bool:
    from clusterdesk.accounts.scoping import role_permits

    return role_permits(user, Nomination, "add")


class RoundStepView(LoginRequiredMixin, View):
    """POST a step of the round's workflow: open nominations, start scoring, publish."""

    def post(self, request, pk, step):
        round_ = _round(request, pk)
        actor = request.user
        steps = {
            "nominating": lambda: services.round_step(round_=round_, target="nominating", actor=actor)
            and _("Nominations are open."),
            "scoring": lambda: services.round_step(round_=round_, target="scoring", actor=actor)
            and _("Scoring has started."),
            "published": lambda: services.round_publish(round_=round_, actor=actor) and _("Results published."),
        }
        if step not in steps:
            raise Http404
        return _do(request, steps[step], round_.get_absolute_url())


class NominateView(LoginRequiredMixin, View):
    def post(self, request, pk):
        round_ = _round(request, pk)
        project = project_list(user=request.user, action="change").filter(pk=request.POST.get("project")).first()
        if project is None:
            raise Http404
        return _do(request, lambda: services.nomination_create(
            round_=round_, project=project, actor=request.user,
            override_reason=request.POST.get("override_reason", "")) and _("Nominated."), round_.get_absolute_url())


class RouteView(LoginRequiredMixin, View):
    """POST the route: ``order_<nomination id>`` = its place; blank leaves the project off the route."""

    def post(self, request, pk):
        round_ = _round(request, pk)
        places = []
        for key, value in request.POST.items():
            if key.startswith("order_") and value.strip():
                try:
                    places.append((int(value), int(key[6:])))
                except ValueError:
                    continue
        order = [nomination for _place, nomination in sorted(places)]
        return _do(request, lambda: services.round_route_confirm(round_=round_, order=order, actor=request.user)
                   and _("Route confirmed."), round_.get_absolute_url())


class ResultsExportView(LoginRequiredMixin, View):
    def get(self, request, pk):
        round_ = _round(request, pk)
        results = observation_round_results(request.user, round_)
        headers, rows = results_rows(results)
        return xlsx_response(f"{round_}结果", "观摩结果", headers, rows)


class MySheetView(LoginRequiredMixin, View):
    """The judge's own sheet: one row per project on the route, one field per criterion."""

    def get(self, request, pk, errors=None):
        round_ = _judged(request, pk)
        rows = judge_sheet(user=request.user, round_=round_)
        criteria = round_.series.criteria
        for row in rows:
            row["cells"] = [{"key": c["key"], "max": c["max_score"], "label": c["label"],
                             "value": request.POST.get(f"s_{row['nomination_id']}_{c['key']}",
                                                       row["values"].get(c["key"], ""))
                             if errors else row["values"].get(c["key"], "")} for c in criteria]
        return render(request, "observation/my_sheet.html", {
            "object": round_, "rows": rows, "criteria": criteria, "errors": errors or [],
            "editable": round_.status == "scoring"})

    def post(self, request, pk):
        round_ = _judged(request, pk)
        rows: dict[int, dict[str, object]] = {}
        for key, value in request.POST.items():
            if key.startswith("s_"):
                _s, nomination, criterion = key.split("_", 2)
                if nomination.isdigit():
                    rows.setdefault(int(nomination), {})[criterion] = value
        try:
            services.score_sheet_save(round_=round_, rows=rows, actor=request.user)
        except (ValidationError, PermissionDenied) as exc:
            return self.get(request, pk, errors=getattr(exc, "messages", [str(exc)]))
        messages.success(request, _("Your scores are saved."))
        return HttpResponseRedirect(reverse("observation:my_sheet", args=[pk]))


class MySheetExportView(LoginRequiredMixin, View):
    def get(self, request, pk):
        round_ = _judged(request, pk)
        response = HttpResponse(sheet_bytes(round_, judge_sheet(user=request.user, round_=round_)),
                                content_type=XLSX_CONTENT_TYPE)
        response["Content-Disposition"] = f'attachment; filename="observation-{round_.pk}-my-sheet.xlsx"'
        return response


class MySheetUploadView(LoginRequiredMixin, View):
    """POST the judge's sheet back as .xlsx: all or nothing, errors naming sheet, row, column and criterion."""

    def post(self, request, pk):
        round_ = _judged(request, pk)
        upload = request.FILES.get("file")
        rows, errors = {}, [_("Choose a file.")]
        if upload is not None:
            try:
                rows, errors = sheet_rows_from_upload(round_, read_upload(upload))
            except (WorkbookError, FileTooLarge) as exc:
                rows, errors = {}, [str(exc)]
        if not errors:
            try:
                services.score_sheet_save(round_=round_, rows=rows, actor=request.user)
            except (ValidationError, PermissionDenied) as exc:
                errors = getattr(exc, "messages", [str(exc)])
        if errors:
            view = MySheetView()
            view.request = request
            return view.get(request, pk, errors=errors)
        messages.success(request, _("Your scores are saved."))
        return HttpResponseRedirect(reverse("observation:my_sheet", args=[pk]))

