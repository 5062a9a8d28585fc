from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    name = "clusterdesk.evaluation"
    label = "evaluation"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from .scopes import register

        register()

        from .tasks import register as register_tasks

        register_tasks()

        from .demo import register as register_demo

        register_demo()
