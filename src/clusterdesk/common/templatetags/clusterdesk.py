"""Template helpers: cells of generic tables, numbers, money and land for reading, query-string editing,
the language's half of a bilingual message, and the actions a user's role offers."""

import datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import template
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext as _

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
def num(value, places=1):
    """A number rounded for reading, with thousands separators: 68.8089 → 68.8, 12345.678|num:0 → 12,346.

    The one filter for scores, indices, ratios and counts shown on pages (money has `money`, land `area`).
    Text that is not a number passes through unchanged; nothing becomes "—".
    """
    if value is None or value == "":
        return "—"
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return value
    if not number.is_finite():
        return "—"
    places = int(places)
    rounded = number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    if rounded == 0:
        rounded = abs(rounded)  # no "-0.0"
    return f"{rounded:,.{places}f}"


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


@register.filter
def scope_kind_label(value: str) -> str:
    """The kind of a user's scope by its label (行政区域, not regions)."""
    from clusterdesk.accounts.roles import ScopeKind

    try:
        return ScopeKind(value).label
    except ValueError:
        return value


@register.simple_tag
def by_language(chinese, english=""):
    """The half of a bilingual message (Chinese, English) that fits the page's language."""
    if (get_language() or "").startswith("zh") or not english:
        return chinese
    return english


@register.filter
def actor(name):
    """A recorded actor's name; a change made by no person (a job, a command, the demo builder) is the system's."""
    return _("System") if not name or name == "system" else name


@register.filter
def change_value(value):
    """A value from a change record as a reader sees it: dates and times in local wall time, booleans as
    是/否, lists joined; ``None`` as —."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, list | tuple):
        return "、".join(str(change_value(v)) for v in value) or "—"
    if isinstance(value, str) and len(value) > 10 and value[4:5] == "-" and "T" in value:
        moment = parse_datetime(value)
        if moment is not None:
            if timezone.is_aware(moment):
                moment = timezone.localtime(moment)
            return date_format(moment, "Y-m-d H:i")
    if isinstance(value, datetime.date):
        return date_format(value, "Y-m-d")
    return value


@register.simple_tag
def region_picker(name: str, value="", code=""):
    """The region picker outside a form class (a draft on the intake page); ``code`` preselects a region by its
    GB/T 2260 code."""
    from clusterdesk.common.forms import RegionPicker

    return RegionPicker(code=code).render(name, value)


@register.simple_tag(takes_context=True)
def can(context, action: str, target) -> bool:
    """Whether the signed-in user may take ``action`` on ``target``: the check the services apply, so that a page
    offers only what the user's role may do.

    ``target`` is a saved object (its scope counts too: `accounts.scoping.can`), a model class or an
    ``"app_label.model"`` label (the role alone: `accounts.scoping.role_permits`, for add buttons and for rows
    already narrowed to the user's scope). ``{% can "change" object as may_edit %}``,
    ``{% can "add" "enterprise_service.visit" as may_visit %}``.
    """
    from django.apps import apps

    from clusterdesk.accounts.scoping import can as object_can
    from clusterdesk.accounts.scoping import role_permits

    user = context.get("user")
    if user is None or not user.is_authenticated or target is None or target == "":
        return False
    if isinstance(target, str):
        return role_permits(user, apps.get_model(target), action)
    if isinstance(target, type):
        return role_permits(user, target, action)
    cache = context.render_context.setdefault("cd_can", {})  # one query per object and action in a page
    key = (action, target._meta.label_lower, target.pk)
    if key not in cache:
        cache[key] = object_can(user, action, target)
    return cache[key]
