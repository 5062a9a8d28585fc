"""Framework models shared by every domain app: the scoped base model and the data-load register."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from clusterdesk.accounts.scoping import restrict

__all__ = ["BaseModel", "DataLoad", "RestrictedQuerySet"]


class RestrictedQuerySet(models.QuerySet):
    """A queryset that knows how to narrow itself to what a user may see or change."""

    def restrict(self, user, action: str = "view") -> "RestrictedQuerySet":
        return restrict(self, user, action)


class BaseModel(models.Model):
    """Abstract base for domain models: timestamps and the restrict-aware manager."""

    created = models.DateTimeField(_("created"), auto_now_add=True)
    last_updated = models.DateTimeField(_("last updated"), auto_now=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        abstract = True


class DataLoad(models.Model):
    """One load of reference or demonstration data: what was loaded, from where, which year or seed."""

    class Kind(models.TextChoices):
        REFERENCE = "reference", _("Reference data")
        DEMO = "demo", _("Demonstration data")

    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    source = models.CharField(_("source"), max_length=300)
    version = models.CharField(_("version or year"), max_length=100)
    row_count = models.PositiveIntegerField(_("rows"), default=0)
    details = models.JSONField(_("details"), default=dict, blank=True)
    loaded_at = models.DateTimeField(_("loaded at"), auto_now_add=True)
    loaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("loaded by"), null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        verbose_name = _("data load")
        verbose_name_plural = _("data loads")
        ordering = ["-loaded_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.version})"
