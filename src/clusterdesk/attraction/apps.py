from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AttractionConfig(AppConfig):
    name = "clusterdesk.attraction"
    label = "attraction"
    verbose_name = _("Investment attraction")

    def ready(self) -> None:
        from .scopes import register

        register()

        from .tasks import register as register_tasks

        register_tasks()

        from .demo import register as register_demo

        register_demo()

        from .imports import register_imports

        register_imports()
