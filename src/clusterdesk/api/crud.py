"""Scoped CRUD endpoints from a few lines of configuration, and the helpers the domain routers share.

Every read goes through ``Model.objects.restrict(user, "view")``, so an object outside the user's scope is
a 404. Writes check the role first (403), then call the app's service, which validates (422), checks the
scope of the result (403) and records the change log.
"""

import re
from collections.abc import Callable, Iterable
from copy import copy
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, QueryDict
from ninja import Body, Field, Query, Router, Schema, Status
from ninja.pagination import PageNumberPagination, paginate
from pydantic import create_model
from pydantic_core import PydanticUndefined

from clusterdesk.accounts.scoping import role_permits
from clusterdesk.core.codes.industry import normalize_industry_code
from clusterdesk.core.codes.uscc import normalize_uscc
from clusterdesk.core.exceptions import CoreError
from clusterdesk.industry.selectors import industry_code_by_code
from clusterdesk.regions.selectors import region_by_code, region_subtree

from .schemas import ErrorOut, Id

__all__ = [
    "MAX_PAGE",
    "MAX_PAGE_SIZE",
    "PAGE_SIZE",
    "Crud",
    "Pages",
    "Refs",
    "assign",
    "filterset_filter",
    "paginated",
    "partial",
    "register_crud",
    "require_role",
    "scoped_get",
    "search",
]

PAGE_SIZE = 50
MAX_PAGE_SIZE = 500
#: Far beyond any list (a million pages of 500), and small enough that the offset stays inside SQL's 64 bits.
MAX_PAGE = 1_000_000

WRITE_ERRORS = {403: ErrorOut, 404: ErrorOut, 422: ErrorOut}


class Pages(PageNumberPagination):
    """Page-number pagination with both numbers bounded in the schema (a larger page size is capped)."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=MAX_PAGE)
        page_size: int | None = Field(None, ge=1, le=MAX_PAGE, description=f"capped at {MAX_PAGE_SIZE}")

    def __init__(self, page_size: int = PAGE_SIZE, max_page_size: int = MAX_PAGE_SIZE, **kwargs: Any) -> None:
        super().__init__(page_size=page_size, max_page_size=max_page_size, **kwargs)


def paginated(view: Callable) -> Callable:
    """Paginate a list operation with `Pages` (``?page=&page_size=``); every list of the API uses it."""
    return paginate(Pages)(view)


def _unset() -> None:
    return None


def partial(schema: type[Schema]) -> Any:
    """The body of a PATCH: any of ``schema``'s fields, each with its own type.

    Unlike ninja's ``PatchDict``, a field that may not be empty stays non-nullable (``{"project": null}`` is a
    422, not a ``None`` written to a required foreign key). The body arrives as a dict of the fields sent.
    """
    fields = {}
    for name, info in schema.model_fields.items():
        # Same type and constraints; a default factory makes it optional without a ``"default": null``.
        optional = copy(info)
        optional.default, optional.default_factory = PydanticUndefined, _unset
        fields[name] = (info.annotation, optional)
    model = create_model(f"{schema.__name__}Patch", __base__=Schema, **fields)
    model.__pydantic_patch_of__ = schema
    return Body[model]

Writer = Callable[[HttpRequest, models.Model, dict], models.Model]
Filter = Callable[[HttpRequest, QuerySet, dict], QuerySet]


def require_role(user, model: type[models.Model], action: str) -> None:
    """Refuse (403) an action the user's role does not allow on this kind of object at all."""
    if not role_permits(user, model, action):
        raise PermissionDenied("your role may not do this")


def scoped_get(request: HttpRequest, queryset: QuerySet, **lookup) -> models.Model:
    """One object the user may see, or 404 (an object outside the scope does not exist for them)."""
    obj = queryset.restrict(request.user, "view").filter(**lookup).first()
    if obj is None:
        raise Http404
    return obj


def search(queryset: QuerySet, text: str | None, fields: Iterable[str]) -> QuerySet:
    """Rows where any of ``fields`` contains ``text`` (case-insensitive)."""
    text = (text or "").strip()
    if not text:
        return queryset
    query = Q()
    for name in fields:
        query |= Q(**{f"{name}__icontains": text})
    return queryset.filter(query)


def _query_value(value) -> str:
    return str(value.value if isinstance(value, Enum) else value)


def filterset_filter(filterset_class, *, region_path: str | None = "region") -> Filter:
    """Filter a list with the app's django-filter FilterSet, as the pages do.

    ``region`` is a GB/T 2260 code of any level and selects the whole subtree; other values go to the
    FilterSet, whose form errors become a 422.
    """

    def apply(request: HttpRequest, queryset: QuerySet, data: dict) -> QuerySet:
        data = dict(data)
        region = data.pop("region", None)
        if region_path and region:
            queryset = queryset.filter(**{f"{region_path}__in": Refs(request).region_subtree("region", region)})
        params = QueryDict(mutable=True)
        for name, value in data.items():
            if isinstance(value, list | tuple):
                params.setlist(name, [_query_value(v) for v in value])
            else:
                params[name] = _query_value(value)
        filterset = filterset_class(params, queryset=queryset, request=request)
        if not filterset.is_valid():
            raise ValidationError({name: list(errors) for name, errors in filterset.errors.items()})
        return filterset.qs

    return apply


def assign(instance: models.Model, data: dict) -> None:
    """Set plain field values on an unsaved change (enum members become their values)."""
    for name, value in data.items():
        setattr(instance, name, value.value if isinstance(value, Enum) else value)


class Refs:
    """Resolves the natural keys users write (region and industry codes, credit codes, ids) into objects.

    Errors are collected per field; `check` raises them together as one 422. Objects of scoped models are
    looked up among those the user may see, so an unseen object reads as "not found" whether or not it exists.
    """

    NOT_FOUND = "未找到或无权查看：{value}"

    def __init__(self, request: HttpRequest):
        self.user = request.user
        self.errors: dict[str, list[str]] = {}

    def error(self, field_name: str, message: str) -> None:
        self.errors.setdefault(field_name, []).append(message)

    def check(self) -> None:
        if self.errors:
            raise ValidationError(self.errors)

    def region(self, field_name: str, code: str | None):
        if code in (None, ""):
            return None
        code = str(code).strip()
        # only six digits can be a GB/T 2260 code (and PostgreSQL refuses a NUL character in a query's text)
        region = region_by_code(code) if re.fullmatch(r"[0-9]{6}", code) else None
        if region is None:
            self.error(field_name, f"行政区划代码不存在：{code}")
        return region

    def region_subtree(self, field_name: str, code: str) -> QuerySet:
        """The region and everything below it, for filters; an unknown code is a 422 at once."""
        region = self.region(field_name, code)
        self.check()
        return region_subtree(region).values("pk")

    def industry(self, field_name: str, code: str | None):
        if code in (None, ""):
            return None
        try:
            normalized = normalize_industry_code(str(code))
        except CoreError as exc:
            self.error(field_name, str(exc))
            return None
        industry = industry_code_by_code(normalized)
        if industry is None:
            self.error(field_name, f"行业代码不存在：{code}")
        return industry

    def industries(self, field_name: str, codes: Iterable[str] | None) -> list:
        found = [self.industry(field_name, code) for code in codes or []]
        return [i for i in found if i is not None]

    def scoped(self, field_name: str, model: type[models.Model] | QuerySet, value, lookup: str = "pk"):
        """An object of a scoped model that the user may see, by id or another unique field.

        ``model`` is a model of the caller's own app, or a queryset another app's selector gave for this
        user (already narrowed to what they may see).
        """
        if value in (None, ""):
            return None
        if lookup == "uscc":
            value = normalize_uscc(str(value))
        visible = model if isinstance(model, QuerySet) else model.objects.restrict(self.user, "view")
        obj = visible.filter(**{lookup: value}).first()
        if obj is None:
            self.error(field_name, self.NOT_FOUND.format(value=value))
        return obj

    def scoped_many(self, field_name: str, model: type[models.Model] | QuerySet, values: Iterable | None) -> list:
        found = [self.scoped(field_name, model, value) for value in values or []]
        return [obj for obj in found if obj is not None]


@dataclass(frozen=True)
class Crud:
    """The configuration of one collection: ``/<path>/`` and ``/<path>/{id}``.

    ``write(request, instance, data)`` resolves natural keys, sets the fields and calls the app's create
    service (``instance.pk is None``) or update service; ``delete(instance, actor)`` calls the delete
    service. Leave them out for a read-only collection.
    """

    model: type[models.Model]
    path: str
    out: type[Schema]
    filters: type[Schema]
    filter: Filter
    payload: type[Schema] | None = None
    write: Writer | None = None
    delete: Callable[[models.Model, object], None] | None = None
    select_related: tuple[str, ...] = ()
    prefetch_related: tuple[str, ...] = ()
    name: str = field(default="")

    def queryset(self) -> QuerySet:
        return self.model.objects.select_related(*self.select_related).prefetch_related(*self.prefetch_related)

    @property
    def op(self) -> str:
        return self.name or self.model._meta.model_name


def register_crud(router: Router, spec: Crud) -> None:
    """Add list, detail and, when configured, create, replace (PUT), update (PATCH) and delete operations."""
    collection, item = f"/{spec.path}/", f"/{spec.path}/{{id}}"
    verbose = spec.path.replace("-", " ")
    Out, Filters = spec.out, spec.filters  # noqa: N806 - used as annotations below

    @paginated
    def list_view(request, filters: Query[Filters]):
        queryset = spec.queryset().restrict(request.user, "view")
        return spec.filter(request, queryset, filters.dict(exclude_none=True))

    def detail_view(request, id: Id):
        return scoped_get(request, spec.queryset(), pk=id)

    router.get(collection, response=list[Out], operation_id=f"{spec.op}_list", url_name=f"{spec.op}_list",
               summary=f"List {verbose}")(list_view)
    router.get(item, response={200: Out, 404: ErrorOut}, operation_id=f"{spec.op}_read",
               url_name=f"{spec.op}_detail", summary=f"Read one of the {verbose}")(detail_view)

    if spec.write is not None:
        Payload = spec.payload  # noqa: N806

        def create_view(request, payload: Payload):
            require_role(request.user, spec.model, "add")
            obj = spec.write(request, spec.model(), payload.model_dump())
            return Status(201, scoped_get(request, spec.queryset(), pk=obj.pk))

        def _update(request, id: int, data: dict):
            obj = scoped_get(request, spec.model.objects.all(), pk=id)
            require_role(request.user, spec.model, "change")
            obj = spec.write(request, obj, data)
            return Status(200, scoped_get(request, spec.queryset(), pk=obj.pk))

        Patch = partial(Payload)  # noqa: N806

        def replace_view(request, id: Id, payload: Payload):
            return _update(request, id, payload.model_dump())

        def update_view(request, id: Id, payload: Patch):
            return _update(request, id, payload.model_dump(exclude_unset=True))

        router.post(collection, response={201: Out, **WRITE_ERRORS}, operation_id=f"{spec.op}_create",
                    url_name=f"{spec.op}_create", summary=f"Create one of the {verbose}")(create_view)
        router.put(item, response={200: Out, **WRITE_ERRORS}, operation_id=f"{spec.op}_replace",
                   summary="Replace every writable field")(replace_view)
        router.patch(item, response={200: Out, **WRITE_ERRORS}, operation_id=f"{spec.op}_update",
                     summary="Change the fields given")(update_view)

    if spec.delete is not None:

        def delete_view(request, id: Id):
            obj = scoped_get(request, spec.model.objects.all(), pk=id)
            require_role(request.user, spec.model, "delete")
            spec.delete(obj, request.user)
            return Status(204, None)

        router.delete(item, response={204: None, 403: ErrorOut, 404: ErrorOut}, operation_id=f"{spec.op}_delete",
                      summary=f"Delete one of the {verbose}")(delete_view)
