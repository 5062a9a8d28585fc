from django.urls import path

from . import pipeline_views as pipeline
from . import views

app_name = "projects"
urlpatterns = [
    path("", views.ProjectListView.as_view(), name="project_list"),
    path("add/", views.ProjectEditView.as_view(), name="project_add"),
    path("<int:pk>/", views.ProjectDetailView.as_view(), name="project_detail"),
    path("<int:pk>/edit/", views.ProjectEditView.as_view(), name="project_edit"),
    path("<int:pk>/delete/", views.ProjectDeleteView.as_view(), name="project_delete"),
    path("<int:pk>/stage/", views.ProjectStageView.as_view(), name="project_stage"),
    path("pipeline/", pipeline.pipeline_board, name="pipeline_board"),
    path("lists/", pipeline.list_index, name="list_index"),
    path("lists/save/", pipeline.saved_list_save, name="saved_list_save"),
    path("lists/saved/<int:pk>/", pipeline.saved_list, name="saved_list"),
    path("lists/saved/<int:pk>/delete/", pipeline.saved_list_delete, name="saved_list_delete"),
    path("lists/<slug:key>/", pipeline.list_rows, name="list_rows"),
    path("lights/", pipeline.light_rollup, name="light_rollup"),
    path("reports/late/", pipeline.late_reports, name="late_reports"),
    path("problems/", pipeline.problem_board, name="problem_board"),
    path("problems/<int:pk>/", pipeline.ProblemDetailView.as_view(), name="problem_detail"),
    path("problems/<int:pk>/transition/", pipeline.problem_transition, name="problem_transition"),
    path("problems/<int:pk>/escalate/", pipeline.problem_escalate, name="problem_escalate"),
    path("meetings/", pipeline.MeetingListView.as_view(), name="meeting_list"),
    path("meetings/add/", pipeline.MeetingEditView.as_view(), name="meeting_add"),
    path("meetings/<int:pk>/", pipeline.MeetingDetailView.as_view(), name="meeting_detail"),
    path("meetings/<int:pk>/edit/", pipeline.MeetingEditView.as_view(), name="meeting_edit"),
    path("meetings/<int:meeting_pk>/decisions/add/", pipeline.decision_edit, name="decision_add"),
    path("meetings/<int:meeting_pk>/decisions/<int:pk>/edit/", pipeline.decision_edit, name="decision_edit"),
    path("settings/", pipeline.pipeline_settings, name="pipeline_settings"),
    path("settings/<slug:kind>/add/", pipeline.RuleEditView.as_view(), name="rule_add"),
    path("settings/<slug:kind>/<int:pk>/edit/", pipeline.RuleEditView.as_view(), name="rule_edit"),
    path("photos/<int:pk>/", pipeline.report_photo, name="report_photo"),
    path("<int:pk>/library/<slug:action>/", pipeline.project_library_action, name="project_library_action"),
    path("<int:pk>/template/", pipeline.project_template, name="project_template"),
    path("<int:pk>/mspdi/", pipeline.project_mspdi, name="project_mspdi"),
    path("<int:pk>/plan/", pipeline.project_plan, name="project_plan"),
    path("<int:project_pk>/<str:kind>/add/", views.ProjectChildEditView.as_view(), name="child_add"),
    path("<int:project_pk>/<str:kind>/<int:pk>/edit/", views.ProjectChildEditView.as_view(), name="child_edit"),
    path("<int:project_pk>/<str:kind>/<int:pk>/delete/", views.ProjectChildDeleteView.as_view(),
         name="child_delete"),
]
