"""User administration pages (administrators only: the scoping function gives others no rows)."""

import django_filters
from django.urls import reverse
from django.utils.translation import gettext_lazy

from clusterdesk.common.filtersets import BaseFilterSet
from clusterdesk.common.tables import Column
from clusterdesk.common.views import ObjectDetailView, ObjectEditView, ObjectListView

from .forms import UserForm
from .models import User
from .roles import Role

__all__ = ["UserDetailView", "UserEditView", "UserListView"]


class UserFilterSet(BaseFilterSet):
    search_fields = ("username", "full_name", "unit")
    role = django_filters.ChoiceFilter(choices=Role.choices, label=gettext_lazy("Role"))

    class Meta:
        model = User
        fields = ["q", "role", "is_active"]


class UserListView(ObjectListView):
    model = User
    filterset_class = UserFilterSet
    columns = [
        Column("username", gettext_lazy("User name"), kind="link"),
        Column("full_name", gettext_lazy("Full name")),
        Column("role", gettext_lazy("Role"), kind="choice"),
        Column("unit", gettext_lazy("Unit")),
        Column("is_active", gettext_lazy("Active"), kind="bool"),
        Column("last_login", gettext_lazy("Last sign-in"), kind="date"),
    ]

    def add_url(self):
        return reverse("accounts:user_add")


class UserDetailView(ObjectDetailView):
    model = User
    template_name = "accounts/user_detail.html"


class UserEditView(ObjectEditView):
    model = User
    form_class = UserForm
