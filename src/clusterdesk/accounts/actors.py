"""Who performs a service's write: the `Actor` every service takes.

A service writes on behalf of the signed-in user (``actor: Actor``): it checks their role and scope and records
them in the change log. Jobs, loaders and the demo build act as nobody; the services they call say so by
taking ``actor: Actor | None``.
"""

from typing import TypeAlias

from .models import User

__all__ = ["Actor"]

#: The signed-in user on whose behalf a service writes.
Actor: TypeAlias = User
