from django.apps import AppConfig

# Scope and role grants of the models issue 5 adds: they follow the enterprise they belong to.
_THROUGH_ENTERPRISE = {
    "industry.businessscope": "enterprise",
    "industry.segmentmapping": "enterprise",
    "industry.purchaserecord": "buyer",
}


class IndustryConfig(AppConfig):
    name = "clusterdesk.industry"
    label = "industry"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from clusterdesk.accounts.roles import ROLE_GRANTS
        from clusterdesk.accounts.scoping import SCOPE_PATHS, ScopePaths

        for label, path in _THROUGH_ENTERPRISE.items():
            SCOPE_PATHS.setdefault(label, ScopePaths(region=f"{path}__region", park=f"{path}__park", enterprise=path))
            for grants in ROLE_GRANTS.values():
                if "enterprises.enterprise" in grants and label not in grants:
                    grants[label] = grants["enterprises.enterprise"]

        from .demo import register as register_demo

        register_demo()
