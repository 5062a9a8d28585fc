"""Regression tests for the scope and change-log gaps a review found: each once leaked or went unrecorded."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from clusterdesk.accounts.services import api_token_create, user_create
from clusterdesk.changelog.models import ObjectChange
from clusterdesk.enterprises.services import enterprise_delete, enterprise_update
from clusterdesk.industry.models import IndustryCode
from clusterdesk.parks.services import park_update
from clusterdesk.projects.models import Milestone, Project
from clusterdesk.projects.services import progress_report_update, project_create, project_delete
from clusterdesk.testing import PASSWORD

pytestmark = pytest.mark.django_db


def _changes(obj, action):
    return ObjectChange.objects.filter(changed_object_type__model=obj._meta.model_name, changed_object_id=obj.pk,
                                       action=action)


def test_park_officer_cannot_place_a_project_in_another_city(world):
    project = Project(code="2026-430211-37-03-000777", name="越界项目", region=world.b.county, park=world.a.park,
                      owner=world.a.enterprise, total_investment_wan=Decimal("100"))
    with pytest.raises((PermissionDenied, ValidationError)):
        project_create(project=project, actor=world.users["park"])
    assert not Project.objects.filter(code="2026-430211-37-03-000777").exists()


def test_park_officer_cannot_move_their_park_to_another_city(world):
    park = world.a.park
    park.region = world.b.county
    with pytest.raises(PermissionDenied):
        park_update(park=park, actor=world.users["park"])
    park.refresh_from_db()
    assert park.region == world.a.county


def test_secretary_cannot_move_their_enterprise_to_another_city(world):
    enterprise = world.a.enterprise
    enterprise.region, enterprise.park = world.b.county, None
    with pytest.raises(PermissionDenied):
        enterprise_update(enterprise=enterprise, actor=world.users["secretary"])


def test_another_districts_secretary_is_neither_offered_nor_assignable(client, world, cli_context):
    other = user_create(username="bsec", password=PASSWORD, role="secretary", full_name="株洲秘书王五",
                        enterprises=[world.b.enterprise])
    client.force_login(world.users["county"])
    form = client.get(reverse("enterprises:enterprise_edit", args=[world.a.enterprise.pk])).context["form"]
    assert other not in form.fields["secretary"].queryset
    enterprise = world.a.enterprise
    enterprise.secretary = other
    with pytest.raises(ValidationError):
        enterprise_update(enterprise=enterprise, actor=world.users["county"])
    assert not Project.objects.restrict(other, "view").filter(pk=world.a.project.pk).exists()


def test_list_filters_offer_only_visible_clusters(client, world):
    client.force_login(world.users["county"])
    for url in (reverse("projects:project_list"), reverse("industry:chain_list")):
        page = client.get(url).content.decode()
        assert world.b.cluster.name not in page


def test_a_project_cannot_join_a_cluster_that_does_not_cover_it(world):
    project = world.a.project
    project.cluster = world.b.cluster
    with pytest.raises(ValidationError) as err:
        project.full_clean()
    assert "cluster" in err.value.message_dict


def test_deleting_an_enterprise_records_the_projects_it_leaves_without_owner(world):
    project = world.a.project
    enterprise_delete(enterprise=world.a.enterprise, actor=world.users["city"])
    change = _changes(project, "update").first()
    assert change.prechange_data["owner_id"] == world.a.enterprise.pk
    assert change.postchange_data["owner_id"] is None


def test_deleting_a_project_records_its_milestones_last_state(world):
    milestone = world.a.milestone
    project_delete(project=world.a.project, actor=world.users["city"])
    assert not Milestone.objects.filter(pk=milestone.pk).exists()
    change = _changes(milestone, "delete").get()
    assert change.prechange_data["name"] == "开工"


def test_moving_an_industry_from_leading_to_featured_shows_in_the_change_log(world):
    park = world.a.park
    c37 = IndustryCode.objects.get(code="C37")
    park_update(park=park, actor=world.users["city"], leading=[], featured=[c37])
    fields = {name for name, _before, _after in _changes(park, "update").first().diff()}
    assert {"leading_industries", "featured_industries"} <= fields


def test_correcting_a_report_records_the_projects_new_total(world):
    report = world.a.report
    report.investment_month_wan = Decimal("3010")
    progress_report_update(report=report, actor=world.users["city"])
    change = _changes(world.a.project, "update").first()
    assert (change.prechange_data["investment_completed_wan"], change.postchange_data["investment_completed_wan"]) \
        == ("3000.00", "3010.00")


def test_issuing_and_withdrawing_a_token_is_recorded_and_tokens_expire(client, world):
    token, _key = api_token_create(user=world.users["city"])
    assert _changes(token, "create").exists()
    assert token.expires is not None and token.expires > token.created + datetime.timedelta(days=300)
    client.force_login(world.users["city"])
    assert client.post(reverse("web:token_revoke", args=[token.pk])).status_code == 302
    assert _changes(token, "delete").exists()
    client.force_login(world.users["county"])
    other, _key = api_token_create(user=world.users["city"])
    assert client.post(reverse("web:token_revoke", args=[other.pk])).status_code == 404


def test_duplicate_credit_code_message_names_no_district(world):
    from clusterdesk.enterprises.models import Enterprise

    duplicate = Enterprise(uscc=world.b.enterprise.uscc, name="重复", region=world.a.county)
    with pytest.raises(ValidationError) as err:
        duplicate.full_clean()
    assert world.b.enterprise.name not in str(err.value)
    assert world.b.county.name not in str(err.value)


def test_editing_an_enterprise_keeps_chain_links_the_editor_cannot_see(world, cli_context):
    from clusterdesk.industry.models import Chain, ChainSegment
    from clusterdesk.industry.services import chain_create, segment_create

    admin = world.users["admin"]
    chain_b = chain_create(chain=Chain(name="株洲专属产业链", cluster=world.b.cluster), actor=admin)
    segment_b = segment_create(segment=ChainSegment(chain=chain_b, name="株洲环节", position="upstream"), actor=admin)
    enterprise = world.a.enterprise
    enterprise.chain_segments.set([segment_b])
    enterprise_update(enterprise=enterprise, actor=world.users["county"], chain_segments=[world.segment])
    assert set(enterprise.chain_segments.all()) == {segment_b, world.segment}
