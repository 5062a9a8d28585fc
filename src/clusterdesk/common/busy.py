"""A write that could not get the database in time answers 503 with Retry-After, never 500 (a middleware).

On SQLite one connection writes at a time; the others wait for it up to the connection's timeout (the
``timeout`` option of the database settings, `CLUSTERDESK_SQLITE_TIMEOUT`). Past it SQLite says "database is
locked": the request is refused as temporarily unavailable, with a page in Chinese (or JSON under /api/) and a
Retry-After header, so that a client retries instead of reporting a server fault. On PostgreSQL the same holds
for a lock that could not be taken (SQLSTATE 55P03).

`DatabaseBusyMiddleware` turns such an error raised by a view into that answer; `server_error` (the site's
``handler500``) does the same for one raised by a middleware (saving the session), and otherwise answers as
Django's own 500 view.
"""

import sys

from django.db import OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader
from django.views import defaults

__all__ = ["RETRY_AFTER", "DatabaseBusyMiddleware", "busy_response", "is_database_busy", "server_error"]

RETRY_AFTER = 5  # seconds
MESSAGE = "数据库正忙，请稍后重试 / the database is busy, please try again shortly"
_BUSY = ("database is locked", "database is busy", "database table is locked")


def is_database_busy(exc: BaseException | None) -> bool:
    """Whether ``exc`` says the database's lock could not be had in time.

    >>> is_database_busy(OperationalError("database is locked"))
    True
    >>> is_database_busy(OperationalError("no such table: x"))
    False
    """
    if not isinstance(exc, OperationalError):
        return False
    cause = exc.__cause__
    if getattr(cause, "sqlstate", None) == "55P03":  # PostgreSQL: lock_not_available
        return True
    return any(text in str(exc).lower() for text in _BUSY)


def busy_response(request: HttpRequest) -> HttpResponse:
    """503 with Retry-After: JSON for the API, a page in Chinese otherwise."""
    response: HttpResponse
    if request.path.startswith("/api/"):
        response = JsonResponse({"detail": MESSAGE}, status=503)
    else:
        response = HttpResponse(loader.render_to_string("common/busy.html", {"retry_after": RETRY_AFTER}),
                                status=503)
    response["Retry-After"] = str(RETRY_AFTER)
    return response


class DatabaseBusyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        return busy_response(request) if is_database_busy(exception) else None


def server_error(request: HttpRequest, template_name: str = defaults.ERROR_500_TEMPLATE_NAME) -> HttpResponse:
    """The site's 500 view, except for a busy database (raised by a middleware): 503 with Retry-After."""
    if is_database_busy(sys.exc_info()[1]):
        return busy_response(request)
    return defaults.server_error(request, template_name)
