"""The inbox (我的待办, 本单位待办), the 督办 board, and leaders' instructions: list, detail, create and actions.

Views stay thin: they read through `selectors` (every query from ``restrict(user)``) and write through `services`.
"""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from clusterdesk.accounts.scoping import role_permits
from clusterdesk.common.views import ObjectEditView, object_changes
from clusterdesk.common.workflow import ActionNotAllowed, offered_transitions
from clusterdesk.common.xlsx import xlsx_response
from clusterdesk.core.dates import parse_date
from clusterdesk.core.exceptions import CoreError
from clusterdesk.core.routing import INSTRUCTION_WORKFLOW, TaskLight, task_light

from . import selectors
from .forms import InstructionForm
from .models import Instruction, InstructionOrigin, InstructionStatusChoices, TaskKind
from .services import instruction_relations, instruction_reply, instruction_transition

PAGE_SIZE = 50
LIGHTS = [(TaskLight.OVERDUE, gettext_lazy("Overdue")), (TaskLight.DUE_SOON, gettext_lazy("Due soon")),
          (TaskLight.ON_TIME, gettext_lazy("On time"))]


def _date(text: str | None) -> dt.date | None:
    try:
        return parse_date(text) if text and text.strip() else None
    except CoreError:
        return None


def _messages(exc: Exception) -> list[str]:
    if isinstance(exc, ValidationError):
        return exc.messages
    return [str(exc)]


def _next(request, default: str) -> str:
    target = request.POST.get("next", "")
    return target if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}) \
        else default


def _lighted(tasks, today):
    for task in tasks:
        task.light = task_light(task.due_date, today, done=task.status != "open", soon_days=selectors.SOON_DAYS)
        task.days_left = (task.due_date - today).days if task.due_date else None
        task.days_over = -task.days_left if task.days_left is not None else None
        yield task


class InboxView(LoginRequiredMixin, View):
    """我的待办 and 本单位待办: the open tasks by kind (tabs with counts), lights, filters, 已办, Excel export."""

    def get(self, request):
        user, today, get = request.user, timezone.localdate(), request.GET
        units = selectors.inbox_units(user=user)
        unit = None
        if get.get("unit", "").isdigit():
            unit = units.filter(pk=int(get["unit"])).first()
            if unit is None:
                raise Http404
        box = "unit" if get.get("box") == "unit" or unit is not None else "mine"
        query = selectors.InboxQuery(
            box=box, unit=unit, children=bool(get.get("children")), done=get.get("tab") == "done",
            kind=get.get("kind") if get.get("kind") in TaskKind.values else "",
            light=get.get("light") if get.get("light") in TaskLight.__members__.values() else "",
            due_from=_date(get.get("due_from")), due_to=_date(get.get("due_to")))
        tasks = selectors.inbox_tasks(user=user, query=query, today=today)
        if get.get("export") == "xlsx":
            return xlsx_response("待办事项.xlsx", "待办事项", INBOX_HEADERS, _inbox_rows(tasks, today))
        page = Paginator(tasks, PAGE_SIZE).get_page(get.get("page"))
        page.object_list = list(_lighted(page.object_list, today))
        counts = selectors.inbox_counts(user=user, query=query)
        return render(request, "tasks/inbox.html", {
            "page": page, "query": query, "today": today, "lights": LIGHTS,
            "tabs": [("", _("All"), counts[""])] + [(k, label, counts[k]) for k, label in TaskKind.choices],
            "done_count": counts["done"], "unit": unit or (user.unit if box == "unit" else None),
            "units": units if user.is_administrator or units.count() > 1 else None,
        })


INBOX_HEADERS = ["类别", "事项", "责任单位", "责任人", "时限", "剩余天数", "状态", "办结日期", "链接"]


def _inbox_rows(tasks, today):
    for task in tasks.iterator(chunk_size=2000):
        yield [task.get_kind_display(), task.title, task.unit.name if task.unit else "",
               str(task.person) if task.person else "", task.due_date,
               (task.due_date - today).days if task.due_date and task.status == "open" else None,
               task.get_status_display(), task.done_date, task.url]


BOARD_SORTS = {"open": "open", "overdue": "overdue", "due_soon": "due_soon", "done": "done",
               "on_time_rate": "on_time_rate", "overdue_rate": "overdue_rate", "days_late": "average_days_late"}
BOARD_HEADERS = ["责任单位", "未办", "逾期", "临期", "本期办结", "按时办结", "按时办结率(%)", "逾期率(%)",
                 "平均逾期天数"]


class BoardView(LoginRequiredMixin, View):
    """督办 board: per unit in scope, open / overdue / due soon / done in the period and the rates; sortable."""

    def get(self, request):
        user, today, get = request.user, timezone.localdate(), request.GET
        since = _date(get.get("since")) or today.replace(day=1)
        kind = get.get("kind") if get.get("kind") in TaskKind.values else ""
        rows = selectors.task_board(user=user, today=today, since=since, kind=kind)
        sort = get.get("sort") if get.get("sort") in BOARD_SORTS else "overdue"
        field = BOARD_SORTS[sort]
        rows.sort(key=lambda r: (getattr(r.figures, field) is None, -(getattr(r.figures, field) or 0), r.name))
        if get.get("export") == "xlsx":
            return xlsx_response("督办看板.xlsx", "督办看板", BOARD_HEADERS, (
                [r.name, r.figures.open, r.figures.overdue, r.figures.due_soon, r.figures.done,
                 r.figures.done_on_time, r.figures.on_time_rate, r.figures.overdue_rate,
                 r.figures.average_days_late] for r in rows))
        return render(request, "tasks/board.html", {"rows": rows, "since": since, "kind": kind, "sort": sort,
                                                    "kinds": TaskKind.choices, "today": today})


INSTRUCTION_HEADERS = ["督办事项", "领导", "来源", "责任单位", "交办日期", "时限", "状态", "升级层级", "办理结果"]


class InstructionListView(LoginRequiredMixin, View):
    """Leaders' instructions in scope; filters: unit, status, light, leader, origin."""

    def get(self, request):
        user, today, get = request.user, timezone.localdate(), request.GET
        rows = selectors.instruction_list(user=user)
        if get.get("unit", "").isdigit():
            rows = rows.filter(assigned_unit_id=int(get["unit"]))
        if get.get("status") in InstructionStatusChoices.values:
            rows = rows.filter(status=get["status"])
        if get.get("origin") in InstructionOrigin.values:
            rows = rows.filter(origin=get["origin"])
        if get.get("leader", "").strip():
            rows = rows.filter(leader_name__contains=get["leader"].strip())
        if get.get("light") in TaskLight.__members__.values():
            rows = selectors.with_light(rows.filter(status__in=("assigned", "in_progress")), get["light"], today)
        if get.get("export") == "xlsx":
            return xlsx_response("督办事项.xlsx", "督办事项", INSTRUCTION_HEADERS,
                                 ([i.text, i.leader_name, i.get_origin_display(), str(i.assigned_unit or i.owner_unit),
                                   i.issued_date, i.due_date, i.get_status_display(), i.escalation_level, i.result]
                                  for i in rows.iterator(chunk_size=2000)))
        page = Paginator(rows, PAGE_SIZE).get_page(get.get("page"))
        for i in page.object_list:
            i.light = task_light(i.due_date, today, done=not i.is_open)
        return render(request, "tasks/instruction_list.html", {
            "page": page, "statuses": InstructionStatusChoices.choices, "origins": InstructionOrigin.choices,
            "lights": LIGHTS, "units": selectors.inbox_units(user=user), "selected": get,
            "can_add": role_permits(user, Instruction, "add")})


class InstructionDetailView(LoginRequiredMixin, View):
    """An instruction with its replies, the reply form for its unit and the close/cancel actions for the issuer."""

    def get(self, request, pk):
        user = request.user
        instruction = get_object_or_404(selectors.instruction_list(user=user).select_related(
            "visit", "meeting", "issued_by"), pk=pk)
        relations = instruction_relations(instruction=instruction, actor=user)
        actions = offered_transitions(INSTRUCTION_WORKFLOW, instruction.status, user, relations)
        return render(request, "tasks/instruction_detail.html", {
            "object": instruction, "replies": instruction.replies.select_related("by"),
            "actions": [a for a in actions if a.action != "start"], "today": timezone.localdate(),
            "may_reply": instruction.is_open and bool(relations & {"owner", "supervisor"})
            and role_permits(user, "tasks.instructionreply", "add"),
            "light": task_light(instruction.due_date, timezone.localdate(), done=not instruction.is_open),
            "changes": object_changes(instruction, user),
        })


class InstructionActionView(LoginRequiredMixin, View):
    """POST: reply (progress), close (with the result) or cancel (with a reason); refusals come back as messages."""

    def post(self, request, pk, action):
        user = request.user
        instruction = get_object_or_404(selectors.instruction_list(user=user), pk=pk)
        post = request.POST
        try:
            if action == "reply":
                pct = post.get("progress_pct", "0").strip()
                instruction_reply(instruction=instruction, actor=user, text=post.get("text", ""),
                                  progress_pct=int(pct) if pct.isdigit() else -1)
                messages.success(request, _("Progress recorded."))
            elif action in ("close", "cancel"):
                status = InstructionStatusChoices.DONE if action == "close" else InstructionStatusChoices.CANCELLED
                instruction_transition(instruction=instruction, actor=user, status=status,
                                       result=post.get("result", ""), reason=post.get("reason", ""))
                messages.success(request, _("Instruction closed.") if action == "close"
                                 else _("Instruction cancelled."))
            else:
                raise Http404
        except (ValidationError, ActionNotAllowed, PermissionDenied) as exc:
            for message in _messages(exc):
                messages.error(request, message)
        return HttpResponseRedirect(_next(request, instruction.get_absolute_url()))


class InstructionEditView(ObjectEditView):
    model = Instruction
    form_class = InstructionForm

    def initial(self, request) -> dict:
        return {"issued_date": timezone.localdate(), "origin": InstructionOrigin.TYPED,
                **super().initial(request)}

    def get_instance(self, pk, request):
        instance = super().get_instance(pk, request)
        if pk is not None and not instance.is_open:
            raise PermissionDenied
        return instance
