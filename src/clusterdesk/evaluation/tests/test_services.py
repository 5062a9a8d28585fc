"""The per-mu workflow end to end, park aggregation, composite evaluation, featured reviews, scope."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from clusterdesk.changelog.models import ObjectChange
from clusterdesk.core.codes.uscc import make_uscc
from clusterdesk.enterprises.models import Enterprise, EnterpriseYearFigure
from clusterdesk.evaluation import services
from clusterdesk.evaluation.models import (
    CompositeEvaluation,
    EvaluationRun,
    EvaluationSheet,
    FeaturedReview,
    ParkEvaluation,
    ParkYearData,
)
from clusterdesk.industry.models import IndustryCode
from clusterdesk.parks.models import Park
from clusterdesk.regions.models import Region

pytestmark = pytest.mark.django_db
YEAR = 2025


def figures(ent, year=YEAR, tax=100, land=10, **extra):
    values = {"revenue_wan": 5000, "output_wan": 5200, "value_added_wan": 1200, "tax_wan": tax, "employees": 100,
              "land_mu": land, "energy_tce": 500, "electricity_wan_kwh": 300, "emissions_t": 2, "rd_expense_wan": 100,
              **extra}
    return EnterpriseYearFigure.objects.create(enterprise=ent, year=year, **{
        k: (Decimal(str(v)) if v is not None and k != "employees" else v) for k, v in values.items()})


@pytest.fixture
def evaluated(world):
    """Ten above-size enterprises in city A's park with distinct tax per mu, the world's own enterprise too."""
    c3711 = IndustryCode.objects.get(code="C3711")
    ents = [world.a.enterprise]
    figures(world.a.enterprise, tax=1000)
    for k in range(9):
        ent = Enterprise.objects.create(uscc=make_uscc(region_code="430102", serial=100 + k), name=f"评价企业{k}",
                                        region=world.a.county, park=world.a.park, industry=c3711, above_scale=True,
                                        established_date=datetime.date(2010, 1, 1))
        figures(ent, tax=100 * (k + 1))
        figures(ent, year=YEAR - 1, tax=100)
        ents.append(ent)
    utility = Enterprise.objects.create(uscc=make_uscc(region_code="430102", serial=200), name="供水公司",
                                        region=world.a.county, industry=IndustryCode.objects.get(code="D4610"),
                                        above_scale=True)
    figures(utility)
    young = Enterprise.objects.create(uscc=make_uscc(region_code="430102", serial=201), name="新设企业",
                                      region=world.a.county, above_scale=True,
                                      established_date=datetime.date(YEAR - 1, 6, 1))
    figures(young)
    figures(world.b.enterprise)   # another city: not in the run
    run = services.run_create(run=EvaluationRun(name="2025年亩均评价", region=world.a.city, year=YEAR,
                                                bands=[0.2, 0.6, 0.9]), actor=world.users["city"])
    return world, run, ents


def test_the_whole_workflow_from_collection_to_final_classes_and_surcharge(evaluated):
    world, run, ents = evaluated
    officer = world.users["city"]
    assert services.run_collect(run=run, actor=officer) == 12
    sheets = {s.enterprise.name: s for s in run.sheets.select_related("enterprise")}
    assert sheets["供水公司"].exempt and sheets["供水公司"].exempt_reason
    assert sheets["新设企业"].exempt
    assert not sheets["评价企业0"].exempt and sheets["评价企业0"].tax_wan == Decimal("100.00")

    services.sheet_verify_land(sheet=sheets["评价企业8"], land_mu=Decimal("20"), actor=world.users["county"])
    secretary_sheet = run.sheets.get(enterprise=world.a.enterprise)
    services.sheet_confirm(sheet=secretary_sheet, actor=world.users["secretary"])
    with pytest.raises(PermissionDenied):
        services.sheet_confirm(sheet=sheets["评价企业0"], actor=world.users["secretary"])

    counts = services.run_score(run=run, actor=officer)
    assert counts == {"A": 2, "B": 4, "C": 3, "D": 1}
    ranked = list(run.sheets.filter(exempt=False).order_by("rank"))
    assert ranked[0].enterprise == world.a.enterprise and ranked[-1].enterprise.name == "评价企业0"
    assert run.sheets.get(enterprise__name="评价企业8").values["tax_per_mu"] == 45.0   # 900 over verified 20 亩
    assert ParkEvaluation.objects.get(run=run, park=world.a.park).enterprises == 10

    with pytest.raises(ValidationError):
        services.run_finalize(run=run, actor=officer)   # not yet published
    services.run_publish(run=run, actor=officer, objection_deadline=datetime.date(2026, 3, 1))
    lowest = run.sheets.get(enterprise__name="评价企业0")
    services.sheet_object(sheet=lowest, text="用地面积含代征道路，应核减", actor=officer)
    with pytest.raises(ValidationError):
        services.run_finalize(run=run, actor=officer)   # open objection
    services.sheet_resolve_objection(sheet=lowest, upheld=True, reply="核减后重新认定", final_class="C",
                                     actor=officer)
    final = services.run_finalize(run=run, actor=officer)
    assert final["D"] == 0 and final["C"] == 4
    assert run.sheets.get(enterprise__name="评价企业0").surcharge_rate == 0
    assert ObjectChange.objects.filter(changed_object_id=run.pk, object_repr__contains="已定级：A ").exists()


def test_surcharge_grows_with_consecutive_final_d_years(evaluated):
    world, run, ents = evaluated
    officer = world.users["city"]
    worst = ents[1]   # 评价企业0, the lowest tax per mu
    for year in (YEAR - 1, YEAR):
        r = run if year == YEAR else services.run_create(run=EvaluationRun(
            name=f"{year}年亩均评价", region=world.a.city, year=year, bands=[0.2, 0.6, 0.9]), actor=officer)
        if year == YEAR - 1:
            for ent in ents[2:]:
                EnterpriseYearFigure.objects.filter(enterprise=ent, year=year).update(tax_wan=Decimal(500))
            figures(world.a.enterprise, year=year, tax=1000)
        services.run_collect(run=r, actor=officer)
        services.run_score(run=r, actor=officer)
        services.run_publish(run=r, actor=officer)
        services.run_finalize(run=r, actor=officer)
    sheet = EvaluationSheet.objects.get(run=run, enterprise=worst)
    assert sheet.final_class == "D"
    assert sheet.surcharge_rate == 0.10 and sheet.surcharge_wan == pytest.approx(30.0)   # 0.10 元/kWh × 300 万kWh


def test_steps_out_of_order_and_out_of_scope_are_refused(evaluated):
    world, run, _ = evaluated
    with pytest.raises(ValidationError):
        services.run_score(run=run, actor=world.users["city"])   # draft: nothing collected
    with pytest.raises(PermissionDenied):
        services.run_collect(run=run, actor=world.users["viewer"])
    other = services.run_create(run=EvaluationRun(name="株洲评价", region=world.b.city, year=YEAR),
                                actor=world.users["admin"])
    with pytest.raises(PermissionDenied):
        services.run_collect(run=other, actor=world.users["city"])


def test_out_of_scope_users_see_no_sheets(evaluated):
    world, run, _ = evaluated
    services.run_collect(run=run, actor=world.users["city"])
    assert EvaluationSheet.objects.restrict(world.users["city"]).count() == 12
    assert EvaluationSheet.objects.restrict(world.users["secretary"]).count() == 1
    assert EvaluationSheet.objects.restrict(world.users["park"]).count() == 10
    other = services.run_create(run=EvaluationRun(name="株洲评价", region=world.b.city, year=YEAR),
                                actor=world.users["admin"])
    services.run_collect(run=other, actor=world.users["admin"])
    assert not EvaluationSheet.objects.restrict(world.users["city"]).filter(run=other).exists()
    assert not EvaluationRun.objects.restrict(world.users["city"]).filter(pk=other.pk).exists()


def test_composite_evaluation_ranks_parks_and_flags_the_bottom_two_years_running(evaluated):
    world, run, _ = evaluated
    admin = world.users["admin"]
    province = Region.objects.get(code="430000")
    for year in (YEAR - 1, YEAR):
        ParkYearData.objects.create(park=world.a.park, year=year, values={"foreign_capital_wan": 9000,
                                                                          "trade_wan": 50000})
        ParkYearData.objects.create(park=world.b.park, year=year, values={"foreign_capital_wan": 100,
                                                                          "trade_wan": 800})
        ev = CompositeEvaluation.objects.create(name=f"{year}综合评价", region=province, year=year, bottom_n=1)
        services.composite_compute(evaluation=ev, actor=admin)
    results = list(ev.results.order_by("rank"))
    assert len(results) == Park.objects.filter(region__code__startswith=province.code_prefix).count() >= 2
    assert set(results[0].categories) == {"opening_up", "development_quality", "innovation", "green",
                                          "coordination"}
    assert results[0].park == world.a.park
    assert results[-1].flagged and not results[0].flagged
    assert results[0].movement == 0


def test_featured_review_decides_and_applies_with_history(evaluated):
    world, run, _ = evaluated
    admin = world.users["admin"]
    review = FeaturedReview.objects.create(name="2025特色园区评估", region=world.a.city, year=YEAR, certification=[
        {"key": "featured_share_pct", "label": "特色产业占比", "op": ">=", "threshold": 65},
        {"key": "output_growth_pct", "label": "产值增速", "op": ">=", "threshold": 0}])
    counts = services.featured_compute(review=review, actor=admin)
    decision = review.decisions.get(park=world.a.park)
    assert decision.values["featured_share_pct"] == pytest.approx(100.0)
    assert decision.status_after == "certified" and decision.change == "gains" and counts["gains"] >= 1
    services.featured_apply(review=review, actor=admin)
    world.a.park.refresh_from_db()
    assert world.a.park.featured_status == "certified"
    with pytest.raises(ValidationError):
        services.featured_apply(review=review, actor=admin)
