"""Guards for workflow transitions: conditions that read the facts and name what is missing, in Chinese.

Each helper returns a `Guard` on a field (by default the fact's own name). Messages may hold ``{value}`` (the
fact), and the date guards ``{date}`` and ``{next}`` (the day after), formatted when the guard fails.
"""

import datetime
from collections.abc import Callable

from clusterdesk.core.workflow.engine import Facts, Guard

__all__ = ["after", "between", "holds", "none_left", "not_before", "present"]


def _filled(value: object) -> bool:
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, list | tuple | set | frozenset | dict):
        return bool(value)
    return value is not None


def present(fact: str, message: str, *, field: str | None = None) -> Guard:
    """A guard that needs ``fact`` filled in (not None, not blank text, not an empty collection).

    Parameters
    ----------
    fact : str
    message : str
    field : str, optional
        The field the message belongs on; the fact's name by default.

    Returns
    -------
    Guard

    Examples
    --------
    >>> guard = present("answer", "答复须填写答复内容")
    >>> guard.check({"answer": "  "}), guard.check({"answer": "已协调"}), guard.field
    ('答复须填写答复内容', None, 'answer')
    """

    def check(facts: Facts) -> str | None:
        return None if _filled(facts.get(fact)) else message

    return Guard(field or fact, check)


def between(fact: str, low: int, high: int, message: str, *, field: str | None = None) -> Guard:
    """A guard that needs ``fact`` to be a whole number from ``low`` to ``high``.

    Parameters
    ----------
    fact : str
    low, high : int
    message : str
    field : str, optional

    Returns
    -------
    Guard

    Examples
    --------
    >>> guard = between("satisfaction", 1, 5, "满意度为 1–5")
    >>> [guard.check({"satisfaction": v}) for v in (None, 0, 3, 6, True)]
    ['满意度为 1–5', '满意度为 1–5', None, '满意度为 1–5', '满意度为 1–5']
    """

    def check(facts: Facts) -> str | None:
        value = facts.get(fact)
        ok = isinstance(value, int) and not isinstance(value, bool) and low <= value <= high
        return None if ok else message

    return Guard(field or fact, check)


def none_left(fact: str, message: str, *, field: str | None = None) -> Guard:
    """A guard that needs the count ``fact`` to be zero (nothing left open); ``{value}`` is the count.

    A missing count is refused: the caller must say how many there are.

    Parameters
    ----------
    fact : str
    message : str
    field : str, optional

    Returns
    -------
    Guard

    Examples
    --------
    >>> guard = none_left("open_objections", "尚有 {value} 份异议未答复")
    >>> guard.check({"open_objections": 2}), guard.check({"open_objections": 0})
    ('尚有 2 份异议未答复', None)
    """

    def check(facts: Facts) -> str | None:
        value = facts.get(fact)
        if isinstance(value, int) and value == 0:
            return None
        return message.format(value=value if value is not None else "?")

    return Guard(field or fact, check)


def _dates(facts: Facts, fact: str, today: str) -> tuple[datetime.date | None, datetime.date | None]:
    value, now = facts.get(fact), facts.get(today)
    return (value if isinstance(value, datetime.date) else None, now if isinstance(now, datetime.date) else None)


def after(fact: str, message: str, *, today: str = "today", field: str | None = None) -> Guard:
    """A guard that needs the day ``today`` to be after the date ``fact`` (a period that must have ended).

    ``{date}`` in the message is the date, ``{next}`` the first day allowed. A missing date is refused.

    Parameters
    ----------
    fact : str
        The date that must have passed.
    message : str
    today : str
        The fact holding today's date.
    field : str, optional

    Returns
    -------
    Guard

    Examples
    --------
    >>> guard = after("deadline", "公示截止日（{date}）及之前不能定级，{next} 起方可定级")
    >>> guard.check({"deadline": datetime.date(2026, 11, 30), "today": datetime.date(2026, 11, 30)})
    '公示截止日（2026-11-30）及之前不能定级，2026-12-01 起方可定级'
    >>> guard.check({"deadline": datetime.date(2026, 11, 30), "today": datetime.date(2026, 12, 1)}) is None
    True
    """

    def check(facts: Facts) -> str | None:
        value, now = _dates(facts, fact, today)
        if value is not None and now is not None and now > value:
            return None
        shown = value.isoformat() if value else "未定"
        following = (value + datetime.timedelta(days=1)).isoformat() if value else "未定"
        return message.format(date=shown, next=following)

    return Guard(field or fact, check)


def not_before(fact: str, message: str, *, today: str = "today", field: str | None = None) -> Guard:
    """A guard that needs the date ``fact`` to be on or after the day ``today`` (a deadline not already past).

    Parameters
    ----------
    fact : str
    message : str
        ``{date}`` is the date given, ``{today}`` today.
    today : str
    field : str, optional

    Returns
    -------
    Guard

    Examples
    --------
    >>> guard = not_before("deadline", "截止日（{date}）不能早于今天（{today}）")
    >>> guard.check({"deadline": datetime.date(2026, 3, 1), "today": datetime.date(2026, 3, 2)})
    '截止日（2026-03-01）不能早于今天（2026-03-02）'
    """

    def check(facts: Facts) -> str | None:
        value, now = _dates(facts, fact, today)
        if value is not None and now is not None and value >= now:
            return None
        return message.format(date=value.isoformat() if value else "未定", today=now.isoformat() if now else "未定")

    return Guard(field or fact, check)


def holds(field: str, message: str | Callable[[Facts], str], condition: Callable[[Facts], bool]) -> Guard:
    """A guard on any condition of the facts.

    Parameters
    ----------
    field : str
    message : str or callable
        The message, or facts → the message (to name what is missing).
    condition : callable
        Facts → whether the condition holds.

    Returns
    -------
    Guard

    Examples
    --------
    >>> guard = holds("documents", "申报材料不全", lambda f: not f.get("missing"))
    >>> guard.check({"missing": ["营业执照"]}), guard.check({"missing": []})
    ('申报材料不全', None)
    >>> holds("documents", lambda f: "请备齐：" + "、".join(f["missing"]), lambda f: not f["missing"]).check(
    ...     {"missing": ["营业执照", "纳税证明"]})
    '请备齐：营业执照、纳税证明'
    """

    def check(facts: Facts) -> str | None:
        if condition(facts):
            return None
        return message(facts) if callable(message) else message

    return Guard(field, check)
