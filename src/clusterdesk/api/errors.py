"""Turning request-validation errors (pydantic's list) into the field → messages map every 422 uses; a busy
database into 503 with Retry-After."""

from clusterdesk.common.busy import busy_response, is_database_busy

__all__ = ["database_busy", "request_error_fields"]

# pydantic error type → message in Chinese; {name} is filled from the error's context.
MESSAGES = {
    "missing": "此字段为必填项。",
    "string_type": "请输入文本。",
    "string_too_long": "最多 {max_length} 个字符。",
    "string_too_short": "至少 {min_length} 个字符。",
    "int_parsing": "请输入整数。",
    "int_type": "请输入整数。",
    "int_from_float": "请输入整数。",
    "float_parsing": "请输入数字。",
    "decimal_parsing": "请输入数字。",
    "decimal_type": "请输入数字。",
    "bool_parsing": "请输入 true 或 false。",
    "bool_type": "请输入 true 或 false。",
    "date_parsing": "请输入日期，例如 2025-03-01。",
    "date_type": "请输入日期，例如 2025-03-01。",
    "date_from_datetime_parsing": "请输入日期，例如 2025-03-01。",
    "enum": "不是有效的选项，可选：{expected}。",
    "literal_error": "不是有效的选项，可选：{expected}。",
    "greater_than_equal": "不能小于 {ge}。",
    "greater_than": "必须大于 {gt}。",
    "less_than_equal": "不能大于 {le}。",
    "list_type": "请输入列表。",
    "json_invalid": "请求体不是有效的 JSON。",
    "model_attributes_type": "请求体应为 JSON 对象。",
    "dict_type": "请求体应为 JSON 对象。",
}
_WHERE = {"body", "query", "path", "header", "cookie", "form", "file"}


def _field(loc) -> str:
    parts = [str(p) for p in loc]
    if parts and parts[0] in _WHERE:
        where, parts = parts[0], parts[1:]
        # A body or query schema sits under its parameter name ("payload", "filters"): the field follows it.
        if where in ("body", "query") and len(parts) > 1:
            parts = parts[1:]
    return ".".join(parts) or "__all__"


def _message(error: dict) -> str:
    kind = error.get("type", "")
    if kind == "value_error":
        message = str(error.get("msg", ""))
        return message.removeprefix("Value error, ")
    template = MESSAGES.get(kind)
    if template is None:
        return str(error.get("msg", ""))
    context = {k: str(v).replace(" or ", ", ") for k, v in (error.get("ctx") or {}).items()}
    try:
        return template.format(**context)
    except (KeyError, IndexError):
        return str(error.get("msg", ""))


def request_error_fields(errors: list[dict]) -> dict[str, list[str]]:
    """Map pydantic errors to ``{"field": ["message", …]}`` (nested fields joined with dots).

    Examples
    --------
    >>> request_error_fields([{"type": "missing", "loc": ("body", "payload", "name"), "msg": "Field required"}])
    {'name': ['此字段为必填项。']}
    >>> request_error_fields([{"type": "value_error", "loc": ("body", "payload", "signed_date"),
    ...                        "msg": "Value error, 日期为空"}])
    {'signed_date': ['日期为空']}
    >>> request_error_fields([{"type": "enum", "loc": ("query", "filters", "level"), "msg": "Input should be …",
    ...                        "ctx": {"expected": "'national' or 'provincial'"}}])
    {'level': ["不是有效的选项，可选：'national', 'provincial'。"]}
    """
    fields: dict[str, list[str]] = {}
    for error in errors:
        fields.setdefault(_field(error.get("loc") or ()), []).append(_message(error))
    return fields


def database_busy(request, exc):
    """A write that could not get the database lock in time: 503 with Retry-After (JSON), never 500."""
    if not is_database_busy(exc):
        raise exc
    return busy_response(request)
