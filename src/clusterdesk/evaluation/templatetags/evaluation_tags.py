"""The evaluation panel shown on a park's page: positioning check, structure, evaluation history, featured status."""

from django import template
from django.db.models import Max, Sum

from clusterdesk.core.positioning import positioning_errors, positioning_structure
from clusterdesk.enterprises.models import EnterpriseYearFigure
from clusterdesk.industry.templatetags.industry import industry_name
from clusterdesk.parks.choices import FeaturedStatusChoices
from clusterdesk.parks.services import positioning_limits

from ..choices import COMPOSITE_CATEGORY_LABELS
from ..models import CompositeResult, FeaturedDecision, ParkEvaluation

register = template.Library()


@register.filter
def featured_status(value: str) -> str:
    """A featured-park status by its label (认定特色园区, not certified)."""
    try:
        return FeaturedStatusChoices(value).label
    except ValueError:
        return value


@register.filter
def category_label(key: str) -> str:
    """A composite-evaluation category by its name (对外开放, not opening_up)."""
    return COMPOSITE_CATEGORY_LABELS.get(key, key)


def _structure(park, user):
    figures = EnterpriseYearFigure.objects.restrict(user, "view").filter(enterprise__park=park)
    year = figures.aggregate(y=Max("year"))["y"]
    if year is None:
        return None, None
    rows = (figures.filter(year=year).exclude(enterprise__industry=None)
            .values_list("enterprise__industry__code").annotate(total=Sum("output_wan")))
    leading = [i.code for i in park.leading_industries]
    featured = [i.code for i in park.featured_industries]
    return year, positioning_structure({code: float(total or 0) for code, total in rows}, leading, featured)


@register.inclusion_tag("evaluation/park_panel.html", takes_context=True)
def park_evaluation_panel(context, park):
    """Render the park's positioning check, structure chart and evaluation history for the current user."""
    user = context["request"].user
    leading = [i.code for i in park.leading_industries]
    featured = [i.code for i in park.featured_industries]
    year, structure = _structure(park, user)
    shares = [{"name": industry_name(d), "value": round(s * 100, 1)}
              for d, s in structure.division_shares[:8]] if structure else []
    return {
        "request": context["request"],  # its chart's inline script carries the request's CSP nonce
        "park": park,
        "limits": positioning_limits().get(park.level, (2, 2)),
        "positioning_errors": positioning_errors(level=park.level, leading=leading, featured=featured,
                                                 limits=positioning_limits()),
        "structure": structure, "structure_year": year, "shares": shares,
        "per_mu": ParkEvaluation.objects.restrict(user, "view").filter(park=park).select_related("run")
        .order_by("-run__year")[:10],
        "composite": CompositeResult.objects.restrict(user, "view").filter(park=park).select_related("evaluation")
        .order_by("-evaluation__year")[:10],
        "featured": FeaturedDecision.objects.restrict(user, "view").filter(park=park).select_related("review")
        .order_by("-review__year")[:10],
    }
