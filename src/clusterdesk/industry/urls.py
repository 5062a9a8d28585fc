from django.urls import path

from . import views

app_name = "industry"
urlpatterns = [
    path("clusters/", views.ClusterListView.as_view(), name="cluster_list"),
    path("clusters/add/", views.ClusterEditView.as_view(), name="cluster_add"),
    path("clusters/<int:pk>/", views.ClusterDetailView.as_view(), name="cluster_detail"),
    path("clusters/<int:pk>/edit/", views.ClusterEditView.as_view(), name="cluster_edit"),
    path("clusters/<int:pk>/metrics/", views.ClusterMetricsView.as_view(), name="cluster_metrics"),
    path("clusters/<int:cluster>/targets/add/", views.ClusterTargetEditView.as_view(), name="clustertarget_add"),
    path("clusters/<int:pk>/targets/import/", views.ClusterTargetImportView.as_view(), name="clustertarget_import"),
    path("targets/<int:pk>/edit/", views.ClusterTargetEditView.as_view(), name="clustertarget_edit"),
    path("regions/<str:region>/concentration-target/", views.ConcentrationTargetEditView.as_view(),
         name="concentrationtarget_edit"),
    path("chains/<int:pk>/leadership/", views.ChainLeadershipEditView.as_view(), name="chain_leadership"),
    path("clusters/<int:pk>/import-chain/", views.ChainTemplateImportView.as_view(), name="chain_import"),
    path("chains/", views.ChainListView.as_view(), name="chain_list"),
    path("chains/<int:pk>/", views.ChainDetailView.as_view(), name="chain_detail"),
    path("chains/<int:pk>/template.<str:fmt>", views.ChainTemplateExportView.as_view(), name="chain_export"),
    path("chains/<int:pk>/mappings/", views.MappingListView.as_view(), name="mapping_list"),
    path("chains/<int:pk>/mappings/refresh/", views.MappingRefreshView.as_view(), name="mapping_refresh"),
    path("chains/<int:pk>/purchases/import/", views.PurchaseImportView.as_view(), name="purchase_import"),
    path("mappings/<int:pk>/decide/", views.MappingDecideView.as_view(), name="mapping_decide"),
    path("codes/", views.IndustryCodeListView.as_view(), name="industrycode_list"),
]
