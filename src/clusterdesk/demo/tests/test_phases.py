"""The demo build runs the phases the apps registered, times each one, and its bulk paths leave the records the
application's own jobs would leave (the monthly schedule job finds nothing to change)."""

import datetime

import pytest

from clusterdesk.common.models import DataLoad
from clusterdesk.common.registry import registry
from clusterdesk.demo.generator import QUICK_CITIES, REFERENCE_DATE, DemoSize, build_demo
from clusterdesk.projects.models import Milestone, Project, ProjectLight
from clusterdesk.projects.scheduling import schedules_refresh
from clusterdesk.projects.supervision import lights_compute

SMALL = DemoSize(cities=QUICK_CITIES, max_counties=None, parks=14, enterprises=240, projects=140, milestones=20,
                 report_years=3)
PHASES = ["regions", "industry_codes", "clusters", "parks", "enterprises", "year_figures", "chain_data", "projects",
          "project_points", "schedules", "units", "accounts", "secretaries", "chain_chiefs", "pipeline", "leads",
          "enterprise_service", "evaluation", "agreements", "observation", "unit_matching", "tasks", "notifications"]


def test_each_app_registers_its_phases_and_the_demo_runs_them_in_order():
    assert [p.name for p in registry.demo_phases] == PHASES
    owners = {p.name: p.build.__module__ for p in registry.demo_phases}
    assert owners["parks"] == "clusterdesk.parks.demo" and owners["projects"] == "clusterdesk.projects.demo.projects"
    assert owners["evaluation"] == "clusterdesk.evaluation.demo" and owners["accounts"] == "clusterdesk.demo.accounts"


@pytest.fixture
def built(db, cli_context):
    lines: list[str] = []
    result = build_demo(scale="quick", seed=5, progress=False, sizes=SMALL, report=lines.append)
    return result, lines


def test_every_phase_is_reported_with_wall_and_cpu_seconds_and_recorded(built):
    result, lines = built
    assert [line.split()[0] for line in lines] == [*PHASES, "total"]
    assert all(" s CPU " in line for line in lines) and "peak memory" in lines[-1]
    details = DataLoad.objects.get(kind="demo").details
    assert set(details["phase_seconds"]) == set(details["phase_cpu_seconds"]) == set(PHASES)  # JSONB keeps no order
    assert result["peak_memory_mb"] > 0 and result["cpu_seconds"] > 0
    # The leads phase leaves leads in every stage, those at 签约/落地 partly projects, the open ones with a next step.
    from clusterdesk.attraction.models import Lead

    assert {s for s, in Lead.objects.values_list("stage")} == {"lead", "contact", "inspection", "negotiation",
                                                               "signed", "landed", "terminated"}
    assert not Lead.objects.filter(stage="landed", project=None).exists()
    assert Lead.objects.filter(stage="signed", project__isnull=False).exists()
    assert not Lead.objects.exclude(stage__in=("landed", "terminated")).filter(next_step="").exists()


def test_the_written_schedules_are_what_the_monthly_job_computes(built):
    assert Milestone.objects.exclude(status="").count() == Milestone.objects.count() > 0
    counts = schedules_refresh(today=REFERENCE_DATE, projects=Project.objects.all())
    assert counts["errors"] == [] and counts["milestones"] == Milestone.objects.count()
    assert counts["changed"] == 0


def test_the_lights_rows_are_what_the_job_writes_again(built):
    month = datetime.date(REFERENCE_DATE.year, REFERENCE_DATE.month - 1, 1)
    before = list(ProjectLight.objects.filter(month=month).order_by("project_id").values_list(
        "project_id", "light", "summary", "reasons", "annual_plan_wan", "year_to_date_wan", "critical_overdue"))
    lights_compute(month=month, projects=Project.objects.all())
    after = list(ProjectLight.objects.filter(month=month).order_by("project_id").values_list(
        "project_id", "light", "summary", "reasons", "annual_plan_wan", "year_to_date_wan", "critical_overdue"))
    assert before == after and len(before) == Project.objects.filter(library_status="active").count()


def test_the_demo_credit_codes_are_what_make_uscc_gives():
    import random

    from clusterdesk.core.codes.uscc import USCC_ALPHABET, make_uscc
    from clusterdesk.demo.draws import serial_of
    from clusterdesk.enterprises.demo import uscc_of

    rng = random.Random(11)
    for _ in range(300):
        body = rng.choice(("MA4" + "".join(rng.choice(USCC_ALPHABET) for _ in range(5)),
                           rng.choice(("18", "55", "79")) + "".join(rng.choice("0123456789") for _ in range(6))))
        region = rng.choice(("430102", "430211", "431300", "433101"))
        assert uscc_of(region, body) == make_uscc(region_code=region, serial=serial_of(body))


def test_every_demo_user_belongs_to_a_unit_and_the_owners_are_matched(built):
    from clusterdesk.accounts.models import User
    from clusterdesk.demo.accounts import DEMO_ACCOUNTS
    from clusterdesk.projects.models import Problem

    # An enterprise's own staff belong to their enterprise, not to a government unit.
    staff = [a.username for a in DEMO_ACCOUNTS if a.role != "enterprise"]
    users = User.objects.filter(username__in=staff).select_related("unit")
    assert {u.username: u.unit is not None for u in users} == dict.fromkeys(staff, True)
    assert User.objects.get(username="enterprise").unit is None
    assert users.get(username="county").unit.parent.name == "株洲市发展和改革委员会"
    land = Problem.objects.filter(owner_unit__endswith="自然资源和规划局").select_related("assigned_unit")
    assert land.exists()
    assert all(p.assigned_unit is not None and p.assigned_unit.name == p.owner_unit for p in land)
    assert Problem.objects.filter(owner_unit__endswith="地方金融管理局", assigned_unit__isnull=False).count() == 0
