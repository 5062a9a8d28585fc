"""REST API for projects (owner by credit code, region by code, money in 万元, land in 亩), the stage gate,
and the projects' milestones, monthly progress reports and problems."""

import datetime
from decimal import Decimal

from django.http import Http404, HttpResponse
from django.utils import timezone
from ninja import Router, Schema, Status
from ninja.pagination import PageNumberPagination, paginate

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
from clusterdesk.api.schemas import ApiDate, AreaMu, ErrorOut, MoneyWan, RegionFilterCode
from clusterdesk.enterprises.models import Enterprise
from clusterdesk.industry.models import ChainSegment, Cluster
from clusterdesk.parks.models import Park

from . import scheduling, selectors, services
from .choices import (
    CoordinationLevelChoices,
    DependencyKindChoices,
    KeyLevelChoices,
    LibraryStatusChoices,
    LightChoices,
    ProblemCategoryChoices,
    ProblemStatusChoices,
    ProjectStageChoices,
    ProjectTypeChoices,
    ScheduleTargetChoices,
    SectorChoices,
)
from .filtersets import ProjectFilterSet
from .models import Milestone, MilestoneDependency, Problem, ProgressReport, Project

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
    project_type: ProjectTypeChoices
    sector: SectorChoices
    library_status: LibraryStatusChoices
    withdrawn_date: datetime.date | None
    withdrawal_reason: str
    added_mid_year: bool
    added_date: datetime.date | None
    statistics_date: datetime.date | None
    schedule_target: ScheduleTargetChoices
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
    project_type: ProjectTypeChoices = ProjectTypeChoices.INDUSTRIAL
    sector: SectorChoices = SectorChoices.INDUSTRY
    schedule_target: ScheduleTargetChoices = ScheduleTargetChoices.COMPLETION
    added_mid_year: bool = False
    statistics_date: ApiDate | None = None


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
    construction_wan: Decimal
    installation_wan: Decimal
    equipment_wan: Decimal
    other_wan: Decimal
    year_to_date_wan: Decimal
    previous_years_wan: Decimal
    investment_cumulative_wan: Decimal
    progress_text: str
    reported_by: str | None

    @staticmethod
    def resolve_reported_by(obj: ProgressReport) -> str | None:
        return obj.reported_by.display_name if obj.reported_by_id else None


class ProgressReportIn(Schema):
    """A monthly report: ``period`` is any day of the month (2025-04, 2025.4 and 2025年4月 are read too). The
    breakdown (construction + installation + equipment + other) must add up to this month's investment when
    given. Year to date and cumulative since start are computed; if the reporter sends them they must agree
    with the identities, or the report is refused (422) with the reason."""

    project: int
    period: ApiDate
    investment_month_wan: MoneyWan
    construction_wan: MoneyWan = Decimal(0)
    installation_wan: MoneyWan = Decimal(0)
    equipment_wan: MoneyWan = Decimal(0)
    other_wan: MoneyWan = Decimal(0)
    year_to_date_wan: MoneyWan | None = None
    investment_cumulative_wan: MoneyWan | None = None
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


def _write_report(request, report: ProgressReport, data: dict) -> ProgressReport:
    typed = {name: data.pop(name) for name in ("year_to_date_wan", "investment_cumulative_wan")
             if data.get(name) is not None}
    for name in ("year_to_date_wan", "investment_cumulative_wan"):
        data.pop(name, None)
    refs = Refs(request)
    _resolve_project(refs, report, data)
    _check_report_month(refs, report, data)
    refs.check()
    assign(report, data)
    if report.pk is None:
        report.investment_cumulative_wan = Decimal(0)
        return services.progress_report_create(report=report, actor=request.user, typed=typed)
    return services.progress_report_update(report=report, actor=request.user, typed=typed)


register_crud(router, Crud(
    model=ProgressReport, path="progress-reports", out=ProgressReportOut, payload=ProgressReportIn,
    filters=ProgressReportFilter, filter=_project_part_filter("progress_text", "project__name"),
    write=_write_report,
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



# The pipeline: library moves, schedule, MSPDI, lights, lists, the problem workflow --------------------------------

class ReasonIn(Schema):
    reason: str


def _changeable(request, id: int) -> Project:
    project = scoped_get(request, Project.objects.select_related("owner"), pk=id)
    require_role(request.user, Project, "change")
    return project


def _project_out(request, id: int):
    return Status(200, scoped_get(request, Project.objects.select_related(*PROJECT_RELATED), pk=id))


@router.post("/projects/{id}/withdraw", response={200: ProjectOut, **WRITE_ERRORS}, url_name="project_withdraw")
def project_withdraw(request, id: int, payload: ReasonIn):
    """Withdraw a project from the libraries (退库) with the reason."""
    services.project_withdraw(project=_changeable(request, id), actor=request.user, reason=payload.reason)
    return _project_out(request, id)


@router.post("/projects/{id}/restore", response={200: ProjectOut, **WRITE_ERRORS}, url_name="project_restore")
def project_restore(request, id: int, payload: ReasonIn):
    """Restore a withdrawn project to the libraries."""
    services.project_restore(project=_changeable(request, id), actor=request.user, reason=payload.reason)
    return _project_out(request, id)


@router.post("/projects/{id}/add-mid-year", response={200: ProjectOut, **WRITE_ERRORS},
             url_name="project_add_mid_year")
def project_add_mid_year(request, id: int, payload: ReasonIn):
    """Mark a project as added to this year's lists mid-year (增补); it must meet its sector's entry threshold."""
    services.project_add_mid_year(project=_changeable(request, id), actor=request.user, reason=payload.reason)
    return _project_out(request, id)


class TransitionOut(Schema):
    kind: str
    from_stage: str
    to_stage: str
    reason: str
    actor_name: str
    at: datetime.datetime


@router.get("/projects/{id}/transitions", response={200: list[TransitionOut], 404: ErrorOut},
            url_name="project_transitions")
def project_transitions(request, id: int):
    """Every recorded move of the project: who, when, from and to which stage, why."""
    return scoped_get(request, Project.objects.all(), pk=id).transitions.all()


class NodeOut(Schema):
    id: int
    sequence: int
    code: str
    name: str
    duration_days: int | None
    planned_date: datetime.date | None
    actual_date: datetime.date | None
    early_finish_date: datetime.date | None
    latest_finish_date: datetime.date | None
    total_float_days: int | None
    critical: bool
    status: str


class LinkOut(Schema):
    id: int
    predecessor: int
    successor: int
    kind: DependencyKindChoices
    lag_days: int

    @staticmethod
    def resolve_predecessor(obj) -> int:
        return obj.predecessor_id

    @staticmethod
    def resolve_successor(obj) -> int:
        return obj.successor_id


class ScheduleOut(Schema):
    schedule_target: str
    nodes: list[NodeOut]
    links: list[LinkOut]
    critical_path: list[int]


def _schedule_out(project: Project) -> dict:
    nodes = list(project.milestones.order_by("sequence", "pk"))
    return {"schedule_target": project.schedule_target, "nodes": nodes,
            "links": list(project.milestone_links.all()), "critical_path": [m.pk for m in nodes if m.critical]}


@router.get("/projects/{id}/schedule", response={200: ScheduleOut, 404: ErrorOut}, url_name="project_schedule")
def project_schedule(request, id: int):
    """The milestones with their computed earliest and latest allowed finish, float, critical flag and status."""
    return _schedule_out(scoped_get(request, Project.objects.all(), pk=id))


@router.post("/projects/{id}/schedule", response={200: ScheduleOut, **WRITE_ERRORS}, url_name="project_reschedule")
def project_reschedule(request, id: int, apply_template: bool = False):
    """Recompute the schedule as of today; with ``apply_template`` first add the type's missing template nodes."""
    project = _changeable(request, id)
    if apply_template:
        scheduling.template_apply(project=project, actor=request.user, today=timezone.localdate())
    else:
        scheduling.project_schedule_refresh(project=project, today=timezone.localdate())
    return _schedule_out(project)


@router.get("/projects/{id}/mspdi", response={200: str, 404: ErrorOut}, url_name="project_mspdi_export")
def project_mspdi_export(request, id: int):
    """The milestones and their links as an MS Project XML (MSPDI) document."""
    project = scoped_get(request, Project.objects.all(), pk=id)
    return HttpResponse(scheduling.project_mspdi_export(project=project),
                        content_type="application/xml; charset=utf-8")


class MspdiImportOut(Schema):
    tasks: int
    links: int
    created: int
    updated: int


@router.post("/projects/{id}/mspdi", response={200: MspdiImportOut, **WRITE_ERRORS},
             url_name="project_mspdi_import")
def project_mspdi_import(request, id: int):
    """Import an MS Project XML document sent as the request body: tasks matched to milestones by name, links
    replaced. All or nothing; a malformed document is refused (422) naming the element and the task UID."""
    project = _changeable(request, id)
    try:
        xml = request.body.decode("utf-8-sig")
    except UnicodeDecodeError:
        return Status(422, {"detail": {"file": ["请求正文不是 UTF-8 文本"]}})
    return scheduling.project_mspdi_import(project=project, xml=xml, actor=request.user,
                                           today=timezone.localdate())


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
def project_lights(request, id: int):
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
@paginate(PageNumberPagination, page_size=50, max_page_size=500)
def standard_list(request, key: str):
    """A standard list (due_this_quarter, signed_not_started, started_this_year, behind_schedule, red,
    open_problems, completed_not_producing, producing_not_in_statistics, added_mid_year, withdrawn)."""
    if key not in selectors.STANDARD_LISTS:
        raise Http404
    return selectors.standard_list(user=request.user, key=key).select_related(*PROJECT_RELATED)


class ProblemTransitionIn(Schema):
    """The new status; assigning needs the owner person, resolving the resolution, reopening a reason."""

    status: ProblemStatusChoices
    owner_person: str | None = None
    resolution: str = ""
    reason: str = ""


@router.post("/problems/{id}/transition", response={200: ProblemOut, **WRITE_ERRORS},
             url_name="problem_transition")
def problem_transition(request, id: int, payload: ProblemTransitionIn):
    """Move a problem through raised → assigned → in progress → resolved → closed, or reopen it."""
    problem = scoped_get(request, Problem.objects.select_related("project"), pk=id)
    require_role(request.user, Problem, "change")
    services.problem_transition(problem=problem, actor=request.user, status=payload.status.value,
                                owner_person=payload.owner_person, resolution=payload.resolution,
                                reason=payload.reason)
    return Status(200, scoped_get(request, Problem.objects.select_related("project"), pk=id))


class EscalateIn(Schema):
    to_level: CoordinationLevelChoices
    reason: str


@router.post("/problems/{id}/escalate", response={200: ProblemOut, **WRITE_ERRORS}, url_name="problem_escalate")
def problem_escalate(request, id: int, payload: EscalateIn):
    """Escalate a problem to a higher coordination level by hand; the escalation is recorded."""
    problem = scoped_get(request, Problem.objects.select_related("project"), pk=id)
    require_role(request.user, Problem, "change")
    services.problem_escalate(problem=problem, actor=request.user, to_level=int(payload.to_level),
                              reason=payload.reason)
    return Status(200, scoped_get(request, Problem.objects.select_related("project"), pk=id))


class DependencyIn(Schema):
    project: int
    predecessor: int
    successor: int
    kind: DependencyKindChoices = DependencyKindChoices.FS
    lag_days: int = 0


class DependencyFilter(Schema):
    project: int | None = None


def _write_link(request, link: MilestoneDependency, data: dict) -> MilestoneDependency:
    refs = Refs(request)
    _resolve_project(refs, link, data)
    for name in ("predecessor", "successor"):
        if name in data:
            data[name] = refs.scoped(name, Milestone, data[name])
    refs.check()
    assign(link, data)
    if link.pk is None:
        return services.dependency_create(milestonedependency=link, actor=request.user)
    return services.dependency_update(milestonedependency=link, actor=request.user)


register_crud(router, Crud(
    model=MilestoneDependency, path="milestone-links", out=LinkOut, payload=DependencyIn, filters=DependencyFilter,
    filter=_project_part_filter(), write=_write_link,
    delete=lambda obj, actor: services.dependency_delete(milestonedependency=obj, actor=actor),
    name="milestonedependency",
))
