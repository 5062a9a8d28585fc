"""Reading the job schedules: a five-field cron expression told apart into the shapes people say in words.

The scheduled jobs (`clusterdesk.common.jobs`) keep their schedules as cron expressions (minute, hour, day of
month, month, day of week). The jobs page says them in words — 每天 06:00, 每月1日 02:00, 每周一 07:30, 每15分钟 —
and `describe_cron` finds which of those shapes an expression has; anything else is shown as the expression itself.
"""

import re
from dataclasses import dataclass

from clusterdesk.core.exceptions import CoreError

__all__ = ["CronError", "CronShape", "describe_cron"]


class CronError(CoreError):
    """A schedule is not a five-field cron expression of numbers, ``*``, ``*/n``, lists and ranges."""


@dataclass(frozen=True)
class CronShape:
    """What a cron expression says: ``kind`` is ``daily``, ``weekly``, ``monthly``, ``every_minutes``,
    ``hourly`` or ``other``; ``time`` is ``HH:MM`` where the kind has one; ``day`` the day of the month
    (monthly), ``weekday`` 0–6 from Sunday (weekly), ``minutes`` the interval (every_minutes)."""

    kind: str
    time: str = ""
    day: int = 0
    weekday: int = 0
    minutes: int = 0


_FIELD = re.compile(r"^(\*|\*/\d+|\d+(-\d+)?(/\d+)?)(,(\d+(-\d+)?(/\d+)?))*$")
_LIMITS = ((0, 59), (0, 23), (1, 31), (1, 12), (0, 7))


def _number(text: str, low: int, high: int) -> int | None:
    if not text.isdigit():
        return None
    value = int(text)
    return value if low <= value <= high else None


def describe_cron(expression: str) -> CronShape:
    """Tell which everyday shape a five-field cron expression has.

    Parameters
    ----------
    expression : str
        ``minute hour day-of-month month day-of-week``, e.g. ``"0 2 1 * *"``.

    Returns
    -------
    CronShape
        The shape; ``kind == "other"`` when the expression has none of the everyday shapes.

    Raises
    ------
    CronError
        If the expression does not have five fields of numbers in range, ``*``, steps, lists and ranges.

    Examples
    --------
    >>> describe_cron("0 2 1 * *")
    CronShape(kind='monthly', time='02:00', day=1, weekday=0, minutes=0)
    >>> describe_cron("30 6 * * *").kind, describe_cron("30 6 * * *").time
    ('daily', '06:30')
    >>> describe_cron("30 7 * * 1").weekday
    1
    >>> describe_cron("*/15 * * * *").minutes
    15
    >>> describe_cron("0 8 1 1,7 *").kind
    'other'
    >>> describe_cron("0 25 * * *")
    Traceback (most recent call last):
    ...
    clusterdesk.core.cron.CronError: 计划时间格式错误：第 2 项 "25" 超出范围 0–23（0 25 * * *）
    """
    fields = expression.split()
    if len(fields) != 5:
        raise CronError(f"计划时间应为 5 项（分 时 日 月 周），实为 {len(fields)} 项（{expression}）")
    for position, (field, (low, high)) in enumerate(zip(fields, _LIMITS, strict=True), start=1):
        if not _FIELD.match(field):
            raise CronError(f'计划时间格式错误：第 {position} 项 "{field}" 无法识别（{expression}）')
        for number in re.findall(r"\d+", field.replace("*/", "")):
            if not low <= int(number) <= high:
                raise CronError(f'计划时间格式错误：第 {position} 项 "{field}" 超出范围 {low}–{high}（{expression}）')
    minute, hour, day, month, weekday = fields
    m, h = _number(minute, 0, 59), _number(hour, 0, 23)
    if minute.startswith("*/") and (hour, day, month, weekday) == ("*", "*", "*", "*"):
        return CronShape(kind="every_minutes", minutes=int(minute[2:]))
    if m is not None and (hour, day, month, weekday) == ("*", "*", "*", "*"):
        return CronShape(kind="hourly", time=f"{m:02d}")
    if m is None or h is None or month != "*":
        return CronShape(kind="other")
    time = f"{h:02d}:{m:02d}"
    if day == "*" and weekday == "*":
        return CronShape(kind="daily", time=time)
    if day == "*" and (w := _number(weekday, 0, 7)) is not None:
        return CronShape(kind="weekly", time=time, weekday=w % 7)
    if weekday == "*" and (d := _number(day, 1, 31)) is not None:
        return CronShape(kind="monthly", time=time, day=d)
    return CronShape(kind="other")
