from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BriefingsConfig(AppConfig):
    """Generated briefings (通报 / 简报): the library, the wording templates, subscriptions and the monthly job."""

    name = "clusterdesk.briefings"
    label = "briefings"
    verbose_name = _("Briefings")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from .builders import register_builtin_kinds
        from .scopes import register

        register()
        register_builtin_kinds()
