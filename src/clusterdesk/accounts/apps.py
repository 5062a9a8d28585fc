from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "clusterdesk.accounts"
    label = "accounts"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from .imports import register_imports

        register_imports()
