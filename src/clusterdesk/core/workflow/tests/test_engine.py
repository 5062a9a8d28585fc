"""The workflow engine: definitions checked when made, every reason collected, properties over random walks."""

import datetime
from collections.abc import Mapping

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clusterdesk.core.workflow import (
    ActorFacts,
    ActorRule,
    Escalation,
    Forbid,
    RefusalKind,
    State,
    Transition,
    TransitionRefusedError,
    Workflow,
    WorkflowDefinitionError,
    WorkflowError,
    allowed_transitions,
    check_transition,
    present,
    reachable_states,
    refusals,
)
from clusterdesk.core.workflow.roles import (
    ALL_ROLES,
    RELATION_ENTERPRISE_SIDE,
    RELATION_FILER,
    RELATION_HANDLER,
    RELATION_OWNER,
    ROLE_SYSTEM,
)
from clusterdesk.core.workflows import WORKFLOWS

OPEN, DONE = State("open", "待办"), State("done", "已完成", open=False)


def _finish(**kwargs: object) -> Transition:
    return Transition("finish", "完成", frozenset({"open"}), "done", **kwargs)  # type: ignore[arg-type]


def test_a_definition_that_contradicts_itself_is_refused_when_made() -> None:
    with pytest.raises(WorkflowDefinitionError, match="重复"):
        Workflow("w", "事项", (OPEN, OPEN), "open", ())
    with pytest.raises(WorkflowDefinitionError, match="初始状态"):
        Workflow("w", "事项", (OPEN,), "gone", ())
    with pytest.raises(WorkflowDefinitionError, match="两个操作"):
        Workflow("w", "事项", (OPEN, DONE), "open",
                 (_finish(), Transition("end", "结束", frozenset({"open"}), "done")))
    with pytest.raises(WorkflowDefinitionError, match="指向两个状态"):
        Workflow("w", "事项", (OPEN, DONE), "open",
                 (_finish(), Transition("finish", "完成", frozenset({"done"}), "open")))
    with pytest.raises(WorkflowDefinitionError, match="无法到达"):
        Workflow("w", "事项", (OPEN, DONE), "open", ())
    with pytest.raises(WorkflowDefinitionError, match="间隔"):
        Escalation(first_after_days=1, every_days=0)
    with pytest.raises(WorkflowDefinitionError, match="负数"):
        Escalation(first_after_days=-1, every_days=1)


def test_every_reason_is_collected_on_its_field() -> None:
    rule = ActorRule(roles=frozenset({"city_officer"}), roles_message="角色不符",
                     forbid=(Forbid(RELATION_FILER, "提出人不能办理"),))
    wf = Workflow("w", "事项", (OPEN, DONE), "open", (_finish(
        who=rule, guards=(present("answer", "须填写答复"), present("unit", "须填写单位", field="owner_unit"))),))
    found = refusals(wf, "open", "done", actor=ActorFacts("secretary", frozenset({RELATION_FILER})), facts={})
    assert [(r.field, r.kind) for r in found] == [("status", RefusalKind.ACTOR), ("status", RefusalKind.ACTOR),
                                                  ("answer", RefusalKind.GUARD), ("owner_unit", RefusalKind.GUARD)]
    with pytest.raises(TransitionRefusedError) as caught:
        check_transition(wf, "open", "done", actor=ActorFacts("city_officer"), facts={"answer": "好"})
    assert caught.value.fields == {"owner_unit": ["须填写单位"]} and not caught.value.by_actor
    with pytest.raises(WorkflowError, match="没有"):
        refusals(wf, "open", "lost", actor=ActorFacts("admin"))


def test_a_move_out_of_a_final_state_says_there_is_none() -> None:
    wf = Workflow("w", "事项", (OPEN, DONE), "open", (_finish(),))
    assert refusals(wf, "done", "open", actor=ActorFacts("admin"))[0].message == \
        "事项不能从“已完成”直接改为“待办”，可改为：无（已是最终状态）"


@pytest.mark.parametrize("name", sorted(WORKFLOWS))
def test_every_defined_workflow_is_whole(name: str) -> None:
    wf = WORKFLOWS[name]
    values = {s.value for s in wf.states}
    assert reachable_states(wf) == values
    assert all(s.label and not s.label.isascii() for s in wf.states)
    assert all(t.label and not t.label.isascii() for t in wf.transitions)
    for state in wf.open_states:   # an open case can always be finished
        assert reachable_states(wf, state) - wf.open_states, state
    assert wf.state(wf.initial).open


ACTORS = st.builds(ActorFacts, st.sampled_from(sorted(ALL_ROLES | {ROLE_SYSTEM})),
                   st.frozensets(st.sampled_from([RELATION_FILER, RELATION_HANDLER, RELATION_ENTERPRISE_SIDE,
                                                  RELATION_OWNER])))
FACTS = st.fixed_dictionaries({}, optional={
    "answer": st.sampled_from(["", " ", "已协调"]), "resolution": st.sampled_from(["", "已解决"]),
    "reason": st.sampled_from(["", "再次出现"]), "owner_unit": st.sampled_from(["", "自然资源局"]),
    "owner_person": st.sampled_from(["", "王强"]), "satisfaction": st.sampled_from([None, 0, 3, 6]),
    "missing_documents": st.sampled_from([[], ["营业执照"]]), "sheets": st.integers(0, 3),
    "open_objections": st.integers(0, 2), "unconfirmed_sheets": st.integers(0, 2),
    "run_status": st.sampled_from(["draft", "collecting", "scored", "published", "final"]),
    "objection_deadline": st.dates(datetime.date(2026, 1, 1), datetime.date(2026, 12, 31)),
    "today": st.dates(datetime.date(2026, 1, 1), datetime.date(2026, 12, 31)),
    "done_date": st.dates(datetime.date(2026, 1, 1), datetime.date(2026, 12, 31)),
    "visit_date": st.dates(datetime.date(2026, 1, 1), datetime.date(2026, 12, 31)),
})


@settings(max_examples=300, deadline=None)
@given(name=st.sampled_from(sorted(WORKFLOWS)), steps=st.lists(
    st.tuples(st.integers(0, 10), ACTORS, FACTS), max_size=12))
def test_no_path_reaches_a_state_outside_the_definition_and_a_refused_move_changes_nothing(
        name: str, steps: list[tuple[int, ActorFacts, Mapping[str, object]]]) -> None:
    wf = WORKFLOWS[name]
    values = [s.value for s in wf.states]
    current = wf.initial
    for pick, actor, facts in steps:
        target = values[pick % len(values)]
        before = dict(facts)
        found = refusals(wf, current, target, actor=actor, facts=facts)
        assert dict(facts) == before   # guards only read
        offered = {t.target for t in allowed_transitions(wf, current, actor)}
        if found:
            with pytest.raises(TransitionRefusedError):
                check_transition(wf, current, target, actor=actor, facts=facts)
            if any(r.kind is RefusalKind.ACTOR for r in found):
                assert target not in offered
            continue   # the case stays where it was
        assert target in offered
        current = check_transition(wf, current, target, actor=actor, facts=facts).target
        assert current == target and current in values


@given(due=st.dates(datetime.date(2025, 1, 1), datetime.date(2027, 1, 1)), first=st.integers(0, 30),
       every=st.integers(1, 30), start=st.integers(0, 2), days=st.lists(st.integers(-40, 400), min_size=2))
def test_escalation_only_rises_and_never_passes_the_top(due: datetime.date, first: int, every: int, start: int,
                                                        days: list[int]) -> None:
    policy = Escalation(first_after_days=first, every_days=every, top=2)
    levels = [policy.steps(due, due + datetime.timedelta(days=d), start=start) for d in sorted(days)]
    assert levels == sorted(levels) and all(start <= level <= 2 for level in levels)
    assert policy.next_date(due) == due + datetime.timedelta(days=first)
