from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "clusterdesk.accounts"
    label = "accounts"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from clusterdesk.common.registry import registry

        from .scoping import ScopePaths

        # Users are managed by administrators only; an API token is reached through its user.
        registry.register_scope("accounts.user", ScopePaths(region=None))

        from .imports import register_imports

        register_imports()
