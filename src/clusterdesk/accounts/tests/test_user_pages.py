"""User administration: administrators create and scope users; nobody else sees the pages."""

import pytest
from django.urls import reverse

from clusterdesk.accounts.models import User
from clusterdesk.changelog.models import ObjectChange

pytestmark = pytest.mark.django_db


def test_admin_creates_a_city_officer_with_a_region_scope(client, world):
    client.force_login(world.users["admin"])
    response = client.post(reverse("accounts:user_add"), {
        "username": "zhuzhou", "full_name": "株洲用户", "role": "city_officer", "password": "Zz-long-pass-2026",
        "region_codes": "430200", "is_active": "on"})
    assert response.status_code == 302, response.context["form"].errors
    user = User.objects.get(username="zhuzhou")
    assert [r.code for r in user.scope_regions.all()] == ["430200"]
    assert user.check_password("Zz-long-pass-2026")
    assert ObjectChange.objects.filter(changed_object_id=user.pk, action="create").exists()
    change = ObjectChange.objects.get(changed_object_id=user.pk, action="create", changed_object_type__model="user")
    assert "password" not in change.postchange_data


def test_unknown_region_code_and_weak_password_are_named(client, world):
    client.force_login(world.users["admin"])
    response = client.post(reverse("accounts:user_add"), {
        "username": "bad", "role": "city_officer", "password": "123", "region_codes": "430200 999999"})
    errors = response.context["form"].errors
    assert "999999" in str(errors["region_codes"]) and "password" in errors
    assert not User.objects.filter(username="bad").exists()


@pytest.mark.parametrize("role", ["province", "city", "county", "park", "secretary", "viewer"])
def test_only_administrators_reach_user_pages(client, world, role):
    client.force_login(world.users[role])
    assert client.get(reverse("accounts:user_add")).status_code == 403
    assert client.get(reverse("accounts:user_detail", args=[world.users["admin"].pk])).status_code == 404
    listing = client.get(reverse("accounts:user_list"))
    assert listing.status_code == 200 and "admin" not in [c.username for c in listing.context["page"]]


def test_an_enterprise_user_is_bound_to_exactly_one_enterprise(client, world):
    from django.core.exceptions import ValidationError
    from django.core.management import CommandError, call_command

    from clusterdesk.accounts.services import user_create, user_update

    a, b = world.a.enterprise, world.b.enterprise
    client.force_login(world.users["admin"])
    form = {"username": "qiye", "full_name": "企业填报员", "role": "enterprise", "password": "Qy-long-pass-2026",
            "is_active": "on"}
    for codes in ("", f"{a.uscc} {b.uscc}"):
        response = client.post(reverse("accounts:user_add"), {**form, "enterprise_codes": codes})
        assert "只能绑定一家企业" in str(response.context["form"].non_field_errors()), codes
    assert not User.objects.filter(username="qiye").exists()
    response = client.post(reverse("accounts:user_add"), {**form, "enterprise_codes": a.uscc})
    assert response.status_code == 302
    user = User.objects.get(username="qiye")
    assert list(user.scope_enterprises.all()) == [a]
    with pytest.raises(ValidationError):
        user_update(user=user, actor=world.users["admin"], enterprises=[a, b])
    assert list(user.scope_enterprises.all()) == [a]
    # The users sheet of an import creates the account without a scope; its scopes sheet binds it.
    assert user_create(username="qiye2", password="Qy-long-pass-2026", role="enterprise").scope_enterprises.count() == 0
    call_command("create_user", "qiye3", role="enterprise", password="Qy-long-pass-2026", enterprise=[b.uscc.lower()])
    assert list(User.objects.get(username="qiye3").scope_enterprises.all()) == [b]
    with pytest.raises(CommandError, match="scope_enterprises"):
        call_command("create_user", "qiye4", role="enterprise", password="Qy-long-pass-2026")
    from clusterdesk.cli import main

    main(["createuser", "qiye5", "--role", "enterprise", "--password", "Qy-long-pass-2026", "--enterprise", a.uscc])
    assert list(User.objects.get(username="qiye5").scope_enterprises.all()) == [a]
