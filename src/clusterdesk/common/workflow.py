"""The core workflow engine for services: who the acting user is, and the engine's refusals as Django exceptions.

A service works out the actor's relations to the case (filer, handler, the enterprise's side…) from its records,
then calls `workflow_check`; a step the actor may not take raises `ActionNotAllowed` (a `PermissionDenied` whose
message says why, in Chinese), a missing or wrong input raises `ValidationError` on the field it belongs to.
Forms, the API, the CLI and jobs all go through the services, so they all get the same guards.
"""

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError

from clusterdesk.core.workflow import (
    ActorFacts,
    Facts,
    RefusalKind,
    Transition,
    TransitionRefusedError,
    Workflow,
    WorkflowError,
    allowed_transitions,
    check_transition,
)
from clusterdesk.core.workflow.roles import ROLE_ADMIN, ROLE_SYSTEM

__all__ = ["ActionNotAllowed", "actor_facts", "offered_transitions", "workflow_check"]


class ActionNotAllowed(PermissionDenied):
    """The acting user may not take this workflow step (a filer handling their own case, a role that may not)."""


def actor_facts(user: Any, relations: Iterable[str] = ()) -> ActorFacts:
    """The engine's view of the acting user: their role (administrators as ``admin``, no user as ``system``)."""
    if user is None or not getattr(user, "pk", None):
        role = ROLE_SYSTEM
    else:
        role = ROLE_ADMIN if getattr(user, "is_administrator", False) else str(user.role)
    return ActorFacts(role, frozenset(relations))


def workflow_check(workflow: Workflow, current: str, target: str, *, actor: ActorFacts,
                   facts: Facts | None = None) -> Transition:
    """Return the transition, or raise `ActionNotAllowed` (who acts) or `ValidationError` (by field)."""
    try:
        return check_transition(workflow, current, target, actor=actor, facts=facts)
    except TransitionRefusedError as exc:
        if exc.by_actor:
            raise ActionNotAllowed("；".join(r.message for r in exc.refusals if r.kind is RefusalKind.ACTOR)) \
                from exc
        raise ValidationError(exc.fields) from exc
    except WorkflowError as exc:
        raise ValidationError({workflow.field: str(exc)}) from exc


def offered_transitions(workflow: Workflow, current: str, user: Any,
                        relations: Iterable[str] = ()) -> tuple[Transition, ...]:
    """The steps a page may offer this user on a case in ``current`` (their inputs are checked when taken)."""
    try:
        return allowed_transitions(workflow, current, actor_facts(user, relations))
    except WorkflowError:
        return ()
