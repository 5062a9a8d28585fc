from django.apps import AppConfig


class EnterpriseServiceConfig(AppConfig):
    """Enterprise service: work secretaries and visits, monthly monitoring, appeals, statistics inclusion."""

    name = "clusterdesk.enterprise_service"
    label = "enterprise_service"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from .scopes import register

        register()

        from .tasks import register as register_tasks

        register_tasks()

        from .imports import register_imports

        register_imports()

        from .demo import register as register_demo

        register_demo()
