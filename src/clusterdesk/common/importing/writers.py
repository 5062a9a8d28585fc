"""Writers for the kinds saved through their app's services (parks with positioning, users, user scopes)."""

from django.utils import translation

from clusterdesk.accounts.services import user_create, user_update

__all__ = [
    "SCOPE_TYPES",
    "figure_save",
    "lead_save",
    "milestone_save",
    "park_extras",
    "park_save",
    "problem_save",
    "project_after_write",
    "project_check",
    "purchase_save",
    "report_save",
    "user_save",
]

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
    """A stage change by import passes the same stage gate as on the project page (`stage_gate_check`)."""
    from clusterdesk.projects.services import stage_gate_check

    if stored is None or stored.stage == project.stage:
        return []
    return [("stage", str(e), str(e)) for e in stage_gate_check(project, project.stage)]


def project_after_write(created: list, updated: list, actor, insert) -> None:
    """Record each imported project's entry, and each stage change, as the project services do."""
    from clusterdesk.core.lifecycle import stage_info
    from clusterdesk.projects.choices import TransitionKindChoices
    from clusterdesk.projects.models import StageTransition

    name = (getattr(actor, "display_name", "") or getattr(actor, "username", "")) if actor else "system"
    user = actor if getattr(actor, "pk", None) else None
    rows = [StageTransition(project=p, kind=TransitionKindChoices.CREATE, from_stage="", to_stage=p.stage,
                            reason="导入", actor=user, actor_name=name[:100]) for p in created]
    for stored, project in updated:
        if stored.stage != project.stage:
            forward = stage_info(project.stage).order > stage_info(stored.stage).order
            rows.append(StageTransition(project=project, from_stage=stored.stage, to_stage=project.stage,
                                        kind=TransitionKindChoices.ADVANCE if forward else TransitionKindChoices.BACK,
                                        reason="导入", actor=user, actor_name=name[:100]))
    insert(StageTransition, rows)


def milestone_save(milestone, *, actor, extras: dict, created: bool):
    from clusterdesk.projects.services import milestone_create, milestone_update

    return (milestone_create if created else milestone_update)(milestone=milestone, actor=actor)


def report_save(report, *, actor, extras: dict, created: bool):
    """A monthly report through the pipeline's service: the typed cumulative figures must match the identities."""
    from clusterdesk.projects.services import progress_report_create, progress_report_update

    typed = {name: value for name, value in extras.items() if value is not None}
    return (progress_report_create if created else progress_report_update)(report=report, actor=actor, typed=typed)


def figure_save(figure, *, actor, extras: dict, created: bool):
    from clusterdesk.enterprise_service.services import monthly_figure_save

    return monthly_figure_save(figure=figure, actor=actor)


def purchase_save(record, *, actor, extras: dict, created: bool):
    from clusterdesk.common.services import object_update
    from clusterdesk.industry.services import purchase_records_import

    if created:
        purchase_records_import(records=[record], actor=actor)
        return record
    return object_update(instance=record, actor=actor, parent_field="buyer")


def lead_save(lead, *, actor, extras: dict, created: bool):
    from clusterdesk.attraction.services import lead_create, lead_update

    return (lead_create if created else lead_update)(lead=lead, actor=actor)


def problem_save(problem, *, actor, extras: dict, created: bool):
    from clusterdesk.projects.services import problem_create, problem_update

    return (problem_create if created else problem_update)(problem=problem, actor=actor)


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
