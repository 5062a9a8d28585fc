"""Writes for users and API tokens."""

import datetime

from django.db import transaction
from django.utils import timezone

from clusterdesk.changelog.models import ObjectChange
from clusterdesk.changelog.recording import record_change

from .actors import Actor
from .models import ApiToken, Unit, User
from .roles import Role
from .units import unit_find

__all__ = ["API_TOKEN_DAYS", "api_token_authenticate", "api_token_create", "api_token_revoke", "user_create",
           "user_update"]

API_TOKEN_DAYS = 365


@transaction.atomic
def user_create(*, username: str, password: str, role: str, actor: Actor | None = None, full_name: str = "",
                unit: "Unit | str | None" = None, regions=(), parks=(), enterprises=()) -> User:
    """Create a user with a role and a scope; administrators are also Django superusers."""
    if role not in Role.values:
        raise ValueError(f"unknown role {role!r}; choose one of {', '.join(Role.values)}")
    unit_name = unit if isinstance(unit, str) else ""
    if isinstance(unit, str):
        unit = unit_find(unit, region=next(iter(regions), None)) if unit.strip() else None
    user = User(username=username, role=role, full_name=full_name, unit=unit, unit_name=unit_name,
                is_superuser=role == Role.ADMIN, is_staff=role == Role.ADMIN)
    user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    user.scope_regions.set(regions)
    user.scope_parks.set(parks)
    user.scope_enterprises.set(enterprises)
    record_change(instance=user, action=ObjectChange.Action.CREATE, actor=actor)
    return user


@transaction.atomic
def user_update(*, user: User, actor: Actor, regions=None, parks=None, enterprises=None, password: str = "") -> User:
    """Change a user's details, role or scope (administrators only); a new password is set when given."""
    from clusterdesk.changelog.recording import snapshot

    if not actor.is_administrator:
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied("only administrators manage users")
    before = snapshot(User.objects.get(pk=user.pk))
    user.is_superuser = user.is_staff = user.role == Role.ADMIN
    if password:
        user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    for name, values in (("scope_regions", regions), ("scope_parks", parks), ("scope_enterprises", enterprises)):
        if values is not None:
            getattr(user, name).set(values)
    record_change(instance=user, action=ObjectChange.Action.UPDATE, actor=actor, before=before)
    return user


@transaction.atomic
def api_token_create(*, user: User, description: str = "", days: int | None = API_TOKEN_DAYS,
                     actor: Actor | None = None) -> tuple[ApiToken, str]:
    """Issue an API token (a year by default); returns the row and the key, which is stored only as a hash."""
    key = ApiToken.new_key()
    expires = timezone.now() + datetime.timedelta(days=days) if days else None
    token = ApiToken(user=user, description=description, prefix=key[:8], key_hash=ApiToken.hash_key(key),
                     expires=expires)
    token.save()
    record_change(instance=token, action=ObjectChange.Action.CREATE, actor=actor or user)
    return token, key


def api_token_authenticate(*, key: str) -> User | None:
    """The active user a live API token's key belongs to, or ``None``; the token's last use is stamped.

    The stamp is bookkeeping, not a change of the token: it is not recorded in the change log.
    """
    token = ApiToken.objects.select_related("user").filter(key_hash=ApiToken.hash_key(key)).first()
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.expires and token.expires < now:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used=now)
    return token.user


@transaction.atomic
def api_token_revoke(*, token: ApiToken, actor: Actor) -> None:
    """Withdraw a token; only its owner or an administrator may."""
    from django.core.exceptions import PermissionDenied

    if token.user_id != actor.pk and not actor.is_administrator:
        raise PermissionDenied("not your token")
    from clusterdesk.changelog.recording import snapshot

    before = snapshot(token)
    pk = token.pk
    token.delete()
    token.pk = pk
    record_change(instance=token, action=ObjectChange.Action.DELETE, actor=actor, before=before)
