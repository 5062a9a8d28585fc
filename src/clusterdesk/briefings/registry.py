"""The kinds of briefing: each registers its builder once (``register_briefing_kind``), so that another app (the
observation meetings' 通报) adds its own kind from its ``ready`` without this app knowing it.

A builder takes a `BriefingRequest` (the acting user, the month, the region asked for) and returns a
`BriefingContent`: the placeholder values of its wording and the sections of the document. It reads only through
the user's scope (selectors and `restrict`), so a briefing never holds a figure its reader may not see.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from clusterdesk.core.briefings import BriefSection

__all__ = ["BriefingContent", "BriefingKind", "BriefingRequest", "briefing_kind", "briefing_kinds",
           "register_briefing_kind"]


@dataclass(frozen=True)
class BriefingRequest:
    """What a builder is asked for: whose scope, which month (its first day), which region (None: the whole scope)."""

    user: Any
    period: datetime.date
    region: Any = None


@dataclass
class BriefingContent:
    """What a builder returns: the values its wording's placeholders take, and the sections of the document."""

    values: dict[str, str] = field(default_factory=dict)
    sections: tuple[BriefSection, ...] = ()


@dataclass(frozen=True)
class BriefingKind:
    """A registered kind: its key (``projects-monthly``), title, builder and default wording (gettext'd)."""

    key: str
    title: Any
    builder: Callable[[BriefingRequest], BriefingContent]
    default_title: Any
    default_opening: Any
    default_closing: Any = ""
    placeholders: tuple[str, ...] = ()


_KINDS: dict[str, BriefingKind] = {}


def register_briefing_kind(key: str, builder: Callable[[BriefingRequest], BriefingContent], *, title: Any,
                           default_title: Any, default_opening: Any, default_closing: Any = "",
                           placeholders: tuple[str, ...] = ()) -> BriefingKind:
    """Register a kind of briefing (idempotent for the same key: the latest registration wins)."""
    kind = BriefingKind(key=key, title=title, builder=builder, default_title=default_title,
                        default_opening=default_opening, default_closing=default_closing, placeholders=placeholders)
    _KINDS[key] = kind
    return kind


def briefing_kinds() -> list[BriefingKind]:
    """The registered kinds, by key."""
    return [_KINDS[key] for key in sorted(_KINDS)]


def briefing_kind(key: str) -> BriefingKind:
    """The kind registered under ``key``; KeyError names the known keys."""
    try:
        return _KINDS[key]
    except KeyError:
        raise KeyError(f"unknown briefing kind {key!r} (known: {', '.join(sorted(_KINDS))})") from None
