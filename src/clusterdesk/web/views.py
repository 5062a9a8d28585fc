"""The site shell: sign in and out, the dashboard of the user's scope, the user's own page and API tokens, and the
review queue (待审核) of the filings the user's level reviews."""

import datetime

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clusterdesk.accounts.roles import Role
from clusterdesk.accounts.services import api_token_create, api_token_revoke
from clusterdesk.changelog.selectors import user_change_list
from clusterdesk.common.review import REVIEW_ACTIONS, ReviewStatusChoices
from clusterdesk.core.units import format_money_wan
from clusterdesk.enterprise_service.services import monthly_figure_review
from clusterdesk.projects.services import progress_report_review

from .selectors import (
    dashboard_summary,
    filing_to_change,
    filings_due,
    filings_returned_to,
    global_search,
    review_queue_for,
)

__all__ = ["LoginView", "dashboard", "profile", "review_act", "review_queue", "search", "token_create",
           "token_revoke"]

#: What the review page acts on: kind → (service, its keyword for the row).
_FILINGS = {"report": (progress_report_review, "report"), "figures": (monthly_figure_review, "figure")}


class LoginView(auth_views.LoginView):
    template_name = "web/login.html"
    redirect_authenticated_user = True


@login_required
def dashboard(request):
    if request.user.role == Role.ENTERPRISE and not request.user.is_administrator:
        return redirect("enterprise_service:my_enterprise")   # an enterprise's own staff start at their enterprise
    summary = dashboard_summary(user=request.user)
    chart = {
        "stages": [s["label"] for s in summary["stages"]],
        # The chart reads in 亿元: eight-digit 万元 axis labels are hard to take in at a glance.
        "investment": [round(float(s["investment"]) / 10_000, 2) for s in summary["stages"]],
        "completed": [round(float(s["completed"]) / 10_000, 2) for s in summary["stages"]],
        "counts": [s["count"] for s in summary["stages"]],
        "clusters": [{"name": c["cluster__name"], "value": c["count"]} for c in summary["by_cluster"]],
    }
    return render(request, "web/dashboard.html", {
        "summary": summary, "chart": chart,
        "total_investment_text": format_money_wan(summary["total_investment"], max_places=2),
    })


@login_required
def profile(request):
    changes = user_change_list(user=request.user)
    return render(request, "web/profile.html", {"tokens": request.user.api_tokens.all(), "changes": changes})


@login_required
@require_POST
def token_create(request):
    token, key = api_token_create(user=request.user, description=request.POST.get("description", "")[:200])
    messages.success(request, _("New API token (shown only once): %(key)s") % {"key": key})
    return redirect("web:profile")


@login_required
@require_POST
def token_revoke(request, pk):
    token = get_object_or_404(request.user.api_tokens, pk=pk)
    api_token_revoke(token=token, actor=request.user)
    messages.success(request, _("Token withdrawn."))
    return redirect("web:profile")


@login_required
def search(request):
    query = request.GET.get("q", "")[:100]
    results = global_search(user=request.user, query=query)
    return render(request, "web/search.html", {"query": query, "results": results})


@login_required
def review_queue(request):
    """The filings waiting for this user: filed ones to accept or return (with a reason), accepted ones to report
    up, with this month's deadlines; and their own filings returned to them, with the reason."""
    today = timezone.localdate()
    previous = (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    return render(request, "web/review.html", {
        "to_review": review_queue_for(user=request.user, today=today),
        "to_report": review_queue_for(user=request.user, status=ReviewStatusChoices.ACCEPTED, today=today),
        "due": filings_due(user=request.user, month=previous, today=today),
        "returned": filings_returned_to(user=request.user),
    })


def _filing(user, key: str):
    kind, _sep, pk = key.partition(":")
    if kind not in _FILINGS or not pk.isdigit():
        raise ValidationError(_("Unknown filing."))
    row = filing_to_change(user=user, kind=kind, pk=int(pk))
    if row is None:
        raise PermissionDenied(_("This filing is not in your scope."))
    return (row, *_FILINGS[kind])


@login_required
@require_POST
def review_act(request):
    """Accept, return or report up one filing (``filing=report:12``), or accept every ticked one (``bulk``): all or
    nothing, each step checked by the review workflow."""
    action = request.POST.get("action", "")
    keys = request.POST.getlist("filing")
    if action not in REVIEW_ACTIONS or not keys:
        messages.error(request, _("Choose the filings and the step."))
        return redirect("web:review_queue")
    try:
        with transaction.atomic():
            for key in keys:
                row, service, keyword = _filing(request.user, key)
                service(**{keyword: row}, action=action, actor=request.user, reason=request.POST.get("reason", ""))
    except (ValidationError, PermissionDenied) as exc:
        for message in (exc.messages if isinstance(exc, ValidationError) else [str(exc)]):
            messages.error(request, message)
        return redirect("web:review_queue")
    messages.success(request, _("%(n)s filing(s) updated.") % {"n": len(keys)})
    return redirect("web:review_queue")
