"""Figures as a briefing writes them: money in 万元 (亿元 from 10,000 万元 up), percentages, ranks."""

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

__all__ = ["competition_ranks", "format_money", "format_percent", "format_wan"]


def _round(value: Decimal, places: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def format_wan(value: Decimal | int | float, places: int = 1) -> str:
    """Write an amount of 万元 with thousands separators and a fixed number of decimals.

    Parameters
    ----------
    value : Decimal, int or float
        The amount in 万元.
    places : int
        Decimal places (default 1).

    Returns
    -------
    str
        The amount followed by 万元.

    Examples
    --------
    >>> format_wan(Decimal("12345.66"))
    '12,345.7万元'
    """
    return f"{_round(Decimal(str(value)), places):,}万元"


def format_money(value: Decimal | int | float, places: int = 2) -> str:
    """Write an amount given in 万元 the way a briefing reads best: 亿元 from 10,000 万元 up, else 万元.

    Parameters
    ----------
    value : Decimal, int or float
        The amount in 万元.
    places : int
        Decimal places for 亿元 (default 2); 万元 take one fewer, at least 0.

    Returns
    -------
    str
        ``"3.46亿元"`` or ``"850.0万元"``.

    Examples
    --------
    >>> format_money(Decimal("34560")), format_money(850)
    ('3.46亿元', '850.0万元')
    """
    amount = Decimal(str(value))
    if abs(amount) >= 10000:
        return f"{_round(amount / 10000, places):,}亿元"
    return format_wan(amount, max(places - 1, 0))


def format_percent(numerator: Decimal | int | float, denominator: Decimal | int | float, places: int = 1) -> str:
    """Write ``numerator / denominator`` as a percentage, or a dash when the denominator is zero.

    Parameters
    ----------
    numerator, denominator : Decimal, int or float
        The parts of the ratio.
    places : int
        Decimal places (default 1).

    Returns
    -------
    str
        ``"45.6%"``, or ``"—"`` when there is nothing to divide by.

    Examples
    --------
    >>> format_percent(3, 8), format_percent(1, 0)
    ('37.5%', '—')
    """
    below = Decimal(str(denominator))
    if below == 0:
        return "—"
    return f"{_round(Decimal(str(numerator)) * 100 / below, places)}%"


def competition_ranks(values: Sequence[Decimal | int | float]) -> list[int]:
    """Rank values from the largest down; equal values share a rank and the next rank skips (1, 2, 2, 4).

    Parameters
    ----------
    values : sequence of numbers
        The values, in any order.

    Returns
    -------
    list of int
        The rank of each value, in the order given.

    Examples
    --------
    >>> competition_ranks([5, 9, 5, 1])
    [2, 1, 2, 4]
    """
    return [1 + sum(1 for other in values if other > value) for value in values]
