"""The routers mounted under /api/: one per domain app, at /api/<app>/."""

from clusterdesk.attraction.api import router as attraction
from clusterdesk.enterprise_service.api import router as enterprise_service
from clusterdesk.enterprises.api import router as enterprises
from clusterdesk.evaluation.api import router as evaluation
from clusterdesk.industry.api import router as industry
from clusterdesk.observation.api import router as observation
from clusterdesk.parks.api import router as parks
from clusterdesk.placement.api import router as placement
from clusterdesk.projects.api import router as projects
from clusterdesk.regions.api import router as regions

__all__ = ["ROUTERS"]

ROUTERS: list = [
    ("/regions/", regions),
    ("/industry/", industry),
    ("/parks/", parks),
    ("/enterprises/", enterprises),
    ("/projects/", projects),
    ("/service/", enterprise_service),
    ("/evaluation/", evaluation),
    ("/placement/", placement),
    ("/attraction/", attraction),
    ("/observation/", observation),
]
