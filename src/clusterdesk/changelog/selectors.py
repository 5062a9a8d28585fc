"""Reads of the change log and of the import batches."""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q, QuerySet

from .models import ImportBatch, ObjectChange

__all__ = ["import_batch_list", "object_change_list", "user_change_list"]


def object_change_list(*, obj: models.Model, user=None, own: bool = True, limit: int = 50) -> list[ObjectChange]:
    """Changes recorded for ``obj`` (unless ``own`` is False) and for objects whose change names it as their
    parent, newest first.

    With ``user``, a child's change is listed only if the user may see that child now, or, for a child since
    deleted, if they may change ``obj``: a park officer at a city meeting sees the history of their own
    problems' decisions, not of the others'.
    """
    ct = ContentType.objects.get_for_model(obj)
    children = Q(related_object_type=ct, related_object_id=obj.pk)
    condition = (Q(changed_object_type=ct, changed_object_id=obj.pk) | children) if own else children
    rows = ObjectChange.objects.filter(condition).select_related("user", "changed_object_type").order_by("-time", "-pk")
    if user is None or user.is_administrator:
        return list(rows[:limit])
    candidates = list(rows[:limit * 4])
    visible = _visible_children(candidates, obj, ct, user)
    may_change = type(obj).objects.restrict(user, "change").filter(pk=obj.pk).exists()
    kept = [c for c in candidates if (c.changed_object_type_id == ct.id and c.changed_object_id == obj.pk)
            or (c.changed_object_type_id, c.changed_object_id) in visible
            or (c.action == ObjectChange.Action.DELETE and may_change)]
    return kept[:limit]


def _visible_children(changes, obj, ct, user) -> set[tuple[int, int]]:
    """(content type id, object id) of the children named in ``changes`` that ``user`` may see."""
    by_type: dict = {}
    for change in changes:
        if not (change.changed_object_type_id == ct.id and change.changed_object_id == obj.pk):
            by_type.setdefault(change.changed_object_type, set()).add(change.changed_object_id)
    visible = set()
    for child_type, ids in by_type.items():
        model = child_type.model_class()
        if model is None or not hasattr(model.objects, "restrict"):
            continue
        seen = model.objects.restrict(user, "view").filter(pk__in=ids).values_list("pk", flat=True)
        visible |= {(child_type.id, pk) for pk in seen}
    return visible


def user_change_list(*, user, limit: int = 30) -> QuerySet[ObjectChange]:
    """The changes ``user`` made, newest first (their own page)."""
    return ObjectChange.objects.filter(user=user).select_related("changed_object_type")[:limit]


def import_batch_list(*, user) -> QuerySet[ImportBatch]:
    """The import batches ``user`` may review, with who ran them: an administrator's all, anyone else's their own."""
    batches = ImportBatch.objects.select_related("user")
    return batches if user.is_administrator else batches.filter(user=user)
