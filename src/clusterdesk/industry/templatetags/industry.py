"""Industry codes shown with their names: C32 → C32 黑色金属冶炼和压延加工业."""

from functools import lru_cache

from django import template

__all__ = ["industry_name", "industry_names"]

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
