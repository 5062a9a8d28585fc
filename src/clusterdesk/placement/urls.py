from django.urls import path

app_name = "placement"
urlpatterns: list = []
