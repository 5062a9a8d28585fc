"""Generic writes used by every domain service: scope checks, validation and the change log in one transaction.

Domain services (`parks.services.park_create`, …) add their business rules and call these.
"""

import datetime
import os
import socket
import uuid
from collections.abc import Callable, Mapping

from django.core.exceptions import PermissionDenied
from django.db import models, router, transaction
from django.db.models import Max
from django.db.models.deletion import Collector
from django.utils import timezone

from clusterdesk.accounts.actors import Actor
from clusterdesk.accounts.scoping import SCOPE_PATHS, can
from clusterdesk.changelog.models import ObjectChange
from clusterdesk.changelog.recording import record_change, snapshot
from clusterdesk.common.models import JobAttempt, WorkerHeartbeat

__all__ = [
    "job_attempt_finish",
    "job_attempt_queue",
    "job_attempt_start",
    "job_attempts_prune",
    "job_schedules_sync",
    "object_create",
    "object_delete",
    "object_update",
    "worker_heartbeat_record",
]


AfterSave = Callable[[models.Model], None] | None


def _set_related(instance: models.Model, m2m: Mapping[str, object] | None, after_save: AfterSave) -> None:
    for name, values in (m2m or {}).items():
        getattr(instance, name).set(values)
    if after_save is not None:
        after_save(instance)


def _parent(instance: models.Model, parent_field: str | None) -> models.Model | None:
    return getattr(instance, parent_field) if parent_field else None


@transaction.atomic
def object_create(*, instance: models.Model, actor: Actor, m2m: Mapping[str, object] | None = None,
                  parent_field: str | None = None, after_save: AfterSave = None) -> models.Model:
    """Validate and save a new object, refuse it if it lands outside the actor's scope, record the change.

    ``after_save`` writes the object's dependent rows inside the same transaction, before the scope check.
    """
    instance.full_clean()
    instance.save()
    _set_related(instance, m2m, after_save)
    if not can(actor, "add", instance):
        raise PermissionDenied("outside your scope")
    record_change(instance=instance, action=ObjectChange.Action.CREATE, actor=actor,
                  related=_parent(instance, parent_field))
    return instance


@transaction.atomic
def object_update(*, instance: models.Model, actor: Actor, m2m: Mapping[str, object] | None = None,
                  parent_field: str | None = None, after_save: AfterSave = None) -> models.Model:
    """Save changed fields of an object the actor may change, keeping it inside their scope."""
    model = type(instance)
    stored = model.objects.select_for_update().get(pk=instance.pk)
    if not can(actor, "change", stored):
        raise PermissionDenied("outside your scope")
    before = snapshot(stored)
    instance.full_clean()
    instance.save()
    _set_related(instance, m2m, after_save)
    if not can(actor, "change", instance):
        raise PermissionDenied("the change would move the object outside your scope")
    record_change(instance=instance, action=ObjectChange.Action.UPDATE, actor=actor, before=before,
                  related=_parent(instance, parent_field))
    return instance


def _dependents(instance: models.Model) -> tuple[list[models.Model], list[models.Model]]:
    """Domain objects a delete will take with it, and those whose link to it will be cleared."""
    collector = Collector(using=router.db_for_write(type(instance)), origin=instance)
    collector.collect([instance])
    deleted = [obj for objs in collector.data.values() for obj in objs if obj is not instance]
    deleted += [obj for queryset in collector.fast_deletes for obj in queryset]
    cleared = [obj for groups in collector.field_updates.values() for objs in groups for obj in objs]

    def logged(obj) -> bool:
        return obj._meta.label_lower in SCOPE_PATHS and obj != instance

    return [o for o in deleted if logged(o)], [o for o in cleared if logged(o)]


@transaction.atomic
def object_delete(*, instance: models.Model, actor: Actor, parent_field: str | None = None) -> None:
    """Delete an object the actor may delete, recording its last state and what the delete did to others."""
    if not can(actor, "delete", instance):
        raise PermissionDenied("outside your scope")
    before = snapshot(instance)
    parent = _parent(instance, parent_field)
    deleted, cleared = _dependents(instance)
    # Names are taken now: once the parent is gone, a child's __str__ could not reach it.
    deleted_before = [(obj, snapshot(obj), str(obj)) for obj in deleted]
    cleared_before = [(obj, snapshot(obj)) for obj in cleared]
    pk = instance.pk
    instance.delete()
    instance.pk = pk
    record_change(instance=instance, action=ObjectChange.Action.DELETE, actor=actor, before=before, related=parent)
    for obj, state, name in deleted_before:
        record_change(instance=obj, action=ObjectChange.Action.DELETE, actor=actor, before=state, object_repr=name)
    for obj, state in cleared_before:
        # A row the recorded deletes took with them since (an inbox task of a deleted source) has nothing to record.
        fresh = type(obj).objects.filter(pk=obj.pk).first()
        if fresh is not None:
            record_change(instance=fresh, action=ObjectChange.Action.UPDATE, actor=actor, before=state)


# Issue 12, scheduled jobs (clusterdesk.common.jobs): the job attempts, the worker's heartbeat and the schedules.
# These rows are system-written (no person types them) and are not in the change log: each attempt row itself
# records who triggered it and when.


def job_attempt_queue(*, key: str, run_id: uuid.UUID, trigger: str, user: Actor | None) -> JobAttempt:
    """Record a run as queued (its first attempt), with who asked for it: the schedule, a user or the command line."""
    return JobAttempt.objects.create(key=key, run_id=run_id, attempt=1, status=JobAttempt.Status.QUEUED,
                                     trigger=trigger, triggered_by=user if getattr(user, "pk", None) else None)


@transaction.atomic
def job_attempt_start(*, key: str, run_id: uuid.UUID, trigger: str, user_id: int | None) -> JobAttempt:
    """Start the next attempt of a run: the queued first attempt, or a new one after a failed or interrupted one
    (an attempt still marked running belonged to a worker that died under it, and is marked interrupted)."""
    now = timezone.now()
    earlier = list(JobAttempt.objects.select_for_update().filter(run_id=run_id).order_by("attempt"))
    for row in earlier:
        if row.status == JobAttempt.Status.RUNNING:
            row.status, row.finished = JobAttempt.Status.INTERRUPTED, now
            row.error = row.error or "worker stopped during the attempt"
            row.save(update_fields=["status", "finished", "error"])
    queued = next((row for row in earlier if row.status == JobAttempt.Status.QUEUED), None)
    if queued is not None:
        queued.status, queued.started, queued.pid = JobAttempt.Status.RUNNING, now, os.getpid()
        queued.save(update_fields=["status", "started", "pid"])
        return queued
    first = earlier[0] if earlier else None
    return JobAttempt.objects.create(
        key=key, run_id=run_id, attempt=(earlier[-1].attempt + 1) if earlier else 1, status=JobAttempt.Status.RUNNING,
        trigger=first.trigger if first else trigger, started=now, pid=os.getpid(),
        triggered_by_id=first.triggered_by_id if first else user_id)


def job_attempt_finish(*, attempt: JobAttempt, status: str, seconds: float, result: str = "",
                       error: str = "") -> JobAttempt:
    """End an attempt: its status, duration, result summary or error (with the traceback)."""
    attempt.status, attempt.finished, attempt.seconds = status, timezone.now(), round(seconds, 3)
    attempt.result, attempt.error = result[:20_000], error[:20_000]
    attempt.save(update_fields=["status", "finished", "seconds", "result", "error"])
    return attempt


def job_attempts_prune(*, keep_days: int, now: datetime.datetime | None = None) -> int:
    """Delete the attempts that finished more than ``keep_days`` days ago, except each job's latest (the jobs page
    shows it); returns how many were deleted."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=keep_days)
    latest = JobAttempt.objects.values("key").annotate(last=Max("pk")).values_list("last", flat=True)
    old = JobAttempt.objects.filter(finished__lt=cutoff).exclude(pk__in=list(latest))
    deleted, _ = old.delete()
    return deleted


def worker_heartbeat_record(*, name: str, started: datetime.datetime) -> WorkerHeartbeat:
    """The worker is alive now (its row's time moves on; /healthz and the jobs page read it)."""
    beat, _created = WorkerHeartbeat.objects.update_or_create(
        name=name, defaults={"beat_at": timezone.now(), "started": started, "pid": os.getpid(),
                             "host": socket.gethostname()[:200]})
    return beat


@transaction.atomic
def job_schedules_sync() -> list[str]:
    """Copy every registered job's schedule into django-q2's schedule table (run at each worker start).

    Idempotent: a job's row is created once and its cron expression brought in line with the registry or the
    deployment's ``CLUSTERDESK["JOBS"]``; rows of jobs no longer registered are removed. Returns what changed.
    """
    from croniter import croniter
    from django_q.models import Schedule

    from clusterdesk.common.jobs import SCHEDULED_FUNC, job_schedule, jobs

    changes = []
    now = timezone.localtime()
    registered = {job.key: job for job in jobs()}
    for key, job in registered.items():
        cron = job_schedule(job)
        row = Schedule.objects.filter(name=key, func=SCHEDULED_FUNC).first()
        if row is not None and row.cron == cron and row.schedule_type == Schedule.CRON:
            continue
        next_run = croniter(cron, now).get_next(datetime.datetime)
        if row is None:
            Schedule.objects.create(name=key, func=SCHEDULED_FUNC, args=repr(key), schedule_type=Schedule.CRON,
                                    cron=cron, repeats=-1, next_run=next_run)
            changes.append(f"{key}: {cron} (new)")
        else:
            row.cron, row.schedule_type, row.next_run, row.args = cron, Schedule.CRON, next_run, repr(key)
            row.save(update_fields=["cron", "schedule_type", "next_run", "args"])
            changes.append(f"{key}: {cron}")
    for row in Schedule.objects.filter(func=SCHEDULED_FUNC).exclude(name__in=list(registered)):
        row.delete()
        changes.append(f"{row.name}: removed")
    return changes
