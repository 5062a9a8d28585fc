"""What every operation of the API promises in its schema and keeps: JSON bodies are objects, and each error
response an operation can give is declared, with the error body of `schemas.ErrorOut`.

The errors come from a few places shared by all routers (authentication, request validation, the exception
handlers in `root`), so they are declared here once for every operation, from what the operation takes:

* 401 — the operation needs a signed-in user (all but the schema itself);
* 400 — it takes a JSON body that may be malformed or not an object;
* 422 — it takes parameters or a body that may be invalid, or its service refuses with a reason;
* 404 — its path names an object (``{id}``, ``{code}``, ``{key}``), which may not exist for this user;
* 403 — it writes, and the user's role or scope may not allow it.
"""

from typing import Any

from django.http import HttpRequest
from ninja import NinjaAPI
from ninja.constants import NOT_SET
from ninja.parser import Parser

from .schemas import ErrorOut

__all__ = ["JsonObjectParser", "declare_error_responses"]


class JsonObjectParser(Parser):
    """Request bodies are JSON objects: an array, a number or ``null`` is refused (400) before validation.

    A ninja schema otherwise reads any value's attributes, so ``[null, null]`` passed as an empty PATCH.
    """

    def parse_body(self, request: HttpRequest) -> dict[str, Any]:
        data = super().parse_body(request)
        if not isinstance(data, dict):
            raise ValueError("the request body must be a JSON object")
        return data


def _errors_of(operation) -> list[int]:
    sources = {model.__ninja_param_source__ for model in operation.models}
    writes = bool(set(operation.methods) - {"GET", "HEAD", "OPTIONS"})
    codes = []
    if operation.auth_param is NOT_SET or operation.auth_param:
        codes.append(401)
    if "body" in sources:
        codes.append(400)
    if sources or writes:
        codes.append(422)
    if "{" in operation.path:
        codes.append(404)
    if writes:
        codes += [403, 503]  # 503: the database stayed busy past its timeout (SQLite during an import)
    return codes


def declare_error_responses(api: NinjaAPI, routers) -> None:
    """Add the error responses each operation of ``routers`` can give to its declared responses.

    Call it once, after the routers are added and before the URLs are built (the operations are copied then).
    A response an operation declares itself is kept.
    """
    for _prefix, router in routers:
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                for code in _errors_of(operation):
                    if code not in operation.response_models:
                        operation.response_models[code] = operation._create_response_model(ErrorOut)
