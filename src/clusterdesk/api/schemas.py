"""Schemas and field types shared by every router: errors, dates in the forms people type, 万元 and 亩."""

import datetime
from decimal import Decimal
from typing import Annotated, Any

from ninja import Field, Schema
from pydantic import BeforeValidator, WithJsonSchema

from clusterdesk.core.dates import parse_date
from clusterdesk.core.units import parse_area_mu, parse_money_wan

__all__ = ["ApiDate", "AreaMu", "ErrorOut", "MoneyWan", "RegionFilterCode"]


class ErrorOut(Schema):
    """An error: ``detail`` is a message, or a map of field → messages for validation errors (422)."""

    detail: Any


def _date(value: object) -> object:
    return parse_date(value) if isinstance(value, str) else value


def _money(value: object) -> object:
    return parse_money_wan(value) if isinstance(value, str | int | float | Decimal) and value != "" else value


def _area(value: object) -> object:
    return parse_area_mu(value) if isinstance(value, str | int | float | Decimal) and value != "" else value


ApiDate = Annotated[
    datetime.date,
    BeforeValidator(_date),
    WithJsonSchema({"type": "string", "format": "date",
                    "description": "ISO 8601 (2025-03-01); 2025/3/1, 2025年3月1日 and 2025.3 are also read."}),
]
MoneyWan = Annotated[
    Decimal,
    BeforeValidator(_money),
    WithJsonSchema({"anyOf": [{"type": "number"}, {"type": "string"}],
                    "description": "万元 (10,000 yuan). A number, or text with a unit: \"3.5亿\", \"1,200万元\"."}),
]
AreaMu = Annotated[
    Decimal,
    BeforeValidator(_area),
    WithJsonSchema({"anyOf": [{"type": "number"}, {"type": "string"}],
                    "description": "亩. A number, or text with a unit: \"50公顷\", \"2.3平方公里\"."}),
]


RegionFilterCode = Annotated[
    str | None,
    Field(description="A GB/T 2260 code (430100): that region and everything below it."),
]
