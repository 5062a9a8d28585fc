from django.urls import path

from . import views

app_name = "opportunities"
urlpatterns = [
    path("grow/", views.GrowView.as_view(), name="grow"),
    path("national-reference/", views.NationalReferenceView.as_view(), name="national_reference"),
]
