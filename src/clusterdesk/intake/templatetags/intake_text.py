"""How the text intake page names what it found: entity types, their values and how each was linked."""

from decimal import Decimal

from django import template
from django.utils.translation import gettext_lazy as _

from clusterdesk.core.units import format_money_wan

__all__ = ["ENTITY_TYPE_LABELS", "MATCH_LABELS", "entity_type", "entity_value", "match_label"]

register = template.Library()

ENTITY_TYPE_LABELS = {
    "enterprise": _("Enterprise"), "project": _("Project"), "park": _("Park"), "cluster": _("Cluster"),
    "region": _("Region"), "person": _("Person"), "money": _("Amount"), "date": _("Date"), "term": _("Policy term"),
}
MATCH_LABELS = {"exact": _("exact match"), "alias": _("alias match"), "fuzzy": _("similar name"),
                "new": _("proposed new")}


@register.filter
def entity_type(value: str) -> str:
    """An entity type by its name in the page's language (企业, not enterprise)."""
    return ENTITY_TYPE_LABELS.get(value, value)


@register.filter
def match_label(value: str) -> str:
    """How an entity was linked to a record (精确匹配, 相似名称 …)."""
    return MATCH_LABELS.get(value, value)


@register.filter
def entity_value(entity) -> str:
    """An entity's value as a reader writes it: money in 万元/亿元, a person as title and name."""
    value, kind = (entity.get("value"), entity.get("type")) if isinstance(entity, dict) else (entity.value, entity.type)
    if value is None or value == "":
        return ""
    if kind == "money":
        return format_money_wan(Decimal(str(value)) / 10_000, max_places=2)
    if isinstance(value, dict):
        return f"{value.get('title') or ''}{value.get('name') or ''}"
    return str(value)
