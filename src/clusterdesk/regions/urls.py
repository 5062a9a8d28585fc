from django.urls import path

from . import views

app_name = "regions"
urlpatterns = [
    path("", views.RegionListView.as_view(), name="region_list"),
    path("picker/", views.region_picker, name="region_picker"),
    path("<int:pk>/", views.RegionDetailView.as_view(), name="region_detail"),
]
