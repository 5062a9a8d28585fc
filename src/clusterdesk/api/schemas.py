"""Schemas and field types shared by every router: errors, dates in the forms people type, 万元 and 亩, and the
bounded, strict numbers of ids and counts.

Numbers in a JSON body are strict: ``false`` or ``"3"`` is not an integer, ``0`` is not a date. Every integer
is bounded by what the database column holds, and the bound is in the schema, so a number too large is a 422
the schema documents rather than a database error.
"""

import datetime
from decimal import Decimal
from typing import Annotated, Any

from ninja import Field, Schema
from pydantic import BeforeValidator, Strict, WithJsonSchema

from clusterdesk.core.dates import parse_date
from clusterdesk.core.units import parse_area_mu, parse_money_wan

__all__ = [
    "MAX_ID",
    "ApiDate",
    "AreaMu",
    "Count",
    "Days",
    "ErrorOut",
    "Flag",
    "Id",
    "MoneyWan",
    "Month",
    "OptionalMonth",
    "Real",
    "Ref",
    "RegionFilterCode",
    "SmallCount",
]

#: The largest id (a 64-bit primary key).
MAX_ID = 2**63 - 1
_INT32 = 2**31 - 1
_INT16 = 2**15 - 1

# In a path or a query string (text by nature, so not strict): an object's id.
Id = Annotated[int, Field(ge=1, le=MAX_ID)]

# In a JSON body: an object's id, counts (PositiveIntegerField, PositiveSmallIntegerField), signed day counts.
Ref = Annotated[int, Strict(), Field(ge=1, le=MAX_ID)]
Count = Annotated[int, Strict(), Field(ge=0, le=_INT32)]
SmallCount = Annotated[int, Strict(), Field(ge=0, le=_INT16)]
Days = Annotated[int, Strict(), Field(ge=-_INT32 - 1, le=_INT32)]
Flag = Annotated[bool, Strict()]
Real = Annotated[float, Strict()]


class ErrorOut(Schema):
    """An error: ``detail`` is a message, or a map of field → messages for validation errors (422)."""

    detail: Any


def _date(value: object) -> object:
    if isinstance(value, str):
        return parse_date(value)
    if value is None or isinstance(value, datetime.date):
        return value
    raise ValueError("请输入日期，例如 2025-03-01。")


def _month(value: object) -> object:
    value = _date(value)
    return value.replace(day=1) if isinstance(value, datetime.date) else value


def _amount(parse):
    def read(value: object) -> object:
        if isinstance(value, bool):  # JSON true/false is not an amount (bool is an int in Python)
            raise ValueError("请输入数字。")
        return parse(value) if isinstance(value, str | int | float | Decimal) and value != "" else value

    return read


_money = _amount(parse_money_wan)
_area = _amount(parse_area_mu)


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


_MONTH_HELP = "A month: 2025-03 (2025-03-01, 2025.3 and 2025年3月 are also read)."
Month = Annotated[
    datetime.date,
    BeforeValidator(_month),
    WithJsonSchema({"type": "string", "minLength": 1, "description": _MONTH_HELP}),
]
OptionalMonth = Annotated[
    datetime.date | None,
    BeforeValidator(_month),
    WithJsonSchema({"type": "string", "minLength": 1, "description": _MONTH_HELP}),
]

RegionFilterCode = Annotated[
    str | None,
    Field(description="A GB/T 2260 code (430100): that region and everything below it."),
]
