"""URL map: pages per domain app, the REST API under /api/, language switching."""

from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

from clusterdesk.api.root import api
from clusterdesk.common.health import healthz

urlpatterns = [
    path("", include("clusterdesk.web.urls")),
    path("parks/", include("clusterdesk.parks.urls")),
    path("enterprises/", include("clusterdesk.enterprises.urls")),
    path("projects/", include("clusterdesk.projects.urls")),
    path("service/", include("clusterdesk.enterprise_service.urls")),
    path("industry/", include("clusterdesk.industry.urls")),
    path("users/", include("clusterdesk.accounts.urls")),
    path("units/", include("clusterdesk.accounts.unit_urls")),
    path("regions/", include("clusterdesk.regions.urls")),
    path("evaluation/", include("clusterdesk.evaluation.urls")),
    path("observation/", include("clusterdesk.observation.urls")),
    path("placement/", include("clusterdesk.placement.urls")),
    path("intake/", include("clusterdesk.intake.urls")),
    path("tasks/", include("clusterdesk.tasks.urls")),
    path("leads/", include("clusterdesk.attraction.urls")),
    path("jobs/", include("clusterdesk.common.job_urls")),  # issue 12: scheduled jobs
    path("notifications/", include("clusterdesk.notifications.urls")),  # issue 12
    path("analytics/", include("clusterdesk.opportunities.urls")),  # issue 13: what to grow next
    path("briefings/", include("clusterdesk.briefings.urls")),  # issue 14
    path("maps/", include("clusterdesk.maps.urls")),  # issue 14: maps
    path("cockpit/", include("clusterdesk.maps.cockpit_urls")),  # issue 14: the leaders' cockpit
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("api/", api.urls),
    path("healthz", healthz, name="healthz"),
]

handler500 = "clusterdesk.common.busy.server_error"  # a busy database answers 503, not 500
