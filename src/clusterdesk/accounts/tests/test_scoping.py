"""The scoping function itself: roles, scope kinds, actions."""

import pytest

from clusterdesk.accounts.scoping import SCOPE_PATHS, can, restrict
from clusterdesk.enterprises.models import Enterprise
from clusterdesk.parks.models import Park
from clusterdesk.projects.models import Project

pytestmark = pytest.mark.django_db


def test_region_scope_includes_descendants(world):
    city = world.users["city"]
    assert set(Project.objects.restrict(city, "view")) == {world.a.project}
    province = world.users["province"]
    assert set(Project.objects.restrict(province, "view")) == {world.a.project, world.b.project}


def test_park_scope_sees_only_its_parks_rows(world):
    user = world.users["park"]
    assert set(Park.objects.restrict(user, "view")) == {world.a.park}
    assert set(Enterprise.objects.restrict(user, "view")) == {world.a.enterprise}


def test_enterprise_scope_sees_its_enterprises_their_projects_and_parks(world):
    user = world.users["secretary"]
    assert set(Enterprise.objects.restrict(user, "view")) == {world.a.enterprise}
    assert set(Project.objects.restrict(user, "view")) == {world.a.project}
    assert set(Park.objects.restrict(user, "view")) == {world.a.park}


def test_viewer_may_view_but_not_change(world):
    viewer = world.users["viewer"]
    assert can(viewer, "view", world.a.project)
    assert not can(viewer, "change", world.a.project)
    assert not restrict(Project.objects.all(), viewer, "delete").exists()


def test_secretary_may_change_enterprise_but_not_project(world):
    user = world.users["secretary"]
    assert can(user, "change", world.a.enterprise)
    assert not can(user, "change", world.a.project)


def test_anonymous_and_inactive_users_see_nothing(world):
    from django.contrib.auth.models import AnonymousUser

    assert not Project.objects.restrict(AnonymousUser(), "view").exists()
    city = world.users["city"]
    city.is_active = False
    assert not Project.objects.restrict(city, "view").exists()


def test_every_domain_model_is_registered_for_scoping():
    from django.apps import apps

    labels = {m._meta.label_lower for m in apps.get_models() if m.__module__.startswith("clusterdesk.")}
    unregistered = {label for label in labels if label not in SCOPE_PATHS}
    # Through tables and system tables are never listed on their own.
    assert unregistered <= {"parks.parkindustry", "accounts.apitoken", "common.dataload", "common.importjournal",
                            "common.importjournalentry", "common.jobattempt", "common.workerheartbeat"}
