"""Notification pages: the list (unread first, mark read), a person's channels, group robots (officers)."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View

from clusterdesk.accounts.scoping import role_permits

from . import selectors, services
from .forms import ChannelPreferenceForm, GroupRobotForm
from .models import NotificationKind
from .scopes import ROBOT

__all__ = ["NotificationListView", "NotificationReadView", "PreferenceView", "RobotEditView", "RobotListView",
           "RobotTestView"]


class NotificationListView(LoginRequiredMixin, View):
    """The signed-in person's notifications, unread first; filter by kind."""

    def get(self, request):
        kind = request.GET.get("kind") or ""
        if kind not in NotificationKind.values:
            kind = ""
        rows = selectors.notification_list(user=request.user, kind=kind or None)
        page = Paginator(rows, 50).get_page(request.GET.get("page"))
        return render(request, "notifications/notification_list.html", {
            "page": page, "kind": kind, "kinds": NotificationKind.choices,
            "unread": selectors.unread_count(user=request.user), "may_manage_robots": _may_manage_robots(request.user)})


class NotificationReadView(LoginRequiredMixin, View):
    """Mark one notification read (and go to its page with ``?go=1``), or all of them (``pk`` absent)."""

    def post(self, request, pk=None):
        if pk is None:
            count = services.notifications_mark_all_read(actor=request.user, kind=request.POST.get("kind") or None)
            messages.success(request, _("%(count)s notifications marked read.") % {"count": count})
            return redirect("notifications:notification_list")
        notification = get_object_or_404(selectors.notification_list(user=request.user), pk=pk)
        services.notification_mark_read(notification=notification, actor=request.user)
        if request.POST.get("go") and notification.url.startswith("/"):
            return redirect(notification.url)
        return redirect("notifications:notification_list")


class PreferenceView(LoginRequiredMixin, View):
    """The person's channels: e-mail, their unit's group robot, the daily digest and its hour."""

    def get(self, request):
        preference = services.channel_preference_get(user=request.user)
        return self._render(request, ChannelPreferenceForm(instance=preference, user=request.user))

    def post(self, request):
        preference = services.channel_preference_get(user=request.user)
        form = ChannelPreferenceForm(request.POST, instance=preference, user=request.user)
        if form.is_valid():
            services.channel_preference_set(preference=form.instance, actor=request.user)
            messages.success(request, _("Your notification channels are saved."))
            return redirect("notifications:preferences")
        return self._render(request, form)

    def _render(self, request, form):
        return render(request, "notifications/preferences.html", {"form": form})


def _may_manage_robots(user) -> bool:
    return role_permits(user, ROBOT, "view")


class RobotListView(LoginRequiredMixin, View):
    """The group robots of the units in the officer's region; failed deliveries for administrators."""

    def get(self, request):
        if not _may_manage_robots(request.user):
            raise PermissionDenied
        return render(request, "notifications/robot_list.html", {
            "robots": selectors.robot_list(user=request.user),
            "failed": selectors.delivery_failed_list(user=request.user)[:100]})


class RobotEditView(LoginRequiredMixin, View):
    """Add or change a group robot."""

    def _robot(self, request, pk):
        if not _may_manage_robots(request.user):
            raise PermissionDenied
        if pk is None:
            return None
        return get_object_or_404(selectors.robot_list(user=request.user, action="change"), pk=pk)

    def get(self, request, pk=None):
        robot = self._robot(request, pk)
        return render(request, "notifications/robot_edit.html",
                      {"form": GroupRobotForm(instance=robot, user=request.user), "robot": robot})

    def post(self, request, pk=None):
        robot = self._robot(request, pk)
        form = GroupRobotForm(request.POST, instance=robot, user=request.user)
        if form.is_valid():
            if robot is None:
                services.robot_create(robot=form.instance, actor=request.user)
            else:
                services.robot_update(robot=form.instance, actor=request.user)
            messages.success(request, _("The group robot is saved."))
            return redirect("notifications:robot_list")
        return render(request, "notifications/robot_edit.html", {"form": form, "robot": robot})


class RobotTestView(LoginRequiredMixin, View):
    """Post a test message to a robot and say whether it arrived."""

    def post(self, request, pk):
        robot = get_object_or_404(selectors.robot_list(user=request.user, action="change"), pk=pk)
        error = services.robot_send_test(robot=robot, actor=request.user)
        if error:
            messages.error(request, _("The test message did not arrive: %(error)s") % {"error": error})
        else:
            messages.success(request, _("The test message was sent."))
        return redirect("notifications:robot_list")
