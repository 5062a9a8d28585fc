from django.urls import path

from . import views

app_name = "notifications"
urlpatterns = [
    path("", views.NotificationListView.as_view(), name="notification_list"),
    path("read/", views.NotificationReadView.as_view(), name="read_all"),
    path("<int:pk>/read/", views.NotificationReadView.as_view(), name="read"),
    path("settings/", views.PreferenceView.as_view(), name="preferences"),
    path("robots/", views.RobotListView.as_view(), name="robot_list"),
    path("robots/add/", views.RobotEditView.as_view(), name="robot_add"),
    path("robots/<int:pk>/edit/", views.RobotEditView.as_view(), name="robot_edit"),
    path("robots/<int:pk>/test/", views.RobotTestView.as_view(), name="robot_test"),
]
