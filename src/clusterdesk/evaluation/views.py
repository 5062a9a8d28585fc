"""Pages for evaluations: per-mu runs and their sheets, composite evaluations, featured reviews, the park map."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from clusterdesk.common.filtersets import BaseFilterSet
from clusterdesk.common.tables import Column
from clusterdesk.common.views import ObjectDetailView, ObjectEditView, ObjectListView
from clusterdesk.common.workflow import ActionNotAllowed

from . import services
from .forms import CompositeForm, FeaturedReviewForm, LandForm, ObjectionForm, PublishForm, ReplyForm, RunForm
from .models import CompositeEvaluation, EvaluationRun, EvaluationSheet, FeaturedReview, ParkEvaluation

__all__ = ["CompositeDetailView", "CompositeEditView", "CompositeListView", "CompositeStepView",
           "FeaturedDetailView", "FeaturedEditView", "FeaturedListView", "FeaturedStepView", "ParkMapView",
           "RunDetailView", "RunEditView", "RunListView", "RunStepView", "SheetActionView", "SheetDetailView"]


class _ByName(BaseFilterSet):
    class Meta:
        fields = ["q"]


def _filterset(model_class):
    return type(f"{model_class.__name__}FilterSet", (_ByName,), {"Meta": type("Meta", (), {
        "model": model_class, "fields": ["q"]})})


class RunListView(ObjectListView):
    model = EvaluationRun
    filterset_class = _filterset(EvaluationRun)
    select_related = ("region",)
    columns = [Column("name", gettext_lazy("Name"), kind="link"), Column("region", gettext_lazy("Region")),
               Column("year", gettext_lazy("Year")), Column("method", gettext_lazy("Method"), kind="choice"),
               Column("status", gettext_lazy("Status"), kind="choice")]

    def add_url(self):
        return reverse("evaluation:run_add")


class RunEditView(ObjectEditView):
    model = EvaluationRun
    form_class = RunForm


def _do(request, step, obj):
    """Run one workflow step; a refused step shows its reason instead of an error page. ``step`` returns the
    sentence that says what was done."""
    try:
        outcome = step()
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    except ActionNotAllowed as exc:
        messages.error(request, str(exc))
    except PermissionDenied:
        messages.error(request, _("You may not do this here: it is outside your scope."))
    else:
        messages.success(request, outcome)
    return HttpResponseRedirect(obj.get_absolute_url())


def _classes(counts: dict[str, int]) -> dict[str, int]:
    return {"a": counts.get("A", 0), "b": counts.get("B", 0), "c": counts.get("C", 0), "d": counts.get("D", 0)}


class RunDetailView(ObjectDetailView):
    model = EvaluationRun
    template_name = "evaluation/run_detail.html"
    select_related = ("region",)

    def extra_context(self, obj):
        user = self.request.user
        sheets = EvaluationSheet.objects.restrict(user, "view").filter(run=obj).select_related("enterprise")
        klass = self.request.GET.get("class", "")
        if klass:
            sheets = sheets.filter(final_class=klass) if obj.status == "final" else sheets.filter(
                preliminary_class=klass)
        column = "final_class" if obj.status == "final" else "preliminary_class"
        distribution = dict(EvaluationSheet.objects.restrict(user, "view").filter(run=obj).exclude(**{column: ""})
                            .values_list(column).annotate(n=Count("pk")).order_by(column))
        return {
            "page": Paginator(sheets.order_by("above_scale", "rank", "pk"), 50).get_page(self.request.GET.get("page")),
            "distribution": [distribution.get(c, 0) for c in "ABCD"],
            "counts": {"sheets": obj.sheets.count(), "confirmed": obj.sheets.filter(status="confirmed").count(),
                       "deemed": obj.sheets.filter(status="deemed").count(),
                       "unconfirmed": obj.sheets.filter(status="collected").count(),
                       "exempt": obj.sheets.filter(exempt=True).count(),
                       "objections": obj.sheets.filter(objection_status="open").count()},
            "park_results": ParkEvaluation.objects.restrict(user, "view").filter(run=obj).select_related("park"),
            "publish_form": PublishForm(), "class_filter": klass,
        }


class RunStepView(LoginRequiredMixin, View):
    """POST one workflow step of a run: collect, score, publish, deem unconfirmed sheets confirmed, finalize."""

    def post(self, request, pk, step):
        run = get_object_or_404(EvaluationRun.objects.restrict(request.user, "view"), pk=pk)
        actor = request.user
        steps = {
            "collect": lambda: _("%(n)s sheets collected") % {"n": services.run_collect(run=run, actor=actor)},
            "score": lambda: _("Scored and classed: %(a)s in class A, %(b)s in B, %(c)s in C, %(d)s in D.")
            % _classes(services.run_score(run=run, actor=actor)),
            "publish": lambda: _("Published for objections until %(date)s.") % {"date": services.run_publish(
                run=run, actor=actor, objection_deadline=_deadline(request)).objection_deadline},
            "deem": lambda: _("%(n)s unconfirmed data sheets marked deemed confirmed.") % {
                "n": services.run_deem_unconfirmed(run=run, actor=actor)},
            "finalize": lambda: _("Final classes fixed: %(a)s in class A, %(b)s in B, %(c)s in C, %(d)s in D.")
            % _classes(services.run_finalize(run=run, actor=actor)),
        }
        if step not in steps:
            raise PermissionDenied
        return _do(request, steps[step], run)


def _deadline(request):
    form = PublishForm(request.POST)
    return form.cleaned_data.get("objection_deadline") if form.is_valid() else None


class SheetDetailView(ObjectDetailView):
    model = EvaluationSheet
    template_name = "evaluation/sheet_detail.html"
    select_related = ("run", "enterprise", "confirmed_by")

    def extra_context(self, obj):
        from clusterdesk.core.scoring import ABOVE_SCALE_INDICATORS, BELOW_SCALE_INDICATORS

        indicators = ABOVE_SCALE_INDICATORS if obj.above_scale else BELOW_SCALE_INDICATORS
        rows = [(i.label, obj.values.get(i.key), obj.points.get(i.key)) for i in indicators if i.key in obj.points]
        return {"land_form": LandForm(initial={"land_mu": obj.land_mu}), "objection_form": ObjectionForm(),
                "reply_form": ReplyForm(), "score_rows": rows}


class SheetActionView(LoginRequiredMixin, View):
    """POST an action on a sheet: verify land, confirm, object, reply."""

    def post(self, request, pk, action):
        sheet = get_object_or_404(EvaluationSheet.objects.restrict(request.user, "view").select_related("run"),
                                  pk=pk)
        actor = request.user

        def verify():
            form = LandForm(request.POST)
            if not form.is_valid():
                raise ValidationError(form.errors["land_mu"])
            services.sheet_verify_land(sheet=sheet, land_mu=form.cleaned_data["land_mu"], actor=actor)
            return _("Verified land recorded.")

        def reply():
            form = ReplyForm(request.POST)
            if not form.is_valid():
                raise ValidationError([e for errors in form.errors.values() for e in errors])
            data = form.cleaned_data
            services.sheet_resolve_objection(sheet=sheet, upheld=data["upheld"], reply=data["reply"],
                                             final_class=data["final_class"], actor=actor)
            return _("Objection answered.")

        def confirm():
            services.sheet_confirm(sheet=sheet, actor=actor)
            return _("Data sheet confirmed.")

        def objection():
            services.sheet_object(sheet=sheet, text=request.POST.get("objection", ""), actor=actor)
            return _("Objection filed.")

        actions = {"verify": verify, "confirm": confirm, "object": objection, "reply": reply}
        if action not in actions:
            raise PermissionDenied
        return _do(request, actions[action], sheet)


class CompositeListView(ObjectListView):
    model = CompositeEvaluation
    filterset_class = _filterset(CompositeEvaluation)
    select_related = ("region",)
    columns = [Column("name", gettext_lazy("Name"), kind="link"), Column("region", gettext_lazy("Region")),
               Column("year", gettext_lazy("Year")), Column("method", gettext_lazy("Method"), kind="choice")]

    def add_url(self):
        return reverse("evaluation:composite_add")


class CompositeEditView(ObjectEditView):
    model = CompositeEvaluation
    form_class = CompositeForm


class CompositeDetailView(ObjectDetailView):
    model = CompositeEvaluation
    template_name = "evaluation/composite_detail.html"
    select_related = ("region",)

    def extra_context(self, obj):
        from .models import CompositeResult

        results = CompositeResult.objects.restrict(self.request.user, "view").filter(evaluation=obj) \
            .select_related("park").order_by("rank")
        categories = list(results[0].categories) if results else []
        return {"results": results, "categories": categories}


class CompositeStepView(LoginRequiredMixin, View):
    def post(self, request, pk):
        evaluation = get_object_or_404(CompositeEvaluation.objects.restrict(request.user, "view"), pk=pk)
        return _do(request, lambda: _("%(n)s parks evaluated") % {
            "n": services.composite_compute(evaluation=evaluation, actor=request.user)}, evaluation)


class FeaturedListView(ObjectListView):
    model = FeaturedReview
    filterset_class = _filterset(FeaturedReview)
    select_related = ("region",)
    columns = [Column("name", gettext_lazy("Name"), kind="link"), Column("region", gettext_lazy("Region")),
               Column("year", gettext_lazy("Year")), Column("applied_at", gettext_lazy("Applied"), kind="date")]

    def add_url(self):
        return reverse("evaluation:featured_add")


class FeaturedEditView(ObjectEditView):
    model = FeaturedReview
    form_class = FeaturedReviewForm


class FeaturedDetailView(ObjectDetailView):
    model = FeaturedReview
    template_name = "evaluation/featured_detail.html"
    select_related = ("region",)

    def extra_context(self, obj):
        from .models import FeaturedDecision

        decisions = FeaturedDecision.objects.restrict(self.request.user, "view").filter(review=obj) \
            .select_related("park").order_by("change", "park__name")
        return {"decisions": decisions}


class FeaturedStepView(LoginRequiredMixin, View):
    def post(self, request, pk, step):
        review = get_object_or_404(FeaturedReview.objects.restrict(request.user, "view"), pk=pk)
        if step == "compute":
            return _do(request, lambda: _("%(keeps)s parks keep their status, %(gains)s gain it, %(loses)s lose it.")
                       % services.featured_compute(review=review, actor=request.user), review)
        if step == "apply":
            return _do(request, lambda: _("%(n)s parks changed status") % {
                "n": services.featured_apply(review=review, actor=request.user)}, review)
        raise PermissionDenied


class ParkMapView(LoginRequiredMixin, View):
    """The old park map's address: the parks are on the real map now (issue 14), coloured by their class."""

    def get(self, request):
        return redirect("maps:map")
