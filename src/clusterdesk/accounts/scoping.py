"""The one scoping function: what a user may see or change.

Every page, API endpoint, export, search and report reads through `restrict(queryset, user, action)`.
A model is scoped by the lookup paths its app registered (`registry.register_scope`, in the app's
``scopes.py``, called from its ``AppConfig.ready``): where its region, its park and its enterprise are.
A model absent from the registry is visible to nobody but administrators, so a new model cannot leak by
being forgotten.
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import Q, QuerySet

from clusterdesk.common.registry import registry

from .roles import ScopeKind, role_allows

__all__ = [
    "SCOPE_PATHS",
    "ScopePaths",
    "can",
    "region_ids_in_scope",
    "region_ids_within_reach",
    "restrict",
    "role_permits",
    "scope_model",
]


@dataclass(frozen=True)
class ScopePaths:
    """Lookup paths from a model to the region, park and enterprise that scope it.

    ``None`` means the model cannot be reached from that kind of scope. ``public_view`` marks
    reference data every signed-in user may read. ``region_or_ancestor`` marks planning objects
    attached to a region (clusters and their chains): a user *sees* those of the regions they work in
    and of the regions above (a provincial cluster concerns a city), whatever the kind of their scope,
    and changes only those inside a region scope.
    """

    region: str | None
    park: str | None = None
    enterprise: str | None = None
    public_view: bool = False
    region_or_ancestor: bool = False


#: Scope paths by model label, as the apps registered them (``registry.register_scope`` in each ``scopes.py``).
SCOPE_PATHS: dict[str, ScopePaths] = registry.scopes


def scope_model(field_name: str) -> type[models.Model]:
    """The model a user's scope field points to (``scope_regions``: the region model, ``scope_parks``, …).

    The foundations reach the region, park and enterprise models through the user model's own relations,
    never by importing the apps that define them.
    """
    return get_user_model()._meta.get_field(field_name).related_model


def region_ids_in_scope(user) -> frozenset[int]:
    """IDs of the user's scope regions and all their descendants (cached on the user object)."""
    cached = getattr(user, "_cd_region_ids", None)
    if cached is not None:
        return cached
    region_model = scope_model("scope_regions")
    prefixes = [r.code_prefix for r in user.scope_regions.all()]
    ids: frozenset[int] = frozenset()
    if prefixes:
        query = Q()
        for prefix in prefixes:
            query |= Q(code__startswith=prefix)
        ids = frozenset(region_model.objects.filter(query).values_list("pk", flat=True))
    user._cd_region_ids = ids
    return ids


def _anchor_regions(user) -> list:
    """The regions a user works in: their scope regions, or the regions of their parks or enterprises."""
    region_model, park_model = scope_model("scope_regions"), scope_model("scope_parks")
    enterprise_model = scope_model("scope_enterprises")
    kind = user.scope_kind
    if kind == ScopeKind.PARKS:
        return list(region_model.objects.filter(pk__in=park_model.objects.filter(
            pk__in=user.scope_parks.values("pk")).values("region")))
    if kind == ScopeKind.ENTERPRISES:
        return list(region_model.objects.filter(pk__in=enterprise_model.objects.filter(
            pk__in=_enterprise_ids_in_scope(user)).values("region")))
    return list(user.scope_regions.all())


def _reach_region_ids(user) -> set[int]:
    """For park and enterprise scopes: the regions where the user may place or move what they write."""
    cached = getattr(user, "_cd_reach_ids", None)
    if cached is None:
        region_model = scope_model("scope_regions")
        query = Q()
        for region in _anchor_regions(user):
            query |= Q(code__startswith=region.code_prefix)
        cached = set(region_model.objects.filter(query).values_list("pk", flat=True)) if query else set()
        user._cd_reach_ids = cached
    return cached


def region_ids_within_reach(user) -> frozenset[int] | None:
    """The regions a user may pick on a form or a filter: their scope's regions and everything below (for a park
    or enterprise scope, the regions of those parks or enterprises). ``None`` means every region (administrators).
    """
    if user.is_administrator:
        return None
    if user.scope_kind == ScopeKind.REGIONS:
        return region_ids_in_scope(user)
    return frozenset(_reach_region_ids(user))


def _planning_region_ids(user) -> set[int]:
    """Regions whose clusters a user may see: where they work, below it and above it."""
    region_model = scope_model("scope_regions")
    anchors = _anchor_regions(user)
    query = Q(code__in={code for r in anchors for code in r.ancestor_codes})
    for region in anchors:
        query |= Q(code__startswith=region.code_prefix)
    return set(region_model.objects.filter(query).values_list("pk", flat=True)) if anchors else set()


def _enterprise_ids_in_scope(user) -> list[int]:
    enterprise_model = scope_model("scope_enterprises")
    assigned = enterprise_model.objects.filter(Q(pk__in=user.scope_enterprises.values("pk")) | Q(secretary=user))
    return list(assigned.values_list("pk", flat=True))


def _scope_filter(paths: ScopePaths, user, action: str) -> Q | None:
    """The Q that narrows rows to the user's scope; ``None`` means nothing is reachable."""
    kind = user.scope_kind
    if paths.region_or_ancestor and action == "view":
        return Q(**{f"{paths.region}__in": _planning_region_ids(user)})
    if kind == ScopeKind.REGIONS and paths.region:
        return Q(**{f"{paths.region}__in": region_ids_in_scope(user)})
    # A park or enterprise scope also bounds writes by region, so nothing can be moved to another district.
    within_reach = Q(**{f"{paths.region}__in": _reach_region_ids(user)}) if action != "view" and paths.region \
        else Q()
    if kind == ScopeKind.PARKS and paths.park:
        return Q(**{f"{paths.park}__in": user.scope_parks.values("pk")}) & within_reach
    if kind == ScopeKind.ENTERPRISES and paths.enterprise:
        return Q(**{f"{paths.enterprise}__in": _enterprise_ids_in_scope(user)}) & within_reach
    return None


def restrict(queryset: QuerySet, user, action: str = "view") -> QuerySet:
    """Narrow ``queryset`` to the rows ``user`` may perform ``action`` on.

    Anonymous or inactive users get nothing. Administrators get everything. Everyone else gets
    the rows their role allows for this action, inside their scope.
    """
    model = queryset.model
    label = model._meta.label_lower
    if user is None or not user.is_authenticated or not user.is_active:
        return queryset.none()
    if user.is_administrator:
        return queryset
    paths = SCOPE_PATHS.get(label)
    if paths is None:
        return queryset.none()
    if action == "view" and paths.public_view:
        return queryset
    if not role_allows(user.role, label, action):
        return queryset.none()
    condition = _scope_filter(paths, user, action)
    if condition is None:
        return queryset.none()
    if _crosses_many(model, condition):
        # A path through a to-many relation repeats rows; filter by primary key instead of joining.
        return queryset.filter(pk__in=model.objects.filter(condition).values("pk"))
    return queryset.filter(condition)


def _crosses_many(model, condition: Q) -> bool:
    """Whether any lookup in ``condition`` walks a one-to-many or many-to-many relation."""
    for child in condition.children:
        if isinstance(child, Q):
            if _crosses_many(model, child):
                return True
            continue
        current = model
        for name in child[0].split("__")[:-1]:
            if name == "pk":
                break
            field = current._meta.get_field(name)
            if field.one_to_many or field.many_to_many:
                return True
            current = field.related_model
    return False


def role_permits(user, model: type[models.Model] | str, action: str) -> bool:
    """Whether the user's role allows ``action`` on ``model`` at all (their scope then narrows the rows).

    ``model`` is a model class or its label (``"enterprises.enterprise"``), so that a view can ask about
    another app's model without importing it.
    """
    if user.is_administrator:
        return True
    label = model.lower() if isinstance(model, str) else model._meta.label_lower
    return role_allows(user.role, label, action)


def can(user, action: str, instance) -> bool:
    """Whether ``user`` may perform ``action`` on this saved object."""
    model = type(instance)
    return restrict(model.objects.filter(pk=instance.pk), user, action).exists()
