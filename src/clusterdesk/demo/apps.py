from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "clusterdesk.demo"
    label = "demo"

    def ready(self) -> None:
        from clusterdesk.common.registry import DemoPhase, registry

        from .accounts import build_accounts
        from .units import build_unit_matching, build_units, delete_units

        # Units before the accounts (each demo user belongs to one); matching after every phase that writes owners.
        registry.register_demo_phase(DemoPhase("units", build_units, 75, delete=delete_units))
        registry.register_demo_phase(DemoPhase("accounts", build_accounts, 80))
        registry.register_demo_phase(DemoPhase("unit_matching", build_unit_matching, 120))
