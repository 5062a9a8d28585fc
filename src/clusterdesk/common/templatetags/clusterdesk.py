"""Template helpers: cells of generic tables, money and land formatting, query-string editing."""

from decimal import Decimal

from django import template
from django.utils.html import format_html

from clusterdesk.common.tables import cell_value, format_cell
from clusterdesk.core.units import format_area_mu, format_money_wan

register = template.Library()


@register.simple_tag
def cell(obj, column):
    value = cell_value(obj, column.accessor)
    text = format_cell(value, column.kind)
    if column.kind == "link" and hasattr(obj, "get_absolute_url"):
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), text)
    return text


@register.filter
def money(value):
    return "—" if value is None else format_money_wan(Decimal(value), max_places=2)


@register.filter
def area(value):
    return "—" if value is None else format_area_mu(Decimal(value))


@register.filter
def percent(value):
    return "—" if value is None else f"{float(value) * 100:.1f}%"


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters replaced (for pagination and sorting links)."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        params[key] = value
    return "?" + params.urlencode()


@register.filter
def field_label(model, name):
    return model._meta.get_field(name).verbose_name
