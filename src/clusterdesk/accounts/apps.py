from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "clusterdesk.accounts"
    label = "accounts"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from clusterdesk.common.registry import registry

        from .roles import ALL_ACTIONS, Role
        from .scoping import ScopePaths

        # Users are managed by administrators only; an API token is reached through its user.
        registry.register_scope("accounts.user", ScopePaths(region=None))
        # Every signed-in user reads the units (work is routed to them); province and city officers keep their own.
        registry.register_scopes({"accounts.unit": ScopePaths(region="region", public_view=True)},
                                 {role: {"accounts.unit": ALL_ACTIONS}
                                  for role in (Role.PROVINCE_OFFICER, Role.CITY_OFFICER)})

        from .imports import register_imports

        register_imports()
