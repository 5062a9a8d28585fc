"""Opens a change context for every web and API request."""

from .context import change_context

__all__ = ["ChangeContextMiddleware"]


class ChangeContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        source = "api" if request.path.startswith("/api/") else "web"
        # The API authenticates per request with a token, after middleware: the context reads the actor lazily.
        with change_context(actor=getattr(request, "user", None), source=source) as ctx:
            request.change_context = ctx
            return self.get_response(request)
