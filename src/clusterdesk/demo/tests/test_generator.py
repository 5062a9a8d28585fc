"""The demonstration generator: valid codes, every stage, positioning rules, consistent reports, determinism."""

import re
from collections import Counter, defaultdict
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.core.management import call_command

from clusterdesk.accounts.models import User
from clusterdesk.changelog.context import change_context
from clusterdesk.common.models import DataLoad
from clusterdesk.core.codes.uscc import is_valid_uscc
from clusterdesk.core.positioning import POSITIONING_LIMITS, positioning_errors
from clusterdesk.demo import generator
from clusterdesk.demo.accounts import DEMO_ACCOUNTS, DEMO_PASSWORD
from clusterdesk.demo.generator import QUICK_CITIES, REFERENCE_DATE, DemoDataError, DemoSize, build_demo
from clusterdesk.demo.status import demo_database_ready
from clusterdesk.enterprises.models import Enterprise
from clusterdesk.industry.models import ChainSegment, Cluster, SupplyEdge
from clusterdesk.parks.models import Park
from clusterdesk.projects.choices import ProjectStageChoices
from clusterdesk.projects.models import Milestone, Problem, ProgressReport, Project
from clusterdesk.regions.models import Region

TINY = DemoSize(
    cities=QUICK_CITIES, max_counties=None, parks=14, enterprises=240, projects=140, milestones=8, report_years=3
)


@pytest.fixture
def refdata(db):
    """The reference tables (the session fixture in the root conftest normally has loaded them already)."""
    if not Region.objects.filter(code="430000").exists():
        from clusterdesk.regions.services import refdata_load

        with change_context(actor=None, source="cli", message="test refdata"):
            refdata_load()


@pytest.fixture
def demo(refdata):
    return build_demo(scale="quick", seed=1, progress=False, sizes=TINY)


def _snapshot() -> dict:
    return {
        "projects": list(
            Project.objects.order_by("code").values_list(
                "code",
                "name",
                "total_investment_wan",
                "investment_completed_wan",
                "stage",
                "region__code",
                "owner__uscc",
                "planned_start_date",
                "actual_start_date",
            )
        ),
        "enterprises": list(
            Enterprise.objects.order_by("uscc").values_list("uscc", "name", "annual_revenue_wan", "park__name")
        ),
        "parks": list(Park.objects.order_by("name").values_list("name", "level", "planned_area_mu")),
        "reports": list(
            ProgressReport.objects.order_by("project__code", "period").values_list(
                "project__code", "period", "investment_month_wan", "progress_text"
            )
        ),
        "problems": list(
            Problem.objects.order_by("project__code", "raised_date", "description").values_list(
                "project__code", "category", "raised_date", "status"
            )
        ),
    }


@pytest.mark.django_db
def test_counts_match_the_sizes(demo):
    counts = demo["counts"]
    assert demo["created"] is True
    assert counts["cities"] == 4
    assert Enterprise.objects.count() == counts["enterprises"] == TINY.enterprises
    assert counts["projects"] == TINY.projects  # and the projects the demo's signed leads became (attraction)
    assert Project.objects.count() == counts["projects"] + counts["lead_projects"]
    # issue 14: every project the demo built is on the map, inside its city's extent (the points lie in the county:
    # maps tests); the projects converted from leads have no point until someone places them
    assert counts["project_points"] == TINY.projects
    assert Project.objects.filter(longitude=None).count() == counts["lead_projects"]
    assert not Project.objects.exclude(longitude=None).exclude(longitude__range=(108.7, 114.3),
                                                               latitude__range=(24.6, 30.2)).exists()
    assert Park.objects.count() == counts["parks"] == TINY.parks
    assert Milestone.objects.count() == TINY.projects * 8
    assert Cluster.objects.count() == 7 + 1  # the spec's seven in these cities, and demo/chains.py's lithium cluster
    assert {c.region.code for c in Cluster.objects.select_related("region")} == set(QUICK_CITIES)
    _observation_rounds_are_built()


@pytest.mark.django_db
def test_every_credit_code_passes_the_checksum_and_is_unique(demo):
    codes = list(Enterprise.objects.values_list("uscc", flat=True))
    assert all(is_valid_uscc(code) for code in codes)
    assert len(set(codes)) == len(codes)
    names = list(Enterprise.objects.values_list("name", flat=True))
    assert len(set(names)) == len(names)
    # The credit code carries the enterprise's county.
    for uscc, region in Enterprise.objects.values_list("uscc", "region__code"):
        assert uscc[2:8] == region


@pytest.mark.django_db
def test_all_seven_stages_are_present_and_meet_their_gates(demo):
    stages = Counter(Project.objects.values_list("stage", flat=True))
    assert set(stages) == set(ProjectStageChoices.values)
    assert stages["construction"] == max(stages.values())
    order = ProjectStageChoices.values
    for p in Project.objects.select_related("owner"):
        rank = order.index(p.stage)
        assert p.planned_start_date is not None
        if rank >= order.index("reserve"):
            assert p.owner_id is not None, p.code
        if rank >= order.index("construction"):
            assert p.actual_start_date and p.land_secured and p.actual_start_date < REFERENCE_DATE
        if rank >= order.index("completed"):
            assert p.actual_completion_date and p.actual_start_date < p.actual_completion_date < REFERENCE_DATE
        if rank >= order.index("capacity"):
            assert p.actual_production_date and p.actual_completion_date < p.actual_production_date < REFERENCE_DATE
        if p.stage == "statistics":
            assert p.owner.above_scale
        if rank < order.index("construction"):
            assert p.actual_start_date is None and p.investment_completed_wan == 0


@pytest.mark.django_db
def test_project_codes_follow_the_national_form_and_are_unique(demo):
    codes = list(Project.objects.values_list("code", "region__code", "industry__numeric_code"))
    assert len({c for c, _, _ in codes}) == len(codes)
    for code, region, industry in codes:
        match = re.fullmatch(r"(\d{4})-(\d{6})-(\d{2})-(0[123])-(\d{6})", code)
        assert match, code
        assert match[2] == region and match[3] == industry[:2]


@pytest.mark.django_db
def test_park_positioning_obeys_the_limits(demo):
    levels = Counter()
    for park in Park.objects.prefetch_related("park_industries__industry"):
        leading = [i.code for i in park.leading_industries]
        featured = [i.code for i in park.featured_industries]
        assert leading
        assert positioning_errors(level=park.level, leading=leading, featured=featured) == []
        max_leading, max_featured = POSITIONING_LIMITS[park.level]
        assert len(leading) <= max_leading and len(featured) <= max_featured
        levels[park.level] += 1
        assert park.planned_area_mu >= park.built_area_mu + park.available_land_mu
    assert set(levels) == {"national", "provincial", "municipal"}
    assert Park.objects.filter(name="株洲高新技术产业开发区", level="national").exists()


@pytest.mark.django_db
def test_reports_cumulate_to_the_projects_completed_investment(demo):
    reports = defaultdict(list)
    for row in ProgressReport.objects.order_by("period").values_list(
        "project_id", "period", "investment_month_wan", "investment_cumulative_wan", "review_status"
    ):
        reports[row[0]].append(row[1:])
    assert reports
    for project in Project.objects.all():
        running = counted = Decimal(0)
        previous = None
        for period, month, cumulative, status in reports.get(project.pk, []):
            assert period.day == 1 and period < REFERENCE_DATE
            assert previous is None or period > previous
            assert month >= 0
            running += month
            assert cumulative == running
            counted = cumulative if status in ("accepted", "reported") else counted
            previous = period
        # Issue 12: the completed investment is the latest report's that counts (a few wait for review).
        assert project.investment_completed_wan == counted
        assert running <= project.total_investment_wan
        if project.actual_start_date:
            first = reports[project.pk][0][0]
            assert first == project.actual_start_date.replace(day=1)


@pytest.mark.django_db
def test_reports_and_figures_are_in_every_review_state(demo):
    from clusterdesk.enterprise_service.models import MonthlyFigure

    for model in (ProgressReport, MonthlyFigure):
        states = Counter(model.objects.values_list("review_status", flat=True))
        assert states["returned"] == 1 and states["filed"] >= 1, model
        assert states["accepted"] > 10 * states["filed"], model
        assert model.objects.get(review_status="returned").return_reason


@pytest.mark.django_db
def test_milestones_are_dated_through_the_schedule(demo):
    from clusterdesk.attraction.models import Lead

    # The projects the demo's signed leads became are newly created: no schedule yet.
    from_leads = Lead.objects.filter(project__isnull=False).values("project")
    assert Project.objects.filter(pk__in=from_leads, milestones__isnull=False).count() == 0
    for project in Project.objects.exclude(pk__in=from_leads).prefetch_related("milestones"):
        milestones = list(project.milestones.order_by("sequence"))
        assert [m.sequence for m in milestones] == list(range(1, 9))
        done = [m.actual_date for m in milestones if m.actual_date]
        assert done == sorted(done)
        assert all(d < REFERENCE_DATE for d in done)
        by_name = {m.name: m for m in milestones}
        assert by_name["开工"].actual_date == project.actual_start_date
        assert by_name["竣工验收"].actual_date == project.actual_completion_date
        assert by_name["投产"].actual_date == project.actual_production_date


@pytest.mark.django_db
def test_problems_have_owner_dates_and_resolution(demo):
    problems = list(Problem.objects.all())
    assert problems
    statuses = {p.status for p in problems}
    assert statuses <= {"raised", "assigned", "in_progress", "resolved", "closed"}
    assert statuses & {"resolved", "closed"} and statuses - {"resolved", "closed"}
    for p in problems:
        assert p.owner_unit and p.due_date >= p.raised_date
        if p.status in ("resolved", "closed"):
            assert p.resolved_date and p.resolution and p.raised_date <= p.resolved_date < REFERENCE_DATE
        else:
            assert p.resolved_date is None


@pytest.mark.django_db
def test_chains_use_real_class_codes_and_enterprises_follow_their_segment(demo):
    for segment in ChainSegment.objects.prefetch_related("industry_codes"):
        codes = list(segment.industry_codes.all())
        assert (codes or segment.parent_id) and all(c.level == "class" for c in codes)  # sub-segments may inherit
        assert segment.keywords
    assert SupplyEdge.objects.count() >= Cluster.objects.count()
    mapped = Enterprise.objects.filter(chain_segments__isnull=False).distinct()
    assert mapped.exists()
    for enterprise in mapped.prefetch_related("chain_segments__industry_codes")[:50]:
        allowed = {c.pk for s in enterprise.chain_segments.all() for c in s.industry_codes.all()}
        assert enterprise.industry_id in allowed
    assert Enterprise.objects.filter(chain_leader=True).exists()
    for enterprise in Enterprise.objects.all():
        assert enterprise.above_scale == (enterprise.annual_revenue_wan >= 2000)
    _chain_chiefs_and_targets_are_built()


def _chain_chiefs_and_targets_are_built():
    """Issue 13: every chain has a chief and a task force, every cluster targets for 2026 and 2027."""
    from clusterdesk.industry.models import Chain, ChainLeaderEnterprise, ClusterTarget, ConcentrationTarget

    assert not Chain.objects.filter(chief__isnull=True).exists()
    assert not Chain.objects.filter(task_force__isnull=True).exists()
    assert ChainLeaderEnterprise.objects.exists() and ConcentrationTarget.objects.exists()
    for cluster in Cluster.objects.all():
        assert sorted(ClusterTarget.objects.filter(cluster=cluster).values_list("year", flat=True)) == [2026, 2027]


@pytest.mark.django_db
def test_same_seed_gives_the_same_data(demo):
    first = _snapshot()
    again = build_demo(scale="quick", seed=1, progress=False, force=True, sizes=TINY)
    assert again["created"] is True
    assert _snapshot() == first
    assert DataLoad.objects.filter(kind="demo").count() == 1
    build_demo(scale="quick", seed=2, progress=False, force=True, sizes=TINY)
    assert _snapshot()["projects"] != first["projects"]


@pytest.mark.django_db
def test_one_account_per_role_with_its_scope(demo):
    assert len({a.role for a in DEMO_ACCOUNTS}) == len(DEMO_ACCOUNTS) == 8
    users = {u.username: u for u in User.objects.filter(username__in=[a.username for a in DEMO_ACCOUNTS])}
    assert set(users) == {a.username for a in DEMO_ACCOUNTS}
    for account in DEMO_ACCOUNTS:
        user = users[account.username]
        assert user.role == account.role
        assert user.check_password(DEMO_PASSWORD)
    assert users["admin"].is_superuser
    assert [r.code for r in users["province"].scope_regions.all()] == ["430000"]
    assert [r.code for r in users["changsha"].scope_regions.all()] == ["430100"]
    assert [r.code for r in users["county"].scope_regions.all()] == ["430211"]
    assert [r.code for r in users["viewer"].scope_regions.all()] == ["430200"]
    assert [p.name for p in users["park"].scope_parks.all()] == ["株洲高新技术产业开发区"]
    served = set(users["secretary"].scope_enterprises.values_list("pk", flat=True))
    assert len(served) == 15
    assert set(Enterprise.objects.filter(secretary=users["secretary"]).values_list("pk", flat=True)) == served
    # The enterprise user: one key enterprise of 株洲 with figures, an answered appeal, warnings, a sheet to confirm.
    from clusterdesk.enterprise_service.models import Appeal, EnterpriseWarning, MonthlyFigure
    from clusterdesk.evaluation.selectors import sheets_to_confirm

    own = users["enterprise"].scope_enterprises.get()
    assert own.key_enterprise and own.region.code.startswith("4302") and own.pk in served
    assert MonthlyFigure.objects.filter(enterprise=own).count() >= 12
    assert Appeal.objects.filter(enterprise=own, status="answered", raised_by=users["enterprise"]).exists()
    assert EnterpriseWarning.objects.filter(enterprise=own).exists()
    assert [s.enterprise for s in sheets_to_confirm(user=users["enterprise"])] == [own]


@pytest.mark.django_db
def test_data_load_row_and_a_second_build_does_nothing(demo):
    load = DataLoad.objects.get(kind="demo")
    assert load.version == "seed 1, quick" and load.source == "clusterdesk demo generator"
    assert load.row_count == demo["rows"] > TINY.enterprises + TINY.projects
    assert load.details["counts"]["projects"] == TINY.projects
    assert demo_database_ready()
    cache.set("clusterdesk:demo", False)
    again = build_demo(scale="quick", seed=1, progress=False, sizes=TINY)
    assert again["created"] is False
    assert Project.objects.count() == TINY.projects + load.details["counts"]["lead_projects"]


@pytest.mark.django_db
def test_force_rebuild_clears_the_page_cache_and_keeps_other_data(demo):
    park = Park.objects.create(
        name="用户自建园区", level="municipal", park_type="industrial", region=Region.objects.get(code="430102")
    )
    cache.set("clusterdesk:demo", False)
    build_demo(scale="quick", seed=1, progress=False, force=True, sizes=TINY)
    assert cache.get("clusterdesk:demo") is None
    assert Park.objects.filter(pk=park.pk).exists()
    assert Park.objects.count() == TINY.parks + 1


@pytest.mark.django_db
def test_not_ready_without_demo_data(refdata):
    assert demo_database_ready() is False


@pytest.mark.django_db
def test_missing_regions_give_a_clear_error(refdata, monkeypatch):
    monkeypatch.setattr(generator, "PROVINCE_CODE", "990000")
    with pytest.raises(DemoDataError, match="load-refdata"):
        build_demo(scale="quick", seed=1, progress=False, sizes=TINY)
    assert not DataLoad.objects.filter(kind="demo").exists()


@pytest.mark.django_db
def test_the_command_prints_a_summary(refdata, monkeypatch, capsys):
    monkeypatch.setitem(generator.SCALES, "quick", TINY)
    call_command("build_demo", "--scale", "quick", "--seed", "3", "--no-progress")
    out = capsys.readouterr().out
    assert "projects" in out and "seconds" in out
    call_command("build_demo", "--scale", "quick", "--seed", "3", "--no-progress")
    assert "--force" in capsys.readouterr().out


@pytest.mark.django_db
def test_yearly_figures_cover_five_years_from_establishment_and_end_at_the_recorded_revenue(demo):
    from clusterdesk.demo.generator import REFERENCE_DATE
    from clusterdesk.enterprises.models import EnterpriseYearFigure

    last = REFERENCE_DATE.year - 1
    assert EnterpriseYearFigure.objects.count() == demo["counts"]["enterprise_year_figures"] > TINY.enterprises
    for ent in Enterprise.objects.prefetch_related("year_figures"):
        years = sorted(f.year for f in ent.year_figures.all())
        expected_first = max(last - 4, ent.established_date.year)
        assert years == list(range(expected_first, last + 1)), ent.name
        latest = next(f for f in ent.year_figures.all() if f.year == last)
        assert latest.revenue_wan == ent.annual_revenue_wan
        assert latest.tax_wan > 0 and latest.employees > 0
        if ent.park_id is None or ent.industry.code[0] not in "BCD":
            assert latest.land_mu is None


def test_names_are_unique_where_the_models_refuse_a_repeat_and_demo_rows_pass_full_clean(demo):
    """A project's name is unique in its county and an enterprise's name overall (`natural_duplicates`), so that
    every demo row can be edited through the forms and the API."""
    repeated = [k for k, n in Counter(Project.objects.values_list("region_id", "name")).items() if n > 1]
    assert repeated == []
    assert not [k for k, n in Counter(Enterprise.objects.values_list("name", flat=True)).items() if n > 1]
    for project in Project.objects.order_by("code")[:: max(1, Project.objects.count() // 8)]:
        project.full_clean()
    for enterprise in Enterprise.objects.order_by("uscc")[:: max(1, Enterprise.objects.count() // 8)]:
        enterprise.full_clean()


def test_a_repeated_project_name_takes_the_owner_the_park_then_a_phase():
    from types import SimpleNamespace

    from clusterdesk.projects.demo.projects import _unique_name

    city = SimpleNamespace(short="长沙")
    county = SimpleNamespace(pk=7, short="浏阳", city=city)
    owner = SimpleNamespace(name="湖南蓝思科技有限公司", county=county)
    park = SimpleNamespace(short="浏阳经开区")
    taken: set = set()
    name = "新建车载显示模组生产线项目"
    names = [_unique_name(name, county, owner, park, taken) for _ in range(5)]
    assert names == [name, f"蓝思{name}", f"浏阳经开区{name}", "新建车载显示模组生产线二期项目",
                     "蓝思新建车载显示模组生产线二期项目"]
    assert _unique_name(name, SimpleNamespace(pk=8, short="宁乡", city=city), None, None, taken) == name
    names += [_unique_name(name, county, None, None, taken) for _ in range(40)]
    assert len(set(names)) == len(names)
    assert "新建车载显示模组生产线十一期项目" in names
    assert not any(re.search(r"\d", n) for n in names)


def _observation_rounds_are_built():
    """Issue 13's observation meetings: rounds 16 and 17 published (17's projects moved, held or new), 18 scoring.
    Checked inside `test_counts_match_the_sizes`, so that it needs no demo build of its own."""
    from clusterdesk.observation.models import Nomination, ObservationRound, Score

    assert list(ObservationRound.objects.values_list("number", "status")) == [
        (18, "scoring"), (17, "published"), (16, "published")]
    r17 = Nomination.objects.filter(round__number=17)
    assert r17.filter(movement__isnull=False).exists() and r17.filter(rank__isnull=False, movement=None).exists()
    assert r17.first().judges_counted == 3   # five judges, the highest and lowest dropped
    assert not Score.objects.filter(nomination__round__number=18, judge__username="judge1").exists()
