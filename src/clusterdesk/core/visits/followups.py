"""The workflow of a visit's follow-up task (走访交办事项): 待办 open → 已完成 done.

A follow-up is something the government side promised the enterprise on a visit, owned by a unit with a due date.
Marking it done (标记完成) is for officers and the work secretary who tracks it; the day it was done may be neither
before the visit nor after today. Unlike problems and appeals, a follow-up has no filer on the other side: whoever
logged the visit usually carries the promise out, so no relation bars anyone.
"""

import datetime
import enum

from clusterdesk.core.workflow import ActorRule, Facts, State, Transition, Workflow, holds
from clusterdesk.core.workflow.roles import OFFICER_ROLES, ROLE_SECRETARY

__all__ = ["FOLLOW_UP_WORKFLOW", "FollowUpStatus"]


class FollowUpStatus(enum.StrEnum):
    """The status of a follow-up task; the values are stored in the database."""

    OPEN = "open"
    DONE = "done"


def _date(facts: Facts, name: str) -> datetime.date | None:
    value = facts.get(name)
    return value if isinstance(value, datetime.date) else None


def _done_in_window(facts: Facts) -> bool:
    done, visit, today = _date(facts, "done_date"), _date(facts, "visit_date"), _date(facts, "today")
    if done is None:
        return False
    return (visit is None or done >= visit) and (today is None or done <= today)


def _window_message(facts: Facts) -> str:
    done, visit = _date(facts, "done_date"), _date(facts, "visit_date")
    if done is None:
        return "请填写完成日期"
    if visit is not None and done < visit:
        return f"完成日期（{done.isoformat()}）不能早于走访日期（{visit.isoformat()}）"
    return f"完成日期（{done.isoformat()}）不能晚于今天"


#: The workflow of a follow-up task. Facts: ``done_date``, ``visit_date`` and ``today``.
FOLLOW_UP_WORKFLOW = Workflow(
    name="follow_up",
    label="交办事项",
    states=(State(FollowUpStatus.OPEN, "待办"), State(FollowUpStatus.DONE, "已完成", open=False)),
    initial=FollowUpStatus.OPEN,
    transitions=(
        Transition("complete", "标记完成", frozenset({FollowUpStatus.OPEN}), FollowUpStatus.DONE,
                   guards=(holds("done_date", _window_message, _done_in_window),),
                   who=ActorRule(roles=OFFICER_ROLES | {ROLE_SECRETARY}, roles_message="您的角色不能办结交办事项")),
    ),
)
