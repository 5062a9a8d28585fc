"""Review of what is filed (填报 → 审核 → 上报) for the apps whose monthly filings are reviewed before they count.

The workflow, the levels and the deadlines are `clusterdesk.core.review`'s; this module gives the apps what they
share: the state fields (`ReviewedModel`), the rules in force (``settings.CLUSTERDESK["REVIEW"]``), the filter of
the rows that count (`counted`), who stands how to a filing (`review_relations`) and the one step that moves a
filing (`review_step`), checked by the workflow engine and recorded in the change log.

``CLUSTERDESK["REVIEW"]``, for example ``{"REQUIRED": True, "REVIEWERS": {"park": "city"}, "FILE_DAY": 5,
"REVIEW_DAY": 8, "REPORT_DAY": 10}``: whether filings are reviewed at all (off: a filing is accepted as filed),
which level reviews each filer level (``enterprise``, ``park``, ``county``, ``city``, ``province``; default the
level above), and the deadlines as days of the following month (filing by default ``REPORT_DUE_DAY``, 5).
"""

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from clusterdesk.common.workflow import actor_facts, workflow_check
from clusterdesk.core.review import (
    COUNTED_STATES,
    LEVEL_ORDER,
    RELATION_REVIEWER,
    REVIEW_WORKFLOW,
    ReviewRules,
    ReviewStatus,
    initial_status,
    reviewing_level,
)
from clusterdesk.core.workflow.roles import RELATION_FILER

__all__ = [
    "LEVEL_ROLES",
    "REVIEW_ACTIONS",
    "ReviewStatusChoices",
    "ReviewedModel",
    "counted",
    "filer_level",
    "refile",
    "review_relations",
    "review_rules",
    "review_step",
    "reviewer_filter",
    "start_status",
]


class ReviewStatusChoices(models.TextChoices):
    # In their own context: "Filed" and "Accepted" are other workflows' words too (申报, 受理).
    FILED = "filed", pgettext_lazy("review", "Filed")
    RETURNED = "returned", pgettext_lazy("review", "Returned")
    ACCEPTED = "accepted", pgettext_lazy("review", "Accepted")
    REPORTED = "reported", pgettext_lazy("review", "Reported")


#: The role of the officers of each level.
LEVEL_ROLES = {"park": "park_officer", "county": "county_officer", "city": "city_officer",
               "province": "province_officer"}
_ROLE_LEVELS = {role: level for level, role in LEVEL_ROLES.items()} | {"secretary": "enterprise"}
#: The review actions a page or the API may ask for, and the state each leads to.
REVIEW_ACTIONS = {"accept": ReviewStatus.ACCEPTED, "return": ReviewStatus.RETURNED, "report": ReviewStatus.REPORTED}


class ReviewedModel(models.Model):
    """A filing reviewed before it counts: its review state, the reason it was returned, who reviewed it and when.

    Rows that existed before review was introduced were made accepted by the migration; new rows start filed.
    """

    review_status = models.CharField(_("review state"), max_length=10, choices=ReviewStatusChoices.choices,
                                     default=ReviewStatusChoices.FILED, db_index=True)
    return_reason = models.TextField(_("reason returned"), blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("reviewed by"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def counts(self) -> bool:
        """Whether the filing counts (accepted or reported)."""
        return self.review_status in COUNTED_STATES


def review_rules() -> ReviewRules:
    """The review rules in force (``CLUSTERDESK["REVIEW"]``, the filing day defaulting to ``REPORT_DUE_DAY``)."""
    options = dict(getattr(settings, "CLUSTERDESK", {}))
    review = dict(options.get("REVIEW", {}))
    return ReviewRules(required=bool(review.get("REQUIRED", True)), reviewers=dict(review.get("REVIEWERS", {})),
                       file_day=int(review.get("FILE_DAY", options.get("REPORT_DUE_DAY", 5))),
                       review_day=int(review.get("REVIEW_DAY", 8)), report_day=int(review.get("REPORT_DAY", 10)))


def start_status() -> str:
    """The state a new filing starts in: filed, or accepted when review is switched off."""
    return str(initial_status(review_rules()))


def counted(queryset: models.QuerySet, prefix: str = "") -> models.QuerySet:
    """The rows of ``queryset`` that count: accepted or reported (``prefix``: the lookup path to the filing)."""
    return queryset.filter(**{f"{prefix}review_status__in": sorted(COUNTED_STATES)})


def filer_level(filer: Any, default: str) -> str:
    """The level a filing was made at: the filer's officer level, the enterprise for a work secretary, else
    (an administrator, an import run by the system, a filer since removed) ``default``, the row's own level."""
    role = getattr(filer, "role", None) if filer is not None else None
    if filer is not None and getattr(filer, "is_administrator", False):
        return default
    return _ROLE_LEVELS.get(str(role), default)


def review_relations(*, instance: ReviewedModel, actor: Any, filer: Any, default_level: str,
                     levels: Iterable[str]) -> frozenset[str]:
    """How the actor stands to a filing: its filer; its reviewer when they are an officer of the reviewing level
    (`core.review.reviewing_level`) with the filing in their scope, or an administrator."""
    from clusterdesk.accounts.scoping import can

    pk = getattr(actor, "pk", None)
    if pk is None:
        return frozenset()
    found = set()
    if filer is not None and filer.pk == pk:
        found.add(RELATION_FILER)
    if getattr(actor, "is_administrator", False):
        found.add(RELATION_REVIEWER)
    else:
        level = reviewing_level(filer_level(filer, default_level), levels, review_rules())
        if LEVEL_ROLES.get(level) == actor.role and can(actor, "change", instance):
            found.add(RELATION_REVIEWER)
    return frozenset(found)


def review_step(*, instance: ReviewedModel, action: str, actor: Any, relations: Iterable[str], reason: str = "",
                parent_field: str) -> ReviewedModel:
    """Accept, return (with its reason) or report up a filing, as `REVIEW_WORKFLOW` allows this actor; recorded
    in the change log. A refused step changes nothing."""
    from clusterdesk.common.services import object_update  # the models import this module: services come later

    if action not in REVIEW_ACTIONS:
        raise ValidationError({"action": _("Unknown review action.")})
    target = REVIEW_ACTIONS[action]
    workflow_check(REVIEW_WORKFLOW, instance.review_status, target, actor=actor_facts(actor, relations),
                   facts={"reason": reason})
    instance.review_status = target
    if target == ReviewStatus.RETURNED:
        instance.return_reason = reason.strip()
    if target in (ReviewStatus.ACCEPTED, ReviewStatus.RETURNED):
        instance.reviewed_by = actor if getattr(actor, "pk", None) else None
        instance.reviewed_at = timezone.now()
    return object_update(instance=instance, actor=actor, parent_field=parent_field)


def refile(instance: ReviewedModel, stored_status: str | None) -> None:
    """Set the state of a filing being edited: a returned, accepted or reported filing is filed again (review
    on), a new one starts as `start_status`. The edit's change record keeps the state it left."""
    if stored_status is None:
        instance.review_status = start_status()
    elif review_rules().required and stored_status != ReviewStatus.FILED:
        instance.review_status = ReviewStatus.FILED
        instance.return_reason = ""
    elif not review_rules().required and stored_status in (ReviewStatus.FILED, ReviewStatus.RETURNED):
        instance.review_status = ReviewStatus.ACCEPTED


def reviewer_filter(user: Any, *, filer: str, park: str, default_level: Any) -> Q:
    """The filings ``user``'s level reviews, as a query: for each filer level and each kind of filing (in a park or
    not), whether `core.review.reviewing_level` names the user's level. An administrator reviews every filing;
    a user of no officer level none. ``filer``: the path to the filer (``reported_by``); ``park``: to the park
    (``project__park``); ``default_level(in_park)``: the level of a filing by an administrator or no one."""
    if getattr(user, "is_administrator", False):
        return Q()
    level = {role: lvl for lvl, role in LEVEL_ROLES.items()}.get(str(getattr(user, "role", "")))
    if level is None:
        return Q(pk__in=[])
    rules = review_rules()
    roles_of = {lvl: [r for r, rl in _ROLE_LEVELS.items() if rl == lvl] for lvl in LEVEL_ORDER}
    query = Q(pk__in=[])
    for in_park in (True, False):
        where = Q(**{f"{park}__isnull": not in_park})
        levels = ("enterprise", "park") if in_park else ("enterprise",)
        default = default_level(in_park)
        for filer_lvl in LEVEL_ORDER:
            if reviewing_level(filer_lvl, levels, rules) != level:
                continue
            by_role = Q(**{f"{filer}__role__in": roles_of[filer_lvl]}) & ~Q(**{f"{filer}__role": "admin"}) \
                & Q(**{f"{filer}__is_superuser": False})
            if filer_lvl == default:
                by_role |= Q(**{f"{filer}__isnull": True}) | Q(**{f"{filer}__role__in": ["admin", "viewer"]}) \
                    | Q(**{f"{filer}__is_superuser": True})
            query |= where & by_role
    return query
