"""The daily digest's text and HTML, written out directly: the digest job renders one per person for thousands of
people, where the template engine would spend most of the job's time (each costs milliseconds, these microseconds).
Every string comes from the catalog, in the language active when they are called."""

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

__all__ = ["DigestItem", "digest_html", "digest_text"]


@dataclass(frozen=True)
class DigestItem:
    """One line of a digest: a task or a notification, its page (absolute) and, for tasks, its due date."""

    title: str
    url: str
    due: dt.date | None = None


def _headings(counts: Mapping[str, int]) -> dict[str, str]:
    return {
        "overdue": ngettext("Overdue (%(n)s)", "Overdue (%(n)s)", counts["overdue"]) % {"n": counts["overdue"]},
        "due_soon": ngettext("Due soon (%(n)s)", "Due soon (%(n)s)", counts["due_soon"]) % {"n": counts["due_soon"]},
        "new": ngettext("New today (%(n)s)", "New today (%(n)s)", counts["new"]) % {"n": counts["new"]},
        "unread": ngettext("Unread notifications (%(n)s)", "Unread notifications (%(n)s)", counts["unread"]) % {
            "n": counts["unread"]},
    }


def _sections(groups: Mapping[str, Sequence[DigestItem]], counts: Mapping[str, int]):
    headings = _headings(counts)
    for name in ("overdue", "due_soon", "new", "unread"):
        if counts[name]:
            yield name, headings[name], groups[name]


def digest_text(*, name: str, day: dt.date, groups: Mapping[str, Sequence[DigestItem]],
                counts: Mapping[str, int], link: str) -> str:
    """The plain-text digest."""
    heading = _("Daily digest for %(name)s") % {"name": name}
    lines = [f"{heading} · {day.isoformat()}"]
    for _key, heading, items in _sections(groups, counts):
        lines += ["", heading]
        lines += [" · ".join(part for part in ("- " + item.title, item.due.isoformat() if item.due else "", item.url)
                             if part) for item in items]
    everything = _("All your notifications")
    lines += ["", f"{everything}: {link}", ""]
    return "\n".join(lines)


_COLOURS = {"overdue": "#b02a37", "due_soon": "#997404", "new": "#212529", "unread": "#212529"}


def digest_html(*, name: str, day: dt.date, groups: Mapping[str, Sequence[DigestItem]],
                counts: Mapping[str, int], link: str) -> str:
    """The HTML digest (inline styles only: mail readers drop style sheets)."""
    title = escape(_("Daily digest for %(name)s") % {"name": name})
    parts = ['<!doctype html><html lang="zh-Hans"><head><meta charset="utf-8"><title>clusterdesk</title></head>',
             '<body style="font-family: sans-serif; font-size: 14px">',
             f'<h2 style="font-size: 16px">{title} · {day.isoformat()}</h2>']
    for key, heading, items in _sections(groups, counts):
        parts.append(f'<h3 style="font-size: 15px; color: {_COLOURS[key]}">{escape(heading)}</h3><ul>')
        for item in items:
            text = escape(item.title)
            line = f'<a href="{escape(item.url)}">{text}</a>' if item.url else text
            parts.append(f"<li>{line}{' · ' + item.due.isoformat() if item.due else ''}</li>")
        parts.append("</ul>")
    parts.append(f'<p><a href="{escape(link)}">{escape(_("All your notifications"))}</a></p></body></html>')
    return "\n".join(parts)
