"""Review of monthly progress reports (填报 → 审核 → 上报): the steps and their refusals through the service, the
queue, the page and the API; a report under review moves neither the light nor the project's completed investment.

The world is built before review is switched on, so its April report is accepted, as the migration makes the rows
that were there; the reports filed in the tests start filed.
"""

import datetime
import json
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from clusterdesk.accounts.services import api_token_create
from clusterdesk.changelog.models import ObjectChange
from clusterdesk.common.importing.runner import run_import
from clusterdesk.common.importing.tests.sheets import xlsx
from clusterdesk.common.workflow import ActionNotAllowed
from clusterdesk.projects import selectors, services, supervision
from clusterdesk.projects.models import AnnualPlan, ProgressReport, Project, ProjectLight
from clusterdesk.web.selectors import filings_due, review_queue_for

pytestmark = pytest.mark.django_db
D = datetime.date
MAY = D(2025, 5, 1)


def _file_may(world, user="park", amount="3500") -> ProgressReport:
    return services.progress_report_create(report=ProgressReport(
        project=world.a.project, period=MAY, investment_month_wan=Decimal(amount),
        investment_cumulative_wan=Decimal(0)), actor=world.users[user])


def _completed(world) -> Decimal:
    return Project.objects.get(pk=world.a.project.pk).investment_completed_wan


def test_filed_returned_with_reason_filed_again_accepted_then_reported(world, review_required):
    report = _file_may(world)
    assert report.review_status == "filed" and _completed(world) == Decimal(3000)  # April's only
    county, park = world.users["county"], world.users["park"]
    with pytest.raises(ActionNotAllowed, match="填报人不能审核"):
        services.progress_report_review(report=report, action="accept", actor=park)
    with pytest.raises(ValidationError) as caught:
        services.progress_report_review(report=report, action="return", actor=county, reason=" ")
    assert caught.value.message_dict == {"reason": ["退回须填写退回原因"]}
    services.progress_report_review(report=report, action="return", actor=county, reason="形象进度与投资不符")
    report.refresh_from_db()
    assert (report.review_status, report.return_reason, report.reviewed_by) == ("returned", "形象进度与投资不符",
                                                                               county)
    report.progress_text = "主体结构封顶，设备进场"
    services.progress_report_update(report=report, actor=park)
    report.refresh_from_db()
    assert (report.review_status, report.return_reason) == ("filed", "")
    assert _completed(world) == Decimal(3000)
    services.progress_report_review(report=report, action="accept", actor=county)
    assert ProgressReport.objects.get(pk=report.pk).review_status == "accepted"
    assert _completed(world) == Decimal(6500)
    with pytest.raises(ActionNotAllowed, match="不由您所在的层级审核"):   # the park's filing is the county's
        services.progress_report_review(report=report, action="report", actor=world.users["city"])
    services.progress_report_review(report=report, action="report", actor=county)
    assert ProgressReport.objects.get(pk=report.pk).review_status == "reported"
    steps = [c.postchange_data.get("review_status") for c in ObjectChange.objects.filter(
        changed_object_type__model="progressreport", changed_object_id=report.pk).order_by("pk")]
    assert steps == ["filed", "returned", "filed", "accepted", "reported"]


def test_editing_an_accepted_report_files_it_again_and_it_stops_counting(world, review_required):
    report = _file_may(world, amount="1000")
    services.progress_report_review(report=report, action="accept", actor=world.users["county"])
    assert _completed(world) == Decimal(4000)
    report.investment_month_wan = Decimal(2000)
    services.progress_report_update(report=report, actor=world.users["park"])
    assert ProgressReport.objects.get(pk=report.pk).review_status == "filed"
    assert _completed(world) == Decimal(3000)   # April's again, until the corrected May is accepted


def test_a_report_under_review_does_not_move_the_light(world, review_required):
    project = world.a.project
    AnnualPlan.objects.create(project=project, year=2025, planned_wan=Decimal("10000"))
    report = _file_may(world, amount="5000")
    supervision.lights_compute(month=MAY, projects=Project.objects.filter(pk=project.pk))
    assert "累计完成投资占年度计划 30%" in ProjectLight.objects.get(project=project, month=MAY).summary
    services.progress_report_review(report=report, action="accept", actor=world.users["county"])
    # Accepted, May's 5000 puts the project ahead of the 41.67 % pro-rata progress: investment is no longer a
    # reason, at once (the light of May was computed; the acceptance computes it again).
    assert "累计完成投资" not in ProjectLight.objects.get(project=project, month=MAY).summary
    services.progress_report_review(report=report, action="return", actor=world.users["county"], reason="数据有误")
    assert "累计完成投资占年度计划 30%" in ProjectLight.objects.get(project=project, month=MAY).summary


def test_the_queue_holds_what_the_users_level_reviews_in_scope(world, review_required):
    report = _file_may(world)
    queued = {name: list(selectors.report_review_queue(user=world.users[name])) for name in
              ("admin", "province", "city", "county", "park", "secretary", "viewer")}
    assert {name for name, rows in queued.items() if rows} == {"admin", "county"}
    assert [f.row for f in review_queue_for(user=world.users["county"], today=D(2025, 6, 9))] == [report]
    assert review_queue_for(user=world.users["county"], today=D(2025, 6, 9))[0].overdue   # review by 8 June
    due = filings_due(user=world.users["county"], month=MAY, today=D(2025, 6, 7))
    assert due["to_review"] == {"waiting": 1, "overdue": 0} and due["deadlines"].report_by == D(2025, 6, 10)
    # A county officer's own filing goes to the city, never back to the county.
    services.progress_report_review(report=report, action="return", actor=world.users["county"], reason="缺照片")
    report.refresh_from_db()
    report.reported_by = world.users["county"]
    report.save(update_fields=["reported_by"])
    services.progress_report_update(report=report, actor=world.users["county"])
    assert list(selectors.report_review_queue(user=world.users["city"])) == [report]
    assert not selectors.report_review_queue(user=world.users["county"]).exists()
    # Out of scope: city B's filings reach no one of city A.
    b = services.progress_report_create(report=ProgressReport(
        project=world.b.project, period=MAY, investment_month_wan=Decimal(1), investment_cumulative_wan=Decimal(0)),
        actor=world.users["admin"])
    assert b not in selectors.report_review_queue(user=world.users["city"])
    with pytest.raises(PermissionDenied):
        services.progress_report_review(report=b, action="accept", actor=world.users["city"])


def test_review_switched_off_accepts_a_filing_as_filed(world):
    report = _file_may(world)
    assert report.review_status == "accepted" and _completed(world) == Decimal(6500)


def test_review_page_bulk_accepts_and_returns_with_a_reason(world, review_required):
    report = _file_may(world)
    client = Client()
    client.force_login(world.users["county"])
    page = client.get("/review/")
    assert page.status_code == 200 and 'data-testid="review-row"' in page.content.decode()
    refused = client.post("/review/act/", {"action": "return", "filing": f"report:{report.pk}", "reason": ""},
                          follow=True)
    assert "退回须填写退回原因" in refused.content.decode()
    assert ProgressReport.objects.get(pk=report.pk).review_status == "filed"
    client.post("/review/act/", {"action": "return", "filing": f"report:{report.pk}", "reason": "缺少现场照片"})
    park = Client()
    park.force_login(world.users["park"])
    mine = park.get("/review/").content.decode()
    assert 'data-testid="returned-to-me"' in mine and "缺少现场照片" in mine
    services.progress_report_update(report=ProgressReport.objects.get(pk=report.pk), actor=world.users["park"])
    client.post("/review/act/", {"action": "accept", "filing": [f"report:{report.pk}"]})
    assert ProgressReport.objects.get(pk=report.pk).review_status == "accepted"
    detail = client.get(f"/projects/{world.a.project.pk}/").content.decode()
    assert 'data-testid="review-status"' in detail and "已审核" in detail
    history = detail[detail.index('data-testid="changelog"'):]
    assert "审核状态" in history and "已退回" in history and "缺少现场照片" in history   # each step, with the reason
    assert park.post("/review/act/", {"action": "report", "filing": f"report:{report.pk}"}).status_code == 302
    assert ProgressReport.objects.get(pk=report.pk).review_status == "accepted"   # the park may not report it up


def test_api_shows_the_state_and_moves_it(client, world, review_required):
    report = _file_may(world)
    _token, key = api_token_create(user=world.users["county"], description="tests")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    listed = client.get("/api/projects/progress-reports/", {"review_status": "filed"}, **auth).json()
    assert [(r["id"], r["review_status"]) for r in listed["items"]] == [(report.pk, "filed")]
    url = f"/api/projects/progress-reports/{report.pk}/review"
    _token, park_key = api_token_create(user=world.users["park"], description="tests")
    own = client.post(url, json.dumps({"action": "accept"}), content_type="application/json",
                      HTTP_AUTHORIZATION=f"Bearer {park_key}")
    assert own.status_code == 403 and "填报人不能审核" in own.json()["detail"]
    missing = client.post(url, json.dumps({"action": "return"}), content_type="application/json", **auth)
    assert missing.status_code == 422
    moved = client.post(url, json.dumps({"action": "return", "reason": "请补充形象进度"}),
                        content_type="application/json", **auth)
    assert moved.status_code == 200 and moved.json()["return_reason"] == "请补充形象进度"


def test_an_imported_report_is_filed_by_the_importing_officer_for_the_level_above(world, review_required):
    report = run_import(kind="progress-reports", file_name="r.xlsx", actor=world.users["county"], data=xlsx([
        ["项目编码", "填报月份", "本月完成投资"], [world.a.project.code, "2025-05", 100]]))
    assert [e.as_line() for e in report.errors] == []
    imported = ProgressReport.objects.get(project=world.a.project, period=MAY)
    assert (imported.review_status, imported.reported_by) == ("filed", world.users["county"])
    assert list(selectors.report_review_queue(user=world.users["city"])) == [imported]
    assert _completed(world) == Decimal(3000)
