"""Answer headers every page and API call needs, and one log line per request.

- ``SecurityHeadersMiddleware``: a strict Content-Security-Policy (``settings.CLUSTERDESK_CSP``, whose ``{nonce}`` is
  a fresh value per request, available to templates as ``request.csp_nonce``), ``Cache-Control: private, no-store``
  on every answer to a signed-in user (pages and API; static files are answered before this runs, by WhiteNoise),
  and the request id of the change context as ``X-Request-ID``.
- ``RequestLogMiddleware``: logs method, path, status, duration and user to ``clusterdesk.request`` at INFO (shown
  with ``CLUSTERDESK_LOG_FORMAT=json``) with the request id of the request's change context.
"""

import logging
import secrets
import time

from django.conf import settings
from django.utils.cache import patch_cache_control

__all__ = ["RequestLogMiddleware", "SecurityHeadersMiddleware"]

request_log = logging.getLogger("clusterdesk.request")


def _signed_in_user(request):
    """The authenticated user of the request (session or API token), or None; never loads a session not sent."""
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = settings.CLUSTERDESK_CSP

    def __call__(self, request):
        request.csp_nonce = nonce = secrets.token_urlsafe(18)
        response = self.get_response(request)
        # DEBUG's error pages (Django's technical 404 and 500) are built with inline scripts and styles.
        debug_page = settings.DEBUG and response.status_code in (404, 500)
        if self.policy and not debug_page and "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = self.policy.format(nonce=nonce)
        if _signed_in_user(request) is not None:
            patch_cache_control(response, private=True, no_store=True)
        if (ctx := getattr(request, "change_context", None)) is not None:
            response.setdefault("X-Request-ID", str(ctx.request_id))
        return response


class RequestLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request_log.isEnabledFor(logging.INFO):
            return self.get_response(request)
        started = time.perf_counter()
        response = self.get_response(request)
        user = _signed_in_user(request)
        ctx = getattr(request, "change_context", None)
        request_log.info("%s %s %s", request.method, request.path, response.status_code, extra={
            "request_id": ctx.request_id if ctx is not None else None, "method": request.method,
            "path": request.path, "status": response.status_code,
            "duration_ms": round((time.perf_counter() - started) * 1000, 1),
            "user": user.get_username() if user is not None else None})
        return response
