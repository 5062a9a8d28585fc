"""Pages of the enterprise service: the secretary workbench, monitoring, appeals, inclusion and coverage boards.

Every queryset comes through the selectors, which go through `restrict`; every write goes through a service.
Each board exports what it shows as .xlsx with Chinese headers (``?export=…``).
"""

import datetime
from typing import TYPE_CHECKING

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from clusterdesk.accounts.scoping import role_permits
from clusterdesk.common.importing.bounds import FileTooLarge, read_upload
from clusterdesk.common.views import object_changes
from clusterdesk.common.workflow import ActionNotAllowed, offered_transitions
from clusterdesk.common.xlsx import xlsx_response
from clusterdesk.core.appeals import APPEAL_WORKFLOW
from clusterdesk.core.monitoring import month_label
from clusterdesk.core.statistics import application_calendar, reminder_due
from clusterdesk.enterprises.selectors import enterprise_list

from . import selectors
from .assignment import secretaries_import
from .choices import (
    AppealCategoryChoices,
    AppealStatusChoices,
    CandidateStateChoices,
    UnitTypeChoices,
    WarningLevelChoices,
    WarningRuleChoices,
)
from .forms import (
    AppealActionForm,
    AppealForm,
    CandidateActionForm,
    DocumentsForm,
    MonthField,
    MonthlyFigureForm,
    SecretaryAssignForm,
    SecretaryUploadForm,
    VisitForm,
)
from .inclusion import candidate_transition
from .models import Appeal, FollowUpTask, InclusionCandidate, MonthlyFigure, Visit
from .services import (
    appeal_relations,
    appeal_transition,
    follow_up_complete,
    secretary_assign,
    warnings_recompute,
)

if TYPE_CHECKING:
    from clusterdesk.enterprises.models import Enterprise

__all__ = [
    "AppealBoardView",
    "AppealCreateView",
    "AppealDetailView",
    "CandidateDetailView",
    "CoverageView",
    "FigureCreateView",
    "FollowUpDoneView",
    "InclusionBoardView",
    "MonitoringView",
    "MyEnterpriseView",
    "VisitCreateView",
    "WorkbenchView",
]

PAGE_SIZE = 25
_OPEN = [AppealStatusChoices.RAISED, AppealStatusChoices.ACCEPTED, AppealStatusChoices.IN_PROGRESS]


def _errors(exc: ValidationError) -> list[str]:
    return [m for ms in exc.message_dict.values() for m in ms] if hasattr(exc, "error_dict") else exc.messages


def _refused(form, exc: ValidationError | ActionNotAllowed) -> None:
    """Put a refused workflow step's messages on the form: a missing input under its field; the step itself (not
    allowed from this status, not by this user) on top of the form."""
    if isinstance(exc, ValidationError) and hasattr(exc, "error_dict"):
        for name, messages_ in exc.message_dict.items():
            for message in messages_:
                on_field = name in form.fields and name not in ("status", "state")
                form.add_error(name if on_field else None, message)
        return
    for message in (exc.messages if isinstance(exc, ValidationError) else [str(exc)]):
        form.add_error(None, message)


def _period(request) -> datetime.date | None:
    text = request.GET.get("period")
    if text:
        try:
            return MonthField().to_python(text)
        except ValidationError:
            messages.error(request, _("Unknown month: %(text)s") % {"text": text})
    return selectors.latest_period()


def _colour_of(user, period, enterprise_ids) -> dict[int, str]:
    if period is None:
        return {}
    worst = selectors.warning_list(user=user, period=period).filter(enterprise_id__in=enterprise_ids)
    ranks: dict[int, int] = {}
    for enterprise_id, rank in worst.values_list("enterprise_id", "level_rank"):
        ranks[enterprise_id] = max(rank, ranks.get(enterprise_id, 0))
    return {pk: selectors.colour_name(ranks.get(pk, 0)) for pk in enterprise_ids}


def _appeal_rows(appeals):
    for a in appeals:
        yield [a.enterprise.name, a.title, a.get_category_display(), a.unit, a.raised_date, a.due_date,
               a.get_status_display(), a.get_escalation_level_display(), a.answered_date, a.satisfaction]


APPEAL_HEADERS = ["企业", "诉求", "类别", "责任单位", "提出日期", "办理时限", "状态", "协调层级", "答复日期", "满意度"]
CANDIDATE_HEADERS = ["单位", "单位类型", "状态", "依据", "金额（万元）", "全年推算（万元）", "标准（万元）",
                     "申报渠道", "申报截止", "说明", "未通过原因"]
WARNING_HEADERS = ["企业", "园区", "月份", "规则", "等级", "数值", "阈值", "说明"]


def _warning_rows(warnings):
    for w in warnings:
        park = w.enterprise.park.name if w.enterprise.park_id else ""
        yield [w.enterprise.name, park, f"{w.period:%Y-%m}", w.get_rule_display(), w.get_level_display(), w.value,
               w.threshold, w.explanation]


class WorkbenchView(LoginRequiredMixin, View):
    """The secretary's desk: my enterprises with their colour, this month's warnings, overdue follow-ups, appeals."""

    def get(self, request):
        user = request.user
        period = selectors.latest_period()
        enterprises = list(selectors.my_enterprises(user=user).select_related("park", "region")[:500])
        ids = [e.pk for e in enterprises]
        colours = _colour_of(user, period, ids)
        warnings = (selectors.warning_list(user=user, period=period).filter(enterprise_id__in=ids)
                    if period else selectors.warning_list(user=user).none())
        follow_ups = selectors.follow_ups_overdue(user=user).filter(Q(owner=user) | Q(enterprise_id__in=ids))
        appeals = selectors.appeal_list(user=user).filter(enterprise_id__in=ids, status__in=_OPEN)
        export = request.GET.get("export")
        if export == "enterprises":
            return xlsx_response("我的企业.xlsx", "我的企业", ["企业", "统一社会信用代码", "园区", "监测颜色"],
                                 ([e.name, e.uscc, e.park.name if e.park_id else "", colours.get(e.pk, "")]
                                  for e in enterprises))
        if export == "warnings":
            return xlsx_response("预警.xlsx", "预警", WARNING_HEADERS, _warning_rows(warnings))
        if export == "followups":
            return xlsx_response("逾期交办事项.xlsx", "逾期交办事项", ["企业", "事项", "责任单位", "完成时限"],
                                 ([t.enterprise.name, t.description, t.owner_unit, t.due_date] for t in follow_ups))
        if export == "appeals":
            return xlsx_response("诉求.xlsx", "诉求", APPEAL_HEADERS, _appeal_rows(appeals))
        for e in enterprises:
            e.colour = colours.get(e.pk, "green")
        return render(request, "enterprise_service/workbench.html", {
            "enterprises": enterprises, "period": period, "period_label": _label(period),
            "warnings": warnings[:100], "warning_count": warnings.count(), "follow_ups": follow_ups[:100],
            "appeals": appeals.order_by("due_date")[:100], "today": timezone.localdate(),
            "serves": selectors.my_enterprises(user=user).filter(secretary=user).exists(),
        })


def _label(period) -> str:
    return month_label(period.year * 12 + period.month - 1) if period else "—"


def _month_to_file(today: datetime.date) -> datetime.date:
    """The month an enterprise reports now: the one just ended (its figures fall due early in this month)."""
    first = today.replace(day=1)
    return (first - datetime.timedelta(days=1)).replace(day=1)


class MyEnterpriseView(LoginRequiredMixin, View):
    """The home page of an enterprise's own user (企业用户): this month's figures to file and their state, its
    open and answered appeals, its warnings, its per-mu class and the data sheet awaiting its confirmation.

    Other roles see the same page for a key enterprise of their scope chosen with ``?enterprise=``.
    """

    def get(self, request):
        from clusterdesk.evaluation.selectors import sheet_list, sheets_to_confirm

        user = request.user
        mine = enterprise_list(user=user).select_related("park", "region")
        chosen = request.GET.get("enterprise")
        enterprise = mine.filter(pk=int(chosen)).first() if chosen and chosen.isdigit() else mine.first()
        if enterprise is None:
            raise Http404
        today = timezone.localdate()
        due = _month_to_file(today)
        figures = list(MonthlyFigure.objects.restrict(user, "view").filter(enterprise=enterprise)
                       .order_by("-period")[:6])
        filed = next((f for f in figures if f.period == due), None)
        appeals = selectors.appeal_list(user=user).filter(enterprise=enterprise).order_by("-raised_date", "-pk")
        sheets = list(sheet_list(user=user, enterprise=enterprise)[:5])
        return render(request, "enterprise_service/my_enterprise.html", {
            "enterprise": enterprise, "due": due, "filed": filed, "figures": figures,
            "can_file": role_permits(user, MonthlyFigure, "add"),
            "can_appeal": role_permits(user, Appeal, "add"),
            "open_appeals": appeals.filter(status__in=_OPEN)[:20],
            "answered_appeals": appeals.filter(status__in=[AppealStatusChoices.ANSWERED,
                                                           AppealStatusChoices.CLOSED])[:10],
            "warnings": selectors.warning_list(user=user).filter(enterprise=enterprise)[:12],
            "sheets": sheets, "latest_class": next((s for s in sheets if s.final_class or s.preliminary_class), None),
            "to_confirm": sheets_to_confirm(user=user, enterprise=enterprise), "today": today,
        })


class MonitoringView(LoginRequiredMixin, View):
    """The monitoring dashboard: the four-colour view by cluster and by park, and the month's warnings."""

    def get(self, request):
        user = request.user
        period = _period(request)
        warnings = selectors.warning_list(user=user, period=period) if period else \
            selectors.warning_list(user=user).none()
        level, rule, park = request.GET.get("level"), request.GET.get("rule"), request.GET.get("park")
        if level in WarningLevelChoices.values:
            warnings = warnings.filter(level=level)
        if rule in WarningRuleChoices.values:
            warnings = warnings.filter(rule=rule)
        if park and park.isdigit():
            warnings = warnings.filter(enterprise__park_id=int(park))
        groups = selectors.monitoring_by_group(user=user, period=period) if period else None
        export = request.GET.get("export")
        if export == "warnings":
            return xlsx_response(f"预警-{period:%Y-%m}.xlsx", "预警", WARNING_HEADERS, _warning_rows(warnings))
        if export == "groups" and groups:
            rows = ([kind, g.name, *g.cells, g.total] for kind, items in (("产业集群", groups["clusters"]),
                                                                          ("园区", groups["parks"])) for g in items)
            return xlsx_response(f"四色监测-{period:%Y-%m}.xlsx", "四色监测",
                                 ["分组", "名称", "绿（正常）", "蓝（关注）", "橙（预警）", "红（严重）", "合计"], rows)
        page = Paginator(warnings, PAGE_SIZE).get_page(request.GET.get("page"))
        return render(request, "enterprise_service/monitoring.html", {
            "period": period, "period_label": _label(period), "groups": groups, "page": page,
            "levels": WarningLevelChoices.choices, "rules": WarningRuleChoices.choices,
            "selected": {"level": level, "rule": rule, "park": park},
            "can_recompute": user.is_administrator,
        })

    def post(self, request):
        if not request.user.is_administrator:
            raise PermissionDenied
        period = MonthField().to_python(request.POST.get("period"))
        run = warnings_recompute(period=period, actor=request.user)
        messages.success(request, _("Warnings recomputed for %(month)s: %(count)s warnings in %(seconds)s s.")
                         % {"month": _label(period), "count": run.counts["warnings"], "seconds": run.seconds})
        return HttpResponseRedirect(reverse("enterprise_service:monitoring") + f"?period={period:%Y-%m}")


class AppealBoardView(LoginRequiredMixin, View):
    """All appeals in scope with filters, overdue marks, and resolution by unit and category."""

    def get(self, request):
        user = request.user
        today = timezone.localdate()
        appeals = selectors.appeal_list(user=user)
        status, category, overdue = request.GET.get("status"), request.GET.get("category"), request.GET.get("overdue")
        if status in AppealStatusChoices.values:
            appeals = appeals.filter(status=status)
        if category in AppealCategoryChoices.values:
            appeals = appeals.filter(category=category)
        if overdue:
            appeals = appeals.filter(status__in=_OPEN, due_date__lt=today)
        if request.GET.get("export") == "xlsx":
            return xlsx_response("企业诉求.xlsx", "企业诉求", APPEAL_HEADERS, _appeal_rows(appeals))
        stats = selectors.appeal_resolution(user=user, today=today)
        counts = dict(selectors.appeal_list(user=user).values_list("status").annotate(n=Count("pk")))
        return render(request, "enterprise_service/appeals.html", {
            "page": Paginator(appeals, PAGE_SIZE).get_page(request.GET.get("page")), "today": today,
            "stats": stats, "statuses": AppealStatusChoices.choices, "categories": AppealCategoryChoices.choices,
            "counts": [(value, label, counts.get(value, 0)) for value, label in AppealStatusChoices.choices],
            "selected": {"status": status, "category": category, "overdue": overdue},
        })


class _FormView(LoginRequiredMixin, View):
    template_name = "enterprise_service/form.html"
    title = ""

    def render_form(self, request, form, **extra):
        return render(request, self.template_name, {"form": form, "title": self.title, **extra})

    def save(self, request, form, **extra):
        if form.is_valid():
            try:
                obj = form.save_with(actor=request.user)
            except ValidationError as exc:
                if hasattr(exc, "error_dict"):
                    for field, messages_ in exc.message_dict.items():
                        form.add_error(field if field in form.fields else None, messages_)
                else:
                    form.add_error(None, exc.messages)
            except PermissionDenied:
                form.add_error(None, _("You may not save this here: it is outside your scope."))
            else:
                messages.success(request, _("Saved: %(object)s") % {"object": obj})
                return HttpResponseRedirect(obj.get_absolute_url())
        return self.render_form(request, form, **extra)


def _enterprise_for_change(request, pk) -> "Enterprise":
    return get_object_or_404(enterprise_list(user=request.user), pk=pk)


class AppealCreateView(_FormView):
    title = _("File an appeal")

    def get(self, request):
        if not role_permits(request.user, Appeal, "add"):
            raise PermissionDenied
        initial = {"enterprise": request.GET.get("enterprise"), "raised_date": timezone.localdate()}
        return self.render_form(request, AppealForm(user=request.user, initial=initial))

    def post(self, request):
        if not role_permits(request.user, Appeal, "add"):
            raise PermissionDenied
        return self.save(request, AppealForm(request.POST, instance=Appeal(), user=request.user))


class AppealDetailView(LoginRequiredMixin, View):
    def get_object(self, request, pk):
        return get_object_or_404(selectors.appeal_list(user=request.user), pk=pk)

    def get(self, request, pk, form=None):
        appeal = self.get_object(request, pk)
        can_change = Appeal.objects.restrict(request.user, "change").filter(pk=pk).exists()
        form = form or AppealActionForm(initial={"status": appeal.status})
        if request.user.role == "enterprise":
            # The enterprise's own user is offered only the steps it may take (close with a rating, send back).
            offered = {t.target for t in offered_transitions(APPEAL_WORKFLOW, appeal.status, request.user,
                                                             appeal_relations(appeal=appeal, actor=request.user))}
            can_change = can_change and bool(offered)
            form.fields["status"].choices = [c for c in form.fields["status"].choices if c[0] in offered]
        return render(request, "enterprise_service/appeal_detail.html", {
            "object": appeal, "form": form,
            "can_change": can_change, "today": timezone.localdate(),
            "changes": object_changes(appeal, request.user),
        })

    def post(self, request, pk):
        appeal = get_object_or_404(Appeal.objects.restrict(request.user, "change"), pk=pk)
        form = AppealActionForm(request.POST)
        if form.is_valid():
            try:
                appeal_transition(appeal=appeal, status=form.cleaned_data["status"], actor=request.user,
                                  answer=form.cleaned_data["answer"], satisfaction=form.cleaned_data["satisfaction"])
            except (ValidationError, ActionNotAllowed) as exc:
                _refused(form, exc)
                return self.get(request, pk, form=form)
            messages.success(request, _("Appeal updated."))
            return HttpResponseRedirect(appeal.get_absolute_url())
        return self.get(request, pk, form=form)


class InclusionBoardView(LoginRequiredMixin, View):
    """Candidates for the statistics by state, with the application calendar and reminders."""

    def get(self, request):
        user = request.user
        today = timezone.localdate()
        candidates = selectors.candidate_list(user=user)
        state, unit_type = request.GET.get("state"), request.GET.get("unit_type")
        counts = dict(candidates.values_list("state").annotate(n=Count("pk")))
        if state in CandidateStateChoices.values:
            candidates = candidates.filter(state=state)
        if unit_type in UnitTypeChoices.values:
            candidates = candidates.filter(unit_type=unit_type)
        if request.GET.get("export") == "xlsx":
            rows = ([str(c.subject), c.get_unit_type_display(), c.get_state_display(), c.get_basis_display(),
                     c.amount_wan, c.projected_wan, c.threshold_wan, c.get_channel_display(), c.deadline,
                     c.explanation, c.rejection_reason] for c in candidates)
            return xlsx_response("入统候选.xlsx", "入统候选", CANDIDATE_HEADERS, rows)
        calendar = [(d, reminder_due(d.due, today)) for d in application_calendar(today.year) if d.due >= today][:6]
        return render(request, "enterprise_service/inclusion.html", {
            "page": Paginator(candidates, PAGE_SIZE).get_page(request.GET.get("page")), "calendar": calendar,
            "counts": [(value, label, counts.get(value, 0)) for value, label in CandidateStateChoices.choices],
            "unit_types": UnitTypeChoices.choices, "selected": {"state": state, "unit_type": unit_type},
            "today": today,
        })


class CandidateDetailView(LoginRequiredMixin, View):
    def get(self, request, pk, form=None, documents=None):
        candidate = get_object_or_404(selectors.candidate_list(user=request.user), pk=pk)
        checklist = selectors.candidate_checklist(candidate)
        can_change = InclusionCandidate.objects.restrict(request.user, "change").filter(pk=pk).exists()
        return render(request, "enterprise_service/candidate_detail.html", {
            "object": candidate, "checklist": checklist, "baseline_gaps": selectors.candidate_baseline(candidate),
            "form": form or CandidateActionForm(initial={"state": candidate.state}), "can_change": can_change,
            "documents_form": documents or DocumentsForm(candidate=candidate, checklist=checklist),
            "changes": object_changes(candidate, request.user),
        })

    def post(self, request, pk):
        candidate = get_object_or_404(InclusionCandidate.objects.restrict(request.user, "change"), pk=pk)
        if "documents" in request.POST or request.POST.get("action") == "documents":
            form = DocumentsForm(request.POST, candidate=candidate, checklist=selectors.candidate_checklist(candidate))
            if form.is_valid():
                form.save_with(actor=request.user)
                messages.success(request, _("Documents updated."))
                return HttpResponseRedirect(candidate.get_absolute_url())
            return self.get(request, pk, documents=form)
        form = CandidateActionForm(request.POST)
        if form.is_valid():
            try:
                candidate_transition(candidate=candidate, state=form.cleaned_data["state"], actor=request.user,
                                     reason=form.cleaned_data["reason"])
            except (ValidationError, ActionNotAllowed) as exc:
                _refused(form, exc)
                return self.get(request, pk, form=form)
            messages.success(request, _("Candidate updated."))
            return HttpResponseRedirect(candidate.get_absolute_url())
        return self.get(request, pk, form=form)


class CoverageView(LoginRequiredMixin, View):
    """Secretary coverage: key enterprises without a secretary, each secretary's load; assign by hand or by Excel."""

    def get(self, request, assign=None, upload=None, upload_errors=None):
        user = request.user
        coverage = selectors.secretary_coverage(user=user)
        if request.GET.get("export") == "xlsx":
            rows = [[e.name, e.uscc, str(e.region), e.park.name if e.park_id else "", ""]
                    for e in coverage["uncovered"]]
            return xlsx_response("未配备工作秘书的重点企业.xlsx", "未配备工作秘书",
                                 ["企业名称", "统一社会信用代码", "行政区划", "园区", "工作秘书"], rows)
        can_assign = role_permits(user, "enterprises.enterprise", "change") and user.role != "secretary"
        return render(request, "enterprise_service/coverage.html", {
            **coverage, "uncovered_page": Paginator(coverage["uncovered"], PAGE_SIZE).get_page(request.GET.get("page")),
            "assign_form": assign or SecretaryAssignForm(user=user), "upload_form": upload or SecretaryUploadForm(),
            "upload_errors": upload_errors or [], "can_assign": can_assign,
        })

    def post(self, request):
        user = request.user
        if not role_permits(user, "enterprises.enterprise", "change") or user.role == "secretary":
            raise PermissionDenied
        if "file" in request.FILES:
            upload = SecretaryUploadForm(request.POST, request.FILES)
            if upload.is_valid():
                try:
                    changed = secretaries_import(content=read_upload(upload.cleaned_data["file"]), actor=user)
                except FileTooLarge as exc:
                    return self.get(request, upload=upload, upload_errors=[str(exc)])
                except ValidationError as exc:
                    return self.get(request, upload=upload, upload_errors=_errors(exc))
                messages.success(request, _("%(count)s enterprises assigned.") % {"count": changed})
                return HttpResponseRedirect(reverse("enterprise_service:coverage"))
            return self.get(request, upload=upload)
        form = SecretaryAssignForm(request.POST, user=user)
        if form.is_valid():
            try:
                secretary_assign(enterprise=form.cleaned_data["enterprise"], secretary=form.cleaned_data["secretary"],
                                 actor=user)
            except (ValidationError, PermissionDenied) as exc:
                form.add_error(None, "; ".join(_errors(exc)) if isinstance(exc, ValidationError) else str(exc))
                return self.get(request, assign=form)
            messages.success(request, _("Saved: %(object)s") % {"object": form.cleaned_data["enterprise"]})
            return HttpResponseRedirect(reverse("enterprise_service:coverage"))
        return self.get(request, assign=form)


class FigureCreateView(_FormView):
    title = _("Enter monthly figures")

    def _enterprise(self, request, pk):
        if not role_permits(request.user, MonthlyFigure, "add"):
            raise PermissionDenied
        return _enterprise_for_change(request, pk)

    def get(self, request, pk):
        enterprise = self._enterprise(request, pk)
        form = MonthlyFigureForm(user=request.user, enterprise=enterprise, instance=MonthlyFigure(),
                                 initial={"period": request.GET.get("period")})
        return self.render_form(request, form, subject=enterprise)

    def post(self, request, pk):
        enterprise = self._enterprise(request, pk)
        form = MonthlyFigureForm(request.POST, user=request.user, enterprise=enterprise, instance=MonthlyFigure())
        return self.save(request, form, subject=enterprise)


class VisitCreateView(_FormView):
    title = _("Log a visit")
    template_name = "enterprise_service/visit_form.html"

    def _enterprise(self, request, pk):
        if not role_permits(request.user, Visit, "add"):
            raise PermissionDenied
        return _enterprise_for_change(request, pk)

    def get(self, request, pk):
        enterprise = self._enterprise(request, pk)
        form = VisitForm(user=request.user, enterprise=enterprise, instance=Visit(),
                         initial={"visit_date": timezone.localdate(), "visitors": request.user.display_name})
        return self.render_form(request, form, subject=enterprise)

    def post(self, request, pk):
        enterprise = self._enterprise(request, pk)
        form = VisitForm(request.POST, user=request.user, enterprise=enterprise, instance=Visit())
        return self.save(request, form, subject=enterprise)


class FollowUpDoneView(LoginRequiredMixin, View):
    def post(self, request, pk):
        task = FollowUpTask.objects.restrict(request.user, "change").filter(pk=pk).select_related("visit").first()
        if task is None:
            raise Http404
        try:
            follow_up_complete(task=task, actor=request.user)
        except (ValidationError, ActionNotAllowed) as exc:
            for message in _errors(exc) if isinstance(exc, ValidationError) else [str(exc)]:
                messages.error(request, message)
        else:
            messages.success(request, _("Follow-up done: %(task)s") % {"task": task})
        return HttpResponseRedirect(request.POST.get("next") or reverse("enterprise_service:workbench"))
