from django.apps import AppConfig


class ChangelogConfig(AppConfig):
    name = "clusterdesk.changelog"
    label = "changelog"
    default_auto_field = "django.db.models.BigAutoField"
