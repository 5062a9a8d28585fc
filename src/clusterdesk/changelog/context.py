"""The change context: who is acting, from where, under which request id.

Web and API requests open it in middleware; CLI commands, imports and jobs open it explicitly.
"""

import contextlib
import contextvars
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field

__all__ = ["ChangeContext", "change_context", "current_change_context"]


@dataclass(frozen=True)
class ChangeContext:
    """Who made a change, through which channel (web, api, cli, import, job) and in which request."""

    actor: object | None
    source: str
    request_id: uuid.UUID = field(default_factory=uuid.uuid4)
    message: str = ""
    import_batch_id: int | None = None


_current: contextvars.ContextVar[ChangeContext | None] = contextvars.ContextVar("change_context", default=None)


@contextlib.contextmanager
def change_context(
    actor, source: str, message: str = "", request_id: uuid.UUID | None = None, import_batch_id: int | None = None
) -> Iterator[ChangeContext]:
    """Record every change made inside the block against ``actor`` and one request id (and an import batch)."""
    ctx = ChangeContext(actor=actor, source=source, request_id=request_id or uuid.uuid4(), message=message,
                        import_batch_id=import_batch_id)
    token = _current.set(ctx)
    try:
        yield ctx
    finally:
        _current.reset(token)


def current_change_context() -> ChangeContext | None:
    return _current.get()
