from django.apps import AppConfig


class ObservationConfig(AppConfig):
    name = "clusterdesk.observation"
    label = "observation"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from .scopes import register

        register()

        from .demo import register as register_demo

        register_demo()

        from .briefing import register as register_briefing

        register_briefing()
