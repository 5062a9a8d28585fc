"""The workflow of an on-site observation round (现场推进会 / 观摩): nominations, the route, scoring, publication.

A round goes 草稿 draft → 申报中 nominating (counties and parks nominate their projects) → 路线已确定 route confirmed
(the organiser confirms which projects are visited, in which order) → 评分中 scoring (each judge fills their own
sheet) → 已发布 published (scores aggregated, rankings and movement fixed). The organiser may reopen nominations
while the route is not yet scored. Every step is for officers; the services also check that the actor organises
the round (a change in the round's scope).
"""

import enum
from collections.abc import Callable

from clusterdesk.core.workflow import ActorRule, Facts, State, Transition, Workflow, holds
from clusterdesk.core.workflow.roles import OFFICER_ROLES

__all__ = ["ROUND_WORKFLOW", "RoundStatus"]


class RoundStatus(enum.StrEnum):
    """The status of an observation round; the values are stored in the database."""

    DRAFT = "draft"
    NOMINATING = "nominating"
    ROUTE_CONFIRMED = "route_confirmed"
    SCORING = "scoring"
    PUBLISHED = "published"


_R = RoundStatus
_ORGANISER = ActorRule(roles=OFFICER_ROLES, roles_message="现场推进会的各步骤须由组织单位的干部办理")


def _positive(fact: str) -> Callable[[Facts], bool]:
    def check(facts: Facts) -> bool:
        value = facts.get(fact)
        return isinstance(value, int) and value > 0
    return check


#: The workflow of a round. Facts: ``confirmed`` (projects on the route, to confirm it), ``judges`` (to start
#: scoring), ``scored_sheets`` (judges' sheets with at least one score, to publish).
ROUND_WORKFLOW = Workflow(
    name="observation_round",
    label="现场推进会",
    states=(
        State(_R.DRAFT, "草稿"),
        State(_R.NOMINATING, "申报中"),
        State(_R.ROUTE_CONFIRMED, "路线已确定"),
        State(_R.SCORING, "评分中"),
        State(_R.PUBLISHED, "已发布", open=False),
    ),
    initial=_R.DRAFT,
    transitions=(
        Transition("open", "开始申报", frozenset({_R.DRAFT, _R.ROUTE_CONFIRMED}), _R.NOMINATING, who=_ORGANISER),
        Transition("confirm_route", "确定观摩路线", frozenset({_R.NOMINATING}), _R.ROUTE_CONFIRMED, who=_ORGANISER,
                   guards=(holds("confirmed", "尚无确定观摩的项目：请先确认路线上的项目", _positive("confirmed")),)),
        Transition("score", "开始评分", frozenset({_R.ROUTE_CONFIRMED}), _R.SCORING, who=_ORGANISER,
                   guards=(holds("judges", "尚未指定评委", _positive("judges")),)),
        Transition("publish", "发布结果", frozenset({_R.SCORING}), _R.PUBLISHED, who=_ORGANISER,
                   guards=(holds("scored_sheets", "尚无评委提交评分", _positive("scored_sheets")),)),
    ),
)
