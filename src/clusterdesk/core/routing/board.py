"""The 督办 board's figures for one unit: open, overdue, due soon, done, on-time and overdue rates, days late."""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from clusterdesk.core.routing.lights import TaskLight, task_light

__all__ = ["BoardFigures", "board_figures"]


@dataclass(frozen=True)
class BoardFigures:
    """A unit's figures. Rates are percentages with one decimal, ``None`` when there is nothing to divide by."""

    open: int
    overdue: int
    due_soon: int
    done: int
    done_on_time: int
    on_time_rate: Decimal | None
    overdue_rate: Decimal | None
    average_days_late: Decimal | None


def _pct(part: int, whole: int) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(100) * part / whole).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def board_figures(tasks: Iterable[tuple[bool, dt.date | None, dt.date | None]], *, today: dt.date,
                  since: dt.date | None = None, soon_days: int = 3) -> BoardFigures:
    """Figures of tasks given as ``(done, due, done date)``: open ones now, done ones done since ``since``.

    The on-time rate is done by their due date over done; the overdue rate is open past due over open; the average
    days late is over the done tasks finished after their due date and the open ones past it (counted to today).

    Parameters
    ----------
    tasks : iterable of (bool, date or None, date or None)
        Whether the task is done, its due date and the day it was done.
    today : date
    since : date, optional
        First day of the period; done tasks before it are left out.
    soon_days : int
        The warning window of `task_light`.

    Returns
    -------
    BoardFigures

    Examples
    --------
    >>> d = dt.date
    >>> f = board_figures([(True, d(2026, 1, 10), d(2026, 1, 9)), (True, d(2026, 1, 10), d(2026, 1, 14)),
    ...                    (False, d(2026, 1, 20), None), (False, d(2026, 2, 2), None)], today=d(2026, 1, 31))
    >>> (f.open, f.overdue, f.due_soon, f.done, f.on_time_rate, f.overdue_rate, f.average_days_late)
    (2, 1, 1, 2, Decimal('50.0'), Decimal('50.0'), Decimal('7.5'))
    >>> board_figures([], today=d(2026, 1, 1)).on_time_rate is None
    True
    """
    open_ = overdue = soon = done = on_time = 0
    late_days: list[int] = []
    for is_done, due, done_date in tasks:
        if is_done:
            if since is not None and (done_date is None or done_date < since):
                continue
            done += 1
            if due is None or done_date is None or done_date <= due:
                on_time += 1
            else:
                late_days.append((done_date - due).days)
            continue
        open_ += 1
        light = task_light(due, today, soon_days=soon_days)
        if light is TaskLight.OVERDUE and due is not None:
            overdue += 1
            late_days.append((today - due).days)
        elif light is TaskLight.DUE_SOON:
            soon += 1
    average = (Decimal(sum(late_days)) / len(late_days)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP) \
        if late_days else None
    return BoardFigures(open_, overdue, soon, done, on_time, _pct(on_time, done), _pct(overdue, open_), average)
