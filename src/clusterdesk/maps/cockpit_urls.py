from django.urls import path

from . import views

app_name = "cockpit"

urlpatterns = [
    path("", views.CockpitView.as_view(), name="cockpit"),
    path("data.json", views.CockpitDataView.as_view(), name="data"),
]
