"""The inbox and a task's page on a phone (390×844): the tabs and rows show, a row's action opens the task, whose
reply form shows; nothing overflows sideways (a wide table scrolls inside its own box), and the sidebar is folded
away behind the menu button. Screenshots for the record.
"""

from playwright.sync_api import expect

from .test_pages_in_browser import login

PHONE = {"width": 390, "height": 844}
OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"
# Elements past the right edge of the screen, outside scroll boxes (a wide table scrolls inside its box).
WIDER = """() => [...document.querySelectorAll('body *')].filter(e => !e.closest('.table-responsive'))
    .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1).map(e => e.tagName + '.' + e.className)"""
# The sidebar's width on the screen: folded away (display none, or slid past the left edge) it is 0.
SIDEBAR = """() => { const s = document.querySelector('.cd-sidebar');
    if (!s || getComputedStyle(s).display === 'none') return 0;
    const r = s.getBoundingClientRect();
    return Math.max(0, Math.min(r.right, window.innerWidth) - Math.max(r.left, 0)); }"""


def _overflow(page) -> list[str]:
    found = page.evaluate(WIDER)
    return found if found or page.evaluate(OVERFLOW) <= 0 else ["document"]


def test_inbox_and_an_instruction_on_a_phone(server, browser, shot):
    context = browser.new_context(viewport=PHONE, locale="zh-CN", is_mobile=True, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        page.set_viewport_size({"width": 1440, "height": 900})
        login(page, server, "county")
        page.set_viewport_size(PHONE)
        page.goto(server + "/tasks/")
        row = page.get_by_test_id("inbox-table").locator("tbody tr[data-kind=instruction]").first
        expect(row).to_be_visible()
        expect(page.get_by_test_id("inbox-tabs")).to_contain_text("领导批示")
        inbox_overflow = _overflow(page)
        shot(page, "inbox-phone-390")
        # Followed by its address, so the check is of the task's page, not of the tap.
        page.goto(server + row.get_by_test_id("task-action").get_attribute("href"))
        expect(page.get_by_test_id("instruction-facts")).to_be_visible()
        expect(page.get_by_test_id("reply-form")).to_be_visible()
        task_overflow = _overflow(page)
        shot(page, "instruction-phone-390")
        sidebar = page.evaluate(SIDEBAR)
    finally:
        context.close()
    assert sidebar == 0, f"the sidebar takes {sidebar:.0f} px of {PHONE['width']} on a phone"
    assert inbox_overflow == [] and task_overflow == []
