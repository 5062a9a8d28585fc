"""Log records as JSON lines (``CLUSTERDESK_LOG_FORMAT=json``), each with the request id of the change context.

A line carries ``time`` (UTC, ISO 8601), ``level``, ``logger`` and ``message``; inside a request or an opened change
context also ``request_id``; request logs add ``method``, ``path``, ``status``, ``duration_ms`` and ``user``; a
logged exception adds ``exception`` (its traceback as one string).
"""

import datetime as dt
import json
import logging

from clusterdesk.changelog.context import current_change_context

__all__ = ["REQUEST_FIELDS", "JsonLinesFormatter"]

#: Extra fields a request log passes (``logger.info(..., extra={...})``) and the formatter copies.
REQUEST_FIELDS = ("method", "path", "status", "duration_ms", "user")


class JsonLinesFormatter(logging.Formatter):
    """One JSON object a line; never raises on values it cannot serialise (they are written as text)."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, object] = {
            "time": dt.datetime.fromtimestamp(record.created, tz=dt.UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        request_id = getattr(record, "request_id", None)
        # Django's own request logs (django.request: 4xx and 5xx) pass the request and are written after the
        # middleware, once the change context is closed: its id is still on the request.
        ctx = getattr(getattr(record, "request", None), "change_context", None) or current_change_context()
        if request_id is None and ctx is not None:
            request_id = ctx.request_id
        if request_id is not None:
            line["request_id"] = str(request_id)
        for name in REQUEST_FIELDS:
            if (value := getattr(record, name, None)) is not None:
                line[name] = value
        if "status" not in line and (code := getattr(record, "status_code", None)) is not None:
            line["status"] = code
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        elif record.stack_info:
            line["stack"] = self.formatStack(record.stack_info)
        return json.dumps(line, ensure_ascii=False, default=str)
