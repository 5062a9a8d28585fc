"""Writes for users, API tokens and units."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _

from clusterdesk.changelog.models import ObjectChange
from clusterdesk.changelog.recording import record_change

from .actors import Actor
from .models import ApiToken, Unit, User
from .roles import SINGLE_ENTERPRISE_ROLES, Role
from .units import unit_find

__all__ = ["API_TOKEN_DAYS", "UnitMatchReport", "api_token_authenticate", "api_token_create", "api_token_revoke",
           "unit_create", "unit_delete", "unit_update", "units_match_free_text", "units_seed_standard", "user_create",
           "user_update"]

API_TOKEN_DAYS = 365


def _check_enterprise_scope(role: str, enterprises) -> None:
    """An enterprise user (企业用户) is bound to exactly one enterprise: refuse any other number when a scope is given.

    ``enterprises`` is ``None`` when the caller does not set the scope (the users sheet of an import creates the
    account; its scopes sheet binds it): such an account sees nothing until it is bound.
    """
    if role not in SINGLE_ENTERPRISE_ROLES or enterprises is None:
        return
    if len({getattr(e, "pk", e) for e in enterprises}) != 1:
        raise ValidationError({"scope_enterprises": _("An enterprise user is bound to exactly one enterprise.")})


@transaction.atomic
def user_create(*, username: str, password: str, role: str, actor: Actor | None = None, full_name: str = "",
                unit: "Unit | str | None" = None, regions=(), parks=(), enterprises=None) -> User:
    """Create a user with a role and a scope; administrators are also Django superusers.

    An enterprise user must be given exactly one enterprise, unless no enterprise scope is given at all (see
    `_check_enterprise_scope`).
    """
    if role not in Role.values:
        raise ValueError(f"unknown role {role!r}; choose one of {', '.join(Role.values)}")
    _check_enterprise_scope(role, enterprises)
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
    user.scope_enterprises.set(enterprises or ())
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
    _check_enterprise_scope(user.role, enterprises if enterprises is not None
                            else user.scope_enterprises.all() if user.scope_enterprises.count() > 1 else None)
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


# ---------------------------------------------------------------------------------------------------------- units


def _check_unit(unit: Unit) -> None:
    """A unit's parent is not itself nor below it, and the unit's region lies within its parent's region."""
    from clusterdesk.core.codes.region import region_prefix

    if unit.parent_id is None:
        return
    seen: set[int] = set()
    current: int | None = unit.parent_id
    while current is not None:  # the stored chain of parents above the new parent
        if current == unit.pk or current in seen:
            raise ValidationError({"parent": "上级单位不能是本单位或其下级单位 / the parent unit cannot be the unit "
                                             "itself or one below it"})
        seen.add(current)
        current = Unit.objects.filter(pk=current).values_list("parent_id", flat=True).first()
    if unit.region_id and not unit.region.code.startswith(region_prefix(unit.parent.region.code)):
        raise ValidationError({"region": f"所属地区须在上级单位“{unit.parent}”的地区（{unit.parent.region}）之内 / "
                                         f"the region must lie within the parent unit's region"})


def unit_create(*, unit: Unit, actor: Actor | None) -> Unit:
    """Create a unit inside the actor's scope (province and city officers: their regions; administrators: any;
    ``None``: a system job, such as a loader)."""
    from clusterdesk.common.services import object_create

    _check_unit(unit)
    if actor is None:
        with transaction.atomic():
            unit.full_clean()
            unit.save()
            record_change(instance=unit, action=ObjectChange.Action.CREATE, actor=None)
        return unit
    return object_create(instance=unit, actor=actor)


def unit_update(*, unit: Unit, actor: Actor) -> Unit:
    """Save a unit's changes; a parent may not lie below the unit, and the unit stays within its parent's region."""
    from clusterdesk.common.services import object_update

    _check_unit(unit)
    return object_update(instance=unit, actor=actor)


def unit_delete(*, unit: Unit, actor: Actor) -> None:
    """Delete a unit without sub-units; its members and the work routed to it lose the link (recorded).

    A unit that still has sub-units is refused: move or delete them first, or mark the unit inactive.
    """
    from clusterdesk.common.services import object_delete

    try:
        object_delete(instance=unit, actor=actor)
    except ProtectedError:
        raise ValidationError("该单位还有下级单位，不能删除；可改为停用 / the unit still has sub-units: deactivate it "
                              "instead") from None


@transaction.atomic
def units_seed_standard(*, region: Any, actor: Actor | None, parks: bool = True) -> list[Unit]:
    """Create the standard offices of a city and its counties, of one county, or of every city of a province, with
    each county office under its city's, and a management committee (管委会) under the government of each park's
    region for the parks of the region.

    Offices already on record (same region and name) are kept as they are, so a second run adds only what is
    missing. The units are written in bulk, each recorded in the change log; an actor must be allowed to add
    every one of them (``None``: a system job such as the demo build). Returns the units created.
    """
    from django.core.exceptions import PermissionDenied

    from clusterdesk.changelog.recording import Change, record_changes
    from clusterdesk.core.codes.region import region_prefix
    from clusterdesk.core.routing import park_committee, standard_units

    region_model = Unit._meta.get_field("region").related_model
    park_model = Unit._meta.get_field("park").related_model
    if region.level == "province":
        cities = list(region_model.objects.filter(parent=region, level="city"))
    elif region.level == "city":
        cities = [region]
    else:
        cities = []
    counties = list(region_model.objects.filter(parent__in=cities, level="county")) if cities else [region]
    places = [*cities, *counties]
    region_ids = {p.pk for p in places}
    if region.level == "county" and region.parent_id:
        region_ids.add(region.parent_id)
    stored = {(u.region_id, u.name): u for u in Unit.objects.filter(region_id__in=region_ids)}
    created: list[Unit] = []

    def write(units: list[Unit]) -> None:
        new = [u for u in units if (u.region_id, u.name) not in stored]
        for unit in Unit.objects.bulk_create(new):
            stored[(unit.region_id, unit.name)] = unit
            created.append(unit)

    def offices(place: Any, level: str) -> list[tuple[str, Unit]]:
        return [(o.key, Unit(name=o.name, short_name=o.short_name, kind=o.kind, region=place,
                             aliases="\n".join(o.aliases))) for o in standard_units(place.name, level)]

    city_offices = {}
    for city in cities if cities else ([region.parent] if region.parent_id else []):
        for key, unit in offices(city, "city"):
            city_offices[(city.pk, key)] = unit
    if cities:
        write(list(city_offices.values()))
    city_offices = {k: stored.get((u.region_id, u.name)) for k, u in city_offices.items()}
    county_units = []
    for county in counties:
        for key, unit in offices(county, "county"):
            unit.parent = city_offices.get((county.parent_id, key))
            county_units.append(unit)
    write(county_units)
    if parks:
        governments = {u.region_id: u for u in stored.values() if u.kind == "government"}
        committees = []
        for park in park_model.objects.filter(region__code__startswith=region_prefix(region.code)):
            office = park_committee(park.name, park.short_name)
            committees.append(Unit(name=office.name, short_name=office.short_name[:50], kind=office.kind,
                                   region_id=park.region_id, park=park, parent=governments.get(park.region_id),
                                   aliases="\n".join(office.aliases)))
        write(committees)
    if actor is not None and created:
        allowed = Unit.objects.filter(pk__in=[u.pk for u in created]).restrict(actor, "add").count()
        if allowed != len(created):
            raise PermissionDenied("some of these units lie outside your scope")
    record_changes([Change(u, ObjectChange.Action.CREATE) for u in created], actor=actor)
    return created


@dataclass
class UnitMatchReport:
    """What `units_match_free_text` did (or would do): matched rows per model label, and the unmatched rows."""

    matched: dict[str, int] = field(default_factory=dict)
    unmatched: list = field(default_factory=list)
    dry_run: bool = False

    @property
    def total_matched(self) -> int:
        return sum(self.matched.values())


def _link_units(label: str, unit_field: str, by_unit: dict[int, list[int]], actor: Actor | None) -> None:
    from django.apps import apps

    from clusterdesk.changelog.recording import Change, record_changes, snapshots

    model = apps.get_model(label)
    for unit_id, pks in by_unit.items():
        for start in range(0, len(pks), 500):
            chunk = pks[start:start + 500]
            rows = list(model._default_manager.filter(pk__in=chunk).order_by("pk"))
            before = snapshots(rows)
            model._default_manager.filter(pk__in=chunk).update(**{unit_field: unit_id})
            fresh = list(model._default_manager.filter(pk__in=chunk).order_by("pk"))
            record_changes([Change(obj, ObjectChange.Action.UPDATE, state)
                            for obj, state in zip(fresh, before, strict=True)], actor=actor)


@transaction.atomic
def units_match_free_text(*, dry_run: bool = False, actor: Actor | None, sources: Iterable[str] | None = None
                          ) -> UnitMatchReport:
    """Link every row whose old free-text owner names a unit, and every user whose typed unit does, to that unit.

    Each row is matched nearest to its own region (`accounts.matching.match_free_text`; the rule is the core's);
    matched rows are updated in bulk and each change is recorded in the change log. Rows already linked are left
    alone. ``dry_run`` writes nothing. Returns the matched counts per model and the unmatched rows.
    """
    from django.apps import apps

    from .matching import SOURCES, USERS, match_free_text

    chosen = tuple(s for s in SOURCES if sources is None or s.model in sources)
    plan = match_free_text(apps, sources=chosen, users=sources is None or USERS.model in sources)
    if not dry_run:
        fields = {s.model: s.unit for s in (*chosen, USERS)}
        for label, by_unit in plan.matched.items():
            _link_units(label, fields[label], by_unit, actor)
    return UnitMatchReport(matched=plan.counts(), unmatched=plan.unmatched, dry_run=dry_run)
