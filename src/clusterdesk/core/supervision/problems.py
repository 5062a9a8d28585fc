"""Problem coordination (问题清单, 高位统筹): the status workflow, automatic escalation and resolution figures.

Status workflow: 已提出 raised → 已交办 assigned → 办理中 in progress → 已解决 resolved → 已销号 closed; a
resolved or closed problem may be reopened (重新打开), and a reopened one goes back to assigned, in progress
or resolved. A problem may also be resolved straight from raised or assigned.

Coordination levels (协调层级): 1 project leader (项目负责人), 2 responsible unit head (责任单位负责人),
3 county/city leader in charge (县市分管领导), 4 principal leader (主要领导).

Escalation. An open problem (not resolved or closed) escalates one level once `days` whole days have passed
since its due date, and again each further `days` days since its last escalation, up to level 4
(`next_escalation`). With ``days=15`` and a due date of 30 June, the problem escalates on 15 July, then on
30 July.
"""

import enum
from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal

from clusterdesk.core.exceptions import CoreError

__all__ = [
    "DEFAULT_ESCALATION_DAYS",
    "OPEN_STATUSES",
    "PROBLEM_TRANSITIONS",
    "TOP_LEVEL",
    "ProblemStatus",
    "ProblemWorkflowError",
    "next_escalation",
    "problem_transition_errors",
    "resolution_figures",
]

#: Days after the due date (and after each escalation) before an open problem escalates one level.
DEFAULT_ESCALATION_DAYS = 15
#: The highest coordination level: the principal leader.
TOP_LEVEL = 4


class ProblemWorkflowError(CoreError):
    """A problem status or coordination level is unknown."""


class ProblemStatus(enum.StrEnum):
    """A problem's status; the values are the slugs stored in the database."""

    RAISED = "raised"
    ASSIGNED = "assigned"
    IN_PROGRESS = "in_progress"
    RESOLVED = "resolved"
    CLOSED = "closed"
    REOPENED = "reopened"


_LABELS = {
    ProblemStatus.RAISED: "已提出",
    ProblemStatus.ASSIGNED: "已交办",
    ProblemStatus.IN_PROGRESS: "办理中",
    ProblemStatus.RESOLVED: "已解决",
    ProblemStatus.CLOSED: "已销号",
    ProblemStatus.REOPENED: "重新打开",
}

#: The statuses of a problem still to be solved.
OPEN_STATUSES = frozenset({ProblemStatus.RAISED, ProblemStatus.ASSIGNED, ProblemStatus.IN_PROGRESS,
                           ProblemStatus.REOPENED})

#: Status → the statuses it may move to.
PROBLEM_TRANSITIONS: Mapping[ProblemStatus, frozenset[ProblemStatus]] = {
    ProblemStatus.RAISED: frozenset({ProblemStatus.ASSIGNED, ProblemStatus.IN_PROGRESS, ProblemStatus.RESOLVED}),
    ProblemStatus.ASSIGNED: frozenset({ProblemStatus.IN_PROGRESS, ProblemStatus.RESOLVED}),
    ProblemStatus.IN_PROGRESS: frozenset({ProblemStatus.RESOLVED}),
    ProblemStatus.REOPENED: frozenset({ProblemStatus.ASSIGNED, ProblemStatus.IN_PROGRESS, ProblemStatus.RESOLVED}),
    ProblemStatus.RESOLVED: frozenset({ProblemStatus.CLOSED, ProblemStatus.REOPENED}),
    ProblemStatus.CLOSED: frozenset({ProblemStatus.REOPENED}),
}


def _status(value: str) -> ProblemStatus:
    try:
        return ProblemStatus(value)
    except ValueError:
        raise ProblemWorkflowError(f'未知的问题状态："{value}"') from None


def _present(value: object) -> bool:
    return bool(value.strip()) if isinstance(value, str) else value is not None


def problem_transition_errors(current: str, target: str, facts: Mapping[str, object]) -> list[str]:
    """Return every reason a problem may not move from `current` to `target` status (empty when it may).

    Parameters
    ----------
    current, target : str
        Status slugs.
    facts : mapping
        ``owner_unit`` and ``owner_person`` (needed to assign), ``resolution`` (needed to resolve),
        ``reason`` (needed to reopen).

    Returns
    -------
    list of str
        Chinese messages.

    Raises
    ------
    ProblemWorkflowError
        If a status is unknown.

    Examples
    --------
    >>> problem_transition_errors("raised", "assigned", {"owner_unit": "自然资源局", "owner_person": ""})
    ['交办须明确责任人']
    >>> problem_transition_errors("closed", "in_progress", {})
    ['「已销号」的问题不能直接改为「办理中」，可改为：重新打开']
    >>> problem_transition_errors("resolved", "reopened", {"reason": "用地指标再次被收回"})
    []
    """
    now, wanted = _status(current), _status(target)
    if wanted not in PROBLEM_TRANSITIONS[now]:
        allowed = "、".join(_LABELS[s] for s in ProblemStatus if s in PROBLEM_TRANSITIONS[now])
        return [f"「{_LABELS[now]}」的问题不能直接改为「{_LABELS[wanted]}」，可改为：{allowed}"]
    errors = []
    if wanted is ProblemStatus.ASSIGNED:
        if not _present(facts.get("owner_unit")):
            errors.append("交办须明确责任单位")
        if not _present(facts.get("owner_person")):
            errors.append("交办须明确责任人")
    if wanted is ProblemStatus.RESOLVED and not _present(facts.get("resolution")):
        errors.append("办结须填写解决情况")
    if wanted is ProblemStatus.REOPENED and not _present(facts.get("reason")):
        errors.append("重新打开须填写原因")
    return errors


def next_escalation(
    *, level: int, status: str, due_date: date, last_escalated: date | None, today: date,
    days: int = DEFAULT_ESCALATION_DAYS,
) -> int | None:
    """Return the level an overdue problem escalates to today, or None when it does not escalate.

    Parameters
    ----------
    level : int
        The current coordination level, 1 to 4.
    status : str
        The status slug; only open problems escalate.
    due_date : date
    last_escalated : date or None
        The day of its last escalation, if any.
    today : date
    days : int
        Days after the due date, and after each escalation, before the next one.

    Returns
    -------
    int or None

    Raises
    ------
    ProblemWorkflowError
        If `level` is not 1 to 4, `days` is negative or the status is unknown.

    Examples
    --------
    >>> due = date(2025, 6, 30)
    >>> next_escalation(level=1, status="in_progress", due_date=due, last_escalated=None, today=date(2025, 7, 14))
    >>> next_escalation(level=1, status="in_progress", due_date=due, last_escalated=None, today=date(2025, 7, 15))
    2
    >>> next_escalation(level=2, status="assigned", due_date=due, last_escalated=date(2025, 7, 15),
    ...                 today=date(2025, 7, 29)) is None
    True
    >>> next_escalation(level=4, status="raised", due_date=due, last_escalated=None, today=date(2025, 12, 1))
    """
    if not 1 <= level <= TOP_LEVEL:
        raise ProblemWorkflowError(f"协调层级应为 1 至 {TOP_LEVEL}，实为 {level}")
    if days < 0:
        raise ProblemWorkflowError(f"升级天数不能为负数，实为 {days}")
    if _status(status) not in OPEN_STATUSES or level == TOP_LEVEL:
        return None
    since = max(due_date, last_escalated) if last_escalated else due_date
    return level + 1 if (today - since).days >= days else None


def resolution_figures(problems: Iterable[tuple[date, date | None]]) -> tuple[int, int, Decimal | None, Decimal | None]:
    """Return the count, the resolved count, the resolution rate (%) and the average days to resolve.

    Parameters
    ----------
    problems : iterable of (raised date, resolved date or None)

    Returns
    -------
    tuple
        (count, resolved, rate percent or None when there are none, average days or None when none resolved),
        the figures unrounded.

    Examples
    --------
    >>> resolution_figures([(date(2025, 1, 1), date(2025, 1, 11)), (date(2025, 1, 1), date(2025, 1, 31)),
    ...                     (date(2025, 2, 1), None), (date(2025, 2, 1), None)])
    (4, 2, Decimal('50'), Decimal('20'))
    >>> resolution_figures([])
    (0, 0, None, None)
    """
    count = resolved = total_days = 0
    for raised, done in problems:
        count += 1
        if done is not None:
            resolved += 1
            total_days += (done - raised).days
    rate = Decimal(resolved * 100) / count if count else None
    average = Decimal(total_days) / resolved if resolved else None
    return count, resolved, rate, average
