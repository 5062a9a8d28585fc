from django.urls import path

from . import views

app_name = "parks"
urlpatterns = [
    path("", views.ParkListView.as_view(), name="park_list"),
    path("add/", views.ParkEditView.as_view(), name="park_add"),
    path("<int:pk>/", views.ParkDetailView.as_view(), name="park_detail"),
    path("<int:pk>/edit/", views.ParkEditView.as_view(), name="park_edit"),
]
