from django.urls import path

from . import views

app_name = "evaluation"
urlpatterns = [
    path("runs/", views.RunListView.as_view(), name="run_list"),
    path("runs/add/", views.RunEditView.as_view(), name="run_add"),
    path("runs/<int:pk>/", views.RunDetailView.as_view(), name="run_detail"),
    path("runs/<int:pk>/edit/", views.RunEditView.as_view(), name="run_edit"),
    path("runs/<int:pk>/<slug:step>/", views.RunStepView.as_view(), name="run_step"),
    path("sheets/<int:pk>/", views.SheetDetailView.as_view(), name="sheet_detail"),
    path("sheets/<int:pk>/<slug:action>/", views.SheetActionView.as_view(), name="sheet_action"),
    path("composite/", views.CompositeListView.as_view(), name="composite_list"),
    path("composite/add/", views.CompositeEditView.as_view(), name="composite_add"),
    path("composite/<int:pk>/", views.CompositeDetailView.as_view(), name="composite_detail"),
    path("composite/<int:pk>/edit/", views.CompositeEditView.as_view(), name="composite_edit"),
    path("composite/<int:pk>/compute/", views.CompositeStepView.as_view(), name="composite_compute"),
    path("featured/", views.FeaturedListView.as_view(), name="featured_list"),
    path("featured/add/", views.FeaturedEditView.as_view(), name="featured_add"),
    path("featured/<int:pk>/", views.FeaturedDetailView.as_view(), name="featured_detail"),
    path("featured/<int:pk>/edit/", views.FeaturedEditView.as_view(), name="featured_edit"),
    path("featured/<int:pk>/<slug:step>/", views.FeaturedStepView.as_view(), name="featured_step"),
    path("map/", views.ParkMapView.as_view(), name="park_map"),
]
