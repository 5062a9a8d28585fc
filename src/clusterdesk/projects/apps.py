from django.apps import AppConfig


class ProjectsConfig(AppConfig):
    name = "clusterdesk.projects"
    label = "projects"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import scopes, search, tasks

        scopes.register()
        search.register()
        tasks.register()

        from .imports import register_imports

        register_imports()

        from .demo import register as register_demo

        register_demo()
