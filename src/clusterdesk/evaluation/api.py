"""REST API for evaluations: per-mu runs, their data sheets and park results, composite results; the run's workflow
steps (collect, score, publish, deem unconfirmed sheets confirmed, finalise) through the same services as the pages."""

import datetime
import enum

from ninja import Body, Router, Schema, Status

from clusterdesk.api.crud import WRITE_ERRORS, paginated, scoped_get
from clusterdesk.api.schemas import ApiDate, Id

from . import services
from .models import CompositeEvaluation, CompositeResult, EvaluationRun, EvaluationSheet, ParkEvaluation

__all__ = ["router"]

router = Router(tags=["evaluation"])


class RunOut(Schema):
    id: int
    name: str
    region: str
    year: int
    method: str
    classing: str
    status: str

    @staticmethod
    def resolve_region(obj: EvaluationRun) -> str:
        return obj.region.code


class RunOutWithDeadline(RunOut):
    objection_deadline: datetime.date | None


class RunStep(enum.StrEnum):
    COLLECT = "collect"
    SCORE = "score"
    PUBLISH = "publish"
    DEEM = "deem"
    FINALIZE = "finalize"


class RunStepIn(Schema):
    """``objection_deadline`` for ``publish`` (a week from today when left out)."""

    objection_deadline: ApiDate | None = None


class SheetOut(Schema):
    id: int
    enterprise: str
    enterprise_name: str
    above_scale: bool
    status: str
    exempt: bool
    exempt_reason: str
    values: dict
    points: dict
    total: float | None
    rank: int | None
    preliminary_class: str
    final_class: str
    surcharge_rate: float
    surcharge_wan: float

    @staticmethod
    def resolve_enterprise(obj: EvaluationSheet) -> str:
        return obj.enterprise.uscc

    @staticmethod
    def resolve_enterprise_name(obj: EvaluationSheet) -> str:
        return obj.enterprise.name


class ParkResultOut(Schema):
    park: int
    park_name: str
    enterprises: int
    values: dict
    total: float | None
    rank: int | None
    park_class: str

    @staticmethod
    def resolve_park(obj) -> int:
        return obj.park_id

    @staticmethod
    def resolve_park_name(obj) -> str:
        return obj.park.name


class CompositeResultOut(Schema):
    park: int
    park_name: str
    total: float
    rank: int
    categories: dict
    movement: int | None
    flagged: bool

    @staticmethod
    def resolve_park(obj) -> int:
        return obj.park_id

    @staticmethod
    def resolve_park_name(obj) -> str:
        return obj.park.name


@router.get("/runs/", response=list[RunOut], url_name="evaluation_run_list")
@paginated
def run_list(request):
    """Per-mu evaluations the user may see."""
    return EvaluationRun.objects.restrict(request.user, "view").select_related("region")


@router.get("/runs/{id}/sheets/", response=list[SheetOut], url_name="evaluation_sheet_list")
@paginated
def sheet_list(request, id: Id, klass: str = ""):
    """The data sheets of a run in the user's scope, best first; ``klass`` filters by (final or preliminary) class."""
    run = scoped_get(request, EvaluationRun.objects.all(), pk=id)
    sheets = EvaluationSheet.objects.restrict(request.user, "view").filter(run=run).select_related("enterprise")
    if klass:
        sheets = sheets.filter(final_class=klass) if run.status == "final" else sheets.filter(preliminary_class=klass)
    return sheets.order_by("above_scale", "rank", "pk")


@router.get("/runs/{id}/parks/", response=list[ParkResultOut], url_name="evaluation_park_results")
def park_results(request, id: Id):
    """Parks of a run on the per-mu basis, in the user's scope."""
    run = scoped_get(request, EvaluationRun.objects.all(), pk=id)
    return ParkEvaluation.objects.restrict(request.user, "view").filter(run=run).select_related("park")


@router.get("/composite/{id}/results/", response=list[CompositeResultOut], url_name="composite_results")
def composite_results(request, id: Id):
    """A composite evaluation's ranking, in the user's scope."""
    evaluation = scoped_get(request, CompositeEvaluation.objects.all(), pk=id)
    return CompositeResult.objects.restrict(request.user, "view").filter(evaluation=evaluation) \
        .select_related("park").order_by("rank")


_NO_STEP_DATA = RunStepIn()  # the body may be left out, but it is an object when sent


@router.post("/runs/{id}/{step}", response={200: RunOutWithDeadline, **WRITE_ERRORS}, url_name="evaluation_run_step")
def run_step(request, id: Id, step: RunStep, payload: Body[RunStepIn] = _NO_STEP_DATA):
    """Take one step of a run's workflow. Finalising waits for the publicity deadline, every objection answered and
    every sheet confirmed (or deemed confirmed after the deadline); a refused step answers 422 or 403 with why."""
    run = scoped_get(request, EvaluationRun.objects.select_related("region"), pk=id)
    actor = request.user
    if step is RunStep.COLLECT:
        services.run_collect(run=run, actor=actor)
    elif step is RunStep.SCORE:
        services.run_score(run=run, actor=actor)
    elif step is RunStep.PUBLISH:
        services.run_publish(run=run, actor=actor, objection_deadline=payload.objection_deadline)
    elif step is RunStep.DEEM:
        services.run_deem_unconfirmed(run=run, actor=actor)
    else:
        services.run_finalize(run=run, actor=actor)
    return Status(200, scoped_get(request, EvaluationRun.objects.select_related("region"), pk=id))
