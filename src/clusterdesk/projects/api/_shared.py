"""What the project API modules share: the router, the related rows loaded with a project, and the helpers
for the records that belong to a project (milestones, reports, problems, links)."""


from ninja import Router, Schema, Status

from clusterdesk.api.crud import (
    Refs,
    assign,
    require_role,
    scoped_get,
    search,
)
from clusterdesk.api.schemas import Id

from ..models import Project

__all__ = [
    "PROJECT_RELATED",
    "ProjectPartOut",
    "ReasonIn",
    "changeable_project",
    "part_filter",
    "part_writer",
    "project_response",
    "router",
    "set_part_project",
]

router = Router(tags=["projects"])

PROJECT_RELATED = ("region", "owner", "park", "cluster", "chain_segment", "industry")


# What belongs to a project: milestones, monthly reports, problems -------------------------------------------------

class ProjectPartOut(Schema):
    id: int
    project: int
    project_name: str

    @staticmethod
    def resolve_project(obj) -> int:
        return obj.project_id

    @staticmethod
    def resolve_project_name(obj) -> str:
        return obj.project.name


def set_part_project(refs: Refs, instance, data: dict) -> None:
    """The project of a new part; an existing part stays with its project."""
    if "project" not in data:
        return
    if instance.pk is not None:
        if data.pop("project") != instance.project_id:
            refs.error("project", "不能更改所属项目")
        return
    data["project"] = refs.scoped("project", Project, data["project"])


def part_filter(*search_fields: str, choices: tuple[str, ...] = ()):
    def apply(request, queryset, data: dict):
        if data.get("project"):
            queryset = queryset.filter(project_id=data["project"])
        for name in choices:
            if data.get(name):
                queryset = queryset.filter(**{name: data[name]})
        return search(queryset, data.get("q"), search_fields)

    return apply


def part_writer(create, update, keyword: str, check=None):
    """A writer for a project part: resolve the project, set fields, call the create or update service."""

    def write(request, instance, data: dict):
        refs = Refs(request)
        set_part_project(refs, instance, data)
        if check is not None:
            check(refs, instance, data)
        refs.check()
        assign(instance, data)
        service = create if instance.pk is None else update
        return service(**{keyword: instance, "actor": request.user})

    return write


class ReasonIn(Schema):
    reason: str


def changeable_project(request, id: Id) -> Project:
    project = scoped_get(request, Project.objects.select_related("owner"), pk=id)
    require_role(request.user, Project, "change")
    return project


def project_response(request, id: int):
    return Status(200, scoped_get(request, Project.objects.select_related(*PROJECT_RELATED), pk=id))
