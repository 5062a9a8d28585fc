"""The change log: one row per create, update or delete, with before and after snapshots."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["ImportBatch", "ObjectChange"]


class ObjectChange(models.Model):
    """A recorded change to one object. ``related_object`` is the parent whose page also shows it."""

    class Action(models.TextChoices):
        CREATE = "create", _("Created")
        UPDATE = "update", _("Updated")
        DELETE = "delete", _("Deleted")

    class Source(models.TextChoices):
        WEB = "web", _("Web")
        API = "api", _("API")
        CLI = "cli", _("Command line")
        IMPORT = "import", _("Import")
        JOB = "job", _("Job")

    time = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="changes",
    )
    user_name = models.CharField(_("user name"), max_length=150, editable=False)
    request_id = models.UUIDField(_("request id"), db_index=True, editable=False)
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    # The type columns are found through the (type, id) indexes below: an index of their own only slowed writes.
    changed_object_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+", db_index=False)
    changed_object_id = models.PositiveBigIntegerField()
    related_object_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, related_name="+", null=True, blank=True, db_index=False
    )
    related_object_id = models.PositiveBigIntegerField(null=True, blank=True)
    object_repr = models.CharField(_("object"), max_length=200, editable=False)
    message = models.CharField(_("message"), max_length=200, blank=True)
    prechange_data = models.JSONField(_("before"), null=True, blank=True, editable=False)
    postchange_data = models.JSONField(_("after"), null=True, blank=True, editable=False)
    import_batch = models.ForeignKey("changelog.ImportBatch", verbose_name=_("import batch"), null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="changes")

    class Meta:
        verbose_name = _("change")
        verbose_name_plural = _("changes")
        ordering = ["-time", "-pk"]
        indexes = [
            models.Index(fields=["changed_object_type", "changed_object_id"]),
            models.Index(fields=["related_object_type", "related_object_id"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.object_repr}"

    def diff(self) -> list[tuple[str, object, object]]:
        """Fields whose value differs between before and after, as (field, before, after)."""
        before = self.prechange_data or {}
        after = self.postchange_data or {}
        keys = sorted(set(before) | set(after))
        return [(k, before.get(k), after.get(k)) for k in keys if before.get(k) != after.get(k)]

    def labelled_diff(self) -> list[tuple[str, object, object]]:
        """The diff as the interface shows it: fields by their label (总投资, not total_investment_wan), related
        objects by name (the region, not its id) and choices by their label (已交办, not assigned)."""
        model = self.changed_object_type.model_class()
        if model is None:
            return self.diff()
        fields = {}
        for field in model._meta.get_fields():
            if hasattr(field, "verbose_name"):
                fields[getattr(field, "attname", None) or field.name] = field
        rows = []
        for key, before, after in self.diff():
            field = fields.get(key)
            if field is None:
                rows.append((key, before, after))
                continue
            if field.many_to_one or field.one_to_one:
                before, after = _names(field.related_model, before), _names(field.related_model, after)
            elif getattr(field, "choices", None):
                labels = {str(value): label for value, label in field.flatchoices}
                before, after = (labels.get(str(v), v) if v is not None else None for v in (before, after))
            rows.append((str(field.verbose_name), before, after))
        return rows


def _names(model, pk):
    """The current name of a related object, or its id when it no longer exists."""
    if pk is None:
        return None
    obj = model._base_manager.filter(pk=pk).first()
    return str(obj) if obj is not None else f"#{pk}"


class ImportBatch(models.Model):
    """One Excel import that wrote data: the file, who imported it, what it created, updated and left alone."""

    time = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    kind = models.CharField(_("kind"), max_length=40)
    file_name = models.CharField(_("file"), max_length=255)
    file_sha256 = models.CharField(_("file SHA-256"), max_length=64)
    sheet = models.CharField(_("sheet"), max_length=100, blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("user"), null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="import_batches")
    user_name = models.CharField(_("user name"), max_length=150)
    source = models.CharField(_("source"), max_length=10, choices=ObjectChange.Source.choices)
    request_id = models.UUIDField(_("request id"), db_index=True)
    rows = models.PositiveIntegerField(_("rows"), default=0)
    created_count = models.PositiveIntegerField(_("created"), default=0)
    updated_count = models.PositiveIntegerField(_("updated"), default=0)
    unchanged_count = models.PositiveIntegerField(_("unchanged"), default=0)

    class Meta:
        verbose_name = _("import batch")
        verbose_name_plural = _("import batches")
        ordering = ["-time", "-pk"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.kind})"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("intake:batch_detail", args=[self.pk])
