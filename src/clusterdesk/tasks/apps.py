from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TasksConfig(AppConfig):
    name = "clusterdesk.tasks"
    label = "tasks"
    verbose_name = _("Tasks and supervision")

    def ready(self) -> None:
        from clusterdesk.common.registry import registry

        from . import demo, tasks
        from .scopes import register
        from .services import task_sync_changes

        register()
        tasks.register()
        demo.register()
        registry.register_change_listener(task_sync_changes)
