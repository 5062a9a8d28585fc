from django.apps import AppConfig


class OpportunitiesConfig(AppConfig):
    name = "clusterdesk.opportunities"
    label = "opportunities"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from .scopes import register

        register()
