"""The header badge: the signed-in user's open task count, counted only when a page shows it."""

from django.utils.functional import SimpleLazyObject

__all__ = ["inbox"]


def inbox(request) -> dict:
    """``inbox_open_count``: my open tasks (one indexed COUNT, run lazily)."""
    from .selectors import open_task_count

    user = getattr(request, "user", None)
    return {"inbox_open_count": SimpleLazyObject(lambda: open_task_count(user=user) if user is not None else 0)}
