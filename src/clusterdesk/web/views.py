"""The site shell: sign in and out, the dashboard of the user's scope, the user's own page and API tokens."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clusterdesk.accounts.roles import Role
from clusterdesk.accounts.services import api_token_create, api_token_revoke
from clusterdesk.changelog.selectors import user_change_list
from clusterdesk.core.units import format_money_wan

from .selectors import dashboard_summary, global_search

__all__ = ["LoginView", "dashboard", "profile", "search", "token_create", "token_revoke"]


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
