"""REST API for projects (owner by credit code, region by code, money in 万元, land in 亩), the stage gate,
and the projects' milestones, monthly progress reports and problems."""

import datetime
from decimal import Decimal

from ninja import Router, Schema, Status

from clusterdesk.api.crud import (
    WRITE_ERRORS,
    Crud,
    Refs,
    assign,
    filterset_filter,
    register_crud,
    require_role,
    scoped_get,
    search,
)
from clusterdesk.api.schemas import ApiDate, AreaMu, MoneyWan, RegionFilterCode
from clusterdesk.enterprises.models import Enterprise
from clusterdesk.industry.models import ChainSegment, Cluster
from clusterdesk.parks.models import Park

from . import services
from .choices import (
    CoordinationLevelChoices,
    KeyLevelChoices,
    ProblemCategoryChoices,
    ProblemStatusChoices,
    ProjectStageChoices,
)
from .filtersets import ProjectFilterSet
from .models import Milestone, Problem, ProgressReport, Project

__all__ = [
    "MilestoneFilter",
    "MilestoneIn",
    "MilestoneOut",
    "ProblemFilter",
    "ProblemIn",
    "ProblemOut",
    "ProblemResolveIn",
    "ProgressReportFilter",
    "ProgressReportIn",
    "ProgressReportOut",
    "ProjectFilter",
    "ProjectIn",
    "ProjectOut",
    "StageChangeIn",
    "router",
]

router = Router(tags=["projects"])

PROJECT_RELATED = ("region", "owner", "park", "cluster", "chain_segment", "industry")


# Projects ------------------------------------------------------------------------------------------------------

class ProjectOut(Schema):
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
    park: int | None = None
    cluster: int | None = None
    chain_segment: int | None = None
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
    green_channel: bool = False
    land_secured: bool = False


class ProjectFilter(Schema):
    q: str | None = None
    region: RegionFilterCode = None
    stage: list[ProjectStageChoices] | None = None
    key_level: KeyLevelChoices | None = None
    park: int | None = None
    cluster: int | None = None
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
        data["owner"] = refs.scoped("owner", Enterprise, data["owner"], lookup="uscc")
    if "industry" in data:
        data["industry"] = refs.industry("industry", data["industry"])
    for name, model in (("park", Park), ("cluster", Cluster), ("chain_segment", ChainSegment)):
        if name in data:
            data[name] = refs.scoped(name, model, data[name])
    if data.get("stage") is None:
        data.pop("stage", None)
    start = data.get("planned_start_date", project.planned_start_date)
    completion = data.get("planned_completion_date", project.planned_completion_date)
    if start and completion and completion < start:
        refs.error("planned_completion_date", "计划竣工日期早于计划开工日期")
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
def project_change_stage(request, id: int, payload: StageChangeIn):
    """Move a project to another lifecycle stage through the stage gate; a refusal (422) lists every unmet
    condition under ``stage``."""
    project = scoped_get(request, Project.objects.select_related("owner"), pk=id)
    require_role(request.user, Project, "change")
    services.project_change_stage(project=project, stage=payload.stage.value, actor=request.user,
                                  reason=payload.reason)
    return Status(200, scoped_get(request, Project.objects.select_related(*PROJECT_RELATED), pk=id))


# What belongs to a project: milestones, monthly reports, problems -------------------------------------------------

class _ProjectPartOut(Schema):
    id: int
    project: int
    project_name: str

    @staticmethod
    def resolve_project(obj) -> int:
        return obj.project_id

    @staticmethod
    def resolve_project_name(obj) -> str:
        return obj.project.name


def _resolve_project(refs: Refs, instance, data: dict) -> None:
    """The project of a new part; an existing part stays with its project."""
    if "project" not in data:
        return
    if instance.pk is not None:
        if data.pop("project") != instance.project_id:
            refs.error("project", "不能更改所属项目")
        return
    data["project"] = refs.scoped("project", Project, data["project"])


def _project_part_filter(*search_fields: str, choices: tuple[str, ...] = ()):
    def apply(request, queryset, data: dict):
        if data.get("project"):
            queryset = queryset.filter(project_id=data["project"])
        for name in choices:
            if data.get(name):
                queryset = queryset.filter(**{name: data[name]})
        return search(queryset, data.get("q"), search_fields)

    return apply


def _part_writer(create, update, keyword: str, check=None):
    """A writer for a project part: resolve the project, set fields, call the create or update service."""

    def write(request, instance, data: dict):
        refs = Refs(request)
        _resolve_project(refs, instance, data)
        if check is not None:
            check(refs, instance, data)
        refs.check()
        assign(instance, data)
        service = create if instance.pk is None else update
        return service(**{keyword: instance, "actor": request.user})

    return write


class MilestoneOut(_ProjectPartOut):
    sequence: int
    name: str
    planned_date: datetime.date | None
    actual_date: datetime.date | None
    duration_days: int | None
    note: str


class MilestoneIn(Schema):
    project: int
    sequence: int = 0
    name: str
    planned_date: ApiDate | None = None
    actual_date: ApiDate | None = None
    duration_days: int | None = None
    note: str = ""


class MilestoneFilter(Schema):
    project: int | None = None
    q: str | None = None


register_crud(router, Crud(
    model=Milestone, path="milestones", out=MilestoneOut, payload=MilestoneIn, filters=MilestoneFilter,
    filter=_project_part_filter("name", "note", "project__name"),
    write=_part_writer(services.milestone_create, services.milestone_update, "milestone"),
    delete=lambda obj, actor: services.milestone_delete(milestone=obj, actor=actor),
    select_related=("project",),
))


class ProgressReportOut(_ProjectPartOut):
    period: datetime.date
    investment_month_wan: Decimal
    investment_cumulative_wan: Decimal
    progress_text: str
    reported_by: str | None

    @staticmethod
    def resolve_reported_by(obj: ProgressReport) -> str | None:
        return obj.reported_by.display_name if obj.reported_by_id else None


class ProgressReportIn(Schema):
    """A monthly report: ``period`` is any day of the month (2025-04, 2025.4 and 2025年4月 are read too); the
    cumulative figure is computed."""

    project: int
    period: ApiDate
    investment_month_wan: MoneyWan
    progress_text: str = ""


class ProgressReportFilter(Schema):
    project: int | None = None
    q: str | None = None


def _check_report_month(refs: Refs, report: ProgressReport, data: dict) -> None:
    period = data.get("period", report.period)
    project = data.get("project") or report.project_id
    project_id = getattr(project, "pk", project)
    if period and project_id:
        clash = ProgressReport.objects.filter(project_id=project_id, period=period.replace(day=1))
        if clash.exclude(pk=report.pk).exists():
            refs.error("period", "该月的月报已存在")


register_crud(router, Crud(
    model=ProgressReport, path="progress-reports", out=ProgressReportOut, payload=ProgressReportIn,
    filters=ProgressReportFilter, filter=_project_part_filter("progress_text", "project__name"),
    write=_part_writer(services.progress_report_create, services.progress_report_update, "report",
                       check=_check_report_month),
    delete=lambda obj, actor: services.progress_report_delete(report=obj, actor=actor),
    select_related=("project", "reported_by"), name="progressreport",
))


class ProblemOut(_ProjectPartOut):
    category: ProblemCategoryChoices
    description: str
    owner_unit: str
    owner_person: str
    raised_by_name: str
    raised_date: datetime.date
    due_date: datetime.date
    coordination_level: CoordinationLevelChoices
    status: ProblemStatusChoices
    assigned_date: datetime.date | None
    resolved_date: datetime.date | None
    closed_date: datetime.date | None
    last_escalated_date: datetime.date | None
    resolution: str


class ProblemIn(Schema):
    """A problem. The status moves through ``transition``; ``coordination_level`` is 1 (project leader) to 4
    (principal leader)."""

    project: int
    category: ProblemCategoryChoices
    description: str
    owner_unit: str
    owner_person: str = ""
    raised_date: ApiDate
    due_date: ApiDate
    coordination_level: CoordinationLevelChoices = CoordinationLevelChoices.PROJECT_LEADER


class ProblemFilter(Schema):
    project: int | None = None
    q: str | None = None
    status: ProblemStatusChoices | None = None
    category: ProblemCategoryChoices | None = None
    coordination_level: CoordinationLevelChoices | None = None


class ProblemResolveIn(Schema):
    resolution: str
    resolved_date: ApiDate


register_crud(router, Crud(
    model=Problem, path="problems", out=ProblemOut, payload=ProblemIn, filters=ProblemFilter,
    filter=_project_part_filter("description", "owner_unit", "project__name",
                                choices=("status", "category", "coordination_level")),
    write=_part_writer(services.problem_create, services.problem_update, "problem"),
    delete=lambda obj, actor: services.problem_delete(problem=obj, actor=actor),
    select_related=("project",),
))


@router.post("/problems/{id}/resolve", response={200: ProblemOut, **WRITE_ERRORS}, url_name="problem_resolve")
def problem_resolve(request, id: int, payload: ProblemResolveIn):
    """Close a problem with how and when it was resolved."""
    problem = scoped_get(request, Problem.objects.select_related("project"), pk=id)
    require_role(request.user, Problem, "change")
    services.problem_resolve(problem=problem, actor=request.user, resolution=payload.resolution,
                             resolved_date=payload.resolved_date)
    return Status(200, scoped_get(request, Problem.objects.select_related("project"), pk=id))
