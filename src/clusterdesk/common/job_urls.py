"""/jobs/: the scheduled jobs page (issue 12)."""

from django.urls import path

from clusterdesk.common import job_views

app_name = "jobs"
urlpatterns = [
    path("", job_views.job_list, name="job_list"),
    path("<slug:key>/run/", job_views.job_run_now, name="job_run_now"),
]
