"""Reads for parks, always within the user's scope."""

from django.db.models import QuerySet

from .models import Park

__all__ = ["park_list"]


def park_list(*, user, action: str = "view") -> QuerySet[Park]:
    """Parks on which ``user`` may perform ``action``."""
    return Park.objects.restrict(user, action)
