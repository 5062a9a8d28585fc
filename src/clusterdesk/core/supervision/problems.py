"""Problem coordination (问题清单, 高位统筹): the status workflow, automatic escalation and resolution figures.

Status workflow (`PROBLEM_WORKFLOW`): 已提出 raised → 已交办 assigned → 办理中 in progress → 已解决 resolved →
已销号 closed; a resolved or closed problem may be reopened (重新打开), and a reopened one goes back to assigned,
in progress or resolved. A problem may also be resolved straight from raised or assigned.

Who acts, after the practice of 问题跟踪销号制 (the responsible unit resolves, the side that raised the problem
confirms before it is struck off):

* assigning (交办), starting (办理) and resolving (办结) are for officers; starting and resolving never for the
  person who raised the problem — a filer does not handle their own case;
* striking off (销号) is for an officer or the work secretary, never for the person who resolved it: someone else
  confirms the resolution (the one who raised it, typically);
* reopening is open to officers and the work secretary, with a reason.

Coordination levels (协调层级): 1 project leader (项目负责人), 2 responsible unit head (责任单位负责人),
3 county/city leader in charge (县市分管领导), 4 principal leader (主要领导).

Escalation (`PROBLEM_ESCALATION`). An open problem (not resolved or closed) escalates one level once `days` whole
days have passed since its due date, and again each further `days` days since its last escalation, up to level 4
(`next_escalation`). With ``days=15`` and a due date of 30 June, the problem escalates on 15 July, then on
30 July.
"""

import enum
from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from clusterdesk.core.exceptions import CoreError
from clusterdesk.core.workflow import ActorRule, Escalation, Forbid, State, Transition, Workflow, present
from clusterdesk.core.workflow.roles import OFFICER_ROLES, RELATION_FILER, RELATION_HANDLER, ROLE_SECRETARY

__all__ = [
    "DEFAULT_ESCALATION_DAYS",
    "OPEN_STATUSES",
    "PROBLEM_ESCALATION",
    "PROBLEM_WORKFLOW",
    "TOP_LEVEL",
    "ProblemStatus",
    "ProblemWorkflowError",
    "next_escalation",
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


_S = ProblemStatus
_OFFICERS = ActorRule(roles=OFFICER_ROLES, roles_message="问题须由责任单位或协调部门的干部交办、办理")
_HANDLING = ActorRule(
    roles=OFFICER_ROLES, roles_message="问题须由责任单位或协调部门的干部办理",
    forbid=(Forbid(RELATION_FILER, "问题的提出人不能自己办理、办结自己提出的问题，须由责任单位办理"),))
_CONFIRMING = ActorRule(
    roles=OFFICER_ROLES | {ROLE_SECRETARY}, roles_message="您的角色不能为问题销号",
    forbid=(Forbid(RELATION_HANDLER, "办结问题的人不能自己销号，须由提出方或其他干部确认后销号"),))
_REOPENING = ActorRule(roles=OFFICER_ROLES | {ROLE_SECRETARY}, roles_message="您的角色不能重新打开问题")

#: The default escalation of an open problem: 15 days past due, then every 15 days since the last escalation.
PROBLEM_ESCALATION = Escalation(first_after_days=DEFAULT_ESCALATION_DAYS, every_days=DEFAULT_ESCALATION_DAYS,
                                top=TOP_LEVEL - 1)

#: The status workflow of a blocking problem. Facts: ``owner_unit`` and ``owner_person`` (to assign),
#: ``resolution`` (to resolve), ``reason`` (to reopen).
PROBLEM_WORKFLOW = Workflow(
    name="problem",
    label="问题",
    states=(
        State(_S.RAISED, "已提出"),
        State(_S.ASSIGNED, "已交办"),
        State(_S.IN_PROGRESS, "办理中"),
        State(_S.RESOLVED, "已解决", open=False),
        State(_S.CLOSED, "已销号", open=False),
        State(_S.REOPENED, "重新打开"),
    ),
    initial=_S.RAISED,
    transitions=(
        Transition("assign", "交办", frozenset({_S.RAISED, _S.REOPENED}), _S.ASSIGNED,
                   guards=(present("owner_unit", "交办须明确责任单位"), present("owner_person", "交办须明确责任人")),
                   who=_OFFICERS),
        Transition("start", "开始办理", frozenset({_S.RAISED, _S.ASSIGNED, _S.REOPENED}), _S.IN_PROGRESS,
                   who=_HANDLING),
        Transition("resolve", "办结", frozenset({_S.RAISED, _S.ASSIGNED, _S.IN_PROGRESS, _S.REOPENED}), _S.RESOLVED,
                   guards=(present("resolution", "办结须填写解决情况"),), who=_HANDLING),
        Transition("close", "销号", frozenset({_S.RESOLVED}), _S.CLOSED, who=_CONFIRMING),
        Transition("reopen", "重新打开", frozenset({_S.RESOLVED, _S.CLOSED}), _S.REOPENED,
                   guards=(present("reason", "重新打开须填写原因"),), who=_REOPENING),
    ),
    escalation=PROBLEM_ESCALATION,
)

#: The statuses of a problem still to be solved.
OPEN_STATUSES = frozenset(ProblemStatus(value) for value in PROBLEM_WORKFLOW.open_states)


def _status(value: str) -> ProblemStatus:
    try:
        return ProblemStatus(value)
    except ValueError:
        raise ProblemWorkflowError(f'未知的问题状态："{value}"') from None


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
    policy = Escalation(first_after_days=days, every_days=max(days, 1), top=TOP_LEVEL - 1)
    return level + 1 if today >= policy.next_date(due_date, last_escalated) else None


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
