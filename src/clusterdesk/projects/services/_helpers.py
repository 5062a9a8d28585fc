"""Small helpers shared by the project services."""

from django.utils import translation

__all__ = ["actor_name", "zh"]


def zh(text) -> str:
    with translation.override("zh-hans"):
        return str(text)


def actor_name(actor) -> str:
    return (getattr(actor, "display_name", "") or getattr(actor, "username", "")) if actor else "system"
