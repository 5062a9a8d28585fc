"""The observation phase of the demo build: a city's 产业园区项目载体建设现场推进会 with rounds 16 and 17 published
(round 17's places move against round 16's) and round 18 in scoring (three judges have scored, the judges ``judge1``
and ``judge2`` have not yet), made through the services: nominations (eligible ones admitted as they are, the others
by the organiser with a reason), the route, five judges' own sheets (the demo accounts ``viewer``, ``county`` and
``park`` and two judges made here, password the demo password), trimmed scores and rankings. Small: at most eight
projects a round."""

from __future__ import annotations

import datetime

from clusterdesk.accounts.models import User
from clusterdesk.common.registry import DemoPhase, registry
from clusterdesk.demo.accounts import DEMO_PASSWORD
from clusterdesk.demo.context import DemoContext

from . import services
from .models import ObservationRound, ObservationSeries

__all__ = ["build_observation", "delete_observation", "register"]

SERIES_NAME = "产业园区项目载体建设现场推进会"
PER_ROUND = 8


def _city_and_projects(ctx: DemoContext):
    from clusterdesk.projects.models import Project
    from clusterdesk.regions.models import Region

    industrial = Project.objects.filter(sector="industry", stage__in=["construction", "completed", "capacity"])
    codes = ["430200", *sorted(c.code for c in ctx.city_list if c.code != "430200")]
    for code in codes:
        city = Region.objects.filter(code=code).first()
        if city is None:
            continue
        projects = list(industrial.filter(region__code__startswith=city.code_prefix)
                        .order_by("-total_investment_wan", "code")[:PER_ROUND + 3])
        if len(projects) >= 4:
            return city, projects
    return None, []


def _judges(city, made: dict) -> list[User]:
    from clusterdesk.accounts.services import user_create

    judges = list(User.objects.filter(username__in=["viewer", "county", "park"]).order_by("username"))
    for i, name in ((1, "王振华"), (2, "赵敏")):
        user = User.objects.filter(username=f"judge{i}").first()
        if user is None:
            user = user_create(username=f"judge{i}", password=DEMO_PASSWORD, role="viewer",
                               full_name=name, regions=[city])
            made["users"].append(user.pk)
        judges.append(user)
    return judges


def _round(series, number: int, held_on: datetime.date, host, projects, judges, admin, rng, *,
           publish: bool = True) -> None:
    round_ = services.round_create(round_=ObservationRound(series=series, number=number, held_on=held_on,
                                                           host_region=host), actor=admin)
    services.round_step(round_=round_, target="nominating", actor=admin)
    nominations = []
    for project in projects:
        eligible = not services.nomination_eligibility(round_=round_, project=project)
        nominations.append(services.nomination_create(round_=round_, project=project, actor=admin,
                                                      override_reason="" if eligible else "市领导点名观摩的重点项目"))
    services.round_route_confirm(round_=round_, order=[n.pk for n in nominations], actor=admin)
    services.round_judges_set(round_=round_, judges=judges, actor=admin)
    services.round_step(round_=round_, target="scoring", actor=admin)
    criteria = series.criterion_list()
    quality = {n.pk: rng.uniform(0.55, 0.95) for n in nominations}
    for judge in judges if publish else [j for j in judges if not j.username.startswith("judge")]:
        rows = {n.pk: {c.key: round(min(c.max_score, max(0.0, c.max_score * (quality[n.pk] + rng.uniform(-0.1, 0.1)))),
                                    1) for c in criteria} for n in nominations}
        services.score_sheet_save(round_=round_, rows=rows, actor=judge)
    if publish:
        services.round_publish(round_=round_, actor=admin)


def build_observation(ctx: DemoContext) -> None:
    """Build the series and its two rounds; records what it made in ``ids["observation"]``."""
    made: dict[str, list[int]] = {"series": [], "users": []}
    ctx.ids["observation"] = made
    city, projects = _city_and_projects(ctx)
    admin = User.objects.filter(username="admin").first()
    if city is None or admin is None:
        return
    rng = ctx.rng("observation")
    series = services.series_create(series=ObservationSeries(name=SERIES_NAME, region=city), actor=admin)
    made["series"].append(series.pk)
    judges = _judges(city, made)
    year = ctx.reference_date.year
    counties = sorted({p.region_id for p in projects})
    from clusterdesk.regions.models import Region

    hosts = list(Region.objects.filter(pk__in=counties).order_by("code"))
    # Rounds 16 and 17 last autumn and this spring share most projects, so that places move; round 18 is this
    # autumn's, in scoring.
    _round(series, 16, datetime.date(year - 1, 10, 15), hosts[0], projects[:PER_ROUND], judges, admin, rng)
    _round(series, 17, datetime.date(year, 4, 16), hosts[-1], projects[2:PER_ROUND + 2], judges, admin, rng)
    _round(series, 18, datetime.date(year, 10, 22), hosts[len(hosts) // 2], projects[3:PER_ROUND + 3], judges, admin,
           rng, publish=False)
    ctx.counts["observation_projects"] = len(set(p.pk for p in projects))


def delete_observation(ids) -> dict[str, int]:
    """Delete what `build_observation` recorded (before the projects it refers to)."""
    made = ids.get("observation") or {}
    deleted = ObservationSeries.objects.filter(pk__in=made.get("series", [])).delete()[0]
    User.objects.filter(pk__in=made.get("users", [])).delete()
    return {"observation": deleted}


def register() -> None:
    """Register the observation phase (called from `ObservationConfig.ready`)."""
    registry.register_demo_phase(DemoPhase("observation", build_observation, 120, delete=delete_observation))
