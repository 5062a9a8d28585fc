"""The pages an enterprise's own user (企业用户) may open; every other page answers 403 for them.

Scoping (`clusterdesk.accounts.scoping.restrict`) already narrows every query to the one enterprise the user is
bound to and the models their role is granted. This middleware adds the second half of "and nothing else": the
officers' boards (projects, parks, chains, monitoring, dashboards of the region) are not shown to them even empty.
The REST API needs no list: its rows come through `restrict` alone.
"""

from django.core.exceptions import PermissionDenied

from clusterdesk.accounts.roles import Role

__all__ = ["ENTERPRISE_PAGES", "ENTERPRISE_PREFIXES", "EnterprisePagesMiddleware", "enterprise_may_open"]

#: Named pages (``namespace:name``) the enterprise role may open.
ENTERPRISE_PAGES = frozenset({
    "web:dashboard", "web:login", "web:logout", "web:profile", "web:token_create", "web:token_revoke",
    "enterprise_service:my_enterprise", "enterprise_service:figure_add",
    "enterprise_service:appeal_list", "enterprise_service:appeal_add", "enterprise_service:appeal_detail",
    "enterprises:enterprise_detail",
    "evaluation:sheet_detail", "evaluation:sheet_action",
    "set_language", "javascript-catalog", "healthz",
})
#: Path prefixes outside the named pages: the scoped REST API and static files.
ENTERPRISE_PREFIXES = ("/api/", "/static/")


def enterprise_may_open(view_name: str, path: str) -> bool:
    """Whether the enterprise role may open this page (its full view name, or its path for the API)."""
    return view_name in ENTERPRISE_PAGES or path.startswith(ENTERPRISE_PREFIXES)


class EnterprisePagesMiddleware:
    """Answer 403 to an enterprise user on any page outside `ENTERPRISE_PAGES`."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or user.role != Role.ENTERPRISE or user.is_administrator:
            return
        match = request.resolver_match
        if not enterprise_may_open(match.view_name if match else "", request.path_info):
            raise PermissionDenied
        return
