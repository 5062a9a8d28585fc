from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    """Notifications: in the application, by e-mail and to group robots; the daily reminders and digests."""

    name = "clusterdesk.notifications"
    label = "notifications"
    verbose_name = _("Notifications")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from .demo import register as register_demo
        from .scopes import register

        register()
        register_demo()
