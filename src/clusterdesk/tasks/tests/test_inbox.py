"""The inbox's counts per role and scope (my tasks against my unit's, units below, other cities), the header badge,
filters and the export, and the 督办 board's rates."""

import datetime
import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from clusterdesk.projects.models import CoordinationMeeting, MeetingDecision, Problem
from clusterdesk.projects.services import decision_create, meeting_create, problem_create, problem_resolve
from clusterdesk.tasks.selectors import InboxQuery, inbox_counts, open_task_count, task_board

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def _days(n: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=n)


def _problem(world, side, unit, person=None, due=10, text="用地指标未落实") -> Problem:
    return problem_create(problem=Problem(
        project=side.project, category="land", description=text, owner_unit=str(unit), assigned_unit=unit,
        assigned_person=person, raised_date=_days(-40), due_date=_days(due)), actor=world.users["admin"])


@pytest.fixture
def work(world, units):
    """County A: one task to the unit, one to its officer (overdue); city A: a decision; city B: a problem."""
    city, county, other = units
    unit_task = _problem(world, world.a, county, due=10, text="县里的事")
    person_task = _problem(world, world.a, county, person=world.users["county"], due=-2, text="本人的事")
    meeting = meeting_create(meeting=CoordinationMeeting(title="调度会", held_on=_days(-30), region=world.a.city),
                             actor=world.users["admin"])
    decision_create(decision=MeetingDecision(meeting=meeting, text="市里的事", owner_unit="市发改委",
                                             assigned_unit=city, due_date=_days(2)), actor=world.users["admin"])
    _problem(world, world.b, other, text="株洲的事")
    return unit_task, person_task


def test_my_inbox_and_my_units_inbox_count_by_role_and_scope(client, world, units, work):
    city, county, other = units
    county_user, city_user = world.users["county"], world.users["city"]
    assert inbox_counts(user=county_user, query=InboxQuery())[""] == 2
    assert inbox_counts(user=county_user, query=InboxQuery(box="unit"))["problem"] == 2
    assert inbox_counts(user=city_user, query=InboxQuery())["decision"] == 1
    assert inbox_counts(user=city_user, query=InboxQuery(box="unit"))[""] == 1
    assert inbox_counts(user=city_user, query=InboxQuery(box="unit", children=True))[""] == 3
    # A county officer's scope ends at the county: even city B's unit inbox, if asked, shows nothing of B.
    assert inbox_counts(user=county_user, query=InboxQuery(box="unit", unit=other))[""] == 0
    assert inbox_counts(user=world.users["admin"], query=InboxQuery(box="unit", unit=other))[""] == 1
    assert open_task_count(user=county_user) == 2 and open_task_count(user=world.users["viewer"]) == 1

    client.force_login(county_user)
    page = client.get("/tasks/").content.decode()
    assert "本人的事" in page and "县里的事" in page and "市里的事" not in page and "株洲的事" not in page
    assert 'data-testid="inbox-badge">2<' in page
    assert client.get(f"/tasks/?unit={other.pk}").status_code == 404  # not a unit a county officer may open
    overdue = client.get("/tasks/?light=overdue").content.decode()
    assert "本人的事" in overdue and "县里的事" not in overdue
    client.force_login(city_user)
    below = client.get(f"/tasks/?box=unit&unit={city.pk}&children=1").content.decode()
    assert "本人的事" in below and "市里的事" in below and "株洲的事" not in below
    exported = client.get(f"/tasks/?box=unit&unit={city.pk}&children=1&export=xlsx")
    rows = list(load_workbook(io.BytesIO(exported.content)).worksheets[0].iter_rows(values_only=True))
    assert rows[0][:2] == ("类别", "事项") and len(rows) == 4


def test_done_tasks_move_to_the_done_tab(client, world, units, work):
    unit_task, _ = work
    problem_resolve(problem=unit_task, actor=world.users["city"], resolution="已调剂", resolved_date=TODAY)
    client.force_login(world.users["county"])
    assert "县里的事" not in client.get("/tasks/").content.decode()
    assert "县里的事" in client.get("/tasks/?tab=done").content.decode()


def test_the_board_counts_rates_per_unit_in_scope(client, world, units, work):
    city, county, other = units
    unit_task, person_task = work
    late = _problem(world, world.a, county, due=-10, text="逾期办结")
    problem_resolve(problem=late, actor=world.users["city"], resolution="已办", resolved_date=_days(-4))
    problem_resolve(problem=unit_task, actor=world.users["city"], resolution="已办", resolved_date=_days(-1))
    rows = {r.name: r.figures for r in task_board(user=world.users["city"], today=TODAY, since=_days(-30))}
    assert set(rows) == {city.name, county.name, "—"}  # city B's unit is outside the scope; "—": the world's problem
    f = rows[county.name]
    assert (f.open, f.overdue, f.done, f.done_on_time) == (1, 1, 2, 1)
    assert (str(f.on_time_rate), str(f.overdue_rate), str(f.average_days_late)) == ("50.0", "100.0", "4.0")
    client.force_login(world.users["city"])
    page = client.get("/tasks/board/?sort=overdue_rate").content.decode()
    assert county.name in page and other.name not in page and "100.0%" in page
