"""Investment leads: the stage rules, scope, pages and Excel round trip."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from clusterdesk.attraction.models import Lead
from clusterdesk.attraction.services import lead_create, lead_update
from clusterdesk.common.importing.export import export_queryset
from clusterdesk.common.importing.runner import run_import
from clusterdesk.common.importing.specs import spec_for
from clusterdesk.common.importing.tests.sheets import xlsx

pytestmark = pytest.mark.django_db


def _lead(world, side="a", **kw):
    s = getattr(world, side)
    return lead_create(lead=Lead(name=f"储能电池{side}", company="某新能源公司", region=s.county, park=s.park,
                                 planned_investment_wan=Decimal("50000"), transfer_type="market", **kw),
                       actor=world.users["admin"])


def test_signing_needs_a_date_and_landing_needs_a_project(world):
    lead = _lead(world, stage="negotiation")
    lead.stage = "signed"
    with pytest.raises(ValidationError) as err:
        lead_update(lead=lead, actor=world.users["city"])
    assert "signed_date" in err.value.message_dict
    lead.signed_date = datetime.date(2025, 5, 1)
    lead_update(lead=lead, actor=world.users["city"])
    lead.stage = "landed"
    with pytest.raises(ValidationError):
        lead_update(lead=lead, actor=world.users["city"])
    lead.project = world.a.project
    lead_update(lead=lead, actor=world.users["city"])
    assert Lead.objects.get(pk=lead.pk).stage == "landed"


def test_leads_are_scoped_and_listed(client, world):
    mine, other = _lead(world, "a"), _lead(world, "b")
    client.force_login(world.users["city"])
    body = client.get("/leads/").content.decode()
    assert mine.name in body and other.name not in body
    assert client.get(f"/leads/{other.pk}/").status_code == 404
    assert client.get(f"/leads/{mine.pk}/").status_code == 200


def test_leads_import_and_round_trip(world):
    city = world.users["city"]
    header = ["线索名称", "目标企业", "所在地区", "拟落户园区", "目标产业链环节", "产业转移类型", "进展阶段",
              "拟投资额(亿元)", "用地面积(亩)", "所属行业", "下一步工作", "下一步完成日期"]
    row = ["整车配套项目", "某汽车零部件公司", "430102", world.a.park.name, "整车制造", "市场导向型", "考察洽谈", 3,
           80, "C3711", "安排赴企业考察", "2026-05-20"]
    data = xlsx([header, row])
    report = run_import(kind="leads", data=data, file_name="l.xlsx", actor=city)
    assert ([e.as_line() for e in report.errors], report.created) == ([], 1)
    lead = Lead.objects.get(name="整车配套项目")
    assert (lead.stage, lead.transfer_type, lead.chain_segment, lead.planned_investment_wan, lead.land_area_mu,
            lead.industry.code, lead.next_step, lead.next_step_date) == (
        "inspection", "market", world.segment, Decimal("30000"), Decimal("80"), "C3711", "安排赴企业考察",
        datetime.date(2026, 5, 20))
    exported = export_queryset(spec_for("leads"), Lead.objects.restrict(city, "view"))
    again = run_import(kind="leads", data=exported, file_name="l.xlsx", actor=city)
    assert (again.created, again.updated, again.unchanged, again.errors) == (0, 0, 1, [])
    # A stage jump the workflow does not allow is refused with its row and column, and nothing is written.
    bad = run_import(kind="leads", data=xlsx([header, [*row[:6], "落地", *row[7:]]]), file_name="l.xlsx", actor=city)
    assert bad.errors and "签约" in " ".join(e.as_line() for e in bad.errors)
    assert Lead.objects.get(name="整车配套项目").stage == "inspection"
