from django.urls import path

from . import views

app_name = "intake"
urlpatterns = [
    path("", views.IntakeHomeView.as_view(), name="home"),
    path("templates/<slug:kind>.xlsx", views.TemplateDownloadView.as_view(), name="template"),
    path("import/", views.ImportUploadView.as_view(), name="import_upload"),
    path("import/confirm/", views.ImportConfirmView.as_view(), name="import_confirm"),
    path("batches/<int:pk>/", views.BatchDetailView.as_view(), name="batch_detail"),
    path("text/", views.TextIntakeView.as_view(), name="text"),
    path("text/confirm/", views.DraftConfirmView.as_view(), name="draft_confirm"),
    path("visits/", views.VisitListView.as_view(), name="visit_list"),
    path("visits/add/", views.VisitEditView.as_view(), name="visit_add"),
    path("visits/<int:pk>/", views.VisitDetailView.as_view(), name="visit_detail"),
    path("visits/<int:pk>/edit/", views.VisitEditView.as_view(), name="visit_edit"),
    path("visits/<int:pk>/instructions/add/", views.VisitInstructionAddView.as_view(), name="visit_instruction_add"),
]
