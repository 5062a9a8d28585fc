from django.apps import AppConfig


class PlacementConfig(AppConfig):
    name = "clusterdesk.placement"
    label = "placement"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from clusterdesk.accounts.roles import ALL_ACTIONS, EDIT, READ, ROLE_GRANTS, Role
        from clusterdesk.accounts.scoping import SCOPE_PATHS, ScopePaths

        # An agreement belongs to the project's (hosting) side; the referring district sees it through reports.
        SCOPE_PATHS["placement.interestagreement"] = ScopePaths(
            region="project__region", park="project__park", enterprise="project__owner")
        grants = {Role.PROVINCE_OFFICER: ALL_ACTIONS, Role.CITY_OFFICER: ALL_ACTIONS, Role.COUNTY_OFFICER: EDIT,
                  Role.PARK_OFFICER: READ, Role.SECRETARY: READ, Role.VIEWER: READ}
        for role, actions in grants.items():
            ROLE_GRANTS[role] = {**ROLE_GRANTS[role], "placement.interestagreement": actions}

        from .demo import register as register_demo

        register_demo()
