"""The pages under their Content-Security-Policy (issue 16 item 9), in Debian's Chromium: walking the navigation and
one page of each kind it links to, then the pages with charts, the API docs, the language switch and a form's
cancel link, no policy violation is reported (neither as a `securitypolicyviolation` event nor on the console) and
no script fails."""

from playwright.sync_api import expect

from .test_pages_in_browser import login
from .test_zh_walk_in_browser import VISIBLE_TEXT, Findings, walk

LISTEN = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(
  `${e.violatedDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}`));
"""


class Violations(Findings):
    """Violations and script errors by page, read from the page's listener after each load."""

    def __init__(self, page):
        super().__init__()
        self.found: list[str] = []
        page.add_init_script(LISTEN)
        page.on("console", lambda m: "Content Security Policy" in m.text and self.found.append(f"console: {m.text}"))
        page.on("pageerror", lambda error: self.found.append(f"script error on {page.url}: {error}"))

    def read(self, page, path: str) -> list[str]:
        self.pages += 1
        self.found += [f"{path}: {v}" for v in page.evaluate("window.__csp || []")]
        return page.evaluate(VISIBLE_TEXT)["links"]

    def check(self) -> None:
        assert not self.failed, self.failed
        assert self.found == [], "\n".join(self.found)


def test_pages_report_no_policy_violation(server, page):
    violations = Violations(page)
    login(page, server, "admin")
    walk(page, server, violations, depth_limit=1, limit=50)
    assert violations.pages > 35
    # the charts: each draws a canvas only if its inline script ran; a tooltip writes inline style attributes
    page.goto(server + "/")
    expect(page.locator("#chart-stages canvas")).to_have_count(1)
    page.locator("#chart-clusters").hover()
    violations.read(page, "/ (tooltip)")
    with page.expect_response("**/api/openapi.json", timeout=120_000):  # a large schema: slow on a busy machine
        page.goto(server + "/api/docs")
    expect(page.locator(".swagger-ui .info")).to_be_visible(timeout=30_000)
    violations.read(page, "/api/docs")
    page.goto(server + "/projects/add/")
    page.get_by_test_id("language").select_option("en")  # the language list submits itself, without inline code
    expect(page.locator("html")).to_have_attribute("lang", "en")
    violations.read(page, "/projects/add/ (language)")
    page.get_by_test_id("language").select_option("zh-hans")
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
    page.goto(server + "/projects/")
    page.goto(server + "/projects/add/")
    page.get_by_role("link", name="取消").click()  # back in history, without a javascript: link
    expect(page).to_have_url(server + "/projects/")
    violations.read(page, "/projects/add/ (cancel)")
    violations.check()


def test_the_listener_would_see_a_violation(server, page):
    violations = Violations(page)
    login(page, server, "admin")
    page.evaluate("() => { const s = document.createElement('script'); s.textContent = 'window.x = 1';"
                  " document.body.appendChild(s); }")
    page.wait_for_function("window.__csp.length > 0")
    violations.read(page, "/ (injected)")
    assert any("script-src" in v for v in violations.found), violations.found
