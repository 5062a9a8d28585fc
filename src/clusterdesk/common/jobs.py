"""Scheduled jobs: a registry the apps declare their jobs in, run on schedule by the worker (django-q2).

An app declares its jobs in its own ``jobs.py``, found at start-up like its ``scopes.py``; one line a job::

    register_job("reminders", send_reminders, schedule="0 8 * * *", title=_("Reminders"))

``send_reminders(context)`` does the work through the app's services and returns a one-line summary (its
`JobContext` says which attempt this is and who asked for the run). The schedule is a five-field cron expression in
the server's time zone; ``settings.CLUSTERDESK["JOBS"][key]`` may replace it (``{"schedule": "0 3 * * *",
"attempts": 5}``). ``clusterdesk worker`` copies the schedules into django-q2's schedule table when it starts
(`services.job_schedules_sync`: idempotent, so they survive restarts), beats its heartbeat and runs the jobs.

Every attempt is a `JobAttempt` row (start, end, duration, result or error with traceback, attempt number, who
triggered it). A failed attempt is raised to django-q2, which does not acknowledge it, so the queue delivers it again
after ``Q_CLUSTER["retry"]`` seconds; so is a job whose worker was killed under it (the next attempt marks the
killed one interrupted). After a job's last attempt the failure is logged as an error and kept on the jobs page.
"""

import datetime as dt
import importlib
import importlib.util
import logging
import time
import traceback
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from clusterdesk.common.registry import JobSpec, RegistryError, registry
from clusterdesk.core.cron import describe_cron

__all__ = [
    "JobContext",
    "backup",
    "discover_jobs",
    "enqueue_job",
    "execute",
    "get_job",
    "job_attempts",
    "job_schedule",
    "jobs",
    "register_job",
    "run_job_here",
    "run_scheduled",
    "schedule_words",
    "worker_alive",
    "worker_heartbeat",
]

log = logging.getLogger(__name__)

#: What django-q2 calls: the scheduled entry, and the run of one job.
SCHEDULED_FUNC = "clusterdesk.common.jobs.run_scheduled"
EXECUTE_FUNC = "clusterdesk.common.jobs.execute"
DEFAULT_ATTEMPTS = 3


@dataclass(frozen=True)
class JobContext:
    """What a job is told when it runs: its key, the run (shared by its attempts), which attempt, who asked."""

    key: str
    run_id: uuid.UUID
    attempt: int
    attempts: int
    trigger: str
    user: Any = None


def register_job(key: str, func: Callable[[JobContext], object], *, schedule: str, title: Any,
                 attempts: int = DEFAULT_ATTEMPTS, order: int = 100) -> JobSpec:
    """Declare a scheduled job (in an app's ``jobs.py``): its key, function, cron schedule, title and attempts."""
    describe_cron(schedule)  # a malformed schedule fails at start-up, not at the first run
    if attempts < 1:
        raise RegistryError(f"job {key!r}: attempts must be at least 1")
    spec = JobSpec(key=key, func=func, schedule=schedule, title=title, attempts=attempts, order=order)
    registry.register_job(spec)
    return spec


_discovered = False


def discover_jobs() -> None:
    """Import every installed app's ``jobs`` module, and the modules named in ``CLUSTERDESK["JOB_MODULES"]``
    (``CLUSTERDESK_JOB_MODULES``: a deployment's own jobs, or the tests')."""
    global _discovered
    if _discovered:
        return
    _discovered = True
    for config in apps.get_app_configs():
        if importlib.util.find_spec(f"{config.name}.jobs") is not None:
            importlib.import_module(f"{config.name}.jobs")
    for name in settings.CLUSTERDESK.get("JOB_MODULES", []):
        # A module named in the settings registers its jobs when imported, or in its ``register_jobs()``.
        register = getattr(importlib.import_module(name), "register_jobs", None)
        if callable(register):
            register()


def jobs() -> list[JobSpec]:
    """Every registered job, in their order."""
    discover_jobs()
    return sorted(registry.jobs.values(), key=lambda job: (job.order, job.key))


def get_job(key: str) -> JobSpec:
    """The job registered under ``key``; KeyError names the known keys."""
    discover_jobs()
    try:
        return registry.jobs[key]
    except KeyError:
        raise KeyError(f"no job {key!r}; known: {', '.join(sorted(registry.jobs))}") from None


def _override(job: JobSpec) -> dict:
    return dict(settings.CLUSTERDESK.get("JOBS", {}).get(job.key, {}))


def job_schedule(job: JobSpec) -> str:
    """The job's cron schedule: the deployment's (``CLUSTERDESK["JOBS"][key]["schedule"]``), else the app's."""
    return str(_override(job).get("schedule") or job.schedule)


def job_attempts(job: JobSpec) -> int:
    """How many times a failed run of the job is tried in all."""
    return max(1, int(_override(job).get("attempts") or job.attempts))


_WEEKDAYS = (gettext_noop("Sunday"), gettext_noop("Monday"), gettext_noop("Tuesday"), gettext_noop("Wednesday"),
             gettext_noop("Thursday"), gettext_noop("Friday"), gettext_noop("Saturday"))


def schedule_words(expression: str) -> str:
    """The schedule in words, in the active language: 每月1日 02:00, 每天 06:00, 每周一 07:30, 每15分钟."""
    shape = describe_cron(expression)
    if shape.kind == "daily":
        return _("daily at %(time)s") % {"time": shape.time}
    if shape.kind == "monthly":
        return _("monthly on day %(day)s at %(time)s") % {"day": shape.day, "time": shape.time}
    if shape.kind == "weekly":
        return _("weekly on %(weekday)s at %(time)s") % {"weekday": _(_WEEKDAYS[shape.weekday]), "time": shape.time}
    if shape.kind == "every_minutes":
        return _("every %(minutes)s minutes") % {"minutes": shape.minutes}
    if shape.kind == "hourly":
        return _("hourly at minute %(minute)s") % {"minute": shape.time}
    return expression


def worker_heartbeat() -> dt.datetime | None:
    """The time of the job worker's last heartbeat, or None if no worker ever beat (`CLUSTERDESK_WORKER_HEARTBEAT`)."""
    from clusterdesk.common.models import WorkerHeartbeat

    return WorkerHeartbeat.objects.order_by("-beat_at").values_list("beat_at", flat=True).first()


def worker_alive() -> bool:
    """Whether a worker beat within ``WORKER_HEARTBEAT_MAX_AGE`` seconds (the limit /healthz uses)."""
    last = worker_heartbeat()
    limit = int(settings.CLUSTERDESK.get("WORKER_HEARTBEAT_MAX_AGE", 300))
    return last is not None and (timezone.now() - last).total_seconds() <= limit


def enqueue_job(key: str, *, trigger: str, user=None) -> uuid.UUID:
    """Put a run of the job in the worker's queue (recorded at once as queued, with who asked); its run id."""
    from django_q.tasks import async_task

    from clusterdesk.common.services import job_attempt_queue

    job = get_job(key)
    run_id = uuid.uuid4()
    with transaction.atomic():  # the queued row and the queue entry, or neither
        job_attempt_queue(key=job.key, run_id=run_id, trigger=trigger, user=user)
        async_task(EXECUTE_FUNC, job.key, str(run_id), trigger, getattr(user, "pk", None),
                   task_name=f"{key} {run_id}")
    return run_id


def run_scheduled(key: str) -> str:
    """What the schedule runs: a new run of the job in the queue (its attempts then share one run id)."""
    return str(enqueue_job(key, trigger="schedule"))


def execute(key: str, run_id: str, trigger: str = "schedule", user_id: int | None = None) -> str:
    """Run one attempt of a job (django-q2 calls this). A failure before the last attempt is raised, so that the
    queue delivers the run again; the last one is recorded, logged as an error and returned (acknowledged)."""
    try:
        job = get_job(key)
    except KeyError:  # no longer registered (a deployment removed it): reported once, never retried
        from clusterdesk.common.models import JobAttempt
        from clusterdesk.common.services import job_attempt_finish, job_attempt_start

        log.error("job %s (run %s) is not registered: reported here, not run", key, run_id)
        row = job_attempt_start(key=key, run_id=uuid.UUID(run_id), trigger=trigger, user_id=user_id)
        job_attempt_finish(attempt=row, status=JobAttempt.Status.FAILED, error=f"no job {key!r}", seconds=0.0)
        return f"no job {key!r}"
    return _attempt(job, uuid.UUID(run_id), trigger, user_id, retry=True)


def run_job_here(key: str, *, trigger: str = "command", user=None) -> tuple[bool, str]:
    """Run the job once in this process (``clusterdesk jobs run KEY``): success and the summary or the error."""
    from clusterdesk.common.services import job_attempt_queue

    run_id = uuid.uuid4()
    job_attempt_queue(key=get_job(key).key, run_id=run_id, trigger=trigger, user=user)
    result = _attempt(get_job(key), run_id, trigger, getattr(user, "pk", None), retry=False)
    from clusterdesk.common.models import JobAttempt

    row = JobAttempt.objects.filter(run_id=run_id).order_by("-attempt").first()
    return row is not None and row.status == JobAttempt.Status.SUCCEEDED, result


def _attempt(job: JobSpec, run_id: uuid.UUID, trigger: str, user_id: int | None, *, retry: bool) -> str:
    from clusterdesk.changelog.context import change_context
    from clusterdesk.common.models import JobAttempt
    from clusterdesk.common.services import job_attempt_finish, job_attempt_start

    attempts = job_attempts(job)
    row = job_attempt_start(key=job.key, run_id=run_id, trigger=trigger, user_id=user_id)
    if row.attempt > attempts:  # the last attempt's worker was killed: reported, not run again
        message = _("Given up after %(attempts)s attempts.") % {"attempts": attempts}
        job_attempt_finish(attempt=row, status=JobAttempt.Status.FAILED, error=message, seconds=0.0)
        log.error("job %s (run %s) given up after %d attempts", job.key, run_id, attempts)
        return message
    context = JobContext(key=job.key, run_id=run_id, attempt=row.attempt, attempts=attempts, trigger=trigger,
                         user=row.triggered_by)
    started = time.perf_counter()
    try:
        with change_context(actor=row.triggered_by, source="job", message=f"job {job.key}"):
            summary = job.func(context)
    except Exception as exc:
        final = not retry or row.attempt >= attempts
        status = JobAttempt.Status.FAILED if final else JobAttempt.Status.RETRYING
        job_attempt_finish(attempt=row, status=status, error=traceback.format_exc(),
                           seconds=time.perf_counter() - started)
        if final:
            log.error("job %s (run %s) failed on attempt %d of %d: %s", job.key, run_id, row.attempt, attempts, exc)
            return f"{type(exc).__name__}: {exc}"
        log.warning("job %s (run %s) failed on attempt %d of %d, will be retried: %s", job.key, run_id,
                    row.attempt, attempts, exc)
        raise
    text = "" if summary is None else str(summary).strip()
    job_attempt_finish(attempt=row, status=JobAttempt.Status.SUCCEEDED, result=text,
                       seconds=time.perf_counter() - started)
    return text


def backup(context: JobContext) -> str:
    """The daily backup of the database (`clusterdesk backup`) into ``CLUSTERDESK["BACKUP_DIR"]``, one file a day;
    files older than ``BACKUP_KEEP_DAYS`` days are removed after a successful backup."""
    from pathlib import Path

    from clusterdesk.common.backup import backup_database

    folder = Path(settings.CLUSTERDESK["BACKUP_DIR"])
    folder.mkdir(parents=True, exist_ok=True)
    result = backup_database(folder / f"clusterdesk-{timezone.localdate():%Y-%m-%d}.backup", force=True)
    keep = dt.timedelta(days=int(settings.CLUSTERDESK.get("BACKUP_KEEP_DAYS", 30)))
    removed = 0
    for old in folder.glob("clusterdesk-*.backup"):
        if old != result.path and time.time() - old.stat().st_mtime > keep.total_seconds():
            old.unlink()
            removed += 1
    return f"{result.describe('已备份到', 'backed up to')}; {removed} old backups removed"


register_job("backup", backup, schedule="30 2 * * *", order=90, title=gettext_lazy("Database backup"))


def prune_history(context: JobContext) -> str:
    """Forget job attempts older than ``JOB_HISTORY_KEEP_DAYS`` days (each job's latest is kept)."""
    from clusterdesk.common.services import job_attempts_prune

    deleted = job_attempts_prune(keep_days=int(settings.CLUSTERDESK.get("JOB_HISTORY_KEEP_DAYS", 90)))
    return f"{deleted} old job attempts removed"


register_job("prune-job-history", prune_history, schedule="45 2 * * *", order=95,
             title=gettext_lazy("Job history clean-up"))

