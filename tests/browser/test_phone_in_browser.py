"""Phones (issue 12): the pages people use away from a desk, on a 390 × 844 screen in Debian's Chromium.

The enterprise's own user files its monthly figures and an appeal, and confirms its per-mu data sheet; a county
officer opens a project's monthly report form. On every page the document is no wider than the screen (tables
scroll inside their box) and the page's main button is visible and clickable. Screenshots go to the artifacts
folder (``phone-*.png``).
"""

import re

import pytest
from playwright.sync_api import expect

from clusterdesk.demo.accounts import DEMO_PASSWORD

WIDTH, HEIGHT = 390, 844


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT}, device_scale_factor=2, is_mobile=True,
                                  has_touch=True, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def _sign_in(page, base: str, username: str) -> None:
    page.goto(base + "/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"^(?!.*/login/)"))
    page.wait_for_load_state("load")


def _fits(page, name: str, shot) -> None:
    """No horizontal scroll of the page; the screenshot is taken either way, to show what went wrong."""
    page.wait_for_load_state("load")
    shot(page, f"phone-{name}")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= WIDTH, f"{name}: the page is {width} px wide on a {WIDTH} px screen"


def _main_button(page, locator) -> None:
    """The page's main action: in view once scrolled to, at least 40 px tall (a finger's size), and clickable."""
    expect(locator).to_be_visible()
    locator.scroll_into_view_if_needed()
    box = locator.bounding_box()
    assert box is not None and box["height"] >= 40 and box["x"] >= 0 and box["x"] + box["width"] <= WIDTH, box
    locator.click(trial=True)   # Playwright's actionability checks: visible, stable, enabled, not covered


def test_enterprise_user_files_figures_and_an_appeal_and_confirms_its_sheet(server, phone, shot):
    page = phone
    _sign_in(page, server, "enterprise")
    expect(page).to_have_url(re.compile(r"/service/my/$"))
    expect(page.get_by_test_id("sheet-to-confirm")).to_be_visible()
    expect(page.get_by_test_id("answered-appeal").first).to_contain_text("已协调供电公司")
    expect(page.get_by_test_id("my-warnings").locator("li").first).to_contain_text(re.compile("同比|订单|产能|用电|未报送"))
    expect(page.get_by_test_id("my-figures").locator("tbody tr")).to_have_count(6)
    _fits(page, "my-enterprise", shot)

    # The sidebar waits behind the menu button and shows only the enterprise's pages.
    expect(page.get_by_test_id("sidebar")).not_to_be_in_viewport()
    _main_button(page, page.get_by_test_id("menu-toggle"))
    page.get_by_test_id("menu-toggle").click()
    expect(page.get_by_test_id("enterprise-nav")).to_be_in_viewport()
    expect(page.get_by_test_id("sidebar").locator("a.nav-link")).to_have_count(5)
    shot(page, "phone-menu")
    page.get_by_test_id("nav-my-enterprise").click()

    # Monthly figures: the month to file, one column of fields, saved to the enterprise's page.
    _main_button(page, page.get_by_test_id("file-figures"))
    page.get_by_test_id("file-figures").click()
    page.fill("#id_output_wan", "1.1亿")
    page.fill("#id_revenue_wan", "10,500万元")
    page.fill("#id_note", "手机填报测试")
    submit = page.get_by_test_id("edit-form").locator("button[type=submit]")
    _fits(page, "monthly-figures", shot)
    _main_button(page, submit)
    submit.click()
    expect(page.get_by_test_id("service-panel")).to_be_visible()
    _fits(page, "enterprise-page", shot)
    page.goto(server + "/service/my/")
    expect(page.get_by_test_id("figure-state")).to_have_text("已填报")

    # An appeal, filed from the phone: routed by its category, with its time limit.
    page.get_by_test_id("file-appeal").click()
    page.fill("#id_title", "手机测试诉求：货车通行证")
    page.select_option("#id_category", "logistics")
    page.fill("#id_description", "园区至高速口货车限行，请协调办理通行证。")
    submit = page.get_by_test_id("edit-form").locator("button[type=submit]")
    _fits(page, "appeal-form", shot)
    _main_button(page, submit)
    submit.click()
    expect(page.get_by_test_id("appeal-status")).to_have_text("已提出")
    _fits(page, "appeal", shot)
    page.goto(server + "/service/appeals/")
    expect(page.get_by_test_id("appeal-table")).to_contain_text("手机测试诉求：货车通行证")
    _fits(page, "appeals", shot)

    # The per-mu data sheet: read on the phone, confirmed with one button.
    page.goto(server + "/service/my/")
    page.get_by_test_id("sheet-to-confirm").get_by_role("link").click()
    confirm = page.get_by_test_id("confirm-sheet")
    _fits(page, "sheet", shot)
    _main_button(page, confirm)
    confirm.click()
    expect(page.get_by_role("alert").first).to_contain_text("已确认")
    page.goto(server + "/service/my/")
    expect(page.get_by_test_id("sheet-to-confirm")).to_have_count(0)


def test_officer_opens_a_monthly_report_form_on_a_phone(server, phone, shot):
    page = phone
    _sign_in(page, server, "county")
    _fits(page, "dashboard", shot)
    page.goto(server + "/projects/?stage=construction")
    _fits(page, "project-list", shot)
    href = page.locator("table a[href]").evaluate_all(
        "links => links.map(a => a.getAttribute('href')).find(h => /^\\/projects\\/\\d+\\/$/.test(h))")
    assert href, "no project under construction in the county"
    page.goto(server + href)
    _fits(page, "project", shot)
    page.goto(server + href + "report/add/")
    expect(page.get_by_test_id("edit-form")).to_be_visible()
    submit = page.get_by_test_id("edit-form").locator("button[type=submit]")
    _fits(page, "monthly-report-form", shot)
    _main_button(page, submit)
    submit.click()   # empty: the form answers with what is missing, still on one screen's width
    expect(page.get_by_test_id("edit-form").locator(".text-danger").first).to_be_visible()
    _fits(page, "monthly-report-errors", shot)


def test_a_judge_scores_the_observation_route_on_a_phone(server, phone, shot):
    """Issue 13: a judge opens their own sheet of the round in scoring and scores the first project on the route."""
    page = phone
    _sign_in(page, server, "judge1")
    page.goto(server + "/observation/")
    page.get_by_role("link", name=re.compile("第十八次")).click()
    page.get_by_test_id("my-sheet-link").click()
    _fits(page, "observation-sheet", shot)
    first = page.locator("[data-testid=score-sheet] .card").first
    inputs = first.locator("input[type=number]")
    for index, value in enumerate(["27", "22", "18", "13", "9"]):
        inputs.nth(index).fill(value)
    save = page.get_by_test_id("save-scores")
    _main_button(page, save)
    save.click()
    page.wait_for_load_state("load")
    expect(page.locator("[data-testid=score-sheet] .card").first.get_by_test_id("row-total")).to_have_text("89.0")
    _fits(page, "observation-sheet-saved", shot)
