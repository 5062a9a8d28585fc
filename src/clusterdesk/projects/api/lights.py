"""Monthly lights of a project, their roll-up by park, county, city or cluster, and the standard lists."""

import datetime
from decimal import Decimal

from django.http import Http404
from ninja import Schema

from clusterdesk.api.crud import (
    paginated,
    scoped_get,
)
from clusterdesk.api.schemas import ApiDate, ErrorOut, Id

from .. import selectors
from ..choices import (
    LightChoices,
)
from ..models import Project
from ._shared import (
    PROJECT_RELATED,
    router,
)
from .projects import ProjectOut

__all__ = [
    "LightOut",
    "RollupOut",
    "light_rollup",
    "project_lights",
    "standard_list",
]


class LightOut(Schema):
    month: datetime.date
    light: LightChoices
    summary: str
    reasons: list[str]
    annual_plan_wan: Decimal | None
    year_to_date_wan: Decimal
    critical_overdue: int
    rule_set: str


@router.get("/projects/{id}/lights", response={200: list[LightOut], 404: ErrorOut}, url_name="project_lights")
def project_lights(request, id: Id):
    """The project's monthly lights, newest first, each with its explanation."""
    return scoped_get(request, Project.objects.all(), pk=id).lights.all()


class RollupOut(Schema):
    id: int | None
    name: str
    total: int
    green: int
    yellow: int
    red: int
    planned_starts: int
    started: int
    start_rate: str
    plan_wan: Decimal
    ytd_wan: Decimal
    completion: str
    time_progress: str


@router.get("/lights/rollup", response=list[RollupOut], url_name="light_rollup")
def light_rollup(request, month: ApiDate, by: str = "county"):
    """Lights of a month counted by ``park``, ``county``, ``city`` or ``cluster``, with the start rate and the
    completion of annual planned investment against time progress."""
    if by not in ("park", "county", "city", "cluster"):
        return []
    return selectors.light_rollup(user=request.user, month=month, by=by)


@router.get("/lists/{key}", response={200: list[ProjectOut], 404: ErrorOut}, url_name="standard_list")
@paginated
def standard_list(request, key: str):
    """A standard list (due_this_quarter, signed_not_started, started_this_year, behind_schedule, red,
    open_problems, completed_not_producing, producing_not_in_statistics, added_mid_year, withdrawn)."""
    if key not in selectors.STANDARD_LISTS:
        raise Http404
    return selectors.standard_list(user=request.user, key=key).select_related(*PROJECT_RELATED)
