"""Small fixtures for the notification tests: two units (a county office under a city office), their people, and
tasks written straight into the inbox table (the task sources are tested in the tasks app)."""

import datetime as dt
import itertools
from dataclasses import dataclass

import pytest

from clusterdesk.accounts.models import Unit, User
from clusterdesk.accounts.services import user_create
from clusterdesk.regions.models import Region
from clusterdesk.tasks.models import Task

_serial = itertools.count(1)


@dataclass
class Office:
    city: Unit
    county: Unit
    head: User  # city officer in the city unit (the county unit's parent)
    clerk: User  # county unit member
    colleague: User  # county unit member
    region: Region


@pytest.fixture
def office(db, cli_context) -> Office:
    city_region = Region.objects.get(code="430100")
    county_region = Region.objects.get(code="430102")
    city = Unit.objects.create(name="长沙市发展和改革委员会", short_name="市发改委", region=city_region)
    county = Unit.objects.create(name="芙蓉区发展和改革局", short_name="区发改局", region=county_region, parent=city)
    head = user_create(username="head", password="x-pass-2026", role="city_officer", unit=city,
                       regions=[city_region], full_name="王主任")
    clerk = user_create(username="clerk", password="x-pass-2026", role="county_officer", unit=county,
                        regions=[county_region], full_name="李科员")
    colleague = user_create(username="colleague", password="x-pass-2026", role="county_officer", unit=county,
                            regions=[county_region], full_name="张科员")
    return Office(city, county, head, clerk, colleague, county_region)


@pytest.fixture
def make_task():
    """Write an open task straight into the inbox table."""
    return _make_task


def _make_task(office: Office, *, kind: str = "problem", due: dt.date | None = None, person: User | None = None,
              unit: Unit | None = None, level: int = 0, title: str = "用地指标未落实") -> Task:
    n = next(_serial)
    return Task.objects.create(key=f"test:{n}", kind=kind, source_model="test.source", source_id=n, title=title,
                               unit=unit if unit is not None else office.county, person=person, region=office.region,
                               due_date=due, escalation_level=level, url=f"/projects/problems/{n}/")
