"""Writes for placement: interest-sharing agreements."""

from clusterdesk.accounts.actors import Actor
from clusterdesk.common.services import object_create, object_delete, object_update

from .models import InterestAgreement

__all__ = ["agreement_create", "agreement_delete", "agreement_update"]


def agreement_create(*, agreement: InterestAgreement, actor: Actor) -> InterestAgreement:
    """Record an interest-sharing agreement for a referred project."""
    return object_create(instance=agreement, actor=actor, parent_field="project")


def agreement_update(*, agreement: InterestAgreement, actor: Actor) -> InterestAgreement:
    """Change an agreement's shares or term."""
    return object_update(instance=agreement, actor=actor, parent_field="project")


def agreement_delete(*, agreement: InterestAgreement, actor: Actor) -> None:
    """Delete an agreement."""
    object_delete(instance=agreement, actor=actor, parent_field="project")
