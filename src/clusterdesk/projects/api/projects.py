"""Projects (owner by credit code, region by code, money in 万元, land in 亩), the stage gate and the library
moves (退库, restore, 增补), with the recorded transitions."""

import datetime
from decimal import Decimal

from ninja import Schema, Status

from clusterdesk.api.crud import (
    WRITE_ERRORS,
    Crud,
    Refs,
    assign,
    filterset_filter,
    register_crud,
    require_role,
    scoped_get,
)
from clusterdesk.api.schemas import ApiDate, AreaMu, ErrorOut, Flag, Id, MoneyWan, Real, Ref, RegionFilterCode
from clusterdesk.api.units import UnitOut, resolve_unit_refs
from clusterdesk.enterprises.selectors import enterprise_list
from clusterdesk.industry.selectors import chain_segment_list, cluster_list
from clusterdesk.parks.selectors import park_list

from .. import services
from ..choices import (
    KeyLevelChoices,
    LibraryStatusChoices,
    ProjectStageChoices,
    ProjectTypeChoices,
    ScheduleTargetChoices,
    SectorChoices,
)
from ..filtersets import ProjectFilterSet
from ..models import Project
from ._shared import (
    PROJECT_RELATED,
    ReasonIn,
    changeable_project,
    project_response,
    router,
)

__all__ = [
    "ProjectFilter",
    "ProjectIn",
    "ProjectOut",
    "StageChangeIn",
    "TransitionOut",
    "project_add_mid_year",
    "project_change_stage",
    "project_restore",
    "project_transitions",
    "project_withdraw",
]


# Projects ------------------------------------------------------------------------------------------------------

class ProjectOut(UnitOut):
    id: int
    code: str
    name: str
    owner: str | None
    owner_name: str | None
    region: str
    region_name: str
    park: int | None
    park_name: str | None
    cluster: int | None
    cluster_name: str | None
    chain_segment: int | None
    industry: str | None
    industry_name: str | None
    total_investment_wan: Decimal
    investment_completed_wan: Decimal
    land_area_mu: Decimal | None
    stage: ProjectStageChoices
    key_level: KeyLevelChoices
    construction_content: str
    signed_date: datetime.date | None
    planned_start_date: datetime.date | None
    planned_completion_date: datetime.date | None
    planned_production_date: datetime.date | None
    actual_start_date: datetime.date | None
    actual_completion_date: datetime.date | None
    actual_production_date: datetime.date | None
    responsible_leader: str
    responsible_unit: str
    green_channel: bool
    land_secured: bool
    project_type: ProjectTypeChoices
    sector: SectorChoices
    library_status: LibraryStatusChoices
    withdrawn_date: datetime.date | None
    withdrawal_reason: str
    added_mid_year: bool
    added_date: datetime.date | None
    statistics_date: datetime.date | None
    schedule_target: ScheduleTargetChoices
    longitude: float | None
    latitude: float | None
    current_light: str
    light_month: datetime.date | None
    light_summary: str
    created: datetime.datetime
    last_updated: datetime.datetime

    @staticmethod
    def resolve_owner(obj: Project) -> str | None:
        return obj.owner.uscc if obj.owner_id else None

    @staticmethod
    def resolve_owner_name(obj: Project) -> str | None:
        return obj.owner.name if obj.owner_id else None

    @staticmethod
    def resolve_region(obj: Project) -> str:
        return obj.region.code

    @staticmethod
    def resolve_region_name(obj: Project) -> str:
        return str(obj.region)

    @staticmethod
    def resolve_park(obj: Project) -> int | None:
        return obj.park_id

    @staticmethod
    def resolve_park_name(obj: Project) -> str | None:
        return obj.park.name if obj.park_id else None

    @staticmethod
    def resolve_cluster(obj: Project) -> int | None:
        return obj.cluster_id

    @staticmethod
    def resolve_cluster_name(obj: Project) -> str | None:
        return obj.cluster.name if obj.cluster_id else None

    @staticmethod
    def resolve_chain_segment(obj: Project) -> int | None:
        return obj.chain_segment_id

    @staticmethod
    def resolve_industry(obj: Project) -> str | None:
        return obj.industry.code if obj.industry_id else None

    @staticmethod
    def resolve_industry_name(obj: Project) -> str | None:
        return obj.industry.name if obj.industry_id else None


class ProjectIn(Schema):
    """A project. ``owner`` is the owner enterprise's credit code, ``region`` a GB/T 2260 code, ``industry`` a
    GB/T 4754 code; ``park``, ``cluster`` and ``chain_segment`` are ids. ``stage`` is taken on creation;
    afterwards use ``change-stage`` (a different stage here must pass the same gate, without a reason)."""

    code: str
    name: str
    owner: str | None = None
    region: str
    park: Ref | None = None
    cluster: Ref | None = None
    chain_segment: Ref | None = None
    industry: str | None = None
    total_investment_wan: MoneyWan
    land_area_mu: AreaMu | None = None
    stage: ProjectStageChoices | None = None
    key_level: KeyLevelChoices = KeyLevelChoices.GENERAL
    construction_content: str = ""
    signed_date: ApiDate | None = None
    planned_start_date: ApiDate | None = None
    planned_completion_date: ApiDate | None = None
    planned_production_date: ApiDate | None = None
    actual_start_date: ApiDate | None = None
    actual_completion_date: ApiDate | None = None
    actual_production_date: ApiDate | None = None
    responsible_leader: str = ""
    responsible_unit: str = ""
    assigned_unit: Ref | None = None
    green_channel: Flag = False
    land_secured: Flag = False
    project_type: ProjectTypeChoices = ProjectTypeChoices.INDUSTRIAL
    sector: SectorChoices = SectorChoices.INDUSTRY
    schedule_target: ScheduleTargetChoices = ScheduleTargetChoices.COMPLETION
    added_mid_year: Flag = False
    statistics_date: ApiDate | None = None
    longitude: Real | None = None
    latitude: Real | None = None


class ProjectFilter(Schema):
    q: str | None = None
    region: RegionFilterCode = None
    stage: list[ProjectStageChoices] | None = None
    key_level: KeyLevelChoices | None = None
    park: Id | None = None
    cluster: Id | None = None
    green_channel: bool | None = None
    min_investment_wan: Decimal | None = None
    ordering: str | None = None


class StageChangeIn(Schema):
    """The stage to move to; moving back needs a reason."""

    stage: ProjectStageChoices
    reason: str = ""


def _write_project(request, project: Project, data: dict) -> Project:
    refs = Refs(request)
    if "region" in data:
        data["region"] = refs.region("region", data["region"])
    if "owner" in data:
        data["owner"] = refs.scoped("owner", enterprise_list(user=request.user), data["owner"], lookup="uscc")
    if "industry" in data:
        data["industry"] = refs.industry("industry", data["industry"])
    for name, visible in (("park", park_list), ("cluster", cluster_list), ("chain_segment", chain_segment_list)):
        if name in data:
            data[name] = refs.scoped(name, visible(user=request.user), data[name])
    if data.get("stage") is None:
        data.pop("stage", None)
    resolve_unit_refs(refs, data)
    refs.check()
    assign(project, data)
    if project.pk is None:
        return services.project_create(project=project, actor=request.user)
    return services.project_update(project=project, actor=request.user)


register_crud(router, Crud(
    model=Project, path="projects", out=ProjectOut, payload=ProjectIn, filters=ProjectFilter,
    filter=filterset_filter(ProjectFilterSet), write=_write_project,
    delete=lambda obj, actor: services.project_delete(project=obj, actor=actor),
    select_related=PROJECT_RELATED,
))


@router.post("/projects/{id}/change-stage", response={200: ProjectOut, **WRITE_ERRORS},
             url_name="project_change_stage")
def project_change_stage(request, id: Id, payload: StageChangeIn):
    """Move a project to another lifecycle stage through the stage gate; a refusal (422) lists every unmet
    condition under ``stage``."""
    project = scoped_get(request, Project.objects.select_related("owner"), pk=id)
    require_role(request.user, Project, "change")
    services.project_change_stage(project=project, stage=payload.stage.value, actor=request.user,
                                  reason=payload.reason)
    return Status(200, scoped_get(request, Project.objects.select_related(*PROJECT_RELATED), pk=id))


@router.post("/projects/{id}/withdraw", response={200: ProjectOut, **WRITE_ERRORS}, url_name="project_withdraw")
def project_withdraw(request, id: Id, payload: ReasonIn):
    """Withdraw a project from the libraries (退库) with the reason."""
    services.project_withdraw(project=changeable_project(request, id), actor=request.user, reason=payload.reason)
    return project_response(request, id)


@router.post("/projects/{id}/restore", response={200: ProjectOut, **WRITE_ERRORS}, url_name="project_restore")
def project_restore(request, id: Id, payload: ReasonIn):
    """Restore a withdrawn project to the libraries."""
    services.project_restore(project=changeable_project(request, id), actor=request.user, reason=payload.reason)
    return project_response(request, id)


@router.post("/projects/{id}/add-mid-year", response={200: ProjectOut, **WRITE_ERRORS},
             url_name="project_add_mid_year")
def project_add_mid_year(request, id: Id, payload: ReasonIn):
    """Mark a project as added to this year's lists mid-year (增补); it must meet its sector's entry threshold."""
    services.project_add_mid_year(project=changeable_project(request, id), actor=request.user, reason=payload.reason)
    return project_response(request, id)


class TransitionOut(Schema):
    kind: str
    from_stage: str
    to_stage: str
    reason: str
    actor_name: str
    at: datetime.datetime


@router.get("/projects/{id}/transitions", response={200: list[TransitionOut], 404: ErrorOut},
            url_name="project_transitions")
def project_transitions(request, id: Id):
    """Every recorded move of the project: who, when, from and to which stage, why."""
    return scoped_get(request, Project.objects.all(), pk=id).transitions.all()
