"""Defect 6: implausible monthly figures (utilisation 120 % after 46 %) are refused unless explained, on every
channel — the page, the API and the Excel import — with the message on the capacity output."""

import datetime
import json
from decimal import Decimal

import pytest
from django.urls import reverse

from clusterdesk.accounts.services import api_token_create
from clusterdesk.common.importing.runner import run_import
from clusterdesk.common.importing.tests.sheets import xlsx
from clusterdesk.enterprise_service.models import MonthlyFigure
from clusterdesk.enterprise_service.services import monthly_figure_save

pytestmark = pytest.mark.django_db
FEBRUARY, MARCH = datetime.date(2025, 2, 1), datetime.date(2025, 3, 1)
JUMP = "产能利用率由上月的46%变为120%"


@pytest.fixture
def february(world):
    """Last month: 460 of 1,000 tonnes, utilisation 46 %."""
    return monthly_figure_save(figure=MonthlyFigure(
        enterprise=world.a.enterprise, period=FEBRUARY, capacity=Decimal(1000), capacity_unit="吨",
        capacity_output=Decimal(460)), actor=world.users["admin"])


def test_the_page_refuses_a_jump_to_120_percent_until_it_is_explained(client, world, february):
    client.force_login(world.users["city"])
    url = reverse("enterprise_service:figure_add", args=[world.a.enterprise.pk])
    month = {"period": "2025-03", "capacity": "1000", "capacity_unit": "吨", "capacity_output": "1200",
             "source": "secretary"}
    response = client.post(url, month)
    assert response.status_code == 200
    assert JUMP in " ".join(response.context["form"].errors["capacity_output"])
    assert not MonthlyFigure.objects.filter(period=MARCH).exists()
    assert client.post(url, {**month, "note": "新生产线投产，三班倒"}).status_code == 302
    assert MonthlyFigure.objects.get(period=MARCH).utilisation_pct == Decimal("120.00")


def test_the_api_refuses_it_under_the_field_and_takes_it_with_a_note(client, world, february):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user=world.users['city'], description='t')[1]}"}
    body = {"enterprise": world.a.enterprise.uscc, "period": "2025-03", "capacity": 1000, "capacity_unit": "吨",
            "capacity_output": 1200}
    refused = client.post("/api/service/monthly-figures/", json.dumps(body), content_type="application/json",
                          **headers)
    assert refused.status_code == 422
    detail = refused.json()["detail"]
    assert list(detail) == ["capacity_output"] and any(JUMP in m for m in detail["capacity_output"])
    body["note"] = "新生产线投产"
    taken = client.post("/api/service/monthly-figures/", json.dumps(body), content_type="application/json", **headers)
    assert taken.status_code == 201, taken.content
    assert taken.json()["note"] == "新生产线投产"


def test_the_import_lists_it_on_the_output_column_and_writes_nothing(world, february):
    uscc = world.a.enterprise.uscc
    header = ["统一社会信用代码", "月份", "产能", "产能单位", "实际产量"]
    report = run_import(kind="enterprise-figures", data=xlsx([header, [uscc, "2025-03", 1000, "吨", 1200]]),
                        file_name="f.xlsx", actor=world.users["city"])
    lines = [e.as_line() for e in report.errors]
    assert len(lines) == 2 and all(line.startswith("Sheet1!E2 实际产量：") for line in lines), lines
    assert JUMP in lines[1]
    assert not MonthlyFigure.objects.filter(period=MARCH).exists()
    report = run_import(kind="enterprise-figures", file_name="f.xlsx", actor=world.users["city"],
                        data=xlsx([[*header, "说明"], [uscc, "2025-03", 1000, "吨", 1200, "新生产线投产"]]))
    assert ([e.as_line() for e in report.errors], report.created) == ([], 1)


def test_a_utilisation_above_the_ceiling_is_refused_even_with_a_note(world, february):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as caught:
        monthly_figure_save(figure=MonthlyFigure(
            enterprise=world.a.enterprise, period=MARCH, capacity=Decimal(100), capacity_unit="吨",
            capacity_output=Decimal(250), note="单位写错了吗"), actor=world.users["admin"])
    assert caught.value.message_dict == {
        "capacity_output": ["实际产量为产能的250%，超过200%，请核对两者是否使用同一计量单位"]}


def test_the_bounds_are_settings(world, february, settings):
    settings.CLUSTERDESK = {**settings.CLUSTERDESK, "ENTERPRISE_SERVICE": {"UTILISATION_JUMP_PP": 80,
                                                                           "UTILISATION_EXPLAIN_ABOVE_PCT": 130}}
    saved = monthly_figure_save(figure=MonthlyFigure(
        enterprise=world.a.enterprise, period=MARCH, capacity=Decimal(1000), capacity_unit="吨",
        capacity_output=Decimal(1200)), actor=world.users["admin"])
    assert saved.utilisation_pct == Decimal("120.00")
