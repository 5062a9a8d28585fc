"""Month arithmetic the pipeline's pages and jobs share."""

import datetime

__all__ = ["month_end", "next_month", "previous_month"]


def next_month(month: datetime.date) -> datetime.date:
    """The first day of the month after ``month``'s."""
    return datetime.date(month.year + 1, 1, 1) if month.month == 12 else datetime.date(month.year, month.month + 1, 1)


def previous_month(month: datetime.date) -> datetime.date:
    """The first day of the month before ``month``'s."""
    return datetime.date(month.year - 1, 12, 1) if month.month == 1 else datetime.date(month.year, month.month - 1, 1)


def month_end(month: datetime.date) -> datetime.date:
    """The last day of ``month``'s month."""
    return next_month(month) - datetime.timedelta(days=1)
