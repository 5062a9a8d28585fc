"""A small observation world on top of the two-city world: a series of city A with a published round 17 and a
round 18 whose route holds three projects of city A (two counties, two parks), and three judges."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

import pytest


@dataclass
class Obs:
    series: object
    r17: object
    r18: object
    projects: list
    judges: list
    nominations: dict


def _project(admin, world, code, name, county, park, investment="20000", start=datetime.date(2025, 3, 1)):
    from clusterdesk.projects.models import Project
    from clusterdesk.projects.services import project_create

    return project_create(project=Project(code=code, name=name, region=county, park=park,
                                          total_investment_wan=Decimal(investment), stage="construction",
                                          actual_start_date=start), actor=admin)


@pytest.fixture
def obs(world):
    from clusterdesk.accounts.services import user_create
    from clusterdesk.observation import services
    from clusterdesk.observation.models import ObservationRound, ObservationSeries
    from clusterdesk.parks.models import Park
    from clusterdesk.parks.services import park_create
    from clusterdesk.regions.models import Region

    admin, a = world.users["admin"], world.a
    other_county = Region.objects.get(code="430103")
    park2 = park_create(park=Park(name="天心测试园区", level="provincial", park_type="industrial", region=other_county,
                                  available_land_mu=Decimal(500)), actor=admin)
    p1 = a.project
    p2 = _project(admin, world, "2025-430102-37-03-900001", "芙蓉智能装备项目", a.county, a.park)
    p3 = _project(admin, world, "2025-430103-37-03-900002", "天心新材料项目", other_county, park2)
    series = services.series_create(series=ObservationSeries(name="产业园区项目载体建设现场推进会", region=a.city),
                                    actor=admin)
    judges = [user_create(username=f"judge{i}", password="x-pass-2026", role="viewer", regions=[a.city])
              for i in (1, 2, 3)]
    r17 = services.round_create(round_=ObservationRound(series=series, number=17, held_on=datetime.date(2025, 4, 10),
                                                        host_region=a.county), actor=admin)
    r18 = services.round_create(round_=ObservationRound(series=series, number=18, held_on=datetime.date(2025, 9, 20),
                                                        host_region=other_county), actor=admin)
    return Obs(series, r17, r18, [p1, p2, p3], judges, {})


def run_round(round_, projects, judges, scores, actor):
    """Nominate, confirm the route, score (``scores[j][i]``: judge j's per-criterion list for project i), publish."""
    from clusterdesk.observation import services

    services.round_step(round_=round_, target="nominating", actor=actor)
    nominations = [services.nomination_create(round_=round_, project=p, actor=actor, override_reason="组织单位确定")
                   for p in projects]
    services.round_route_confirm(round_=round_, order=[n.pk for n in nominations], actor=actor)
    services.round_judges_set(round_=round_, judges=judges, actor=actor)
    services.round_step(round_=round_, target="scoring", actor=actor)
    keys = [c["key"] for c in round_.series.criteria]
    for judge, rows in zip(judges, scores, strict=True):
        services.score_sheet_save(round_=round_, rows={n.pk: dict(zip(keys, row, strict=True))
                                                       for n, row in zip(nominations, rows, strict=True)},
                                  actor=judge)
    services.round_publish(round_=round_, actor=actor)
    return nominations
