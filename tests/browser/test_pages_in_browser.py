"""The pages as a person uses them, in Debian's Chromium: sign in, dashboard, filters, create and edit, language."""

import re

from playwright.sync_api import expect

from clusterdesk.demo.accounts import DEMO_PASSWORD


def login(page, base, username):
    page.goto(base + "/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("button[type=submit]")
    expect(page.get_by_test_id("dashboard-stats")).to_be_visible()
    page.wait_for_load_state("load")  # the page's deferred script (site.js: the language list) has run


def pick_region(page, field: str, *names: str) -> None:
    """Choose a region in the cascading picker of ``field``, level by level (湖南省, 株洲市, 天元区)."""
    picker = page.get_by_test_id(f"region-picker-{field}")
    for depth, name in enumerate(names):
        select = picker.locator(f"select[data-depth='{depth}']")
        select.select_option(label=name)
        if depth + 1 < len(names):  # the next list holds this region's regions before we choose in it
            expect(picker.locator(f"select[data-depth='{depth + 1}']")).to_have_attribute(
                "data-parent", select.input_value())
    expect(picker.locator("input[data-role=value]")).not_to_have_value("")


def test_sign_in_and_dashboard(server, page, shot):
    page.goto(server + "/")
    expect(page).to_have_url(re.compile(r"/login/"))
    login(page, server, "changsha")
    expect(page.get_by_test_id("demo-banner")).to_be_visible()
    assert int(page.get_by_test_id("stat-projects").inner_text().replace(",", "")) > 0
    expect(page.locator("#chart-stages canvas")).to_have_count(1)
    page.wait_for_timeout(1500)  # let the charts finish their entry animation before the screenshot
    shot(page, "dashboard")


def test_filter_the_project_list(server, page, shot):
    login(page, server, "changsha")
    page.goto(server + "/projects/")
    total = page.get_by_test_id("result-count").inner_text()
    page.select_option("#id_stage", "construction")
    page.get_by_test_id("filter-form").locator("button[type=submit]").click()
    expect(page.get_by_test_id("result-count")).not_to_have_text(total)
    stages = page.get_by_test_id("object-table").locator("tbody tr td:nth-child(5)").all_inner_texts()
    assert stages and set(stages) == {"在建"}
    shot(page, "project-list-filtered")


def test_create_and_edit_a_project_then_read_the_change_log(server, page, shot):
    login(page, server, "changsha")
    page.goto(server + "/projects/add/")
    page.fill("#id_code", "2026-430102-38-03-990001")
    page.fill("#id_name", "浏览器测试储能电池项目")
    pick_region(page, "region", "长沙市", "芙蓉区")
    page.fill("#id_total_investment_wan", "2.5亿元")
    page.fill("#id_land_area_mu", "150亩")
    page.fill("#id_planned_start_date", "2027年3月1日")
    page.fill("#id_planned_completion_date", "2026/1/1")
    page.get_by_test_id("edit-form").locator("button[type=submit]").click()
    expect(page.get_by_test_id("error-planned_completion_date")).to_be_visible()
    shot(page, "project-form-errors")
    page.fill("#id_planned_completion_date", "2028/12/31")
    page.get_by_test_id("edit-form").locator("button[type=submit]").click()
    expect(page.get_by_test_id("object-title")).to_have_text("浏览器测试储能电池项目")
    expect(page.get_by_test_id("total-investment")).to_have_text("2.5亿元")
    page.get_by_test_id("edit-button").click()
    page.fill("#id_name", "浏览器测试储能电池项目（一期）")
    page.get_by_test_id("edit-form").locator("button[type=submit]").click()
    expect(page.get_by_test_id("object-title")).to_have_text("浏览器测试储能电池项目（一期）")
    log = page.get_by_test_id("changelog")
    expect(log).to_contain_text("浏览器测试储能电池项目（一期）")
    expect(log).to_contain_text("修改")
    expect(log).to_contain_text("新增")
    shot(page, "project-detail-changelog")


def test_switch_language_to_english(server, page, shot):
    login(page, server, "changsha")
    page.get_by_test_id("language").select_option("en")
    expect(page.get_by_role("link", name="Projects", exact=True)).to_be_visible()
    expect(page.locator(".cd-topbar")).to_contain_text("Dashboard")
    shot(page, "dashboard-english")
    page.get_by_test_id("language").select_option("zh-hans")
    expect(page.locator(".cd-topbar")).to_contain_text("工作台")


def test_other_city_is_not_found(server, page):
    login(page, server, "changsha")
    page.goto(server + "/projects/?region=")
    # A county officer in 株洲 cannot open 长沙's projects: take one from the 长沙 user's list and try it.
    first = page.get_by_test_id("object-table").locator("tbody tr td a").first
    href = first.get_attribute("href")
    page.get_by_test_id("current-user").click()
    page.locator("form[action='/logout/'] button").click()
    login(page, server, "county")
    response = page.goto(server + href)
    assert response.status == 404


def test_pages_for_each_area_render(server, page, shot):
    login(page, server, "province")
    for path, name in [("/parks/", "parks"), ("/enterprises/", "enterprises"), ("/industry/clusters/", "clusters")]:
        page.goto(server + path)
        expect(page.get_by_test_id("object-table").locator("tbody tr")).not_to_have_count(0)
        shot(page, name)
    page.goto(server + "/industry/chains/")
    page.get_by_test_id("object-table").locator("tbody tr td a").first.click()
    expect(page.get_by_test_id("chain-map")).to_be_visible()
    shot(page, "chain-map")
