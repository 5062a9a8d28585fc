"""Issue 16 item 10 in Chromium: a city office's real list (section headings, totals, a two-row header, the
owner's credit code, the annual plan) previewed on the import page, corrected, confirmed."""

from playwright.sync_api import expect

from clusterdesk.common.importing.tests.city_sheet import city_sheet

from .test_intake_in_browser import _upload
from .test_pages_in_browser import login


def test_real_city_sheet_preview_names_its_errors_sections_and_unread_columns(server, page, shot):
    login(page, server, "changsha")
    _upload(page, server, city_sheet())
    errors = page.get_by_test_id("import-errors")
    expect(errors.locator("tbody tr")).to_have_count(3)
    expect(errors).to_contain_text('校验位错误：应为 "T"')
    expect(errors).to_contain_text("abc")
    expect(errors).to_contain_text("与第 7 行重复")
    expect(page.get_by_test_id("import-ignored")).to_contain_text("联系人及电话")
    notes = page.get_by_test_id("import-notes")
    expect(notes).to_contain_text("分组标题“续建项目（2个）”，不作为数据；其下各行的项目阶段按“在建”读")
    expect(notes).to_contain_text("“合计”是合计/小计行，已跳过")
    shot(page, "intake-city-sheet-errors")
    _upload(page, server, city_sheet(defects=False))
    expect(page.get_by_test_id("import-counts")).to_contain_text("5")
    expect(page.get_by_test_id("import-changes")).to_contain_text("年度计划投资(万元)")
    expect(page.get_by_test_id("import-notes")).to_contain_text("将随本次导入新建该企业")
    shot(page, "intake-city-sheet-preview")
    page.get_by_test_id("confirm-import").click()
    expect(page.get_by_test_id("batch-changes")).to_contain_text("长沙储能电池项目")
