"""Milestones of a project and the links between them (FS/SS/FF/SF with lags; no cycles)."""


from django.core.exceptions import ValidationError

from clusterdesk.accounts.actors import Actor
from clusterdesk.common.services import object_create, object_delete, object_update
from clusterdesk.core.exceptions import CoreError

from ..models import (
    Milestone,
    MilestoneDependency,
)

__all__ = [
    "dependency_create",
    "dependency_delete",
    "dependency_update",
    "milestone_create",
    "milestone_delete",
    "milestone_update",
]


def milestone_create(*, milestone: Milestone, actor: Actor) -> Milestone:
    """Add a milestone to a project."""
    return object_create(instance=milestone, actor=actor, parent_field="project")


def milestone_update(*, milestone: Milestone, actor: Actor) -> Milestone:
    """Update a milestone (planned or actual date, name, note)."""
    return object_update(instance=milestone, actor=actor, parent_field="project")


def milestone_delete(*, milestone: Milestone, actor: Actor) -> None:
    """Remove a milestone."""
    object_delete(instance=milestone, actor=actor, parent_field="project")


def dependency_create(*, milestonedependency: MilestoneDependency, actor: Actor) -> MilestoneDependency:
    """Link two milestones of one project (FS, SS, FF or SF with a lag); a link that makes a cycle is refused."""
    _check_link(milestonedependency)
    return object_create(instance=milestonedependency, actor=actor, parent_field="project")


def dependency_update(*, milestonedependency: MilestoneDependency, actor: Actor) -> MilestoneDependency:
    """Change a link's type or lag."""
    _check_link(milestonedependency)
    return object_update(instance=milestonedependency, actor=actor, parent_field="project")


def dependency_delete(*, milestonedependency: MilestoneDependency, actor: Actor) -> None:
    """Remove a link."""
    object_delete(instance=milestonedependency, actor=actor, parent_field="project")


def _check_link(link: MilestoneDependency) -> None:
    from clusterdesk.core.scheduling import Dependency, topological_order

    link.clean()  # a link to itself, on the successor
    if link.predecessor.project_id != link.project_id or link.successor.project_id != link.project_id:
        raise ValidationError({"predecessor": "只能连接本项目的节点"})
    clash = MilestoneDependency.objects.filter(predecessor=link.predecessor, successor=link.successor)
    if clash.exclude(pk=link.pk).exists():
        raise ValidationError({"successor": "这两个节点之间已有依赖关系"})
    pairs = [Dependency(str(p), str(s)) for p, s in MilestoneDependency.objects.filter(project_id=link.project_id)
             .exclude(pk=link.pk).order_by().values_list("predecessor_id", "successor_id")]
    pairs.append(Dependency(str(link.predecessor_id), str(link.successor_id)))
    ids = [str(pk) for pk in Milestone.objects.filter(project_id=link.project_id).values_list("pk", flat=True)]
    names = dict(Milestone.objects.filter(project_id=link.project_id).values_list("pk", "name"))
    try:
        topological_order(ids, pairs)
    except CoreError as exc:
        cycle = getattr(exc, "cycle", ())
        text = " → ".join(names.get(int(pk), pk) for pk in cycle) if cycle else str(exc)
        raise ValidationError({"successor": f"依赖关系会形成循环：{text}"}) from exc
