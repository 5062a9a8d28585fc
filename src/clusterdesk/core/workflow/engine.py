"""One state-machine model for the case workflows (problems, appeals, follow-ups, candidates, evaluation runs).

A `Workflow` is data: its states (each with its Chinese label), its transitions (each an action with a label,
the states it leaves from, the state it goes to, the guards it needs and who may take it), its initial state and,
where the workflow has them, its due-date and escalation rules (`clusterdesk.core.workflow.deadlines`).

Who may act is decided from facts the caller passes in (`ActorFacts`: the actor's role and their relations to
the case, such as ``"filer"`` or ``"handler"``); the engine reads no database and knows no user. Guards read a
mapping of facts (the answer typed, the deadline, how many objections are open) and name what is missing in
Chinese, on the field it belongs to. A refused transition changes nothing: the engine only answers whether a move
is allowed and why not; the caller writes.

The engine collects every reason at once (the move itself, who acts, each guard), so a user sees the whole list.
"""

import dataclasses
import enum
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING

from clusterdesk.core.exceptions import CoreError

if TYPE_CHECKING:
    from clusterdesk.core.workflow.deadlines import Escalation

__all__ = [
    "ActorFacts",
    "ActorRule",
    "Facts",
    "Forbid",
    "Guard",
    "Refusal",
    "RefusalKind",
    "State",
    "Transition",
    "TransitionRefusedError",
    "Workflow",
    "WorkflowDefinitionError",
    "WorkflowError",
    "allowed_transitions",
    "check_transition",
    "reachable_states",
    "refusals",
]

#: What guards read: fact name → value (text typed, dates, counts…), supplied by the caller.
Facts = Mapping[str, object]


class WorkflowError(CoreError):
    """A state is not part of the workflow."""


class WorkflowDefinitionError(WorkflowError):
    """A workflow definition contradicts itself (an unknown state, two transitions for one move, an unreachable
    state)."""


class RefusalKind(enum.StrEnum):
    """Why a transition is refused: the move is not in the workflow, the actor may not take it, or a guard fails."""

    STATE = "state"
    ACTOR = "actor"
    GUARD = "guard"


@dataclasses.dataclass(frozen=True)
class Refusal:
    """One reason a transition is refused: the field it belongs on, the message in Chinese, and its kind."""

    field: str
    message: str
    kind: RefusalKind


class TransitionRefusedError(CoreError):
    """A transition is refused; ``refusals`` lists every reason.

    Examples
    --------
    >>> exc = TransitionRefusedError([Refusal("answer", "答复须填写答复内容", RefusalKind.GUARD)])
    >>> str(exc), exc.fields
    ('答复须填写答复内容', {'answer': ['答复须填写答复内容']})
    """

    def __init__(self, refusals: Iterable[Refusal]) -> None:
        self.refusals = tuple(refusals)
        super().__init__("；".join(r.message for r in self.refusals))

    @property
    def fields(self) -> dict[str, list[str]]:
        """The messages grouped by field, in order."""
        grouped: dict[str, list[str]] = {}
        for refusal in self.refusals:
            grouped.setdefault(refusal.field, []).append(refusal.message)
        return grouped

    @property
    def by_actor(self) -> bool:
        """Whether the actor may not take the transition at all (whatever the facts)."""
        return any(r.kind is RefusalKind.ACTOR for r in self.refusals)


@dataclasses.dataclass(frozen=True)
class State:
    """A state of a workflow: the stored value, its Chinese label, and whether a case in it is still open.

    Open states are the ones that can be overdue and escalate; the others are done (resolved, closed, final).
    """

    value: str
    label: str
    open: bool = True

    def __post_init__(self) -> None:
        object.__setattr__(self, "value", str(self.value))   # an enum member becomes its stored value


@dataclasses.dataclass(frozen=True)
class Guard:
    """A condition a transition needs. ``check(facts)`` returns None when it holds, else the message.

    ``field`` names the input the message belongs on (``"answer"``, ``"satisfaction"``, ``"objection_deadline"``).
    Build guards with the helpers of `clusterdesk.core.workflow.guards`.
    """

    field: str
    check: Callable[[Facts], str | None]


@dataclasses.dataclass(frozen=True)
class ActorFacts:
    """Who acts: their role (the stored role value; ``"system"`` for a job) and their relations to the case.

    Relations are words the workflow's rules name (`clusterdesk.core.workflow.roles`): ``"filer"`` (raised the
    case), ``"handler"`` (answered or resolved it), ``"enterprise_side"`` (the enterprise's work secretary) …
    The caller works them out from its records; the engine only compares.
    """

    role: str
    relations: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        object.__setattr__(self, "relations", frozenset(self.relations))


@dataclasses.dataclass(frozen=True)
class Forbid:
    """An actor with this relation to the case may not take the transition; the message says why."""

    relation: str
    message: str


@dataclasses.dataclass(frozen=True)
class ActorRule:
    """Who may take a transition.

    ``roles``: the roles allowed (None: any role). ``any_of``: relations of which the actor needs at least one
    (empty: none needed). ``forbid``: relations that bar the actor, each with its message. Each rule has its
    message in Chinese.
    """

    roles: frozenset[str] | None = None
    roles_message: str = "您的角色不能进行此操作"
    any_of: frozenset[str] = frozenset()
    any_of_message: str = "您与此事项无关，不能进行此操作"
    forbid: tuple[Forbid, ...] = ()

    def refusals(self, actor: ActorFacts, field: str) -> list[Refusal]:
        """The reasons this actor may not act (empty when they may)."""
        found = []
        if self.roles is not None and actor.role not in self.roles:
            found.append(Refusal(field, self.roles_message, RefusalKind.ACTOR))
        if self.any_of and not self.any_of & actor.relations:
            found.append(Refusal(field, self.any_of_message, RefusalKind.ACTOR))
        found += [Refusal(field, rule.message, RefusalKind.ACTOR) for rule in self.forbid
                  if rule.relation in actor.relations]
        return found


ANYONE = ActorRule()


@dataclasses.dataclass(frozen=True)
class Transition:
    """A move of the workflow: an action (``"accept"``) with its label (受理) from ``sources`` to ``target``,
    the guards it needs and who may take it."""

    action: str
    label: str
    sources: frozenset[str]
    target: str
    guards: tuple[Guard, ...] = ()
    who: ActorRule = ANYONE

    def __post_init__(self) -> None:
        object.__setattr__(self, "sources", frozenset(str(s) for s in self.sources))
        object.__setattr__(self, "target", str(self.target))
        object.__setattr__(self, "guards", tuple(self.guards))


@dataclasses.dataclass(frozen=True)
class Workflow:
    """A workflow definition: states, transitions, the initial state, the field that stores the state and, for
    workflows with time limits, when an overdue open case escalates.

    The definition is checked when it is made: every state named exists, one transition at most per move
    (source, target), every action name names one target, and every state is reachable from the initial one.

    Examples
    --------
    >>> wf = Workflow(name="demo", label="事项", states=(State("open", "待办"), State("done", "已完成", open=False)),
    ...               initial="open", transitions=(Transition("finish", "完成", frozenset({"open"}), "done"),))
    >>> wf.label_of("done"), [t.action for t in wf.moves_from("open")], sorted(wf.open_states)
    ('已完成', ['finish'], ['open'])
    >>> Workflow(name="bad", label="事项", states=(State("open", "待办"),), initial="open",
    ...          transitions=(Transition("finish", "完成", frozenset({"open"}), "gone"),))
    Traceback (most recent call last):
    ...
    clusterdesk.core.workflow.engine.WorkflowDefinitionError: 工作流“bad”的操作“finish”指向未定义的状态“gone”
    """

    name: str
    label: str
    states: tuple[State, ...]
    initial: str
    transitions: tuple[Transition, ...]
    field: str = "status"
    escalation: "Escalation | None" = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "initial", str(self.initial))
        object.__setattr__(self, "states", tuple(self.states))
        object.__setattr__(self, "transitions", tuple(self.transitions))
        values = [s.value for s in self.states]
        if len(set(values)) != len(values):
            raise WorkflowDefinitionError(f"工作流“{self.name}”的状态重复")
        if self.initial not in values:
            raise WorkflowDefinitionError(f"工作流“{self.name}”的初始状态“{self.initial}”未定义")
        moves: set[tuple[str, str]] = set()
        targets: dict[str, str] = {}
        for t in self.transitions:
            for name in (*sorted(t.sources), t.target):
                if name not in values:
                    raise WorkflowDefinitionError(f"工作流“{self.name}”的操作“{t.action}”指向未定义的状态“{name}”")
            for source in t.sources:
                if (source, t.target) in moves:
                    raise WorkflowDefinitionError(
                        f"工作流“{self.name}”从“{source}”到“{t.target}”有两个操作")
                moves.add((source, t.target))
            if targets.setdefault(t.action, t.target) != t.target:
                raise WorkflowDefinitionError(f"工作流“{self.name}”的操作“{t.action}”指向两个状态")
        unreachable = set(values) - reachable_states(self)
        if unreachable:
            raise WorkflowDefinitionError(
                f"工作流“{self.name}”中无法到达的状态：{'、'.join(sorted(unreachable))}")

    @property
    def open_states(self) -> frozenset[str]:
        """The values of the states in which a case is still open."""
        return frozenset(s.value for s in self.states if s.open)

    def state(self, value: str) -> State:
        """The state stored as ``value``; `WorkflowError` when there is none."""
        for s in self.states:
            if s.value == value:
                return s
        raise WorkflowError(f"{self.label}没有“{value}”这一状态")

    def label_of(self, value: str) -> str:
        """The Chinese label of a state."""
        return self.state(value).label

    def moves_from(self, current: str) -> tuple[Transition, ...]:
        """The transitions that leave ``current``, in definition order."""
        self.state(current)
        return tuple(t for t in self.transitions if current in t.sources)

    def transition(self, current: str, target: str) -> Transition | None:
        """The transition from ``current`` to ``target``, or None when the workflow has no such move."""
        self.state(current)
        self.state(target)
        return next((t for t in self.moves_from(current) if t.target == target), None)


def reachable_states(workflow: Workflow, start: str | None = None) -> frozenset[str]:
    """Return the states a case can reach from ``start`` (the initial state by default), ``start`` included.

    Parameters
    ----------
    workflow : Workflow
    start : str, optional

    Returns
    -------
    frozenset of str

    Examples
    --------
    >>> from clusterdesk.core.supervision.problems import PROBLEM_WORKFLOW
    >>> sorted(reachable_states(PROBLEM_WORKFLOW, "closed"))
    ['assigned', 'closed', 'in_progress', 'reopened', 'resolved']
    """
    seen = {start or workflow.initial}
    frontier = list(seen)
    while frontier:
        here = frontier.pop()
        for t in workflow.transitions:
            if here in t.sources and t.target not in seen:
                seen.add(t.target)
                frontier.append(t.target)
    return frozenset(seen)


def refusals(workflow: Workflow, current: str, target: str, *, actor: ActorFacts,
             facts: Facts | None = None) -> list[Refusal]:
    """Return every reason ``actor`` may not move a case from ``current`` to ``target`` (empty when they may).

    A move the workflow does not have is refused on the workflow's field with the moves it does have; otherwise
    the actor rule and every guard are checked and all their reasons returned.

    Parameters
    ----------
    workflow : Workflow
    current, target : str
        Stored state values.
    actor : ActorFacts
    facts : mapping, optional
        What the guards read.

    Returns
    -------
    list of Refusal

    Raises
    ------
    WorkflowError
        If ``current`` or ``target`` is not a state of the workflow.

    Examples
    --------
    >>> from clusterdesk.core.appeals import APPEAL_WORKFLOW
    >>> officer = ActorFacts("city_officer")
    >>> [r.message for r in refusals(APPEAL_WORKFLOW, "raised", "answered", actor=officer)]
    ['诉求不能从“已提出”直接改为“已答复”，可改为：已受理']
    >>> [(r.field, r.message) for r in refusals(APPEAL_WORKFLOW, "accepted", "answered", actor=officer,
    ...                                         facts={"answer": " "})]
    [('answer', '答复须填写答复内容')]
    >>> secretary = ActorFacts("secretary", frozenset({"filer"}))
    >>> [r.kind.value for r in refusals(APPEAL_WORKFLOW, "raised", "accepted", actor=secretary)]
    ['actor', 'actor']
    """
    move = workflow.transition(current, target)
    if move is None:
        options = "、".join(workflow.label_of(t.target) for t in workflow.moves_from(current)) or "无（已是最终状态）"
        message = (f"{workflow.label}不能从“{workflow.label_of(current)}”直接改为“{workflow.label_of(target)}”，"
                   f"可改为：{options}")
        return [Refusal(workflow.field, message, RefusalKind.STATE)]
    found = move.who.refusals(actor, workflow.field)
    given = facts or {}
    for guard in move.guards:
        failed = guard.check(given)
        if failed is not None:
            found.append(Refusal(guard.field, failed, RefusalKind.GUARD))
    return found


def check_transition(workflow: Workflow, current: str, target: str, *, actor: ActorFacts,
                     facts: Facts | None = None) -> Transition:
    """Return the transition from ``current`` to ``target`` when ``actor`` may take it with these facts.

    Parameters
    ----------
    workflow : Workflow
    current, target : str
    actor : ActorFacts
    facts : mapping, optional

    Returns
    -------
    Transition

    Raises
    ------
    TransitionRefusedError
        With every reason, when the move is refused.
    WorkflowError
        If a state is unknown.

    Examples
    --------
    >>> from clusterdesk.core.appeals import APPEAL_WORKFLOW
    >>> check_transition(APPEAL_WORKFLOW, "raised", "accepted", actor=ActorFacts("county_officer")).label
    '受理'
    >>> check_transition(APPEAL_WORKFLOW, "answered", "closed", actor=ActorFacts("secretary", frozenset({"filer"})),
    ...                  facts={"satisfaction": None})
    Traceback (most recent call last):
    ...
    clusterdesk.core.workflow.engine.TransitionRefusedError: 办结须由企业给出满意度评价（1–5）
    """
    found = refusals(workflow, current, target, actor=actor, facts=facts)
    if found:
        raise TransitionRefusedError(found)
    move = workflow.transition(current, target)
    assert move is not None  # refusals() refuses a move the workflow lacks
    return move


def allowed_transitions(workflow: Workflow, current: str, actor: ActorFacts) -> tuple[Transition, ...]:
    """Return the transitions from ``current`` that ``actor`` may take (guards aside: they read what is typed).

    This is what a page offers as buttons.

    Parameters
    ----------
    workflow : Workflow
    current : str
    actor : ActorFacts

    Returns
    -------
    tuple of Transition

    Examples
    --------
    >>> from clusterdesk.core.appeals import APPEAL_WORKFLOW
    >>> [t.label for t in allowed_transitions(APPEAL_WORKFLOW, "answered", ActorFacts("secretary",
    ...                                                                        frozenset({"filer"})))]
    ['退回重办', '办结']
    >>> [t.label for t in allowed_transitions(APPEAL_WORKFLOW, "answered", ActorFacts("city_officer",
    ...                                                                        frozenset({"handler"})))]
    []
    """
    return tuple(t for t in workflow.moves_from(current) if not t.who.refusals(actor, workflow.field))
