"""Users with a role and a scope, and API tokens."""

import hashlib
import secrets

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils.translation import gettext_lazy as _

from clusterdesk.common.models import CleanTextMixin, RestrictedQuerySet

from .roles import ROLE_SCOPE, Role

__all__ = ["ApiToken", "ScopedUserManager", "User"]


class ScopedUserManager(UserManager.from_queryset(RestrictedQuerySet)):
    """Django's user manager with `restrict(user, action)`."""


class User(CleanTextMixin, AbstractUser):
    """A person using clusterdesk. The role says what they may do; the scope fields say where."""

    full_name = models.CharField(_("full name"), max_length=100, blank=True)
    role = models.CharField(_("role"), max_length=30, choices=Role.choices, default=Role.VIEWER)
    unit = models.CharField(_("unit"), max_length=200, blank=True, help_text=_("The user's office, e.g. 市发改委."))
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
