"""The pipeline as a city officer uses it, in Debian's Chromium: a project walked from reserve to production
through the stage gates (one refusal naming what is missing), its Gantt chart, then a problem raised and assigned
by the city, refused when the city would resolve its own problem, resolved by another officer and struck off by the
city; the board, lists with the Excel export, lights and the problem board."""

import re

from playwright.sync_api import expect

from .test_pages_in_browser import login, pick_region


def _edit_milestone(page, name: str, day: str) -> None:
    row = page.get_by_test_id("milestones").locator("tbody tr", has_text=name).first
    row.get_by_role("link", name="编辑").click()
    page.fill("#id_actual_date", day)
    page.get_by_test_id("edit-form").locator("button[type=submit]").click()
    expect(page.get_by_test_id("object-title")).to_be_visible()


def _edit_project(page, **fields: str) -> None:
    page.get_by_test_id("edit-button").click()
    for field, value in fields.items():
        page.fill(f"#id_{field}", value)
    page.get_by_test_id("edit-form").locator("button[type=submit]").click()
    expect(page.get_by_test_id("object-title")).to_be_visible()


def _move(page, stage: str) -> None:
    page.get_by_test_id("stage-form").locator("select[name=stage]").select_option(stage)
    page.get_by_test_id("stage-form").locator("button[type=submit]").click()


def test_walk_a_project_from_reserve_to_production_and_resolve_a_problem(server, page, shot):
    login(page, server, "changsha")
    page.goto(server + "/projects/add/")
    page.fill("#id_code", "2026-430102-38-03-990777")
    page.fill("#id_name", "浏览器流程测试电池项目")
    pick_region(page, "region", "长沙市", "芙蓉区")
    page.fill("#id_total_investment_wan", "3.2亿元")
    page.select_option("#id_stage", "reserve")
    page.fill("#id_planned_start_date", "2026年3月1日")
    page.fill("#id_planned_completion_date", "2027/12/31")
    page.get_by_test_id("edit-form").locator("button[type=submit]").click()
    expect(page.get_by_test_id("project-stage")).to_have_text("储备")

    _move(page, "preconstruction")
    expect(page.get_by_test_id("project-stage")).to_have_text("前期")

    page.get_by_test_id("apply-template").click()
    expect(page.get_by_test_id("milestones").locator("tbody tr")).to_have_count(20)
    expect(page.locator("#gantt canvas")).to_have_count(1)
    _move(page, "construction")
    refusal = page.locator(".alert-danger")
    expect(refusal.first).to_be_visible()
    expect(page.locator(".cd-content")).to_contain_text("进入在建须完成施工许可节点")
    expect(page.get_by_test_id("project-stage")).to_have_text("前期")
    shot(page, "pipeline-gate-refused")

    for name, day in (("用地预审", "2026-01-10"), ("环评批复", "2026-01-25"), ("能评审查", "2026-02-01"),
                      ("施工许可", "2026-02-20")):
        _edit_milestone(page, name, day)
    _edit_project(page, actual_start_date="2026年3月5日")
    expect(page.get_by_test_id("next-gate")).to_contain_text("条件均已满足")
    _move(page, "construction")
    expect(page.get_by_test_id("project-stage")).to_have_text("在建")

    _edit_project(page, actual_completion_date="2027-11-30")
    _move(page, "completed")
    expect(page.get_by_test_id("project-stage")).to_have_text("竣工")
    _edit_project(page, actual_production_date="2028-02-01")
    _move(page, "capacity")
    expect(page.get_by_test_id("project-stage")).to_have_text("达产")
    history = page.get_by_test_id("transitions")
    expect(history.locator("tbody tr")).to_have_count(5)
    expect(history).to_contain_text("推进")
    page.wait_for_timeout(800)
    shot(page, "pipeline-project-at-capacity")

    page.get_by_test_id("add-problem").click()
    page.select_option("#id_category", "utilities")
    page.fill("#id_description", "专用变电站接入进度滞后")
    page.fill("#id_owner_unit", "国网长沙供电公司")
    page.fill("#id_raised_date", "2027-12-01")
    page.fill("#id_due_date", "2028-01-15")
    page.get_by_test_id("edit-form").locator("button[type=submit]").click()
    page.get_by_test_id("problems").get_by_role("link", name=re.compile("专用变电站")).click()
    expect(page.get_by_test_id("problem-status")).to_have_text("已提出")

    form = page.get_by_test_id("transition-form")
    form.locator("select[name=status]").select_option("assigned")
    form.locator("button[type=submit]").click()
    expect(page.locator(".cd-content")).to_contain_text("交办须明确责任人")
    form.locator("select[name=status]").select_option("assigned")
    form.locator("input[name=owner_person]").fill("赵工")
    form.locator("button[type=submit]").click()
    expect(page.get_by_test_id("problem-status")).to_have_text("已交办")
    form.locator("select[name=status]").select_option("resolved")
    form.locator("textarea[name=resolution]").fill("供电公司已完成接入，项目正常用电")
    form.locator("button[type=submit]").click()
    expect(page.locator(".cd-content")).to_contain_text("提出人不能自己办理")   # the city raised it
    expect(page.get_by_test_id("problem-status")).to_have_text("已交办")
    problem_url = page.url
    page.context.clear_cookies()
    login(page, server, "admin")   # the responsible side resolves it
    page.goto(problem_url)
    form.locator("select[name=status]").select_option("resolved")
    form.locator("textarea[name=resolution]").fill("供电公司已完成接入，项目正常用电")
    form.locator("button[type=submit]").click()
    expect(page.get_by_test_id("problem-status")).to_have_text("已解决")
    page.context.clear_cookies()
    login(page, server, "changsha")   # the city, which raised it, confirms and strikes it off
    page.goto(problem_url)
    form.locator("select[name=status]").select_option("closed")
    form.locator("button[type=submit]").click()
    expect(page.get_by_test_id("problem-status")).to_have_text("已销号")
    expect(page.get_by_test_id("resolution")).to_contain_text("供电公司已完成接入")
    shot(page, "pipeline-problem-closed")


def test_board_lists_lights_and_problem_board(server, page, shot):
    login(page, server, "changsha")
    page.get_by_test_id("nav-pipeline").click()
    expect(page.get_by_test_id("pipeline-board")).to_be_visible()
    assert int(page.get_by_test_id("stage-construction").get_by_test_id("stage-count").inner_text()) > 0
    shot(page, "pipeline-board")
    page.goto(server + "/projects/lists/")
    page.get_by_test_id("list-behind_schedule").click()
    lights = page.get_by_test_id("object-table").locator("tbody tr td:first-child span").all_inner_texts()
    assert lights and set(lights) <= {"黄灯", "红灯"}
    with page.expect_download() as download:
        page.get_by_test_id("export-xlsx").click()
    assert download.value.suggested_filename == "list-behind_schedule.xlsx"
    shot(page, "pipeline-list-behind")
    page.goto(server + "/projects/lights/?by=county")
    expect(page.get_by_test_id("rollup-table").locator("tbody tr")).not_to_have_count(0)
    shot(page, "pipeline-lights")
    page.get_by_test_id("nav-problems").click()
    expect(page.get_by_test_id("problem-board")).to_be_visible()
    expect(page.get_by_test_id("figures-category").locator("tbody tr")).not_to_have_count(0)
    shot(page, "pipeline-problem-board")
