from django.urls import path

from . import views

app_name = "attraction"
urlpatterns = [
    path("", views.LeadListView.as_view(), name="lead_list"),
    path("add/", views.LeadEditView.as_view(), name="lead_add"),
    path("funnel/", views.LeadFunnelView.as_view(), name="lead_funnel"),
    path("from-chain/<int:pk>/", views.LeadsFromGapsView.as_view(), name="leads_from_gaps"),
    path("<int:pk>/", views.LeadDetailView.as_view(), name="lead_detail"),
    path("<int:pk>/edit/", views.LeadEditView.as_view(), name="lead_edit"),
]
