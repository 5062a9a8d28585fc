"""Column definitions for list pages and exports: what a column shows and how its value is formatted."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from clusterdesk.core.units import format_area_mu, format_money_wan

__all__ = ["Column", "cell_value", "format_cell"]


@dataclass(frozen=True)
class Column:
    """One column: ``accessor`` is a dotted path from the row object; ``kind`` picks the formatting."""

    accessor: str
    label: str
    kind: str = "text"  # text | money | area | date | bool | choice | link
    order_by: str | None = None


def cell_value(obj, accessor: str):
    value = obj
    for part in accessor.split("."):
        if value is None:
            return None
        display = getattr(value, f"get_{part}_display", None)
        value = display() if display and part == accessor.split(".")[-1] else getattr(value, part)
    return value


def format_cell(value, kind: str) -> str:
    """Format a value for display: money in 万元/亿元, land in 亩, dates as YYYY-MM-DD, booleans as 是/否."""
    if value is None or value == "":
        return "—"
    if kind == "money" and isinstance(value, Decimal | int):
        return format_money_wan(Decimal(value), max_places=2)
    if kind == "area" and isinstance(value, Decimal | int):
        return format_area_mu(Decimal(value))
    if isinstance(value, datetime.date):
        return date_format(value, "Y-m-d")
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    return str(value)
