"""How the allocation page names the method that solved a batch."""

from django import template
from django.utils.translation import gettext_lazy as _

__all__ = ["METHOD_LABELS", "allocation_method"]

register = template.Library()

METHOD_LABELS = {
    "min-cost-flow": _("exact min-cost flow"),
    "lp-round-repair": _("linear programme, rounded and repaired"),
    "cp-sat": _("improved by constraint programming"),
    "highs": _("mixed-integer programme"),
}


@register.filter
def allocation_method(value: str) -> str:
    """lp-round-repair+cp-sat → 线性规划取整修复 + 约束规划改进; an unknown method is shown as it is."""
    return " + ".join(str(METHOD_LABELS.get(part, part)) for part in str(value).split("+"))
