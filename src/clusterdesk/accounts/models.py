"""Users with a role and a scope, and API tokens."""

import hashlib
import secrets

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils.translation import gettext_lazy as _

from clusterdesk.common.models import BaseModel, CleanTextMixin, RestrictedQuerySet

from .roles import ROLE_SCOPE, Role

__all__ = ["ApiToken", "ScopedUserManager", "Unit", "UnitKind", "User"]


class ScopedUserManager(UserManager.from_queryset(RestrictedQuerySet)):
    """Django's user manager with `restrict(user, action)`."""


class UnitKind(models.TextChoices):
    """What kind of office a unit is; the defaults that route work (appeals by category, reports) look for these."""

    GOVERNMENT = "government", _("People's government")
    DEVELOPMENT_REFORM = "development_reform", _("Development and reform commission")
    INDUSTRY = "industry", _("Industry and information technology bureau")
    COMMERCE = "commerce", _("Commerce bureau")
    NATURAL_RESOURCES = "natural_resources", _("Natural resources and planning bureau")
    APPROVAL = "approval", _("Administrative approval service bureau")
    STATISTICS = "statistics", _("Statistics bureau")
    PARK_COMMITTEE = "park_committee", _("Park management committee")
    OTHER = "other", _("Other unit")


class Unit(BaseModel):
    """A unit (单位): an office with a place in a hierarchy and a region; users belong to one, work is routed to it.

    ``aliases`` lists other names people write for it (one per line: 市发改委, 发改委, 长沙市发展和改革委员会), so free
    text in old records and imported sheets finds the unit.
    """

    natural_duplicates = (("region", "name"),)

    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=50, blank=True, help_text=_("E.g. 市发改委."))
    kind = models.CharField(_("kind"), max_length=30, choices=UnitKind.choices, default=UnitKind.OTHER)
    parent = models.ForeignKey("self", verbose_name=_("parent unit"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="children")
    region = models.ForeignKey("regions.Region", verbose_name=_("region"), on_delete=models.PROTECT,
                               related_name="units")
    park = models.ForeignKey("parks.Park", verbose_name=_("park"), null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="units", help_text=_("For a park committee: the park it runs."))
    aliases = models.TextField(_("other names"), blank=True, help_text=_("One per line."))
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["region__code", "name"]
        constraints = [
            models.UniqueConstraint(fields=["region", "name"], name="%(app_label)s_%(class)s_unique_region_name"),
        ]

    def __str__(self) -> str:
        return self.short_name or self.name

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("units:unit_detail", args=[self.pk])

    @property
    def alias_list(self) -> list[str]:
        return [line.strip() for line in self.aliases.splitlines() if line.strip()]


class User(CleanTextMixin, AbstractUser):
    """A person using clusterdesk. The role says what they may do; the scope fields say where."""

    full_name = models.CharField(_("full name"), max_length=100, blank=True)
    role = models.CharField(_("role"), max_length=30, choices=Role.choices, default=Role.VIEWER)
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="members", help_text=_("The user's office, e.g. 市发改委."))
    unit_name = models.CharField(_("unit (as written)"), max_length=200, blank=True,
                                 help_text=_("The office as typed before units were records; kept when unmatched."))
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    scope_regions = models.ManyToManyField(
        "regions.Region", verbose_name=_("scope: regions"), blank=True, related_name="+",
        help_text=_("The user sees these regions and everything below them."),
    )
    scope_parks = models.ManyToManyField("parks.Park", verbose_name=_("scope: parks"), blank=True, related_name="+")
    scope_enterprises = models.ManyToManyField(
        "enterprises.Enterprise", verbose_name=_("scope: enterprises"), blank=True, related_name="+"
    )

    objects = ScopedUserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["username"]

    def __str__(self) -> str:
        return self.full_name or self.username

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("accounts:user_detail", args=[self.pk])

    @property
    def is_administrator(self) -> bool:
        """Administrators see and may do everything; Django superusers count as administrators."""
        return self.is_superuser or self.role == Role.ADMIN

    @property
    def scope_kind(self) -> str:
        return "all" if self.is_superuser else ROLE_SCOPE[self.role]

    @property
    def display_name(self) -> str:
        return self.full_name or self.username


class ApiToken(CleanTextMixin, models.Model):
    """A bearer token for the REST API. Only a hash is stored; the key is shown once, when created."""

    user = models.ForeignKey(User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="api_tokens")
    description = models.CharField(_("description"), max_length=200, blank=True)
    prefix = models.CharField(_("prefix"), max_length=8, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    expires = models.DateTimeField(_("expires"), null=True, blank=True)
    last_used = models.DateTimeField(_("last used"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created"]

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})"

    @staticmethod
    def hash_key(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    @staticmethod
    def new_key() -> str:
        return "cd_" + secrets.token_urlsafe(32)
