"""Review of enterprises' monthly figures (填报 → 审核 → 上报): figures under review or returned neither produce nor
change warnings, nor count for the statistics candidates; accepted ones do. The secretary's filing is reviewed by
the enterprise's park."""

import datetime
import json
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from clusterdesk.accounts.services import api_token_create
from clusterdesk.common.workflow import ActionNotAllowed
from clusterdesk.enterprise_service import selectors
from clusterdesk.enterprise_service.models import EnterpriseWarning, MonthlyFigure
from clusterdesk.enterprise_service.services import monthly_figure_review, monthly_figure_save, warnings_recompute
from clusterdesk.web.selectors import review_queue_for

pytestmark = pytest.mark.django_db
D = Decimal
MARCH = datetime.date(2025, 3, 1)
TODAY = datetime.date(2025, 4, 10)


def _save(world, month: datetime.date, user="secretary", **values) -> MonthlyFigure:
    return monthly_figure_save(figure=MonthlyFigure(enterprise=world.a.enterprise, period=month, **values),
                               actor=world.users[user], today=TODAY)


@pytest.fixture
def history(world, review_required):
    """January–March 2024 and January–February 2025 at 100, already accepted (as the migration leaves old rows)."""
    for year, months in ((2024, (1, 2, 3)), (2025, (1, 2))):
        for month in months:
            _save(world, datetime.date(year, month, 1), user="admin", output_wan=D(100), revenue_wan=D(100))
    MonthlyFigure.objects.update(review_status="accepted")


def _rules(world) -> set[str]:
    warnings_recompute(period=MARCH, actor=world.users["admin"])
    return set(EnterpriseWarning.objects.filter(enterprise=world.a.enterprise, period=MARCH)
               .values_list("rule", flat=True))


def test_figures_under_review_do_not_warn_and_accepted_ones_do(world, history):
    figure = _save(world, MARCH, output_wan=D(60), revenue_wan=D(60))   # a 40 % drop
    assert figure.review_status == "filed"
    assert _rules(world) == set()   # neither the drop nor a missing report: it was filed
    with pytest.raises(ValidationError) as caught:
        monthly_figure_review(figure=figure, action="return", actor=world.users["park"])
    assert caught.value.message_dict == {"reason": ["退回须填写退回原因"]}
    monthly_figure_review(figure=figure, action="return", actor=world.users["park"], reason="产值与用电不符，请核实")
    assert _rules(world) == set()
    figure.refresh_from_db()
    figure.note = "订单转移至外地工厂"
    _save(world, MARCH, output_wan=D(60), revenue_wan=D(60), note=figure.note)
    figure.refresh_from_db()
    assert (figure.review_status, figure.return_reason) == ("filed", "")
    monthly_figure_review(figure=figure, action="accept", actor=world.users["park"])
    assert {"output_yoy_month", "revenue_yoy_month"} <= _rules(world)
    monthly_figure_review(figure=figure, action="report", actor=world.users["park"])
    assert MonthlyFigure.objects.get(pk=figure.pk).review_status == "reported"


def test_the_secretary_never_reviews_and_the_park_reviews_its_enterprises(world, history):
    figure = _save(world, MARCH, output_wan=D(90))
    with pytest.raises(ActionNotAllowed, match="须由上一级的干部审核"):
        monthly_figure_review(figure=figure, action="accept", actor=world.users["secretary"])
    with pytest.raises(ActionNotAllowed, match="不由您所在的层级审核"):   # the enterprise is in a park
        monthly_figure_review(figure=figure, action="accept", actor=world.users["county"])
    assert list(selectors.figure_review_queue(user=world.users["park"])) == [figure]
    assert not selectors.figure_review_queue(user=world.users["county"]).exists()
    assert [f.row for f in review_queue_for(user=world.users["park"], today=TODAY)] == [figure]


def test_the_statistics_baseline_reads_accepted_months_only(world, history):
    from clusterdesk.enterprise_service.models import InclusionCandidate

    candidate = InclusionCandidate(enterprise=world.a.enterprise, year=2025)  # unsaved: the baseline reads its figures
    gaps = selectors.candidate_baseline(candidate, today=datetime.date(2025, 4, 1))
    assert MARCH in gaps
    figure = _save(world, MARCH, output_wan=D(90), revenue_wan=D(90))
    assert MARCH in selectors.candidate_baseline(candidate, today=datetime.date(2025, 4, 1))
    monthly_figure_review(figure=figure, action="accept", actor=world.users["park"])
    assert MARCH not in selectors.candidate_baseline(candidate, today=datetime.date(2025, 4, 1))


def test_page_and_api_show_the_state_and_the_reason(world, history):
    figure = _save(world, MARCH, output_wan=D(90))
    park = Client()
    park.force_login(world.users["park"])
    park.post("/review/act/", {"action": "return", "filing": f"figures:{figure.pk}", "reason": "缺少产能数据"})
    assert MonthlyFigure.objects.get(pk=figure.pk).review_status == "returned"
    secretary = Client()
    secretary.force_login(world.users["secretary"])
    page = secretary.get(world.a.enterprise.get_absolute_url()).content.decode()
    assert "已退回" in page and "缺少产能数据" in page
    _token, key = api_token_create(user=world.users["park"], description="tests")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    listed = park.get("/api/service/monthly-figures/", {"review_status": "returned"}, **auth).json()["items"]
    assert [(f["id"], f["return_reason"]) for f in listed] == [(figure.pk, "缺少产能数据")]
    again = park.post(f"/api/service/monthly-figures/{figure.pk}/review", json.dumps({"action": "accept"}),
                      content_type="application/json", **auth)
    assert again.status_code == 422   # a returned filing is filed again by its owner's edit first
