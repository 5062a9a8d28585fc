from django.urls import path

from . import views

app_name = "projects"
urlpatterns = [
    path("", views.ProjectListView.as_view(), name="project_list"),
    path("add/", views.ProjectEditView.as_view(), name="project_add"),
    path("<int:pk>/", views.ProjectDetailView.as_view(), name="project_detail"),
    path("<int:pk>/edit/", views.ProjectEditView.as_view(), name="project_edit"),
    path("<int:pk>/delete/", views.ProjectDeleteView.as_view(), name="project_delete"),
    path("<int:pk>/stage/", views.ProjectStageView.as_view(), name="project_stage"),
    path("<int:project_pk>/<str:kind>/add/", views.ProjectChildEditView.as_view(), name="child_add"),
    path("<int:project_pk>/<str:kind>/<int:pk>/edit/", views.ProjectChildEditView.as_view(), name="child_edit"),
    path("<int:project_pk>/<str:kind>/<int:pk>/delete/", views.ProjectChildDeleteView.as_view(),
         name="child_delete"),
]
