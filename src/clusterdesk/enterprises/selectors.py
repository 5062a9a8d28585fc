"""Reads for enterprises."""

from django.db.models import Max, Q, QuerySet, Sum

from clusterdesk.accounts.models import User
from clusterdesk.accounts.roles import Role

from .models import Enterprise, EnterpriseYearFigure

__all__ = ["enterprise_choices", "enterprise_list", "output_by_region_and_industry", "secretary_choices"]


def enterprise_list(*, user, action: str = "view") -> QuerySet[Enterprise]:
    """Enterprises on which ``user`` may perform ``action``."""
    return Enterprise.objects.restrict(user, action)


def enterprise_choices() -> QuerySet[Enterprise]:
    """Every enterprise, as the choices of a form field; `ScopedModelForm` narrows them to the user's scope."""
    return Enterprise.objects.all()


def secretary_choices(*, user) -> QuerySet[User]:
    """Work secretaries a user may assign: those already serving an enterprise the user may see.

    Administrators see every secretary (they hand out the first assignment). Assigning a secretary gives them
    the enterprise, so offering a neighbouring district's secretary would be a way to leak it.
    """
    secretaries = User.objects.filter(role=Role.SECRETARY, is_active=True)
    if user.is_administrator:
        return secretaries
    visible = Enterprise.objects.restrict(user, "view")
    assigned = User.scope_enterprises.through.objects.filter(enterprise__in=visible).values("user")
    return secretaries.filter(Q(served_enterprises__in=visible) | Q(pk__in=assigned)).distinct()


def output_by_region_and_industry(*, user, year: int | None = None) -> tuple[int | None, list[tuple[str, str, float]]]:
    """The latest year of yearly figures the user may see (or ``year``), and its output (万元) summed by the
    enterprises' region code and industry code: (year, [(region code, industry code, output)])."""
    figures = EnterpriseYearFigure.objects.restrict(user, "view")
    year = year or figures.aggregate(y=Max("year"))["y"]
    if year is None:
        return None, []
    rows = (figures.filter(year=year, enterprise__industry__isnull=False).order_by()
            .values_list("enterprise__region__code", "enterprise__industry__code").annotate(total=Sum("output_wan")))
    return year, [(region or "", industry or "", float(total or 0)) for region, industry, total in rows]
