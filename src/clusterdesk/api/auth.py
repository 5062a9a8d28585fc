"""API authentication: `Authorization: Bearer <token>` (or `Token <token>`), or the browser session."""

from django.utils import timezone
from ninja.security import APIKeyHeader, SessionAuth

from clusterdesk.accounts.models import ApiToken

__all__ = ["TokenAuth", "api_auth"]


class TokenAuth(APIKeyHeader):
    param_name = "Authorization"

    def authenticate(self, request, key):
        if not key:
            return None
        scheme, _, value = key.partition(" ")
        if scheme.lower() not in ("bearer", "token") or not value:
            return None
        token = ApiToken.objects.select_related("user").filter(key_hash=ApiToken.hash_key(value.strip())).first()
        if token is None or not token.user.is_active:
            return None
        now = timezone.now()
        if token.expires and token.expires < now:
            return None
        ApiToken.objects.filter(pk=token.pk).update(last_used=now)
        request.user = token.user
        ctx = getattr(request, "change_context", None)
        if ctx is not None:
            object.__setattr__(ctx, "actor", token.user)
        return token.user


api_auth = [TokenAuth(), SessionAuth()]
