from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "clusterdesk.demo"
    label = "demo"

    def ready(self) -> None:
        from clusterdesk.common.registry import DemoPhase, registry

        from .accounts import build_accounts

        registry.register_demo_phase(DemoPhase("accounts", build_accounts, 80))
