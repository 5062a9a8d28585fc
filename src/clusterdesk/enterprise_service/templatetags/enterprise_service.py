"""The enterprise service's panel on the enterprise page: charts of the monthly series, warnings, visits, appeals."""

from django import template
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import selectors
from ..models import MonthlyFigure

register = template.Library()


@register.inclusion_tag("enterprise_service/_panel.html", takes_context=True)
def enterprise_service_panel(context, enterprise):
    """Everything the service knows about one enterprise, within the viewer's scope."""
    user = context["request"].user
    figures = list(MonthlyFigure.objects.restrict(user, "view").filter(enterprise=enterprise).order_by("-period")[:12])
    latest = figures[0] if figures else None
    year = latest.period.year if latest else timezone.localdate().year
    return {
        "request": context["request"], "enterprise": enterprise, "year": year,
        "series": selectors.enterprise_series(enterprise=enterprise, user=user, year=year),
        "latest": latest,
        "figures": figures,  # the last twelve months, each with its review state
        "warnings": selectors.warning_list(user=user).filter(enterprise=enterprise)[:24],
        "visits": selectors.visits_of(enterprise=enterprise, user=user)[:10],
        "appeals": selectors.appeal_list(user=user).filter(enterprise=enterprise)[:20],
        "candidates": selectors.candidate_list(user=user).filter(enterprise=enterprise),
        "user": user,  # the panel's buttons ask {% can %} what this user may do
        "today": timezone.localdate(),
        "months": [_("Month %(n)s") % {"n": n} for n in range(1, 13)],
    }
