"""Calendar months as integers, so that series of monthly figures can be indexed and compared quickly.

A month index is ``year * 12 + month - 1``: January 2025 is 24300, December 2024 is 24299. The month twelve
indices earlier is the same month of the previous year.
"""

from datetime import date

from clusterdesk.core.exceptions import CoreError

__all__ = ["MonthError", "month_date", "month_index", "month_label", "month_of_index"]


class MonthError(CoreError):
    """A month outside 1–12 or a year outside 1900–2999."""


def month_index(year: int, month: int) -> int:
    """Return the index of a calendar month.

    Parameters
    ----------
    year : int
    month : int
        1–12.

    Returns
    -------
    int

    Raises
    ------
    MonthError
        If the month or the year is out of range.

    Examples
    --------
    >>> month_index(2025, 1) - month_index(2024, 1)
    12
    >>> month_index(2025, 13)
    Traceback (most recent call last):
    ...
    clusterdesk.core.monitoring.periods.MonthError: 月份应在 1–12 之间，实为 13
    """
    if not 1 <= month <= 12:
        raise MonthError(f"月份应在 1–12 之间，实为 {month}")
    if not 1900 <= year <= 2999:
        raise MonthError(f"年份应在 1900–2999 之间，实为 {year}")
    return year * 12 + month - 1


def month_of_index(index: int) -> tuple[int, int]:
    """Return ``(year, month)`` of a month index.

    Parameters
    ----------
    index : int

    Returns
    -------
    tuple of int

    Examples
    --------
    >>> month_of_index(month_index(2024, 12) + 1)
    (2025, 1)
    """
    return index // 12, index % 12 + 1


def month_date(index: int) -> date:
    """Return the first day of the month of an index.

    Parameters
    ----------
    index : int

    Returns
    -------
    date

    Examples
    --------
    >>> month_date(month_index(2025, 3))
    datetime.date(2025, 3, 1)
    """
    year, month = month_of_index(index)
    return date(year, month, 1)


def month_label(index: int) -> str:
    """Write a month the way reports do: ``2025年3月``.

    Parameters
    ----------
    index : int

    Returns
    -------
    str

    Examples
    --------
    >>> month_label(month_index(2025, 3))
    '2025年3月'
    """
    year, month = month_of_index(index)
    return f"{year}年{month}月"
