"""The stages of an investment lead (招商线索) as a workflow on the one engine.

线索 lead → 初步接洽 contact → 考察洽谈 inspection → 意向谈判 negotiation → 签约 signed → 落地 landed; a lead may skip
ahead before signing (a company that comes to inspect at once), and any lead not yet landed may be terminated
(终止) with a reason; a terminated lead may be taken up again (重新跟进). Signing needs its date, landing the project
the lead became. Officers move leads; the secretary and viewers only read them.
"""

import enum

from clusterdesk.core.workflow import ActorRule, State, Transition, Workflow, present
from clusterdesk.core.workflow.roles import OFFICER_ROLES

__all__ = ["CONVERTIBLE_STAGES", "LEAD_WORKFLOW", "LeadStage"]


class LeadStage(enum.StrEnum):
    """The stage of a lead; the values are stored in the database (`attraction.choices.LeadStageChoices`)."""

    LEAD = "lead"
    CONTACT = "contact"
    INSPECTION = "inspection"
    NEGOTIATION = "negotiation"
    SIGNED = "signed"
    LANDED = "landed"
    TERMINATED = "terminated"


#: The stages at which a lead may become a project.
CONVERTIBLE_STAGES = frozenset({LeadStage.SIGNED, LeadStage.LANDED})

_OFFICERS = ActorRule(roles=OFFICER_ROLES, roles_message="您的角色不能推进招商线索")
_BEFORE_LANDING = frozenset({LeadStage.LEAD, LeadStage.CONTACT, LeadStage.INSPECTION, LeadStage.NEGOTIATION,
                             LeadStage.SIGNED})

#: The workflow of a lead. Facts: ``signed_date`` (to sign), ``project`` (to land), ``reason`` (to terminate).
LEAD_WORKFLOW = Workflow(
    name="lead",
    label="招商线索",
    field="stage",
    states=(
        State(LeadStage.LEAD, "线索"),
        State(LeadStage.CONTACT, "初步接洽"),
        State(LeadStage.INSPECTION, "考察洽谈"),
        State(LeadStage.NEGOTIATION, "意向谈判"),
        State(LeadStage.SIGNED, "签约"),
        State(LeadStage.LANDED, "落地", open=False),
        State(LeadStage.TERMINATED, "终止", open=False),
    ),
    initial=LeadStage.LEAD,
    transitions=(
        Transition("contact", "初步接洽", frozenset({LeadStage.LEAD}), LeadStage.CONTACT, who=_OFFICERS),
        Transition("inspect", "考察洽谈", frozenset({LeadStage.LEAD, LeadStage.CONTACT}), LeadStage.INSPECTION,
                   who=_OFFICERS),
        Transition("negotiate", "意向谈判", frozenset({LeadStage.CONTACT, LeadStage.INSPECTION}),
                   LeadStage.NEGOTIATION, who=_OFFICERS),
        Transition("sign", "签约", frozenset({LeadStage.INSPECTION, LeadStage.NEGOTIATION}), LeadStage.SIGNED,
                   guards=(present("signed_date", "签约须填写签约日期"),), who=_OFFICERS),
        Transition("land", "落地", frozenset({LeadStage.SIGNED}), LeadStage.LANDED,
                   guards=(present("project", "落地须先转为项目"),), who=_OFFICERS),
        Transition("terminate", "终止", _BEFORE_LANDING, LeadStage.TERMINATED,
                   guards=(present("reason", "终止须说明原因"),), who=_OFFICERS),
        Transition("resume", "重新跟进", frozenset({LeadStage.TERMINATED}), LeadStage.CONTACT, who=_OFFICERS),
    ),
)
