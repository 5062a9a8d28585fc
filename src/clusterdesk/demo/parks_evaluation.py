"""Demonstration evaluations: per-mu runs with final classes, composite park evaluations, a featured review,
park yearly data and interest-sharing agreements — all made through the evaluation services, so the demo
shows what the workflow produces (sheets, classes, surcharges, park results, rankings, decisions).
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from clusterdesk.accounts.models import User
from clusterdesk.evaluation import services
from clusterdesk.evaluation.models import CompositeEvaluation, EvaluationRun, FeaturedReview, ParkYearData
from clusterdesk.parks.models import Park
from clusterdesk.placement.models import InterestAgreement
from clusterdesk.projects.models import Project
from clusterdesk.regions.models import Region

__all__ = ["build_parks_evaluation", "delete_parks_evaluation"]

PROVINCE = "430000"


def _park_year_data(rng: random.Random, parks: list[Park], years: list[int]) -> int:
    rows = []
    for park in parks:
        size = {"national": 4.0, "provincial": 1.5}.get(park.level, 0.6) * rng.uniform(0.5, 1.5)
        for year in years:
            growth = 1 + rng.uniform(-0.05, 0.15) * (year - years[0])
            rows.append(ParkYearData(park=park, year=year, values={
                "foreign_capital_wan": round(size * 8000 * growth * rng.uniform(0.6, 1.4), 2),
                "trade_wan": round(size * 60000 * growth * rng.uniform(0.6, 1.4), 2),
                "high_tech_enterprises": int(size * 40 * rng.uniform(0.5, 1.5)),
            }))
    ParkYearData.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


def _per_mu_runs(province: Region, admin: User, years: list[int], ids: dict) -> int:
    """Earlier years final (so that D-class surcharges accumulate), the last one published for objections."""
    sheets = 0
    for year in years:
        run = services.run_create(run=EvaluationRun(name=f"湖南省{year}年度工业企业亩均效益评价", region=province,
                                                    year=year), actor=admin)
        ids["runs"].append(run.pk)
        sheets += services.run_collect(run=run, actor=admin)
        services.run_score(run=run, actor=admin)
        deadline = datetime.date(year + 1, 12, 31)
        services.run_publish(run=run, actor=admin, objection_deadline=deadline,
                             today=deadline - datetime.timedelta(days=7))
        if year != years[-1]:   # after the publicity week: the sheets nobody confirmed are deemed confirmed
            services.run_deem_unconfirmed(run=run, actor=admin, today=deadline + datetime.timedelta(days=1))
            services.run_finalize(run=run, actor=admin, today=deadline + datetime.timedelta(days=1))
    return sheets


def _agreements(rng: random.Random, ids: dict) -> int:
    projects = list(Project.objects.filter(park__isnull=False, owner__isnull=False).select_related("region", "park")
                    .order_by("-total_investment_wan", "pk")[:40])
    counties = list(Region.objects.filter(code__startswith="43", level="county").order_by("code"))
    made = 0
    for project in projects[::4]:
        referring = rng.choice([c for c in counties if c.pk != project.region_id])
        share = rng.choice([Decimal(50), Decimal(40), Decimal(30)])
        agreement = InterestAgreement.objects.create(
            project=project, referring_region=referring, hosting_region=project.region, tax_share_pct=share,
            output_share_pct=share, start_year=2023, years=rng.choice([3, 5]), note="招商引荐项目")
        ids["agreements"].append(agreement.pk)
        made += 1
    return made


def build_parks_evaluation(*, seed: int, last_year: int, ids: dict) -> dict[str, int]:
    """Build the evaluation demo for the province over the last two years of figures; returns counts and
    records what it made in ``ids["evaluation"]`` (for `delete_parks_evaluation`)."""
    rng = random.Random(f"clusterdesk-demo:{seed}:parks-evaluation")
    made: dict[str, list[int]] = {"runs": [], "composite": [], "reviews": [], "agreements": []}
    ids["evaluation"] = made
    admin = User.objects.get(username="admin")
    province = Region.objects.get(code=PROVINCE)
    parks = list(Park.objects.filter(region__code__startswith="43").order_by("pk"))
    years = [last_year - 1, last_year]
    counts = {"park_year_data": _park_year_data(rng, parks, years)}
    counts["evaluation_sheets"] = _per_mu_runs(province, admin, years, made)
    for year in years:
        evaluation = CompositeEvaluation.objects.create(name=f"湖南省{year}年度开发区综合评价", region=province,
                                                        year=year, bottom_n=5)
        made["composite"].append(evaluation.pk)
        services.composite_compute(evaluation=evaluation, actor=admin)
    review = FeaturedReview.objects.create(name=f"湖南省{last_year}年度特色产业园区动态评估", region=province,
                                           year=last_year)
    made["reviews"].append(review.pk)
    services.featured_compute(review=review, actor=admin)
    counts["interest_agreements"] = _agreements(rng, made)
    return counts


def delete_parks_evaluation(ids: dict) -> None:
    """Delete what `build_parks_evaluation` recorded in ``ids``, before the parks and enterprises it refers to."""
    made = ids.get("evaluation") or {}
    InterestAgreement.objects.filter(pk__in=made.get("agreements", [])).delete()
    FeaturedReview.objects.filter(pk__in=made.get("reviews", [])).delete()
    CompositeEvaluation.objects.filter(pk__in=made.get("composite", [])).delete()
    for run in EvaluationRun.objects.filter(pk__in=made.get("runs", [])):
        run.park_results.all().delete()
        run.sheets.all().delete()
        run.delete()
    if made:
        ParkYearData.objects.filter(park_id__in=ids.get("parks") or []).delete()
