"""Small helpers shared by the project services."""

from django.utils import translation

from clusterdesk.accounts.actors import Actor

__all__ = ["actor_name", "zh"]


def zh(text) -> str:
    with translation.override("zh-hans"):
        return str(text)


def actor_name(actor: Actor | None) -> str:
    return (getattr(actor, "display_name", "") or getattr(actor, "username", "")) if actor else "system"
