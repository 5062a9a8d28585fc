"""Milestones, the links between them, the computed schedule and MS Project XML (MSPDI) in and out."""

import datetime

from django.http import HttpResponse
from django.utils import timezone
from ninja import Schema, Status

from clusterdesk.api.crud import (
    WRITE_ERRORS,
    Crud,
    Refs,
    assign,
    register_crud,
    scoped_get,
)
from clusterdesk.api.schemas import ApiDate, Count, Days, ErrorOut, Id, Ref, SmallCount

from .. import scheduling, services
from ..choices import (
    DependencyKindChoices,
)
from ..models import Milestone, MilestoneDependency, Project
from ._shared import (
    ProjectPartOut,
    changeable_project,
    part_filter,
    part_writer,
    router,
    set_part_project,
)

__all__ = [
    "DependencyFilter",
    "DependencyIn",
    "LinkOut",
    "MilestoneFilter",
    "MilestoneIn",
    "MilestoneOut",
    "MspdiImportOut",
    "NodeOut",
    "ScheduleOut",
    "project_mspdi_export",
    "project_mspdi_import",
    "project_reschedule",
    "project_schedule",
]


class MilestoneOut(ProjectPartOut):
    sequence: int
    name: str
    planned_date: datetime.date | None
    actual_date: datetime.date | None
    duration_days: int | None
    note: str


class MilestoneIn(Schema):
    project: Ref
    sequence: SmallCount = 0
    name: str
    planned_date: ApiDate | None = None
    actual_date: ApiDate | None = None
    duration_days: Count | None = None
    note: str = ""


class MilestoneFilter(Schema):
    project: Id | None = None
    q: str | None = None


register_crud(router, Crud(
    model=Milestone, path="milestones", out=MilestoneOut, payload=MilestoneIn, filters=MilestoneFilter,
    filter=part_filter("name", "note", "project__name"),
    write=part_writer(services.milestone_create, services.milestone_update, "milestone"),
    delete=lambda obj, actor: services.milestone_delete(milestone=obj, actor=actor),
    select_related=("project",),
))


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
def project_schedule(request, id: Id):
    """The milestones with their computed earliest and latest allowed finish, float, critical flag and status."""
    return _schedule_out(scoped_get(request, Project.objects.all(), pk=id))


@router.post("/projects/{id}/schedule", response={200: ScheduleOut, **WRITE_ERRORS}, url_name="project_reschedule")
def project_reschedule(request, id: Id, apply_template: bool = False):
    """Recompute the schedule as of today; with ``apply_template`` first add the type's missing template nodes."""
    project = changeable_project(request, id)
    if apply_template:
        scheduling.template_apply(project=project, actor=request.user, today=timezone.localdate())
    else:
        scheduling.project_schedule_refresh(project=project, today=timezone.localdate())
    return _schedule_out(project)


_XML = {"application/xml": {"schema": {"type": "string", "description": "an MS Project XML (MSPDI) document"}}}


@router.get("/projects/{id}/mspdi", response={200: None, 404: ErrorOut}, url_name="project_mspdi_export",
            openapi_extra={"responses": {200: {"description": "OK", "content": _XML}}})
def project_mspdi_export(request, id: Id):
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
             url_name="project_mspdi_import", openapi_extra={"requestBody": {"required": True, "content": _XML}})
def project_mspdi_import(request, id: Id):
    """Import an MS Project XML document sent as the request body: tasks matched to milestones by name, links
    replaced. All or nothing; a malformed document is refused (422) naming the element and the task UID."""
    project = changeable_project(request, id)
    try:
        xml = request.body.decode("utf-8-sig")
    except UnicodeDecodeError:
        return Status(422, {"detail": {"file": ["请求正文不是 UTF-8 文本"]}})
    return scheduling.project_mspdi_import(project=project, xml=xml, actor=request.user,
                                           today=timezone.localdate())


class DependencyIn(Schema):
    project: Ref
    predecessor: Ref
    successor: Ref
    kind: DependencyKindChoices = DependencyKindChoices.FS
    lag_days: Days = 0


class DependencyFilter(Schema):
    project: Id | None = None


def _write_link(request, link: MilestoneDependency, data: dict) -> MilestoneDependency:
    refs = Refs(request)
    set_part_project(refs, link, data)
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
    filter=part_filter(), write=_write_link,
    delete=lambda obj, actor: services.dependency_delete(milestonedependency=obj, actor=actor),
    name="milestonedependency",
))
