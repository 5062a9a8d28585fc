"""Framework models shared by every domain app: the scoped base model and the data-load register."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from clusterdesk.accounts.scoping import restrict
from clusterdesk.common.validators import text_field_errors

__all__ = [
    "BaseModel",
    "CleanTextMixin",
    "DataLoad",
    "ImportJournal",
    "ImportJournalEntry",
    "JobAttempt",
    "RestrictedQuerySet",
    "WorkerHeartbeat",
]


class RestrictedQuerySet(models.QuerySet):
    """A queryset that knows how to narrow itself to what a user may see or change."""

    def restrict(self, user, action: str = "view") -> "RestrictedQuerySet":
        return restrict(self, user, action)


class CleanTextMixin:
    """Refuses, in ``clean_fields``, text holding control or bidirectional-override characters, for every text field
    of the model (the rule: `clusterdesk.core.validation.text`). Every write validates through ``full_clean`` (the
    services, and so forms, the API, the import, the CLI and jobs); the bulk services run the same check through
    `clusterdesk.common.bulk.field_checker`. A model with text a person types derives from this (through
    `BaseModel`, or directly); tests/test_text_safety.py checks that none is left out."""

    def clean_fields(self, exclude=None) -> None:
        errors: dict = {}
        try:
            super().clean_fields(exclude=exclude)  # type: ignore[misc]
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
        for name, messages in text_field_errors(self, exclude or ()).items():  # type: ignore[arg-type]
            if name not in errors:
                errors[name] = messages
        if errors:
            raise ValidationError(errors)


class BaseModel(CleanTextMixin, models.Model):
    """Abstract base for domain models: timestamps, the restrict-aware manager, and the natural duplicates rule.

    ``natural_duplicates`` names the groups of fields no two records may share although the database does not
    forbid it (a project's name within its county, an enterprise's registered name). `validate_unique` refuses
    such a duplicate on every single write (form, API, service); the Excel import checks the same groups for the
    whole sheet at once.
    """

    natural_duplicates: tuple[tuple[str, ...], ...] = ()

    created = models.DateTimeField(_("created"), auto_now_add=True)
    last_updated = models.DateTimeField(_("last updated"), auto_now=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        abstract = True

    def validate_unique(self, exclude=None) -> None:
        super().validate_unique(exclude=exclude)
        errors = {}
        for fields in self.natural_duplicates:
            if exclude and any(name in exclude for name in fields):
                continue
            values = {self._meta.get_field(name).attname: getattr(self, self._meta.get_field(name).attname)
                      for name in fields}
            if any(value in (None, "") for value in values.values()):
                continue
            other = type(self)._base_manager.filter(**values).exclude(pk=self.pk).first()
            if other is not None:
                labels = "、".join(str(self._meta.get_field(name).verbose_name) for name in fields)
                errors.setdefault(fields[0], []).append(
                    ValidationError(_("Duplicates the existing record “%(other)s” (same %(fields)s)."),
                                    code="duplicate", params={"other": other, "fields": labels}))
        if errors:
            raise ValidationError(errors)


class DataLoad(CleanTextMixin, models.Model):
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


class ImportJournal(models.Model):
    """An import being written in chunks on SQLite (`common.importing.journal`): while it runs, and after a crash until
    it is undone, its entries say how to take back every row it wrote. It is deleted once the import ends."""

    started = models.DateTimeField(_("started"), auto_now_add=True)
    pid = models.PositiveIntegerField(_("process id"))
    description = models.CharField(_("description"), max_length=300, blank=True)
    done = models.BooleanField(_("done"), default=False)  # written through: only the journal is left to delete

    class Meta:
        verbose_name = _("import journal")
        verbose_name_plural = _("import journals")

    def __str__(self) -> str:
        return f"#{self.pk} {self.description}"


class ImportJournalEntry(models.Model):
    """What a chunked import wrote: a row updated (``U``) or deleted (``D``), with its old values as SQL literals
    written by SQLite's own ``quote()`` so that they read back exactly; or a chunk (``C``), with the range of row ids
    it inserted in each table (JSON)."""

    journal = models.ForeignKey(ImportJournal, on_delete=models.CASCADE, related_name="entries", db_constraint=False)
    table_name = models.CharField(max_length=100)
    row_id = models.BigIntegerField()
    op = models.CharField(max_length=1)
    old = models.TextField(blank=True)

    class Meta:
        indexes = [models.Index(fields=["journal", "-id"], name="common_importjournal_undo")]

    def __str__(self) -> str:
        return f"{self.op} {self.table_name} {self.row_id}"


class JobAttempt(models.Model):
    """One attempt of a scheduled job's run (`clusterdesk.common.jobs`): the attempts of one run share ``run_id``.

    Written by the worker only: the run's start, end, duration, result summary or error with its traceback, and who
    triggered it (the schedule, or the user who pressed "run now").
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        SUCCEEDED = "succeeded", _("Succeeded")
        RETRYING = "retrying", _("Failed, will be retried")
        FAILED = "failed", _("Failed")
        INTERRUPTED = "interrupted", _("Interrupted (worker stopped)")

    class Trigger(models.TextChoices):
        SCHEDULE = "schedule", _("On schedule")
        USER = "user", _("User")
        COMMAND = "command", _("Command line")

    run_id = models.UUIDField(_("run id"), db_index=True)
    key = models.CharField(_("job"), max_length=100, db_index=True)
    attempt = models.PositiveIntegerField(_("attempt"), default=1)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.RUNNING)
    trigger = models.CharField(_("triggered by"), max_length=20, choices=Trigger.choices, default=Trigger.SCHEDULE)
    triggered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("user"), null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="job_attempts")
    started = models.DateTimeField(_("started"), null=True, blank=True)
    finished = models.DateTimeField(_("finished at"), null=True, blank=True)
    seconds = models.FloatField(_("duration (seconds)"), null=True, blank=True)
    result = models.TextField(_("result"), blank=True)
    error = models.TextField(_("error"), blank=True)
    pid = models.PositiveIntegerField(_("process id"), null=True, blank=True)

    class Meta:
        verbose_name = _("job attempt")
        verbose_name_plural = _("job attempts")
        ordering = ["-pk"]
        constraints = [models.UniqueConstraint(fields=["run_id", "attempt"], name="common_jobattempt_unique_attempt")]

    def __str__(self) -> str:
        return f"{self.key} #{self.attempt} {self.status}"


class WorkerHeartbeat(models.Model):
    """The job worker's sign of life: one row per worker name, its time moved on every few seconds while it runs."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    beat_at = models.DateTimeField(_("last heartbeat"))
    started = models.DateTimeField(_("started"))
    pid = models.PositiveIntegerField(_("process id"))
    host = models.CharField(_("host"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("worker heartbeat")
        verbose_name_plural = _("worker heartbeats")

    def __str__(self) -> str:
        return f"{self.name} {self.beat_at:%Y-%m-%d %H:%M:%S}"
