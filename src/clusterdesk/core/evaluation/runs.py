"""The workflow of a per-mu evaluation run (亩均效益评价) and of its enterprises' data sheets (一企一单).

A run goes 草稿 draft → 土地核实和数据采集 collecting → 已评分 scored → 公示中 published → 已定级 final
(`EVALUATION_RUN_WORKFLOW`), after the practice: land verified and data gathered, each enterprise confirms its own
sheet, scoring, publication for objections (公示, typically 3–7 days), objections answered, final classes.

Finalising (定级) needs, besides the run being published:

* the publicity period over: not on or before the objection deadline (公示截止日);
* no objection left unanswered;
* every data sheet confirmed — by the enterprise (or its work secretary), or, where the enterprise did not answer,
  explicitly marked deemed confirmed (视同确认) by an officer once the publicity period is over. Silence during
  publication counts as consent only when someone records it: a sheet is never confirmed by default.

A sheet (`SHEET_WORKFLOW`) is 已采集 collected → 企业已确认 confirmed by the enterprise's side, back to collected
when its figures are corrected (it must be confirmed again), or collected → 视同确认 deemed by an officer after
the deadline. Collecting, scoring, publishing, finalising and deeming are for officers.
"""

import enum

from clusterdesk.core.workflow import (
    ActorRule,
    State,
    Transition,
    Workflow,
    after,
    holds,
    none_left,
    not_before,
)
from clusterdesk.core.workflow.roles import OFFICER_ROLES, RELATION_ENTERPRISE_SIDE

__all__ = ["EVALUATION_RUN_WORKFLOW", "SHEET_WORKFLOW", "RunStatus", "SheetStatus"]


class RunStatus(enum.StrEnum):
    """The status of a per-mu evaluation run; the values are stored in the database."""

    DRAFT = "draft"
    COLLECTING = "collecting"
    SCORED = "scored"
    PUBLISHED = "published"
    FINAL = "final"


class SheetStatus(enum.StrEnum):
    """The status of an enterprise's data sheet; the values are stored in the database."""

    COLLECTED = "collected"
    CONFIRMED = "confirmed"
    DEEMED = "deemed"


_R = RunStatus
_OFFICERS = ActorRule(roles=OFFICER_ROLES, roles_message="亩均效益评价的各步骤须由评价单位的干部办理")

#: The workflow of a run. Facts: ``sheets`` (how many, to score), ``objection_deadline`` and ``today`` (to
#: publish and to finalise), ``open_objections`` and ``unconfirmed_sheets`` (to finalise).
EVALUATION_RUN_WORKFLOW = Workflow(
    name="evaluation_run",
    label="亩均效益评价",
    states=(
        State(_R.DRAFT, "草稿"),
        State(_R.COLLECTING, "土地核实和数据采集"),
        State(_R.SCORED, "已评分"),
        State(_R.PUBLISHED, "公示中"),
        State(_R.FINAL, "已定级", open=False),
    ),
    initial=_R.DRAFT,
    transitions=(
        Transition("collect", "采集数据", frozenset({_R.DRAFT, _R.COLLECTING}), _R.COLLECTING, who=_OFFICERS),
        Transition("score", "评分定类", frozenset({_R.COLLECTING, _R.SCORED}), _R.SCORED, who=_OFFICERS,
                   guards=(holds("sheets", "尚无一企一单：请先采集数据",
                                 lambda f: isinstance(n := f.get("sheets"), int) and n > 0),)),
        Transition("publish", "公示", frozenset({_R.SCORED}), _R.PUBLISHED, who=_OFFICERS,
                   guards=(not_before("objection_deadline", "公示截止日（{date}）不能早于公示当日（{today}）"),)),
        Transition("finalize", "定级", frozenset({_R.PUBLISHED}), _R.FINAL, who=_OFFICERS, guards=(
            after("objection_deadline", "公示截止日（{date}）及之前不能定级，{next} 起方可定级"),
            none_left("open_objections", "尚有 {value} 份异议未答复，答复后方可定级"),
            none_left("unconfirmed_sheets", "尚有 {value} 份一企一单未经企业确认：请企业确认，"
                                            "或在公示期满后将其标记为视同确认"),
        )),
    ),
)

_S = SheetStatus
_EDITABLE = holds("status", "仅在数据采集和评分阶段（公示前）可以确认或修改一企一单",
                  lambda f: f.get("run_status") in (_R.COLLECTING, _R.SCORED))

#: The workflow of a data sheet. Facts: ``run_status`` (to confirm or correct), ``objection_deadline`` and
#: ``today`` (to deem confirmed).
SHEET_WORKFLOW = Workflow(
    name="evaluation_sheet",
    label="一企一单",
    states=(State(_S.COLLECTED, "已采集"), State(_S.CONFIRMED, "企业已确认", open=False),
            State(_S.DEEMED, "视同确认", open=False)),
    initial=_S.COLLECTED,
    transitions=(
        Transition("confirm", "确认", frozenset({_S.COLLECTED}), _S.CONFIRMED, guards=(_EDITABLE,),
                   who=ActorRule(any_of=frozenset({RELATION_ENTERPRISE_SIDE}),
                                 any_of_message="一企一单须由企业本身（或其工作秘书）确认")),
        Transition("amend", "修改后待重新确认", frozenset({_S.CONFIRMED}), _S.COLLECTED, guards=(_EDITABLE,)),
        Transition("deem", "视同确认", frozenset({_S.COLLECTED}), _S.DEEMED, who=_OFFICERS, guards=(
            holds("status", "评价结果公示后方可标记视同确认", lambda f: f.get("run_status") == _R.PUBLISHED),
            after("objection_deadline", "公示期至 {date}，{next} 起方可将未确认的一企一单标记为视同确认"),
        )),
    ),
)
