"""Small helpers the demo phases share: month arithmetic, money in cents, people's and places' names."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from clusterdesk.core.codes.uscc import USCC_ALPHABET

from .spec import GIVEN_CHARS, SURNAME_LIST

__all__ = [
    "add_months",
    "day_in_month",
    "dec",
    "month_index",
    "month_start",
    "person",
    "serial_of",
    "short_city",
    "short_county",
    "wan",
]


def month_index(d: dt.date) -> int:
    """Months since year 0: ``year * 12 + month - 1``."""
    return d.year * 12 + d.month - 1


def month_start(m: int) -> dt.date:
    """The first day of month index ``m``."""
    return dt.date(m // 12, m % 12 + 1, 1)


def add_months(d: dt.date, k: int) -> dt.date:
    """``d`` moved by ``k`` months (the day kept, at most the 28th)."""
    m = month_index(d) + k
    return dt.date(m // 12, m % 12 + 1, min(d.day, 28))


def day_in_month(m: int, day: int) -> dt.date:
    """Day ``day`` (kept between 1 and 28) of month index ``m``."""
    return dt.date(m // 12, m % 12 + 1, max(1, min(day, 28)))


def dec(cents: int) -> Decimal:
    """An amount in cents of 万元 as a two-place `Decimal`."""
    return Decimal(cents).scaleb(-2)


def wan(value: float) -> Decimal:
    """A float amount of 万元 rounded to two places."""
    return dec(round(value * 100))


def short_city(name: str) -> str:
    """长沙市 → 长沙; 湘西土家族苗族自治州 → 湘西."""
    if name.endswith("自治州"):
        return name[:2]
    return name[:-1] if name.endswith("市") else name


def short_county(name: str, city_shorts: set[str]) -> str:
    """浏阳市 → 浏阳, unless the short form is a city's name; autonomous counties by their first two characters."""
    if "自治县" in name:
        return name[:2]
    if len(name) >= 3 and name[-1] in "县市区" and name[:-1] not in city_shorts:
        return name[:-1]
    return name


def person(rng: random.Random) -> str:
    """A Chinese personal name: a surname by frequency and one or two given characters."""
    given = rng.choice(GIVEN_CHARS) + (rng.choice(GIVEN_CHARS) if rng.random() < 0.7 else "")
    return rng.choice(SURNAME_LIST) + given


def serial_of(body: str) -> int:
    """The serial number `make_uscc` takes for an organisation-code body."""
    value = 0
    for ch in body:
        value = value * 31 + USCC_ALPHABET.index(ch)
    return value
