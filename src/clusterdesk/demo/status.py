"""Whether this database already holds the demonstration province."""

from django.db import DatabaseError

__all__ = ["demo_database_ready"]


def demo_database_ready() -> bool:
    """True when the regions are loaded and a demonstration data load has been recorded.

    Returns False (instead of raising) when the tables do not exist yet, e.g. before `migrate`.
    """
    from clusterdesk.common.models import DataLoad
    from clusterdesk.regions.models import Region

    try:
        return Region.objects.exists() and DataLoad.objects.filter(kind=DataLoad.Kind.DEMO).exists()
    except DatabaseError:
        return False
