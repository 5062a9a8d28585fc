"""Writes for enterprises."""

from clusterdesk.common.services import object_create, object_delete, object_update
from clusterdesk.core.codes.uscc import normalize_uscc

from .models import Enterprise

__all__ = ["enterprise_create", "enterprise_delete", "enterprise_update"]


def enterprise_create(*, enterprise: Enterprise, actor, chain_segments: list | None = None) -> Enterprise:
    """Create an enterprise; its credit code is normalised and must pass the GB 32100 check."""
    enterprise.uscc = normalize_uscc(enterprise.uscc)
    return object_create(instance=enterprise, actor=actor, m2m={"chain_segments": chain_segments or []})


def enterprise_update(*, enterprise: Enterprise, actor, chain_segments: list | None = None) -> Enterprise:
    """Update an enterprise; chain segments are replaced when given."""
    enterprise.uscc = normalize_uscc(enterprise.uscc)
    m2m = {"chain_segments": chain_segments} if chain_segments is not None else None
    return object_update(instance=enterprise, actor=actor, m2m=m2m)


def enterprise_delete(*, enterprise: Enterprise, actor) -> None:
    """Delete an enterprise (its projects keep their records, without an owner)."""
    object_delete(instance=enterprise, actor=actor)
