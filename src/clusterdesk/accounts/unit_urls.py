"""The units' pages, under /units/."""

from django.urls import path

from . import views

app_name = "units"
urlpatterns = [
    path("", views.UnitListView.as_view(), name="unit_list"),
    path("add/", views.UnitEditView.as_view(), name="unit_add"),
    path("unmatched/", views.UnmatchedUnitsView.as_view(), name="unmatched"),
    path("<int:pk>/", views.UnitDetailView.as_view(), name="unit_detail"),
    path("<int:pk>/edit/", views.UnitEditView.as_view(), name="unit_edit"),
    path("<int:pk>/delete/", views.UnitDeleteView.as_view(), name="unit_delete"),
]
