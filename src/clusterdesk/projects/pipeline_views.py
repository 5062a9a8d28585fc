"""Pages of the pipeline: the board by stage, the lists (standard, grouped, saved) with .xlsx export, the light
roll-ups, late reports, the problem board and a problem's page, meetings and decisions, the project's
library actions, schedule (template, links, MSPDI) and annual plan, and the configured rule sets."""

import datetime
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Max, Q, Sum
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from clusterdesk.accounts.scoping import role_permits
from clusterdesk.common.importing.bounds import FileTooLarge, read_upload
from clusterdesk.common.views import ObjectDetailView, ObjectEditView, ObjectListView
from clusterdesk.common.workflow import ActionNotAllowed
from clusterdesk.common.xlsx import xlsx_response

from . import scheduling, selectors, services
from .choices import OPEN_PROBLEM_STATUSES, LibraryStatusChoices, ProblemStatusChoices
from .dates import previous_month
from .filtersets import PipelineFilterSet, ProblemFilterSet
from .forms import (
    AnnualPlanForm,
    DecisionForm,
    EscalateForm,
    MeetingForm,
    MspdiImportForm,
    ProblemTransitionForm,
    ReasonForm,
    SavedListForm,
)
from .models import (
    CoordinationMeeting,
    GateRule,
    Library,
    LightRuleSet,
    MeetingDecision,
    MilestoneTemplate,
    MilestoneTemplateLink,
    Problem,
    Project,
    ProjectLight,
    ReportPhoto,
    SavedList,
    SectorThreshold,
)

__all__ = [
    "MeetingDetailView",
    "MeetingEditView",
    "MeetingListView",
    "ProblemDetailView",
    "RuleEditView",
    "decision_edit",
    "late_reports",
    "light_rollup",
    "list_index",
    "list_rows",
    "pipeline_board",
    "pipeline_settings",
    "problem_board",
    "problem_escalate",
    "problem_transition",
    "project_library_action",
    "project_mspdi",
    "project_plan",
    "project_template",
    "report_photo",
    "saved_list",
    "saved_list_delete",
    "saved_list_save",
]

#: An MS Project file of a few thousand tasks is well under 1 MB; larger uploads are refused before reading.
MAX_MSPDI_BYTES = 10 * 1024 * 1024

LIST_COLUMNS = [
    ("code", gettext_lazy("Project code")), ("name", gettext_lazy("Name")), ("region", gettext_lazy("Region")),
    ("park", gettext_lazy("Park")), ("stage", gettext_lazy("Stage")),
    ("total_investment_wan", gettext_lazy("Total investment (10k yuan)")),
    ("investment_completed_wan", gettext_lazy("Investment completed (10k yuan)")),
    ("planned_start_date", gettext_lazy("Planned start")), ("actual_start_date", gettext_lazy("Actual start")),
    ("responsible_leader", gettext_lazy("Responsible leader")), ("responsible_unit", gettext_lazy("Responsible unit")),
    ("current_light", gettext_lazy("Light")), ("light_summary", gettext_lazy("Light explanation")),
]


LIST_WIDTHS = (26, 40, 24, 30, 10, 14, 14, 12, 12, 28, 32, 8, 60)


def _row(project: Project) -> list:
    return [project.code, project.name, str(project.region), project.park.name if project.park_id else "",
            project.get_stage_display(), project.total_investment_wan, project.investment_completed_wan,
            project.planned_start_date, project.actual_start_date, project.responsible_leader,
            project.responsible_unit, project.get_current_light_display(), project.light_summary]


def _month(request) -> datetime.date:
    """The month asked for (2026-10), else the latest month with lights in the user's scope, else last month."""
    text = request.GET.get("month", "")
    try:
        return datetime.date.fromisoformat(f"{text}-01" if len(text) == 7 else text).replace(day=1)
    except ValueError:
        latest = ProjectLight.objects.restrict(request.user, "view").aggregate(m=Max("month"))["m"]
        return latest or previous_month(timezone.localdate())


@login_required
def pipeline_board(request):
    """Projects by stage (三库多清单), grouped by the configured libraries."""
    withdrawn = selectors.project_list(user=request.user).filter(library_status=LibraryStatusChoices.WITHDRAWN)
    return render(request, "projects/pipeline_board.html", {"columns": selectors.pipeline_board(user=request.user),
                                                            "withdrawn_count": withdrawn.count()})


@login_required
def list_index(request):
    """The standard lists, the grouped lists and the saved lists."""
    user = request.user
    base = selectors.project_list(user=user).filter(library_status="active")
    counts = {key: selectors.standard_list(user=user, key=key).count() for key in selectors.STANDARD_LISTS}
    return render(request, "projects/list_index.html", {
        "standard": [(item, counts[key]) for key, item in selectors.STANDARD_LISTS.items()],
        "grouped": selectors.GROUPED_LISTS.items(), "saved": selectors.saved_lists_for(user=user),
        "active_count": base.count()})


def _filtered(request, key: str):
    if key in selectors.STANDARD_LISTS:
        queryset = selectors.standard_list(user=request.user, key=key)
        title = selectors.STANDARD_LISTS[key].title
    elif key == "all":
        queryset, title = selectors.project_list(user=request.user), _("All projects")
    else:
        raise Http404
    filterset = PipelineFilterSet(request.GET, queryset=queryset.select_related("region", "park"), request=request)
    return (filterset.qs if filterset.is_valid() else queryset.none()), filterset, title


@login_required
def list_rows(request, key: str):
    """One list, filtered, paginated, exportable to .xlsx; a grouped list shows its groups."""
    if key in selectors.GROUPED_LISTS:
        return _grouped(request, key)
    rows, filterset, title = _filtered(request, key)
    if request.GET.get("export") == "xlsx":
        return xlsx_response(f"list-{key}", str(title), [c for _f, c in LIST_COLUMNS],
                             (_row(p) for p in rows.iterator(chunk_size=2000)), widths=LIST_WIDTHS)
    page = Paginator(rows, 25).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "projects/list_rows.html", {
        "key": key, "title": title, "filterset": filterset, "page": page,
        "save_form": SavedListForm(initial={"base": key, "query": query.urlencode()})})


def _grouped(request, key: str):
    title, field = selectors.GROUPED_LISTS[key]
    queryset = selectors.project_list(user=request.user).filter(library_status="active")
    groups = list(queryset.values(field).annotate(
        count=Count("pk"), investment=Sum("total_investment_wan"), completed=Sum("investment_completed_wan"),
        red=Count("pk", filter=Q(current_light="red")), yellow=Count("pk", filter=Q(current_light="yellow")))
        .order_by("-count", field))
    grouped_by = {"responsible_leader": _("Responsible leader"), "responsible_unit": _("Responsible unit"),
                  "cluster__name": _("Cluster"), "park__name": _("Park")}[field]
    headers = [grouped_by, _("Projects"), _("Total investment (10k yuan)"), _("Investment completed (10k yuan)"),
               _("Red"), _("Yellow")]
    if request.GET.get("export") == "xlsx":
        return xlsx_response(f"list-{key}", str(title), headers,
                             ([g[field] or "—", g["count"], g["investment"], g["completed"], g["red"], g["yellow"]]
                              for g in groups))
    filter_name = {"responsible_leader": "leader", "responsible_unit": "unit", "cluster__name": "cluster_name",
                   "park__name": "park_name"}[field]
    for group in groups:
        group["name"] = group[field]
        group["url"] = reverse("projects:list_rows", args=["all"]) + "?" + urlencode({filter_name: group[field] or ""})
    return render(request, "projects/list_grouped.html", {"key": key, "title": title, "groups": groups,
                                                          "headers": headers})


@login_required
@require_POST
def saved_list_save(request):
    form = SavedListForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        saved = services.saved_list_create(saved=SavedList(name=data["name"], shared=data["shared"],
                                                           base=data["base"], query=data["query"]),
                                           actor=request.user)
        messages.success(request, _("List saved: %(name)s") % {"name": saved.name})
        return HttpResponseRedirect(saved.get_absolute_url())
    messages.error(request, _("Give the list a name."))
    return HttpResponseRedirect(reverse("projects:list_index"))


@login_required
def saved_list(request, pk: int):
    """Open a saved list: each user sees it within their own scope."""
    saved = get_object_or_404(selectors.saved_lists_for(user=request.user), pk=pk)
    base = saved.base if saved.base in selectors.STANDARD_LISTS else "all"
    target = reverse("projects:list_rows", args=[base])
    return HttpResponseRedirect(f"{target}?{saved.query}" if saved.query else target)


@login_required
@require_POST
def saved_list_delete(request, pk: int):
    saved = get_object_or_404(SavedList.objects.all(), pk=pk, owner=request.user)
    services.saved_list_delete(saved=saved, actor=request.user)
    messages.success(request, _("Deleted."))
    return HttpResponseRedirect(reverse("projects:list_index"))


@login_required
def light_rollup(request):
    """Lights for a month by park, county, city or cluster, with start rate and plan completion."""
    month = _month(request)
    by = request.GET.get("by", "county")
    if by not in ("park", "county", "city", "cluster"):
        by = "county"
    rows = selectors.light_rollup(user=request.user, month=month, by=by)
    grouped_by = {"park": _("Park"), "county": _("County"), "city": _("City"), "cluster": _("Cluster")}[by]
    headers = [grouped_by, _("Projects"), _("Green"), _("Yellow"), _("Red"), _("Planned to start"), _("Started"),
               _("Start rate"), _("Annual plan (10k yuan)"), _("Year to date (10k yuan)"), _("Plan completion"),
               _("Time progress")]
    if request.GET.get("export") == "xlsx":
        return xlsx_response(f"lights-{by}-{month:%Y-%m}", f"{month:%Y-%m}", headers, (
            [r["name"], r["total"], r["green"], r["yellow"], r["red"], r["planned_starts"], r["started"],
             r["start_rate"], r["plan_wan"], r["ytd_wan"], r["completion"], r["time_progress"]] for r in rows))
    return render(request, "projects/light_rollup.html", {"rows": rows, "month": month, "by": by,
                                                          "headers": headers})


@login_required
def late_reports(request):
    """Monthly reports missing or filed after the due day."""
    data = selectors.late_reports(user=request.user, month=_month(request))
    if request.GET.get("export") == "xlsx":
        headers = [_("Project code"), _("Name"), _("Region"), _("Responsible unit"), _("Status")]
        rows = [[p.code, p.name, str(p.region), p.responsible_unit, _("Missing")] for p in data["missing"]]
        rows += [[r.project.code, r.project.name, "", r.project.responsible_unit,
                  _("Filed late on %(day)s") % {"day": r.created.date()}] for r in data["late"]]
        return xlsx_response(f"late-reports-{data['month']:%Y-%m}", f"{data['month']:%Y-%m}", headers, rows)
    page = Paginator(data["missing"], 50).get_page(request.GET.get("page"))
    return render(request, "projects/late_reports.html", {**data, "page": page})


PROBLEM_COLUMNS = [gettext_lazy("Project"), gettext_lazy("Category"), gettext_lazy("Description"),
                   gettext_lazy("Owner unit"), gettext_lazy("Owner person"), gettext_lazy("Raised"),
                   gettext_lazy("Due"), gettext_lazy("Coordination level"), gettext_lazy("Status"),
                   gettext_lazy("Resolved")]


@login_required
def problem_board(request):
    """Problems by status, filterable, with the resolution figures by unit and category."""
    queryset = selectors.problem_list(user=request.user)
    filterset = ProblemFilterSet(request.GET, queryset=queryset, request=request)
    rows = filterset.qs if filterset.is_valid() else queryset.none()
    if request.GET.get("export") == "xlsx":
        return xlsx_response("problems", _("Problems"), PROBLEM_COLUMNS, (
            [p.project.name, p.get_category_display(), p.description, p.owner_unit, p.owner_person, p.raised_date,
             p.due_date, p.get_coordination_level_display(), p.get_status_display(), p.resolved_date]
            for p in rows.iterator(chunk_size=2000)))
    today = timezone.localdate()
    counts = dict(rows.values_list("status").annotate(n=Count("pk")))
    lanes = []
    for value, label in ProblemStatusChoices.choices:
        items = list(rows.filter(status=value).order_by("due_date", "pk")[:30]) if counts.get(value) else []
        lanes.append({"status": value, "label": label, "count": counts.get(value, 0), "items": items})
    overdue = rows.filter(status__in=OPEN_PROBLEM_STATUSES, due_date__lt=today).count()
    return render(request, "projects/problem_board.html", {
        "filterset": filterset, "lanes": lanes, "overdue": overdue, "today": today,
        "by_unit": selectors.problem_figures(user=request.user, by="unit")[:15],
        "by_category": selectors.problem_figures(user=request.user, by="category")})


class ProblemDetailView(ObjectDetailView):
    model = Problem
    template_name = "projects/problem_detail.html"
    select_related = ("project", "project__region", "raised_by")

    def extra_context(self, obj):
        return {"transition_form": ProblemTransitionForm(initial={"owner_person": obj.owner_person}),
                "escalate_form": EscalateForm(initial={"to_level": min(obj.coordination_level + 1, 4)}),
                "escalations": obj.escalations.all(), "meetings": obj.meetings.all(),
                "decisions": obj.decisions.select_related("meeting"), "today": timezone.localdate()}


def _changeable_problem(request, pk):
    return get_object_or_404(Problem.objects.restrict(request.user, "change").select_related("project"), pk=pk)


def _messages_from(request, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


@login_required
@require_POST
def problem_transition(request, pk: int):
    problem = _changeable_problem(request, pk)
    form = ProblemTransitionForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.problem_transition(problem=problem, actor=request.user, status=data["status"],
                                        resolution=data["resolution"], reason=data["reason"],
                                        owner_person=data["owner_person"] or None)
            messages.success(request, _("Status changed to %(status)s.") % {"status": problem.get_status_display()})
        except ValidationError as exc:
            _messages_from(request, exc)
        except ActionNotAllowed as exc:
            messages.error(request, str(exc))
    return HttpResponseRedirect(reverse("projects:problem_detail", args=[pk]))


@login_required
@require_POST
def problem_escalate(request, pk: int):
    problem = _changeable_problem(request, pk)
    form = EscalateForm(request.POST)
    if form.is_valid():
        try:
            services.problem_escalate(problem=problem, actor=request.user, to_level=form.cleaned_data["to_level"],
                                      reason=form.cleaned_data["reason"])
            messages.success(request, _("Escalated."))
        except ValidationError as exc:
            _messages_from(request, exc)
    else:
        messages.error(request, _("Give the level and a reason."))
    return HttpResponseRedirect(reverse("projects:problem_detail", args=[pk]))


def _changeable_project(request, pk):
    return get_object_or_404(Project.objects.restrict(request.user, "change"), pk=pk)


@login_required
@require_POST
def project_library_action(request, pk: int, action: str):
    """Withdraw (退库), restore, or add mid-year (增补), with a reason."""
    project = _changeable_project(request, pk)
    service = {"withdraw": services.project_withdraw, "restore": services.project_restore,
               "add-mid-year": services.project_add_mid_year}.get(action)
    if service is None:
        raise Http404
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give a reason."))
    else:
        try:
            service(project=project, actor=request.user, reason=form.cleaned_data["reason"])
            messages.success(request, _("Saved."))
        except ValidationError as exc:
            _messages_from(request, exc)
    return HttpResponseRedirect(project.get_absolute_url())


@login_required
@require_POST
def project_template(request, pk: int):
    """Add the project type's template nodes and links, then schedule."""
    project = _changeable_project(request, pk)
    try:
        created = scheduling.template_apply(project=project, actor=request.user, today=timezone.localdate())
        messages.success(request, _("%(n)d milestones added from the template.") % {"n": len(created)})
    except ValidationError as exc:
        _messages_from(request, exc)
    return HttpResponseRedirect(project.get_absolute_url() + "#schedule")


@login_required
def project_mspdi(request, pk: int):
    """GET: the schedule as MS Project XML. POST: import a planner's MS Project XML file."""
    if request.method == "GET":
        project = get_object_or_404(Project.objects.restrict(request.user, "view"), pk=pk)
        xml = scheduling.project_mspdi_export(project=project)
        response = HttpResponse(xml, content_type="application/xml; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="project-{project.pk}.xml"'
        return response
    project = _changeable_project(request, pk)
    form = MspdiImportForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose an MS Project XML file."))
    else:
        upload = form.cleaned_data["file"]
        try:
            xml = read_upload(upload, MAX_MSPDI_BYTES).decode("utf-8-sig")
            summary = scheduling.project_mspdi_import(project=project, xml=xml, actor=request.user,
                                                      today=timezone.localdate())
            messages.success(request, _("Imported %(tasks)d tasks and %(links)d links from %(file)s.")
                             % {**summary, "file": upload.name})
        except UnicodeDecodeError:
            messages.error(request, _("%(file)s is not UTF-8 text.") % {"file": upload.name})
        except FileTooLarge as exc:
            messages.error(request, f"{upload.name}：{exc}")
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, f"{upload.name}：{message}")
    return HttpResponseRedirect(project.get_absolute_url() + "#schedule")


@login_required
@require_POST
def project_plan(request, pk: int):
    """Set a year's planned investment."""
    project = _changeable_project(request, pk)
    form = AnnualPlanForm(request.POST)
    if form.is_valid():
        services.annual_plan_set(project=project, year=form.cleaned_data["year"],
                                 planned_wan=form.cleaned_data["planned_wan"], actor=request.user)
        messages.success(request, _("Saved."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return HttpResponseRedirect(project.get_absolute_url())


class MeetingListView(ObjectListView):
    model = CoordinationMeeting
    select_related = ("region",)

    def get(self, request):
        queryset = self.scoped_queryset("view").order_by("-held_on", "-pk")
        page = Paginator(queryset, 25).get_page(request.GET.get("page"))
        counts = selectors.meeting_counts(meetings=page.object_list, user=request.user)
        for meeting in page.object_list:
            meeting.n_problems, meeting.n_decisions = counts[meeting.pk]
        decisions = (selectors.meeting_decisions(user=request.user).exclude(status="done")
                     .select_related("meeting", "problem__project").order_by("due_date", "pk"))
        if request.GET.get("export") == "xlsx":
            headers = [_("Decision"), _("Meeting"), _("Project"), _("Owner unit"), _("Owner person"), _("Due"),
                       _("Status")]
            return xlsx_response("decisions", _("Decisions"), headers, (
                [d.text, d.meeting.title, d.problem.project.name if d.problem_id else "", d.owner_unit,
                 d.owner_person, d.due_date, d.get_status_display()] for d in decisions.iterator(chunk_size=2000)))
        return render(request, "projects/meeting_list.html", {
            "page": page,
            "decisions": decisions[:50], "open_decisions": decisions.count(), "today": timezone.localdate()})


class MeetingEditView(ObjectEditView):
    model = CoordinationMeeting
    form_class = MeetingForm


class MeetingDetailView(ObjectDetailView):
    model = CoordinationMeeting
    template_name = "projects/meeting_detail.html"
    select_related = ("region",)

    def own_history_visible(self, obj) -> bool:
        # The meeting's own records carry its minutes.
        return selectors.meeting_whole_in_scope(meeting=obj, user=self.request.user)

    def extra_context(self, obj):
        user = self.request.user
        from clusterdesk.tasks.selectors import instructions_of

        today = timezone.localdate()
        return {"problems": selectors.meeting_problems(meeting=obj, user=user),
                "decisions": selectors.meeting_decisions(meeting=obj, user=user).select_related("problem__project"),
                "whole": selectors.meeting_whole_in_scope(meeting=obj, user=user),
                "instructions": instructions_of(user=user, today=today, meeting=obj),
                "may_add_instruction": role_permits(user, "tasks.instruction", "add"),
                "today": today}


@login_required
def decision_edit(request, meeting_pk: int, pk: int | None = None):
    """Add or edit a decision (议定事项) of a meeting."""
    meeting = get_object_or_404(CoordinationMeeting.objects.restrict(request.user, "view"), pk=meeting_pk)
    if pk is None:
        if not role_permits(request.user, MeetingDecision, "add"):
            raise PermissionDenied
        instance = MeetingDecision(meeting=meeting)
    else:
        instance = get_object_or_404(MeetingDecision.objects.restrict(request.user, "change"), pk=pk,
                                     meeting=meeting)
    form = DecisionForm(request.POST or None, instance=instance, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            form.save_with(actor=request.user)
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        except PermissionDenied:
            form.add_error(None, _("You may not save this here: it is outside your scope."))
        else:
            messages.success(request, _("Saved."))
            return HttpResponseRedirect(meeting.get_absolute_url())
    return render(request, "common/object_edit.html", {"form": form, "object": instance, "parent": meeting,
                                                       "meta": MeetingDecision._meta, "is_new": pk is None})


@login_required
def pipeline_settings(request):
    """The configured libraries, gate rules, entry thresholds, milestone templates and light rule sets."""
    templates = {}
    for node in MilestoneTemplate.objects.all():
        templates.setdefault(node.get_project_type_display(), {"nodes": [], "links": []})["nodes"].append(node)
    for link in MilestoneTemplateLink.objects.all():
        templates.setdefault(link.get_project_type_display(), {"nodes": [], "links": []})["links"].append(link)
    return render(request, "projects/pipeline_settings.html", {
        "libraries": Library.objects.all(), "rules": GateRule.objects.all(),
        "thresholds": SectorThreshold.objects.all(), "templates": templates, "rule_sets": LightRuleSet.objects.all()})


def gantt_data(project: Project) -> list[dict]:
    """The milestones as rows for the ECharts Gantt-style chart."""
    rows = []
    for m in project.milestones.order_by("sequence", "pk"):
        duration = m.duration_days if m.duration_days is not None else 1
        finish = m.actual_date or m.early_finish_date or m.planned_date
        if m.status == "done" and not m.actual_date:
            finish = m.early_finish_date or finish
        if finish is None:
            continue
        start = finish - datetime.timedelta(days=max(duration - 1, 0))
        rows.append({"name": m.name, "start": start.isoformat(), "finish": finish.isoformat(),
                     "latest": m.latest_finish_date.isoformat() if m.latest_finish_date else None,
                     "status": m.status or ("done" if m.actual_date else ""), "critical": m.critical,
                     "float": m.total_float_days})
    return rows


@login_required
def report_photo(request, pk: int):
    """A report photo, to a user who may see its project."""
    photo = get_object_or_404(ReportPhoto.objects.restrict(request.user, "view"), pk=pk)
    return FileResponse(photo.image.open("rb"), filename=photo.image.name.rsplit("/", 1)[-1])


RULE_FORMS = {"gate": (GateRule, "GateRuleForm"), "threshold": (SectorThreshold, "SectorThresholdForm"),
              "lights": (LightRuleSet, "LightRuleSetForm"), "library": (Library, "LibraryForm"),
              "template": (MilestoneTemplate, "MilestoneTemplateForm")}


class RuleEditView(ObjectEditView):
    """Add or edit a configured rule; administrators only (everyone else may read them)."""

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        from . import forms

        if kwargs.get("kind") not in RULE_FORMS:
            raise Http404
        self.model, form_name = RULE_FORMS[kwargs["kind"]]
        self.form_class = getattr(forms, form_name)

    def get(self, request, kind, pk=None):
        self._only_administrators(request)
        return super().get(request, pk)

    def post(self, request, kind, pk=None):
        self._only_administrators(request)
        response = super().post(request, pk)
        if response.status_code == 302:
            return HttpResponseRedirect(reverse("projects:pipeline_settings"))
        return response

    @staticmethod
    def _only_administrators(request) -> None:
        if not request.user.is_administrator:
            raise PermissionDenied
