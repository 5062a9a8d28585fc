"""Reads of the change log and of the import batches."""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q, QuerySet

from .models import ImportBatch, ObjectChange

__all__ = ["import_batch_list", "object_change_list", "user_change_list"]


def object_change_list(*, obj: models.Model, limit: int = 50) -> QuerySet[ObjectChange]:
    """Changes recorded for ``obj`` and for objects whose change names it as their parent, newest first."""
    ct = ContentType.objects.get_for_model(obj)
    return (ObjectChange.objects.filter(
        Q(changed_object_type=ct, changed_object_id=obj.pk) | Q(related_object_type=ct, related_object_id=obj.pk))
        .select_related("user", "changed_object_type")[:limit])


def user_change_list(*, user, limit: int = 30) -> QuerySet[ObjectChange]:
    """The changes ``user`` made, newest first (their own page)."""
    return ObjectChange.objects.filter(user=user).select_related("changed_object_type")[:limit]


def import_batch_list(*, user) -> QuerySet[ImportBatch]:
    """The import batches ``user`` may review, with who ran them: an administrator's all, anyone else's their own."""
    batches = ImportBatch.objects.select_related("user")
    return batches if user.is_administrator else batches.filter(user=user)
