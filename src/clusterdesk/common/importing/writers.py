"""Writers for the kinds saved through their app's services (parks with positioning, users, user scopes)."""

from django.utils import translation

from clusterdesk.accounts.services import user_create, user_update

__all__ = ["SCOPE_TYPES", "park_extras", "park_save", "project_check", "user_save"]

#: (value, Chinese, English) of the scope types in the scopes sheet.
SCOPE_TYPES = (("region", "地区", "region"), ("park", "园区", "park"), ("enterprise", "企业", "enterprise"))


def park_extras(park) -> dict:
    """A park's positioning as the sheet writes it: leading and featured industry codes."""
    rows = sorted(park.park_industries.all(), key=lambda pi: pi.industry.code)
    return {"leading_industries": [pi.industry for pi in rows if pi.role == "leading"],
            "featured_industries": [pi.industry for pi in rows if pi.role == "featured"]}


def park_save(park, *, actor, extras: dict, created: bool):
    from clusterdesk.parks.services import park_create, park_update

    leading, featured = extras.get("leading_industries"), extras.get("featured_industries")
    if created:
        return park_create(park=park, actor=actor, leading=leading or [], featured=featured or [])
    return park_update(park=park, actor=actor, leading=leading, featured=featured)


def project_check(project, stored, values: dict) -> list[tuple[str, str, str]]:
    """A stage change by import passes the same stage gate as on the project page."""
    from clusterdesk.core.lifecycle import Stage, stage_gate_errors
    from clusterdesk.projects.services import _gate_facts

    if stored is None or stored.stage == project.stage:
        return []
    errors = stage_gate_errors(current=Stage(stored.stage), target=Stage(project.stage), facts=_gate_facts(project))
    return [("stage", str(e), str(e)) for e in errors]


def user_save(user, *, actor, extras: dict, created: bool):
    import secrets

    if created:
        # Passwords never travel in spreadsheets: a new account gets a random one, which an administrator resets.
        made = user_create(username=user.username, password=secrets.token_urlsafe(24), role=user.role, actor=actor,
                           full_name=user.full_name, unit=user.unit)
        changed = [f for f in ("phone", "email", "is_active") if getattr(user, f) != getattr(made, f)]
        if changed:
            for name in changed:
                setattr(made, name, getattr(user, name))
            return user_update(user=made, actor=actor)
        return made
    return user_update(user=user, actor=actor)


def scope_label(kind: str) -> str:
    with translation.override("zh-hans"):
        return dict((v, zh) for v, zh, _ in SCOPE_TYPES)[kind]
