from django.urls import path

from . import views

app_name = "tasks"
urlpatterns = [
    path("", views.InboxView.as_view(), name="inbox"),
    path("board/", views.BoardView.as_view(), name="board"),
    path("instructions/", views.InstructionListView.as_view(), name="instruction_list"),
    path("instructions/add/", views.InstructionEditView.as_view(), name="instruction_add"),
    path("instructions/<int:pk>/", views.InstructionDetailView.as_view(), name="instruction_detail"),
    path("instructions/<int:pk>/edit/", views.InstructionEditView.as_view(), name="instruction_edit"),
    path("instructions/<int:pk>/<slug:action>/", views.InstructionActionView.as_view(), name="instruction_action"),
]
