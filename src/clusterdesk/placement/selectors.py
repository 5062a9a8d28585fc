"""Reads for placement: the parks in a user's scope as a suitability table, a project's ranking with
explanations, batch candidates, and interest-sharing figures."""

import dataclasses
from collections import defaultdict
from decimal import Decimal

import numpy as np
from django.db.models import Count

from clusterdesk.core.optimization import ParkTable, ProjectNeed, explain, rank_parks
from clusterdesk.core.sharing import AttributedYear, attributed_figures
from clusterdesk.enterprises.models import Enterprise
from clusterdesk.industry.models import ChainSegment, SupplyEdge
from clusterdesk.parks.models import Park
from clusterdesk.projects.models import Project

from .models import InterestAgreement

__all__ = ["ParkChoice", "agreement_figures", "batch_candidates", "park_table", "pollution_class",
           "project_need", "project_ranking"]

#: Divisions treated as heavily polluting (class 3) by default: the energy-intensive and chemical ones.
HEAVY_DIVISIONS = frozenset({"25", "26", "28", "30", "31", "32"})


@dataclasses.dataclass
class ParkChoice:
    """One ranked park with its total and the explanation per criterion."""

    park: Park
    total: float
    explanation: list[dict]


def pollution_class(industry_code: str) -> int:
    """A project's pollution class from its industry: 3 heavy (energy-intensive, chemical), 2 other
    manufacturing and mining, 1 the rest."""
    if industry_code[:1] == "C" and industry_code[1:3] in HEAVY_DIVISIONS:
        return 3
    return 2 if industry_code[:1] in "BCD" else 1


def _evaluation_scores(parks: list[Park]) -> dict[int, float]:
    """The latest composite total of each park, else its latest per-mu total (scaled to 0–100 by the best)."""
    from clusterdesk.evaluation.models import CompositeResult, ParkEvaluation

    scores: dict[int, float] = {}
    ids = [p.pk for p in parks]
    for park_id, total in (ParkEvaluation.objects.filter(park_id__in=ids).order_by("run__year", "pk")
                           .values_list("park_id", "total")):
        if total is not None:
            scores[park_id] = min(100.0, float(total))
    for park_id, total in (CompositeResult.objects.filter(park_id__in=ids).order_by("evaluation__year", "pk")
                           .values_list("park_id", "total")):
        scores[park_id] = float(total)
    return scores


def park_table(user) -> tuple[list[Park], ParkTable]:
    """Every park the user may see, as the arrays `rank_parks` reads."""
    parks = list(Park.objects.restrict(user, "view").select_related("region")
                 .prefetch_related("park_industries__industry").order_by("pk"))
    scores = _evaluation_scores(parks)
    table = ParkTable(
        [p.name for p in parks],
        [[pi.industry.code for pi in p.park_industries.all()] for p in parks],
        np.array([float(p.available_land_mu) if p.available_land_mu is not None else 0.0 for p in parks]),
        np.array([scores.get(p.pk, np.nan) for p in parks]),
        np.full(len(parks), np.inf),
        np.array([3 if p.park_type == "chemical" else 2 for p in parks], dtype=np.int64),
    )
    return parks, table


def project_need(project: Project) -> ProjectNeed:
    code = project.industry.code if project.industry_id else ""
    return ProjectNeed(code, float(project.land_area_mu or 0), 0.0, pollution_class(code) if code else 1,
                       float(project.total_investment_wan or 0))


def _synergy(parks: list[Park], segment: ChainSegment | None) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    n = len(parks)
    up, down, same, related = np.zeros(n), np.zeros(n), np.zeros(n), np.zeros(n, dtype=bool)
    if segment is None:
        return up, down, same, related
    index = {p.pk: k for k, p in enumerate(parks)}
    upstream = list(SupplyEdge.objects.filter(target=segment).values_list("source_id", flat=True))
    downstream = list(SupplyEdge.objects.filter(source=segment).values_list("target_id", flat=True))
    for target, segments in ((up, upstream), (down, downstream), (same, [segment.pk])):
        rows = (Enterprise.objects.filter(park_id__in=list(index), chain_segments__in=segments)
                .values("park_id").annotate(n=Count("pk", distinct=True)))
        for row in rows:
            target[index[row["park_id"]]] = row["n"]
    chain_codes = set(ChainSegment.objects.filter(chain_id=segment.chain_id)
                      .values_list("industry_codes__code", flat=True)) - {None}
    for k, p in enumerate(parks):
        related[k] = any(pi.industry.code in chain_codes for pi in p.park_industries.all())
    return up, down, same, related


def project_ranking(project: Project, user, *, weights: dict[str, float] | None = None, limit: int = 20,
                    require_industry_fit: bool = True) -> dict:
    """Rank every park in the user's scope for a project, best first, with an explanation per criterion."""
    parks, table = park_table(user)
    need = project_need(project)
    up, down, same, related = _synergy(parks, project.chain_segment)
    ranking = rank_parks(table, need, upstream=up, downstream=down, same_segment=same, chain_related=related,
                         weights=weights, require_industry_fit=require_industry_fit)
    choices = [ParkChoice(parks[j], round(float(ranking.totals[j]), 2), explain(ranking, int(j), table, need))
               for j in ranking.order[:limit]]
    excluded = sorted(((parks[j], reason) for j, reason in ranking.excluded.items()), key=lambda e: e[0].name)
    return {"need": need, "choices": choices, "feasible": int(ranking.feasible.sum()), "parks": len(parks),
            "excluded": excluded}


def batch_candidates(projects: list[Project], user, *, per_project: int = 30,
                     weights: dict[str, float] | None = None) -> tuple[list[Park], dict]:
    """Candidate (project, park, score) triples: each project's best feasible parks in the user's scope."""
    parks, table = park_table(user)
    cp, ck, cs = [], [], []
    for i, project in enumerate(projects):
        ranking = rank_parks(table, project_need(project), weights=weights, limit=per_project)
        for j in ranking.order.tolist():
            cp.append(i)
            ck.append(j)
            cs.append(round(float(ranking.totals[j]), 3))
    return parks, {"cand_project": np.array(cp, dtype=np.int64), "cand_park": np.array(ck, dtype=np.int64),
                   "cand_score": np.array(cs, dtype=float)}


def agreement_figures(agreement: InterestAgreement) -> list[AttributedYear]:
    """The project's reported tax and output per year (from its owner's yearly figures), split by the agreement."""
    reported: dict[int, tuple[Decimal | None, Decimal | None]] = defaultdict(lambda: (None, None))
    owner = agreement.project.owner
    if owner is not None:
        for year, tax, output in owner.year_figures.values_list("year", "tax_wan", "output_wan"):
            reported[year] = (tax, output)
    return attributed_figures(dict(reported), start_year=agreement.start_year, years=agreement.years,
                              tax_pct=Decimal(agreement.tax_share_pct), output_pct=Decimal(agreement.output_share_pct))
