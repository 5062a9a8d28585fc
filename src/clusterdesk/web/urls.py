from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

app_name = "web"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("me/", views.profile, name="profile"),
    path("search/", views.search, name="search"),
    path("review/", views.review_queue, name="review_queue"),
    path("review/act/", views.review_act, name="review_act"),
    path("me/tokens/", views.token_create, name="token_create"),
    path("me/tokens/<int:pk>/revoke/", views.token_revoke, name="token_revoke"),
]
