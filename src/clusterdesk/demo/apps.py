from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "clusterdesk.demo"
    label = "demo"
