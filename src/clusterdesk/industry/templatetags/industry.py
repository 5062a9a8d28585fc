"""Industry codes shown with their names: C32 → C32 黑色金属冶炼和压延加工业."""

from functools import lru_cache

from django import template

__all__ = ["industry_name", "industry_names", "region_concentration", "region_concentration_edit_url"]

register = template.Library()


@lru_cache(maxsize=1)
def industry_names() -> dict[str, str]:
    """GB/T 4754-2017 code → name (reference data, loaded once per process)."""
    from clusterdesk.industry.selectors import industry_code_names

    return industry_code_names()


@register.filter
def industry_name(code) -> str:
    """A code with its name; a code the standard does not know is shown as it is."""
    code = str(code or "").strip()
    if not code:
        return "—"
    if not industry_names():
        industry_names.cache_clear()  # read before the reference data was loaded (a fresh install, tests)
    name = industry_names().get(code.upper())
    return f"{code.upper()} {name}" if name else code


@register.simple_tag(takes_context=True)
def region_concentration(context, region) -> dict:
    """工业向园区集中 of a region for the year (``?year=``, else this year), in the user's scope (the region page)."""
    from django.utils import timezone

    from clusterdesk.industry.selectors import park_concentration

    raw = str(context["request"].GET.get("year") or "")
    year = int(raw) if raw.isdigit() and 2000 <= int(raw) <= 2100 else timezone.localdate().year
    return park_concentration(context["request"].user, region, year)


@register.simple_tag(takes_context=True)
def region_concentration_edit_url(context, region) -> str:
    """Where the user sets the region's concentration target, or ``""`` where they may not."""
    from django.urls import reverse

    from clusterdesk.accounts.scoping import region_ids_within_reach, role_permits
    from clusterdesk.industry.models import ConcentrationTarget

    user = context["request"].user
    reach = region_ids_within_reach(user)
    if not role_permits(user, ConcentrationTarget, "change") or (reach is not None and region.pk not in reach):
        return ""
    return reverse("industry:concentrationtarget_edit", args=[region.code])
