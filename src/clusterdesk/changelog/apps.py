from django.apps import AppConfig


class ChangelogConfig(AppConfig):
    name = "clusterdesk.changelog"
    label = "changelog"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from clusterdesk.accounts.scoping import ScopePaths
        from clusterdesk.common.registry import registry

        # The change log and the import batches are read by administrators only.
        registry.register_scopes(dict.fromkeys(("changelog.objectchange", "changelog.importbatch"),
                                               ScopePaths(region=None)), {})
