"""API authentication: `Authorization: Bearer <token>` (or `Token <token>`), or the browser session."""

from ninja.security import APIKeyHeader, SessionAuth

from clusterdesk.accounts.services import api_token_authenticate

__all__ = ["TokenAuth", "api_auth"]


class TokenAuth(APIKeyHeader):
    param_name = "Authorization"

    def authenticate(self, request, key):
        if not key:
            return None
        scheme, _, value = key.partition(" ")
        if scheme.lower() not in ("bearer", "token") or not value:
            return None
        user = api_token_authenticate(key=value.strip())
        if user is None:
            return None
        request.user = user
        ctx = getattr(request, "change_context", None)
        if ctx is not None:
            object.__setattr__(ctx, "actor", user)
        return user


api_auth = [TokenAuth(), SessionAuth()]
