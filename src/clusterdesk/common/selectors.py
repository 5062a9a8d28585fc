"""Reads of the foundations' own tables: the scheduled jobs' state for the jobs page and `clusterdesk jobs list`."""

from django.db.models import QuerySet

from clusterdesk.common.jobs import SCHEDULED_FUNC, job_attempts, job_schedule, jobs, schedule_words
from clusterdesk.common.models import JobAttempt

__all__ = ["job_attempt_list", "job_overview"]


def job_overview() -> list[dict]:
    """Each registered job: key, title, schedule (cron and words), attempts, next run, its latest attempt and the
    latest run's failure if the latest run did not succeed."""
    from django_q.models import Schedule

    next_runs = dict(Schedule.objects.filter(func=SCHEDULED_FUNC).values_list("name", "next_run"))
    rows = []
    for job in jobs():
        cron = job_schedule(job)
        last = JobAttempt.objects.filter(key=job.key).select_related("triggered_by").order_by("-pk").first()
        rows.append({"key": job.key, "title": job.title, "cron": cron, "words": schedule_words(cron),
                     "attempts": job_attempts(job), "next_run": next_runs.get(job.key), "last": last})
    return rows


def job_attempt_list(*, key: str | None = None, limit: int = 50) -> QuerySet[JobAttempt]:
    """The latest attempts, newest first (of one job when ``key`` is given)."""
    rows = JobAttempt.objects.select_related("triggered_by").order_by("-pk")
    if key:
        rows = rows.filter(key=key)
    return rows[:limit]
