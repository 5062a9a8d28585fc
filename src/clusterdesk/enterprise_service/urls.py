from django.urls import path

from . import views

app_name = "enterprise_service"
urlpatterns = [
    path("", views.WorkbenchView.as_view(), name="workbench"),
    path("my/", views.MyEnterpriseView.as_view(), name="my_enterprise"),
    path("monitoring/", views.MonitoringView.as_view(), name="monitoring"),
    path("appeals/", views.AppealBoardView.as_view(), name="appeal_list"),
    path("appeals/add/", views.AppealCreateView.as_view(), name="appeal_add"),
    path("appeals/<int:pk>/", views.AppealDetailView.as_view(), name="appeal_detail"),
    path("inclusion/", views.InclusionBoardView.as_view(), name="candidate_list"),
    path("inclusion/<int:pk>/", views.CandidateDetailView.as_view(), name="candidate_detail"),
    path("coverage/", views.CoverageView.as_view(), name="coverage"),
    path("enterprises/<int:pk>/figures/add/", views.FigureCreateView.as_view(), name="figure_add"),
    path("enterprises/<int:pk>/visits/add/", views.VisitCreateView.as_view(), name="visit_add"),
    path("tasks/<int:pk>/done/", views.FollowUpDoneView.as_view(), name="follow_up_done"),
]
