from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntakeConfig(AppConfig):
    name = "clusterdesk.intake"
    label = "intake"
    verbose_name = _("Intake")

    def ready(self) -> None:
        from .scopes import register

        register()
