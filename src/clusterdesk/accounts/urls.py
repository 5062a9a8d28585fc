from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("", views.UserListView.as_view(), name="user_list"),
    path("add/", views.UserEditView.as_view(), name="user_add"),
    path("<int:pk>/", views.UserDetailView.as_view(), name="user_detail"),
    path("<int:pk>/edit/", views.UserEditView.as_view(), name="user_edit"),
]
