"""Differential policies attached to a class: the D-class electricity surcharge (差别化电价).

The default schedule follows real practice: a D-class enterprise pays 0.05 元/kWh more in its first year
in D, 0.10 in the second consecutive year and 0.15 from the third; the schedule is configurable.
Electricity is in 万千瓦时, so rate (元/kWh) × electricity (万kWh) is directly in 万元.
"""

from collections.abc import Mapping, Sequence

__all__ = ["DEFAULT_SURCHARGE_YUAN_PER_KWH", "consecutive_years_in_class", "electricity_surcharge"]

DEFAULT_SURCHARGE_YUAN_PER_KWH: tuple[float, ...] = (0.05, 0.10, 0.15)


def consecutive_years_in_class(classes_by_year: Mapping[int, str], year: int, target: str = "D") -> int:
    """How many consecutive years, ending with ``year``, the unit was in class ``target``.

    Parameters
    ----------
    classes_by_year : mapping of int to str
        Year → class (a missing year breaks the run).
    year : int
        The evaluated year.
    target : str
        The class counted.

    Returns
    -------
    int
        0 when the unit is not in ``target`` in ``year``.

    Examples
    --------
    >>> consecutive_years_in_class({2022: "D", 2023: "D", 2024: "D"}, 2024)
    3
    >>> consecutive_years_in_class({2022: "D", 2023: "C", 2024: "D"}, 2024)
    1
    >>> consecutive_years_in_class({2022: "D", 2024: "D"}, 2024)
    1
    """
    count = 0
    while classes_by_year.get(year - count) == target:
        count += 1
    return count


def electricity_surcharge(classes_by_year: Mapping[int, str], year: int, electricity_wan_kwh: float | None,
                          schedule: Sequence[float] = DEFAULT_SURCHARGE_YUAN_PER_KWH,
                          target: str = "D") -> tuple[float, float]:
    """The surcharge rate and amount for one enterprise in ``year``.

    Parameters
    ----------
    classes_by_year : mapping of int to str
        The enterprise's final class per year.
    year : int
        The year the surcharge applies to (its class that year).
    electricity_wan_kwh : float or None
        Electricity used, in 万千瓦时 (``None``: the amount is 0).
    schedule : sequence of float
        Rate in 元/kWh for 1, 2, 3… consecutive years; the last applies beyond.
    target : str
        The class that pays.

    Returns
    -------
    (float, float)
        Rate in 元/kWh and amount in 万元.

    Examples
    --------
    >>> electricity_surcharge({2023: "D", 2024: "D"}, 2024, 1000.0)
    (0.1, 100.0)
    >>> electricity_surcharge({2020: "D", 2021: "D", 2022: "D", 2023: "D"}, 2023, 10.0)
    (0.15, 1.5)
    >>> electricity_surcharge({2024: "C"}, 2024, 1000.0)
    (0.0, 0.0)
    """
    years = consecutive_years_in_class(classes_by_year, year, target)
    if years == 0 or not schedule:
        return 0.0, 0.0
    rate = float(schedule[min(years, len(schedule)) - 1])
    return rate, round(rate * (electricity_wan_kwh or 0.0), 4)
