"""The evaluation phase of the demo build: per-mu runs with final classes, composite park evaluations, a featured
review and park yearly data — all made through the evaluation services, so the demo shows what the workflow
produces (sheets, classes, surcharges, park results, rankings, decisions)."""

from __future__ import annotations

import datetime
import random

from clusterdesk.accounts.models import User
from clusterdesk.common.registry import DemoPhase, registry
from clusterdesk.demo.context import DemoContext, DemoPark

from . import services
from .models import CompositeEvaluation, EvaluationRun, FeaturedReview, ParkYearData

__all__ = ["build_evaluation", "delete_evaluation", "register"]


def _park_year_data(rng: random.Random, parks: list[DemoPark], years: list[int]) -> int:
    rows = []
    for park in parks:
        size = {"national": 4.0, "provincial": 1.5}.get(park.level, 0.6) * rng.uniform(0.5, 1.5)
        for year in years:
            growth = 1 + rng.uniform(-0.05, 0.15) * (year - years[0])
            rows.append(ParkYearData(park_id=park.pk, year=year, values={
                "foreign_capital_wan": round(size * 8000 * growth * rng.uniform(0.6, 1.4), 2),
                "trade_wan": round(size * 60000 * growth * rng.uniform(0.6, 1.4), 2),
                "high_tech_enterprises": int(size * 40 * rng.uniform(0.5, 1.5)),
            }))
    ParkYearData.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


def _per_mu_runs(province_pk: int, admin: User, years: list[int], made: dict) -> int:
    """Earlier years final (so that D-class surcharges accumulate), the last one published for objections."""
    sheets = 0
    for year in years:
        run = services.run_create(run=EvaluationRun(name=f"湖南省{year}年度工业企业亩均效益评价", region_id=province_pk,
                                                    year=year), actor=admin)
        made["runs"].append(run.pk)
        sheets += services.run_collect(run=run, actor=admin)
        services.run_score(run=run, actor=admin)
        deadline = datetime.date(year + 1, 12, 31)
        services.run_publish(run=run, actor=admin, objection_deadline=deadline,
                             today=deadline - datetime.timedelta(days=7))
        if year != years[-1]:   # after the publicity week: the sheets nobody confirmed are deemed confirmed
            services.run_deem_unconfirmed(run=run, actor=admin, today=deadline + datetime.timedelta(days=1))
            services.run_finalize(run=run, actor=admin, today=deadline + datetime.timedelta(days=1))
    return sheets


def _county_run(admin: User, year: int, made: dict) -> int:
    """The county evaluation of the demo enterprise user's county, still collecting: its sheet awaits confirmation."""
    from clusterdesk.enterprises.models import Enterprise

    user = User.objects.filter(username="enterprise").first()
    own = Enterprise.objects.filter(pk__in=user.scope_enterprises.values("pk")).select_related("region").first() \
        if user else None
    if own is None:
        return 0
    run = services.run_create(run=EvaluationRun(name=f"{own.region.name}{year}年度工业企业亩均效益评价（县级复核）",
                                                region=own.region, year=year), actor=admin)
    made["runs"].append(run.pk)
    return services.run_collect(run=run, actor=admin)


def build_evaluation(ctx: DemoContext) -> None:
    """Build the evaluation demo for the province over the last two years of figures; records what it made in
    ``ids["evaluation"]`` (for `delete_evaluation`)."""
    rng = ctx.rng("parks-evaluation")
    made: dict[str, list[int]] = {"runs": [], "composite": [], "reviews": []}
    ctx.ids["evaluation"] = made
    admin = User.objects.get(username="admin")
    last_year = ctx.reference_date.year - 1
    years = [last_year - 1, last_year]
    parks = sorted(ctx.parks, key=lambda p: p.pk)
    ctx.counts["park_year_data"] = _park_year_data(rng, parks, years)
    ctx.counts["evaluation_sheets"] = _per_mu_runs(ctx.province_pk, admin, years, made)
    for year in years:
        evaluation = CompositeEvaluation.objects.create(name=f"湖南省{year}年度开发区综合评价",
                                                        region_id=ctx.province_pk, year=year, bottom_n=5)
        made["composite"].append(evaluation.pk)
        services.composite_compute(evaluation=evaluation, actor=admin)
    ctx.counts["evaluation_sheets"] += _county_run(admin, last_year, made)
    review = FeaturedReview.objects.create(name=f"湖南省{last_year}年度特色产业园区动态评估",
                                           region_id=ctx.province_pk, year=last_year)
    made["reviews"].append(review.pk)
    services.featured_compute(review=review, actor=admin)


def delete_evaluation(ids) -> dict[str, int]:
    """Delete what `build_evaluation` recorded, before the parks and enterprises it refers to."""
    made = ids.get("evaluation") or {}
    FeaturedReview.objects.filter(pk__in=made.get("reviews", [])).delete()
    CompositeEvaluation.objects.filter(pk__in=made.get("composite", [])).delete()
    for run in EvaluationRun.objects.filter(pk__in=made.get("runs", [])):
        run.park_results.all().delete()
        run.sheets.all().delete()
        run.delete()
    if made:
        ParkYearData.objects.filter(park_id__in=ids.get("parks") or []).delete()
    return {}


def register() -> None:
    """Register the evaluation phase (called from `EvaluationConfig.ready`)."""
    registry.register_demo_phase(DemoPhase("evaluation", build_evaluation, 110, delete=delete_evaluation))
