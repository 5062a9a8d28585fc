from django.apps import AppConfig


class EnterprisesConfig(AppConfig):
    name = "clusterdesk.enterprises"
    label = "enterprises"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from .demo import register as register_demo

        register_demo()
