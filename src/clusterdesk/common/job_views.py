"""The jobs page (/jobs/, administrators only): each scheduled job's schedule, next and last run, result and error,
and "run now", which hands a run to the worker recorded as triggered by the administrator."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clusterdesk.common.jobs import enqueue_job, get_job, worker_alive, worker_heartbeat
from clusterdesk.common.selectors import job_attempt_list, job_overview

__all__ = ["job_list", "job_run_now"]


def _administrator(request) -> None:
    if not request.user.is_administrator:
        raise Http404  # like every page outside a user's scope: not found, not forbidden


@login_required
def job_list(request):
    """Every job with its latest attempt; the latest attempts of all jobs below."""
    _administrator(request)
    return render(request, "common/job_list.html", {
        "jobs": job_overview(), "attempts": job_attempt_list(limit=50),
        "worker_alive": worker_alive(), "heartbeat": worker_heartbeat(),
    })


@login_required
@require_POST
def job_run_now(request, key: str):
    """Queue a run of the job for the worker, triggered by this administrator."""
    _administrator(request)
    try:
        job = get_job(key)
    except KeyError:
        raise Http404 from None
    enqueue_job(job.key, trigger="user", user=request.user)
    if worker_alive():
        messages.success(request, _("“%(title)s” is queued; the worker runs it shortly.") % {"title": job.title})
    else:
        messages.warning(request, _("“%(title)s” is queued, but no worker is running: it runs when the worker "
                                    "starts.") % {"title": job.title})
    return HttpResponseRedirect(reverse("jobs:job_list"))
