"""Leads through their workflow: stage history, follow-ups and their next step in the inbox, the conversion into a
project (one recorded step, refused with reasons and nothing written), and 补链 targets turned into leads."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from clusterdesk.attraction.models import Lead, LeadFollowUp, LeadStageChange
from clusterdesk.attraction.services import (
    lead_convert_to_project,
    lead_create,
    lead_follow_up_add,
    lead_transition,
    lead_update,
    leads_from_gaps,
)
from clusterdesk.changelog.models import ObjectChange
from clusterdesk.industry.models import IndustryCode
from clusterdesk.projects.models import Project, StageTransition
from clusterdesk.tasks.models import Task

pytestmark = pytest.mark.django_db
D = datetime.date


def _signed_lead(world, **kw):
    city = world.users["city"]
    values = {"name": "储能电池项目", "company": world.a.enterprise.name, "region": world.a.county,
              "park": world.a.park, "cluster": world.a.cluster, "planned_investment_wan": Decimal("50000"),
              "land_area_mu": Decimal("150"), "industry": IndustryCode.objects.get(code="C3711"),
              "owner_unit": "芙蓉区商务局", **kw}
    lead = lead_create(lead=Lead(**values), actor=city, on=D(2026, 1, 5))
    lead_transition(lead=lead, stage="inspection", actor=city, on=D(2026, 2, 1))
    lead_transition(lead=lead, stage="signed", actor=city, on=D(2026, 3, 1))
    return lead


def test_conversion_creates_the_project_through_its_service_in_one_recorded_step(world):
    lead = _signed_lead(world)
    project = lead_convert_to_project(lead=lead, actor=world.users["city"])
    project = Project.objects.get(pk=project.pk)
    assert (project.name, project.owner, project.region, project.park, project.industry.code,
            project.total_investment_wan, project.land_area_mu, project.cluster, project.signed_date) == (
        "储能电池项目", world.a.enterprise, world.a.county, world.a.park, "C3711", Decimal("50000"),
        Decimal("150"), world.a.cluster, D(2026, 3, 1))
    assert Lead.objects.get(pk=lead.pk).project == project
    assert StageTransition.objects.filter(project=project, reason__contains="储能电池项目").exists()
    created = ObjectChange.objects.get(action=ObjectChange.Action.CREATE, changed_object_type__model="project",
                                       changed_object_type__app_label="projects", changed_object_id=project.pk)
    linked = ObjectChange.objects.filter(action=ObjectChange.Action.UPDATE, changed_object_type__model="lead",
                                         changed_object_id=lead.pk).latest("pk")
    assert linked.postchange_data["project_id"] == project.pk and created.user == world.users["city"]


def test_conversion_refuses_with_every_missing_item_and_writes_nothing(world):
    lead = _signed_lead(world, land_area_mu=None, industry=None)
    projects, changes = Project.objects.count(), ObjectChange.objects.count()
    with pytest.raises(ValidationError) as err:
        lead_convert_to_project(lead=lead, actor=world.users["city"])
    assert err.value.messages == ["缺少用地面积、所属行业"]
    assert (Project.objects.count(), ObjectChange.objects.count()) == (projects, changes)
    assert Lead.objects.get(pk=lead.pk).project is None


def test_conversion_refuses_a_lead_not_signed_or_already_converted(world):
    city = world.users["city"]
    lead = lead_create(lead=Lead(name="未签约线索", company="某公司", region=world.a.county, park=world.a.park,
                                 planned_investment_wan=Decimal(1), land_area_mu=Decimal(1),
                                 industry=IndustryCode.objects.get(code="C3711")), actor=city)
    with pytest.raises(ValidationError) as err:
        lead_convert_to_project(lead=lead, actor=city)
    assert err.value.messages == ["线索尚未签约，签约或落地后方可转为项目"]
    signed = _signed_lead(world)
    lead_convert_to_project(lead=signed, actor=city)
    with pytest.raises(ValidationError) as err:
        lead_convert_to_project(lead=signed, actor=city)
    assert err.value.messages == ["线索已转为项目"]
    lead_transition(lead=signed, stage="landed", actor=city, on=D(2026, 4, 1))
    assert list(LeadStageChange.objects.filter(lead=signed).values_list("to_stage", "date")) == [
        ("lead", D(2026, 1, 5)), ("inspection", D(2026, 2, 1)), ("signed", D(2026, 3, 1)), ("landed", D(2026, 4, 1))]


def test_stage_moves_follow_the_workflow(world):
    city = world.users["city"]
    lead = lead_create(lead=Lead(name="线索甲", company="某公司", region=world.a.county), actor=city)
    with pytest.raises(ValidationError):  # no jumping to signing
        lead_transition(lead=lead, stage="signed", actor=city)
    with pytest.raises(ValidationError) as err:
        lead_transition(lead=lead, stage="terminated", actor=city, reason="")
    assert "终止须说明原因" in err.value.messages
    with pytest.raises(PermissionDenied):
        lead_transition(lead=lead, stage="contact", actor=world.users["viewer"])
    lead_transition(lead=lead, stage="terminated", actor=city, reason="企业投资计划取消")
    assert Lead.objects.get(pk=lead.pk).termination_reason == "企业投资计划取消"
    lead.stage = "signed"  # the edit and import path goes through the same workflow
    with pytest.raises(ValidationError):
        lead_update(lead=lead, actor=city)


def test_next_step_is_an_inbox_task_until_cleared_or_closed(world):
    from clusterdesk.accounts.models import Unit
    from clusterdesk.accounts.services import unit_create

    city = world.users["city"]
    unit = unit_create(unit=Unit(name="芙蓉区商务局", region=world.a.county), actor=world.users["admin"])
    lead = lead_create(lead=Lead(name="线索乙", company="某公司", region=world.a.county, park=world.a.park,
                                 owner_unit="芙蓉区商务局", assigned_person=world.users["county"]), actor=city)
    assert not Task.objects.filter(source_model="attraction.lead").exists()
    lead_follow_up_add(follow_up=LeadFollowUp(lead=lead, date=D(2026, 5, 1), kind="visit", summary="赴深圳拜访",
                                              next_step="寄送投资协议草案", next_step_date=D(2026, 5, 20)),
                       actor=city)
    task = Task.objects.get(source_model="attraction.lead", source_id=lead.pk)
    lead.refresh_from_db()
    assert (task.status, task.due_date, task.unit_id, task.person, task.title) == (
        "open", D(2026, 5, 20), unit.pk, world.users["county"], "线索乙：寄送投资协议草案")
    lead.next_step, lead.next_step_date = "", None
    lead_update(lead=lead, actor=city)
    assert Task.objects.get(pk=task.pk).status == "done"
    lead_follow_up_add(follow_up=LeadFollowUp(lead=lead, date=D(2026, 6, 1), summary="电话沟通",
                                              next_step="安排考察", next_step_date=D(2026, 6, 10)), actor=city)
    assert Task.objects.get(pk=task.pk).status == "open"
    lead_transition(lead=lead, stage="terminated", actor=city, reason="转投他省")
    assert Task.objects.get(pk=task.pk).status == "done"
    with pytest.raises(ValidationError):
        lead_follow_up_add(follow_up=LeadFollowUp(lead=lead, date=D(2026, 6, 2), summary="x"), actor=city)


def test_gap_segments_become_leads_once(world):
    city = world.users["city"]
    made = leads_from_gaps(chain=world.chain, region=world.a.city, segments=[world.segment], actor=city,
                           targets={world.segment.pk: ["某整车公司", "某动车公司"]})
    assert [(lead.chain_segment, lead.company, lead.source) for lead in made] == [
        (world.segment, "某整车公司、某动车公司", "补链招商")]
    assert leads_from_gaps(chain=world.chain, region=world.a.city, segments=[world.segment], actor=city) == []
    lead_transition(lead=made[0], stage="terminated", actor=city, reason="无意向")
    again = leads_from_gaps(chain=world.chain, region=world.a.city, segments=[world.segment], actor=city)
    assert len(again) == 1 and again[0].name.endswith("（2）")


def test_pages_log_follow_ups_move_convert_and_show_the_funnel(client, world):
    import io

    from openpyxl import load_workbook

    lead = _signed_lead(world, name="页面线索")
    other = lead_create(lead=Lead(name="株洲线索", company="某公司", region=world.b.county), actor=world.users["admin"])
    client.force_login(world.users["city"])
    url = lead.get_absolute_url()
    body = client.get(url).content.decode()
    assert 'data-testid="lead-convert"' in body and 'value="landed"' not in body  # landing waits for the project
    client.post(url, {"action": "follow_up", "date": "2026-03-02", "kind": "offer", "summary": "报送优惠政策",
                      "next_step": "签订补充协议", "next_step_date": "2026-03-20"})
    assert Lead.objects.get(pk=lead.pk).next_step == "签订补充协议"
    response = client.post(url, {"action": "convert"})
    project = Lead.objects.get(pk=lead.pk).project
    assert project is not None and response["Location"] == project.get_absolute_url()
    client.post(url, {"action": "transition", "stage": "landed", "on": "2026-04-01"})
    assert Lead.objects.get(pk=lead.pk).stage == "landed"
    body = client.get("/leads/funnel/?by=transfer").content.decode()
    assert 'data-testid="funnel-row"' in body and "页面线索" not in body
    overall_row = body.split('data-testid="funnel-row"')[1]
    assert "<td class=\"num\">1</td>" in overall_row  # one lead in city A's scope; 株洲 is not counted
    export = client.get("/leads/funnel/?by=unit&export=xlsx")
    rows = list(load_workbook(io.BytesIO(export.content)).active.iter_rows(values_only=True))
    assert rows[1][:4] == ("全部线索", "线索", 0, 1) and rows[6][1:4] == ("落地", 1, 1)
    assert client.get(other.get_absolute_url()).status_code == 404
    client.force_login(world.users["viewer"])
    assert client.post(url, {"action": "convert"}).status_code == 404


def test_the_chain_page_turns_gaps_into_leads(client, world):
    client.force_login(world.users["city"])
    body = client.get(world.chain.get_absolute_url()).content.decode()
    assert 'data-testid="gap-leads"' in body
    url = f"/leads/from-chain/{world.chain.pk}/"
    client.post(url, {"region": world.a.city.code, "segment": [world.segment.pk]})
    client.post(url, {"region": world.a.city.code, "segment": [world.segment.pk]})
    assert Lead.objects.filter(chain_segment=world.segment).count() == 1
