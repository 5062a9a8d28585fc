"""The state machine of an inclusion candidate: 准规上 → 达标应入 → 已申报 → 已入统, or 未通过 with a reason.

Allowed moves (`CANDIDATE_TRANSITIONS`):

* near (准规上) → meets (达标应入) when verified, or → rejected;
* meets → filed (已申报) when the application is submitted, → near when the figures no longer support it,
  or → rejected;
* filed → included (已入统) when the statistics office approves, or → rejected;
* rejected → near, to examine the unit again (a new year, new figures);
* included is final.

A rejection always carries its reason; anything else is refused with a message naming both states.
"""

import enum
from types import MappingProxyType

from clusterdesk.core.exceptions import CoreError

__all__ = ["CANDIDATE_TRANSITIONS", "CandidateState", "CandidateTransitionError", "assert_candidate_transition"]


class CandidateTransitionError(CoreError):
    """A candidate may not move to the requested state, or a rejection lacks its reason."""


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

CANDIDATE_TRANSITIONS = MappingProxyType({
    CandidateState.NEAR: frozenset({CandidateState.MEETS, CandidateState.REJECTED}),
    CandidateState.MEETS: frozenset({CandidateState.FILED, CandidateState.NEAR, CandidateState.REJECTED}),
    CandidateState.FILED: frozenset({CandidateState.INCLUDED, CandidateState.REJECTED}),
    CandidateState.INCLUDED: frozenset(),
    CandidateState.REJECTED: frozenset({CandidateState.NEAR}),
})


def assert_candidate_transition(current: CandidateState | str, target: CandidateState | str,
                                reason: str = "") -> None:
    """Refuse a move the state machine does not allow, or a rejection without a reason.

    Parameters
    ----------
    current, target : CandidateState or str
    reason : str
        Required when the target is rejected.

    Raises
    ------
    CandidateTransitionError

    Examples
    --------
    >>> assert_candidate_transition("meets", "filed")
    >>> try:
    ...     assert_candidate_transition("near", "included")
    ... except CandidateTransitionError as exc:
    ...     print(exc)
    不能从“准规上”直接变为“已入统”，可变为：达标应入、未通过
    """
    now, then = CandidateState(current), CandidateState(target)
    allowed = CANDIDATE_TRANSITIONS[now]
    if then not in allowed:
        options = "、".join(s.label_zh for s in CandidateState if s in allowed) or "无（已是最终状态）"
        raise CandidateTransitionError(f"不能从“{now.label_zh}”直接变为“{then.label_zh}”，可变为：{options}")
    if then is CandidateState.REJECTED and not reason.strip():
        raise CandidateTransitionError("标记为未通过时必须填写原因")
