"""The light of a task in an inbox: on time, due soon, overdue."""

import datetime as dt
from enum import StrEnum

__all__ = ["TaskLight", "task_light"]


class TaskLight(StrEnum):
    """绿 on time, 黄 due within the warning window, 红 past its due date; done tasks have no light."""

    ON_TIME = "on_time"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    NONE = "none"


def task_light(due: dt.date | None, today: dt.date, *, done: bool = False, soon_days: int = 3) -> TaskLight:
    """The light of an open task due on ``due`` seen on ``today``.

    Examples
    --------
    >>> d = dt.date(2026, 12, 10)
    >>> [task_light(d, dt.date(2026, 12, x)).value for x in (6, 7, 10, 11)]
    ['on_time', 'due_soon', 'due_soon', 'overdue']
    >>> task_light(None, d).value, task_light(d, d, done=True).value
    ('on_time', 'none')
    """
    if done:
        return TaskLight.NONE
    if due is None:
        return TaskLight.ON_TIME
    if today > due:
        return TaskLight.OVERDUE
    if (due - today).days <= soon_days:
        return TaskLight.DUE_SOON
    return TaskLight.ON_TIME
