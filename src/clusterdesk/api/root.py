"""The REST API: one router per domain app, token authentication, the OpenAPI schema at /api/openapi.json."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import OperationalError
from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import ValidationError as RequestValidationError

from clusterdesk.common.workflow import ActionNotAllowed
from clusterdesk.core.exceptions import CoreError

from .auth import api_auth
from .contract import JsonObjectParser, declare_error_responses
from .errors import database_busy, request_error_fields

__all__ = ["api"]

api = NinjaAPI(
    title="clusterdesk API",
    version="1.0",
    description="Clusters, parks, enterprises and projects. Every endpoint shows only what the token's user may see.",
    auth=api_auth,
    urls_namespace="api",
    parser=JsonObjectParser(),
)


@api.exception_handler(ValidationError)
def validation_error(request, exc: ValidationError):
    detail = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    return api.create_response(request, {"detail": detail}, status=422)


@api.exception_handler(RequestValidationError)
def request_validation_error(request, exc: RequestValidationError):
    """Malformed input (a missing field, a bad date or number, an unknown choice): field → messages, as above."""
    return api.create_response(request, {"detail": request_error_fields(exc.errors)}, status=422)


@api.exception_handler(CoreError)
def core_error(request, exc: CoreError):
    return api.create_response(request, {"detail": {"__all__": [str(exc)]}}, status=422)


@api.exception_handler(PermissionDenied)
def permission_denied(request, exc):
    # A refused workflow step says why (a filer may not handle their own case); other refusals stay terse.
    detail = str(exc) if isinstance(exc, ActionNotAllowed) else "permission denied"
    return api.create_response(request, {"detail": detail}, status=403)


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, {"detail": "not found"}, status=404)


api.add_exception_handler(OperationalError, database_busy)


def _register_routers() -> None:
    from clusterdesk.api import routers

    for prefix, router in routers.ROUTERS:
        api.add_router(prefix, router)
    declare_error_responses(api, routers.ROUTERS)


_register_routers()
