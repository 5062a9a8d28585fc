from django.urls import path

from . import views

app_name = "briefings"
urlpatterns = [
    path("", views.BriefingListView.as_view(), name="briefing_list"),
    path("generate/", views.BriefingGenerateView.as_view(), name="briefing_generate"),
    path("<int:pk>/<str:fmt>/", views.BriefingDownloadView.as_view(), name="briefing_download"),
    path("wording/", views.WordingListView.as_view(), name="wording_list"),
    path("wording/<str:kind>/", views.WordingEditView.as_view(), name="wording_edit"),
    path("subscriptions/", views.SubscriptionListView.as_view(), name="subscription_list"),
    path("subscriptions/add/", views.SubscriptionEditView.as_view(), name="subscription_add"),
    path("subscriptions/<int:pk>/edit/", views.SubscriptionEditView.as_view(), name="subscription_edit"),
    path("subscriptions/<int:pk>/delete/", views.SubscriptionDeleteView.as_view(), name="subscription_delete"),
]
