"""How the text intake page names what it found: entity types, their values and how each was linked."""

from decimal import Decimal

from django import template
from django.utils.translation import gettext_lazy as _

from clusterdesk.core.units import format_money_wan

__all__ = ["ENTITY_TYPE_LABELS", "LINK_REASONS", "MATCH_LABELS", "entity_type", "entity_value", "link_reason",
           "match_label"]

register = template.Library()

ENTITY_TYPE_LABELS = {
    "enterprise": _("Enterprise"), "project": _("Project"), "park": _("Park"), "cluster": _("Cluster"),
    "region": _("Region"), "person": _("Person"), "money": _("Amount"), "date": _("Date"), "term": _("Policy term"),
}
MATCH_LABELS = {"exact": _("exact match"), "alias": _("alias match"), "fuzzy": _("similar name"),
                "new": _("proposed new")}
#: Why an entity was linked, or not (``Entity.reason``).
LINK_REASONS = {
    "name": _("the name of a registered record"),
    "alias": _("the short name of a registered record"),
    "similar": _("a similar name, scored above the threshold"),
    "similar-in-region": _("a similar name among the records of the regions the text names"),
    "below-threshold": _("no registered name similar enough"),
    "none-in-region": _("no record of this kind in the regions the text names"),
}


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


@register.filter
def link_reason(entity) -> str:
    """Why an entity was linked to a record, or proposed as new, in the page's language."""
    reason = entity.get("reason") if isinstance(entity, dict) else getattr(entity, "reason", None)
    return str(LINK_REASONS.get(reason, "")) if reason else ""
