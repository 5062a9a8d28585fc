"""Two defects of issue 11 as users met them, in Debian's Chromium: a monthly report filed through the page for a
project that already has reports (defect 1), and a park officer opening a city coordination meeting that also
discussed other districts' problems (defect 2)."""

import datetime
import re

from playwright.sync_api import expect

from .test_pages_in_browser import login


def _next_month(text: str) -> str:
    year, month = (int(part) for part in text.split("-"))
    return f"{year + month // 12}年{month % 12 + 1}月"


def test_a_monthly_report_is_filed_on_a_project_with_earlier_reports(server, page, shot):
    login(page, server, "changsha")
    page.goto(server + "/projects/?stage=construction")
    links = page.get_by_test_id("object-table").locator("tbody tr td a")
    for index in range(links.count()):
        links.nth(index).click()
        if page.get_by_test_id("reports").locator("tbody tr td").first.inner_text().count("-") == 1:
            break
        page.go_back()
    latest = page.get_by_test_id("reports").locator("tbody tr").first.locator("td").first.inner_text().strip()
    assert re.fullmatch(r"\d{4}-\d{2}", latest), latest  # a project with earlier reports
    page.get_by_test_id("add-report").click()
    page.fill("#id_period", _next_month(latest))
    page.fill("#id_investment_month_wan", "123.45")
    page.fill("#id_construction_wan", "100")
    page.fill("#id_equipment_wan", "23.45")
    page.fill("#id_progress_text", "浏览器填报：主体结构施工")
    page.get_by_test_id("edit-form").locator("button[type=submit]").click()
    expect(page.get_by_test_id("object-title")).to_be_visible()
    expect(page.locator(".alert-danger")).to_have_count(0)
    first = page.get_by_test_id("reports").locator("tbody tr").first
    year, month = (int(part) for part in re.findall(r"\d+", _next_month(latest)))
    expect(first).to_contain_text(datetime.date(year, month, 1).strftime("%Y-%m"))
    expect(first).to_contain_text("浏览器填报")
    shot(page, "report-filed-on-a-project-with-reports")


def _meeting_problem_links(page) -> list[str]:
    return [a.get_attribute("href") for a in page.get_by_test_id("meeting-problems").locator("a").all()]


def test_a_park_officer_sees_only_their_part_of_a_city_meeting(server, page, browser, shot):
    login(page, server, "park")
    page.goto(server + "/projects/meetings/")
    meetings = [a.get_attribute("href") for a in page.get_by_test_id("object-table").locator("tbody a").all()]
    assert meetings, "the park officer sees no meeting at all"
    admin = browser.new_context(locale="zh-CN").new_page()
    login(admin, server, "admin")
    partial = 0
    for href in meetings:
        page.goto(server + href)
        mine = _meeting_problem_links(page)
        assert mine  # a meeting is shown only through a problem of the park
        for link in mine:  # every problem shown is one the park officer may open
            assert page.request.get(server + link).status == 200, link
        admin.goto(server + href)
        if len(_meeting_problem_links(admin)) > len(mine):
            partial += 1
            expect(page.get_by_test_id("minutes")).to_contain_text("会议纪要仅向权限范围涵盖会议所在地区的用户显示")
            shot(page, "park-officer-city-meeting")
    assert partial >= 1  # at least one city meeting also discussed problems outside the park
    admin.context.close()
