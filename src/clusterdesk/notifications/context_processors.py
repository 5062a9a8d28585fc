"""The header's bell: how many unread notifications the signed-in person has (one indexed count)."""

from .models import Notification

__all__ = ["unread"]


def unread(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notifications": Notification.objects.filter(user=user, read_at__isnull=True).count()}
