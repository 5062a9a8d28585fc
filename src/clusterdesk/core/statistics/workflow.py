"""The state machine of an inclusion candidate: 准规上 → 达标应入 → 已申报 → 已入统, or 未通过 with a reason.

Allowed moves (`CANDIDATE_WORKFLOW`):

* near (准规上) → meets (达标应入) when verified, or → rejected;
* meets → filed (已申报) when the application is submitted with every document of the checklist, → near when the
  figures no longer support it, or → rejected;
* filed → included (已入统) when the statistics office approves, or → rejected;
* rejected → near, to examine the unit again (a new year, new figures);
* included is final.

A rejection always carries its reason. Who acts: officers and the enterprise's work secretary verify, file and
re-examine (the secretary helps the enterprise apply); recording the statistics office's decision — included or
rejected — is for officers only, never for the enterprise's side.
"""

import enum

from clusterdesk.core.workflow import ActorRule, Facts, Forbid, State, Transition, Workflow, holds, present
from clusterdesk.core.workflow.roles import OFFICER_ROLES, RELATION_ENTERPRISE_SIDE, ROLE_SECRETARY

__all__ = ["CANDIDATE_WORKFLOW", "CandidateState"]


class CandidateState(enum.StrEnum):
    """The states of an inclusion candidate; the values are stored in the database."""

    NEAR = "near"
    MEETS = "meets"
    FILED = "filed"
    INCLUDED = "included"
    REJECTED = "rejected"

    @property
    def label_zh(self) -> str:
        """准规上, 达标应入, 已申报, 已入统 or 未通过."""
        return _LABELS[self]


_LABELS = {
    CandidateState.NEAR: "准规上",
    CandidateState.MEETS: "达标应入",
    CandidateState.FILED: "已申报",
    CandidateState.INCLUDED: "已入统",
    CandidateState.REJECTED: "未通过",
}

_C = CandidateState
_PREPARING = ActorRule(roles=OFFICER_ROLES | {ROLE_SECRETARY}, roles_message="您的角色不能办理入统申报")
_DECIDING = ActorRule(
    roles=OFFICER_ROLES, roles_message="入统与否以统计部门核定为准，须由干部登记",
    forbid=(Forbid(RELATION_ENTERPRISE_SIDE, "企业一方不能登记本企业的入统结果"),))


def _missing(facts: Facts) -> list[str]:
    value = facts.get("missing_documents")
    return [str(name) for name in value] if isinstance(value, list | tuple) else []


_DOCUMENTS = holds("documents", lambda f: "申报前请备齐材料：" + "、".join(_missing(f)), lambda f: not _missing(f))


#: The state machine of a candidate. Facts: ``missing_documents`` (the checklist's names not on file, to file),
#: ``reason`` (to reject).
CANDIDATE_WORKFLOW = Workflow(
    name="inclusion_candidate",
    label="入统对象",
    field="state",
    states=(
        State(_C.NEAR, _LABELS[_C.NEAR]),
        State(_C.MEETS, _LABELS[_C.MEETS]),
        State(_C.FILED, _LABELS[_C.FILED]),
        State(_C.INCLUDED, _LABELS[_C.INCLUDED], open=False),
        State(_C.REJECTED, _LABELS[_C.REJECTED], open=False),
    ),
    initial=_C.NEAR,
    transitions=(
        Transition("verify", "核实达标", frozenset({_C.NEAR}), _C.MEETS, who=_PREPARING),
        Transition("file", "申报", frozenset({_C.MEETS}), _C.FILED, guards=(_DOCUMENTS,), who=_PREPARING),
        Transition("step_back", "退回准规上", frozenset({_C.MEETS}), _C.NEAR, who=_PREPARING),
        Transition("include", "确认入统", frozenset({_C.FILED}), _C.INCLUDED, who=_DECIDING),
        Transition("reject", "未通过", frozenset({_C.NEAR, _C.MEETS, _C.FILED}), _C.REJECTED, who=_DECIDING,
                   guards=(present("reason", "标记为未通过时必须填写原因"),)),
        Transition("reexamine", "重新核查", frozenset({_C.REJECTED}), _C.NEAR, who=_PREPARING),
    ),
)
