"""Leaders' instructions (领导批示、督办事项): 已交办 assigned → 办理中 in progress → 已办结 done, or 已撤销 cancelled.

An instruction given at a visit, at a meeting or typed in goes to a unit with a due date. The unit replies with its
progress (the first reply moves it to 办理中); the issuing side (who entered it) or an officer above the unit
closes it with the result, or cancels it with a reason. The unit never closes its own instruction. Overdue open
instructions escalate like problems (`clusterdesk.core.supervision.next_escalation`).
"""

import enum

from clusterdesk.core.workflow import ActorRule, Forbid, State, Transition, Workflow, present
from clusterdesk.core.workflow.roles import OFFICER_ROLES, RELATION_FILER, RELATION_OWNER

__all__ = ["INSTRUCTION_WORKFLOW", "RELATION_SUPERVISOR", "InstructionStatus"]

#: An officer of a unit above the responsible unit, or of the issuing leader's side.
RELATION_SUPERVISOR = "supervisor"


class InstructionStatus(enum.StrEnum):
    """The status of an instruction; the values are stored in the database."""

    ASSIGNED = "assigned"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    CANCELLED = "cancelled"


_I = InstructionStatus
_UNIT = ActorRule(roles=OFFICER_ROLES, roles_message="您的角色不能办理督办事项",
                  any_of=frozenset({RELATION_OWNER, RELATION_SUPERVISOR}),
                  any_of_message="只有责任单位或其上级单位能办理该督办事项")
_ISSUER = ActorRule(roles=OFFICER_ROLES, roles_message="您的角色不能办结或撤销督办事项",
                    any_of=frozenset({RELATION_FILER, RELATION_SUPERVISOR}),
                    any_of_message="督办事项须由交办一方或责任单位的上级单位办结或撤销",
                    forbid=(Forbid(RELATION_OWNER, "责任单位不能自行办结或撤销交办给本单位的督办事项"),))

#: The workflow of an instruction. Facts: ``result`` (to close), ``reason`` (to cancel).
INSTRUCTION_WORKFLOW = Workflow(
    name="instruction",
    label="督办事项",
    states=(State(_I.ASSIGNED, "已交办"), State(_I.IN_PROGRESS, "办理中"), State(_I.DONE, "已办结", open=False),
            State(_I.CANCELLED, "已撤销", open=False)),
    initial=_I.ASSIGNED,
    transitions=(
        Transition("start", "开始办理", frozenset({_I.ASSIGNED}), _I.IN_PROGRESS, who=_UNIT),
        Transition("close", "办结", frozenset({_I.ASSIGNED, _I.IN_PROGRESS}), _I.DONE,
                   guards=(present("result", "办结须填写办理结果"),), who=_ISSUER),
        Transition("cancel", "撤销", frozenset({_I.ASSIGNED, _I.IN_PROGRESS}), _I.CANCELLED,
                   guards=(present("reason", "撤销须说明理由"),), who=_ISSUER),
    ),
)
