from django.urls import path

from . import views

app_name = "observation"
urlpatterns = [
    path("", views.RoundListView.as_view(), name="round_list"),
    path("series/add/", views.SeriesEditView.as_view(), name="series_add"),
    path("series/<int:pk>/edit/", views.SeriesEditView.as_view(), name="series_edit"),
    path("rounds/add/", views.RoundEditView.as_view(), name="round_add"),
    path("rounds/<int:pk>/", views.RoundDetailView.as_view(), name="round_detail"),
    path("rounds/<int:pk>/edit/", views.RoundEditView.as_view(), name="round_edit"),
    path("rounds/<int:pk>/step/<slug:step>/", views.RoundStepView.as_view(), name="round_step"),
    path("rounds/<int:pk>/nominate/", views.NominateView.as_view(), name="nominate"),
    path("rounds/<int:pk>/route/", views.RouteView.as_view(), name="route"),
    path("rounds/<int:pk>/results.xlsx", views.ResultsExportView.as_view(), name="results_export"),
    path("rounds/<int:pk>/my-sheet/", views.MySheetView.as_view(), name="my_sheet"),
    path("rounds/<int:pk>/my-sheet.xlsx", views.MySheetExportView.as_view(), name="my_sheet_export"),
    path("rounds/<int:pk>/my-sheet/upload/", views.MySheetUploadView.as_view(), name="my_sheet_upload"),
]
