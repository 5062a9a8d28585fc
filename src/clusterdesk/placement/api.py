"""REST API for placement: the parks in scope ranked for a project, with the explanation per criterion."""

from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema

from clusterdesk.api.schemas import Id
from clusterdesk.projects.selectors import project_list

from .selectors import project_ranking

__all__ = ["router"]

router = Router(tags=["placement"])


class CriterionOut(Schema):
    criterion: str
    value: float
    points: float
    text: str


class RankedParkOut(Schema):
    park: int
    park_name: str
    total: float
    explanation: list[CriterionOut]


@router.get("/projects/{id}/parks/", response=list[RankedParkOut], url_name="placement_project_parks")
def project_parks(request, id: Id, limit: int = Query(20, ge=1, le=500), industry: float | None = None,
                  chain: float | None = None, land: float | None = None, evaluation: float | None = None,
                  policy: float | None = None):
    """Parks in the user's scope that can take the project, best first; the weights override the defaults."""
    project = get_object_or_404(project_list(user=request.user).select_related("industry", "chain_segment"), pk=id)
    given = {"industry": industry, "chain": chain, "land": land, "evaluation": evaluation, "policy": policy}
    weights = {k: v for k, v in given.items() if v is not None} or None
    ranking = project_ranking(project, request.user, weights=weights, limit=limit)
    return [{"park": c.park.pk, "park_name": c.park.name, "total": c.total, "explanation": c.explanation}
            for c in ranking["choices"]]
