"""Draft records as plain data: for the JSON output and for the confirmation form on the intake page."""

from clusterdesk.core.text import Draft

__all__ = ["draft_as_dict"]


def _ref(entity) -> dict:
    return {"type": entity.type, "text": entity.text, "key": entity.key, "match": entity.match,
            "score": entity.score, "canonical": entity.canonical}


def draft_as_dict(draft: Draft) -> dict:
    """A draft visit or meeting with its people, places, concerned records and candidate tasks."""
    return {
        "kind": draft.kind, "title": draft.title, "date": draft.date, "start": draft.start, "end": draft.end,
        "people": [{"text": p.text, **p.value} for p in draft.people if isinstance(p.value, dict)],
        "places": [_ref(p) for p in draft.places],
        "concerns": [_ref(c) for c in draft.concerns],
        "observation": draft.observation,
        "observed": [_ref(o) for o in draft.observed],
        "tasks": [{"text": t.text, "owner_unit": t.owner_unit, "due_date": t.due_date, "start": t.start,
                   "end": t.end} for t in draft.tasks],
    }
