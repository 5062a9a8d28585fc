import logging

from django.apps import AppConfig
from django.conf import settings


class CommonConfig(AppConfig):
    name = "clusterdesk.common"
    label = "common"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        if getattr(settings, "LOG_FORMAT", "text") == "json":
            logging.captureWarnings(True)  # Python's warnings become JSON lines too (logger py.warnings)
