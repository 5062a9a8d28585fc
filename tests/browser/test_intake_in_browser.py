"""Intake in Chromium: upload a messy sheet, read the errors, fix it, confirm; paste a briefing and save a draft."""

import io

from openpyxl import Workbook
from playwright.sync_api import expect

from .test_pages_in_browser import login


def _sheet(rows) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    sheet.merge_cells("A1:D1")
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


def _upload(page, server, data: bytes):
    page.goto(server + "/intake/")
    page.select_option("#id_kind", "projects")
    page.set_input_files("#id_file", files=[{"name": "重点项目.xlsx", "mimeType": "application/octet-stream",
                                             "buffer": data}])
    page.get_by_test_id("upload-form").locator("button[type=submit]").click()


def test_upload_errors_then_confirm(server, page, shot):
    login(page, server, "changsha")
    header = ["项目编码", "项目名称", "所在地区", "总投资(亿元)"]
    _upload(page, server, _sheet([["2026年重点项目表"], header, ["BR-1", "浏览器导入项目", "430102", -2]]))
    expect(page.get_by_test_id("import-errors")).to_contain_text("金额不能为负数")
    expect(page.get_by_test_id("import-errors").locator("tbody tr").first).to_contain_text("总投资(亿元)")
    expect(page.get_by_test_id("import-errors").locator("tbody td").nth(4)).to_have_text("-2")
    shot(page, "intake-import-errors")
    _upload(page, server, _sheet([["2026年重点项目表"], header, ["BR-1", "浏览器导入项目", "430102", 2]]))
    expect(page.get_by_test_id("import-changes")).to_contain_text("浏览器导入项目")
    shot(page, "intake-import-preview")
    page.get_by_test_id("confirm-import").click()
    expect(page.get_by_test_id("batch-counts")).to_contain_text("1")
    expect(page.get_by_test_id("batch-changes")).to_contain_text("浏览器导入项目")
    shot(page, "intake-import-batch")


def test_briefing_highlights_and_draft_is_saved(server, page, shot):
    login(page, server, "changsha")
    page.goto(server + "/intake/text/")
    page.fill("#id_text", "首页 > 要闻\n6月19日，长沙市市长周海兵赴长沙经济技术开发区调研，强调要加快项目建设，"
                          "市发改委要在7月15日前完成要素保障。\n责任编辑：王芳")
    page.fill("#id_year", "2026")
    page.get_by_test_id("text-form").locator("button[type=submit]").click()
    text = page.get_by_test_id("highlighted-text")
    # the person is the name; the title is in its value (issue 15: 市委书记戴源 → 戴源, 市委书记)
    expect(text.locator("mark[data-type=person]")).to_have_text("周海兵")
    expect(text.locator("mark[data-type=person]")).to_have_attribute("title", "人员：长沙市市长周海兵")
    expect(text.locator("mark[data-type=date]").first).to_have_text("6月19日")
    expect(page.get_by_test_id("removed-lines")).to_contain_text("责任编辑")
    shot(page, "intake-text")
    # the draft's region is picked from the briefing's place (长沙经济技术开发区 lies in 长沙) or the user's scope
    expect(page.get_by_test_id("drafts").locator("input[data-role=value]").first).not_to_have_value("")
    page.get_by_test_id("save-draft").first.click()
    expect(page.get_by_test_id("visit-tasks")).to_contain_text("要素保障")
    shot(page, "intake-visit")
