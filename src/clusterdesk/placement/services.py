"""Writes for placement: interest-sharing agreements."""

from clusterdesk.common.services import object_create, object_delete, object_update

from .models import InterestAgreement

__all__ = ["agreement_create", "agreement_delete", "agreement_update"]


def agreement_create(*, agreement: InterestAgreement, actor) -> InterestAgreement:
    """Record an interest-sharing agreement for a referred project."""
    return object_create(instance=agreement, actor=actor, parent_field="project")


def agreement_update(*, agreement: InterestAgreement, actor) -> InterestAgreement:
    """Change an agreement's shares or term."""
    return object_update(instance=agreement, actor=actor, parent_field="project")


def agreement_delete(*, agreement: InterestAgreement, actor) -> None:
    """Delete an agreement."""
    object_delete(instance=agreement, actor=actor, parent_field="project")
