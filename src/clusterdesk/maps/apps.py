from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MapsConfig(AppConfig):
    name = "clusterdesk.maps"
    verbose_name = _("Maps and cockpit")

    def ready(self) -> None:
        from .demo import register

        register()
