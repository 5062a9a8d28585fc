"""Values every page needs: whether this database holds demonstration data, and the navigation."""

from django.core.cache import cache

from clusterdesk.common.models import DataLoad

__all__ = ["site"]


def site(request) -> dict:
    demo = cache.get("clusterdesk:demo")
    if demo is None:
        demo = DataLoad.objects.filter(kind=DataLoad.Kind.DEMO).exists()
        cache.set("clusterdesk:demo", demo, 60)
    return {"demo_data": demo}
