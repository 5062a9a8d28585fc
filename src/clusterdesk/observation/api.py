"""REST API for observation rounds (read): the rounds a user may see or judges, a round's results (the plain data
of `selectors.observation_round_results`), and the acting judge's own scores."""

import datetime

from django.http import Http404
from ninja import Router, Schema

from clusterdesk.api.crud import paginated
from clusterdesk.api.schemas import Id

from .models import ObservationRound
from .selectors import judge_sheet, observation_round_results, round_list

__all__ = ["router"]

router = Router(tags=["observation"])


class RoundOut(Schema):
    id: int
    title: str
    series: str
    number: int
    held_on: datetime.date
    host_region: str
    status: str

    @staticmethod
    def resolve_title(obj: ObservationRound) -> str:
        return str(obj)

    @staticmethod
    def resolve_series(obj: ObservationRound) -> str:
        return obj.series.name

    @staticmethod
    def resolve_host_region(obj: ObservationRound) -> str:
        return obj.host_region.name if obj.host_region else ""


class SheetRowOut(Schema):
    nomination_id: int
    order: int | None
    project_code: str
    project_name: str
    region: str
    values: dict
    total: float | None


def _round(request, pk: int) -> ObservationRound:
    round_ = round_list(user=request.user).filter(pk=pk).first()
    if round_ is None:
        raise Http404
    return round_


@router.get("/rounds/", response=list[RoundOut], url_name="observation_round_list")
@paginated
def rounds(request):
    """Observation rounds the user may see (their region and above) or judges, newest first."""
    return round_list(user=request.user)


@router.get("/rounds/{id}/results/", response=dict, url_name="observation_round_results")
def results(request, id: Id):
    """A round's results: rankings of projects (in the user's scope), counties and parks, with movement."""
    data = observation_round_results(request.user, _round(request, id))
    if data is None:
        raise Http404
    return data


@router.get("/rounds/{id}/my-scores/", response=list[SheetRowOut], url_name="observation_my_scores")
def my_scores(request, id: Id):
    """The acting judge's own sheet of a round (404 for anyone who does not judge it)."""
    round_ = ObservationRound.objects.filter(pk=id, judges=request.user).first() \
        if getattr(request.user, "pk", None) else None
    if round_ is None:
        raise Http404
    return judge_sheet(user=request.user, round_=round_)
