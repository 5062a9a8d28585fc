from django.urls import path

from . import views

app_name = "placement"
urlpatterns = [
    path("projects/<int:pk>/", views.ProjectPlacementView.as_view(), name="project_placement"),
    path("allocate/", views.BatchAllocationView.as_view(), name="batch_allocation"),
    path("agreements/", views.AgreementListView.as_view(), name="agreement_list"),
    path("agreements/add/", views.AgreementEditView.as_view(), name="agreement_add"),
    path("agreements/<int:pk>/", views.AgreementDetailView.as_view(), name="agreement_detail"),
    path("agreements/<int:pk>/edit/", views.AgreementEditView.as_view(), name="agreement_edit"),
    path("agreements/<int:pk>/delete/", views.AgreementDeleteView.as_view(), name="agreement_delete"),
]
