from django.urls import path

from . import views

app_name = "industry"
urlpatterns = [
    path("clusters/", views.ClusterListView.as_view(), name="cluster_list"),
    path("clusters/add/", views.ClusterEditView.as_view(), name="cluster_add"),
    path("clusters/<int:pk>/", views.ClusterDetailView.as_view(), name="cluster_detail"),
    path("clusters/<int:pk>/edit/", views.ClusterEditView.as_view(), name="cluster_edit"),
    path("chains/", views.ChainListView.as_view(), name="chain_list"),
    path("chains/<int:pk>/", views.ChainDetailView.as_view(), name="chain_detail"),
    path("codes/", views.IndustryCodeListView.as_view(), name="industrycode_list"),
]
