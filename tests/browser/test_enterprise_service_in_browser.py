"""The enterprise service as a secretary and a city officer use it, in Debian's Chromium."""

import re

from playwright.sync_api import expect

from .test_pages_in_browser import login


def test_secretary_workbench_figures_visit_and_follow_up(server, page, shot):
    login(page, server, "secretary")
    page.get_by_test_id("nav-workbench").click()
    rows = page.get_by_test_id("my-enterprises").get_by_test_id("enterprise-row")
    expect(rows).to_have_count(15)
    colours = set(rows.locator("[data-colour]").evaluate_all("els => els.map(e => e.dataset.colour)"))
    assert "green" in colours and colours & {"blue", "orange", "red"}  # the demo stories raise warnings
    expect(page.get_by_test_id("my-warnings").locator("tbody tr").first).to_contain_text(
        re.compile("同比|产能利用率|在手订单|未报送|用电量"))
    shot(page, "service-workbench")

    name = rows.first.locator("a").first.inner_text()
    rows.first.locator("a").first.click()
    expect(page.get_by_test_id("object-title")).to_have_text(name)
    expect(page.locator("#svc-chart-output canvas")).to_have_count(1)
    page.wait_for_timeout(1200)
    shot(page, "service-enterprise-panel")

    page.get_by_test_id("add-figures").click()
    page.fill("#id_period", "2026年11月")
    page.fill("#id_output_wan", "1.2亿")
    page.fill("#id_capacity", "1000")
    page.fill("#id_capacity_output", "800")
    page.get_by_test_id("edit-form").locator("button[type=submit]").click()
    expect(page.get_by_test_id("error-capacity_unit")).to_contain_text("计量单位")
    page.fill("#id_capacity_unit", "吨")
    page.get_by_test_id("edit-form").locator("button[type=submit]").click()
    expect(page.get_by_test_id("object-title")).to_have_text(name)

    page.get_by_test_id("add-visit").click()
    page.fill("#id_visit_date", "2026/10/8")
    page.fill("#id_topics", "浏览器测试走访：用工需求")
    page.fill("#id_task_0", "浏览器测试交办：组织专场招聘")
    page.fill("#id_task_0_unit", "市人社局")
    page.fill("#id_task_0_due", "2026年10月20日")
    page.get_by_test_id("edit-form").locator("button[type=submit]").click()
    expect(page.get_by_test_id("panel-visits")).to_contain_text("浏览器测试走访：用工需求")

    page.get_by_test_id("nav-workbench").click()
    overdue = page.get_by_test_id("my-follow-ups").locator("tr", has_text="浏览器测试交办：组织专场招聘")
    expect(overdue).to_have_count(1)
    overdue.get_by_test_id("follow-up-done").click()
    expect(page.get_by_test_id("my-follow-ups").locator("tr", has_text="浏览器测试交办：组织专场招聘")).to_have_count(0)


def test_secretary_files_an_appeal_and_an_officer_accepts_it(server, page, shot):
    login(page, server, "secretary")
    page.goto(server + "/service/appeals/add/")
    page.select_option("#id_enterprise", index=1)
    page.fill("#id_title", "浏览器测试诉求：电力增容")
    page.select_option("#id_category", "energy")
    page.fill("#id_description", "新产线需增容 2000 千伏安")
    page.get_by_test_id("edit-form").locator("button[type=submit]").click()
    expect(page.get_by_test_id("object-title")).to_contain_text("浏览器测试诉求：电力增容")
    # Energy goes to the development and reform office: the unit of the enterprise's county (区发展和改革局).
    expect(page.locator("dl").get_by_role("link", name=re.compile("发展和改革局$"))).to_be_visible()
    page.select_option("#id_status", "closed")
    page.get_by_test_id("appeal-action").locator("button[type=submit]").click()
    expect(page.get_by_test_id("form-error")).to_contain_text("诉求不能从“已提出”直接改为“已办结”")
    page.select_option("#id_status", "accepted")
    page.get_by_test_id("appeal-action").locator("button[type=submit]").click()
    expect(page.get_by_test_id("form-error")).to_contain_text("提出诉求的人不能受理")   # not one's own appeal
    expect(page.get_by_test_id("appeal-status")).to_have_text("已提出")
    appeal_url = page.url
    page.context.clear_cookies()
    login(page, server, "province")   # an officer of the responsible side (the enterprise lies in 株洲)
    page.goto(appeal_url)
    page.select_option("#id_status", "accepted")
    page.get_by_test_id("appeal-action").locator("button[type=submit]").click()
    expect(page.get_by_test_id("appeal-status")).to_have_text("已受理")
    shot(page, "service-appeal")


def test_city_monitoring_appeals_and_inclusion_boards(server, page, shot):
    login(page, server, "changsha")
    page.goto(server + "/service/monitoring/")
    total = sum(int(page.get_by_test_id(f"count-{c}").inner_text().replace(",", ""))
                for c in ("green", "blue", "orange", "red"))
    assert total > 0
    expect(page.get_by_test_id("by-park").locator("tbody tr").first).to_be_visible()
    expect(page.get_by_test_id("warning-table")).to_contain_text("长沙")
    expect(page.get_by_test_id("warning-table")).not_to_contain_text("株洲")
    shot(page, "service-monitoring")
    page.select_option("#id_level", "serious")
    page.get_by_test_id("filter-form").locator("button[type=submit]").click()
    levels = set(page.get_by_test_id("warning-table").locator("tbody td:first-child").all_inner_texts())
    assert levels <= {"严重", "无预警。"}
    with page.expect_download() as download:
        page.get_by_role("link", name="导出预警").click()
    assert re.search(r"\.xlsx$", download.value.suggested_filename)

    page.goto(server + "/service/appeals/")
    expect(page.get_by_test_id("resolution-by-unit")).to_be_visible()
    shot(page, "service-appeals")
    page.goto(server + "/service/inclusion/")
    expect(page.get_by_test_id("calendar")).to_be_visible()
    expect(page.get_by_test_id("candidate-table").locator("tbody tr").first).to_be_visible()
    shot(page, "service-inclusion")
    page.goto(server + "/service/coverage/")
    expect(page.get_by_test_id("uncovered")).to_be_visible()
    shot(page, "service-coverage")
