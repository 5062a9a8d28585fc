"""Annual plans, saved lists and the configured rule sets of the pipeline."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from clusterdesk.accounts.actors import Actor
from clusterdesk.changelog.models import ObjectChange
from clusterdesk.changelog.recording import record_change, snapshot
from clusterdesk.common.services import object_create, object_update

from ..models import (
    AnnualPlan,
    LightRuleSet,
    Project,
    SavedList,
)

__all__ = [
    "annual_plan_set",
    "rule_save",
    "saved_list_create",
    "saved_list_delete",
]


@transaction.atomic
def annual_plan_set(*, project: Project, year: int, planned_wan: Decimal, actor: Actor) -> AnnualPlan:
    """Set a project's planned investment for a year (年度计划投资)."""
    plan = AnnualPlan.objects.filter(project=project, year=year).first()
    if plan is None:
        return object_create(instance=AnnualPlan(project=project, year=year, planned_wan=planned_wan), actor=actor,
                             parent_field="project")
    plan.planned_wan = planned_wan
    return object_update(instance=plan, actor=actor, parent_field="project")


def saved_list_create(*, saved: SavedList, actor: Actor) -> SavedList:
    """Save a list (a standard list or filters) for the actor, shared with colleagues or not."""
    saved.owner = actor
    saved.full_clean()
    saved.save()
    record_change(instance=saved, action=ObjectChange.Action.CREATE, actor=actor)
    return saved


def saved_list_delete(*, saved: SavedList, actor: Actor) -> None:
    """Delete one of the actor's saved lists."""
    if saved.owner_id != actor.pk and not actor.is_administrator:
        raise PermissionDenied("only the owner may delete a saved list")
    before = snapshot(saved)
    pk = saved.pk
    saved.delete()
    saved.pk = pk
    record_change(instance=saved, action=ObjectChange.Action.DELETE, actor=actor, before=before)


@transaction.atomic
def rule_save(*, instance, actor: Actor):
    """Create or update a configured rule (library, gate rule, entry threshold, light rule set, template node);
    only administrators may. Activating a light rule set deactivates the others."""
    if not getattr(actor, "is_administrator", False):
        raise PermissionDenied("only administrators change the pipeline's rules")
    if isinstance(instance, LightRuleSet) and instance.active:
        LightRuleSet.objects.exclude(pk=instance.pk).filter(active=True).update(active=False)
    if isinstance(instance, LightRuleSet):
        from clusterdesk.core.exceptions import CoreError as _CoreError

        from ..supervision import rules_of

        try:
            rules_of(instance)
        except _CoreError as exc:
            raise ValidationError({"red_gap_pp": str(exc)}) from exc
    if instance.pk is None:
        return object_create(instance=instance, actor=actor)
    return object_update(instance=instance, actor=actor)
