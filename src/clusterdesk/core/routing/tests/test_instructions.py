"""The instruction workflow: the unit replies and handles, the issuing side or an officer above closes."""

import pytest

from clusterdesk.core.routing import INSTRUCTION_WORKFLOW, RELATION_SUPERVISOR, InstructionStatus
from clusterdesk.core.workflow import ActorFacts, TransitionRefusedError, check_transition
from clusterdesk.core.workflow.roles import RELATION_FILER, RELATION_OWNER

_I = InstructionStatus


def test_the_issuer_closes_with_a_result_and_the_unit_may_not():
    issuer = ActorFacts("city_officer", frozenset({RELATION_FILER}))
    unit = ActorFacts("county_officer", frozenset({RELATION_OWNER}))
    assert check_transition(INSTRUCTION_WORKFLOW, _I.IN_PROGRESS, _I.DONE, actor=issuer,
                            facts={"result": "已落实"}).action == "close"
    with pytest.raises(TransitionRefusedError) as refused:
        check_transition(INSTRUCTION_WORKFLOW, _I.IN_PROGRESS, _I.DONE, actor=unit, facts={"result": "已落实"})
    assert refused.value.by_actor
    with pytest.raises(TransitionRefusedError) as empty:
        check_transition(INSTRUCTION_WORKFLOW, _I.ASSIGNED, _I.DONE, actor=issuer, facts={"result": ""})
    assert not empty.value.by_actor and "result" in empty.value.fields


def test_the_unit_or_an_officer_above_starts_and_no_one_unrelated_does():
    above = ActorFacts("province_officer", frozenset({RELATION_SUPERVISOR}))
    assert check_transition(INSTRUCTION_WORKFLOW, _I.ASSIGNED, _I.IN_PROGRESS, actor=above).action == "start"
    with pytest.raises(TransitionRefusedError):
        check_transition(INSTRUCTION_WORKFLOW, _I.ASSIGNED, _I.IN_PROGRESS, actor=ActorFacts("county_officer"))
    with pytest.raises(TransitionRefusedError):
        check_transition(INSTRUCTION_WORKFLOW, _I.DONE, _I.CANCELLED, actor=above, facts={"reason": "重复"})
