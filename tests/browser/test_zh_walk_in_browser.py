"""The interface as a Chinese official reads it, in Debian's Chromium: every page reachable from the navigation,
from a sample object of each kind (project, park, enterprise, cluster, chain, meeting, problem, evaluation run,
appeal, lead …) and from the pages those link to, walked in zh-Hans by an administrator and a county officer;
then the pages only a form reaches (a briefing analysed, a batch allocated, an import refused, a problem moved on,
a missing page). Any Latin word in the visible text, an option, a placeholder, a tooltip or a chart's labels
outside the allow-list (`clusterdesk.web.latin`: codes, units, proper names, the demo user names) fails the
test, which prints each word with its page and element."""

import io
import re
from collections import defaultdict
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from openpyxl import Workbook
from playwright.sync_api import expect

from clusterdesk.web.latin import stray_latin_words

from .test_pages_in_browser import login, pick_region

# The text a reader sees: text nodes of visible elements (<code> holds literal machine text and is skipped),
# options of visible lists, placeholders, tooltips and button values, and the labels of ECharts charts.
VISIBLE_TEXT = (Path(__file__).parent / "visible_text.js").read_text(encoding="utf-8").split("*/", 1)[1].strip()
SKIP = re.compile(r"/logout/|/api/|export=|\.xlsx|\.csv|\.yaml|\.docx|/template\.|/mspdi/|/i18n/|/jsi18n/|/delete/|"
                  r"/photos/|/templates/|/static/|^#|^javascript:|^mailto:")


class Findings:
    """Stray words by page and element, and pages that failed to load."""

    def __init__(self):
        self.words: dict[str, set[tuple[str, str]]] = defaultdict(set)
        self.failed: dict[str, int] = {}
        self.pages = 0

    def read(self, page, path: str) -> list[str]:
        found = page.evaluate(VISIBLE_TEXT)
        self.pages += 1
        for text, element in found["texts"]:
            for word in stray_latin_words(text):
                self.words[word].add((path, element))
        return found["links"]

    def report(self) -> str:
        lines = [f"{word!r} on {path} in <{element}>" for word, places in sorted(self.words.items())
                 for path, element in sorted(places)[:3]]
        return "\n".join(lines + [f"HTTP {status} on {path}" for path, status in sorted(self.failed.items())])

    def check(self) -> None:
        report = self.report()
        print(f"{self.pages} pages read\n{report}")
        assert not self.words and not self.failed, f"English or failures in the zh-Hans interface:\n{report}"


def _pattern(path: str) -> str:
    """Pages of one kind share a pattern: numbers and query values blanked (/projects/N/?stage=)."""
    return re.sub(r"=[^&]*", "=", re.sub(r"\d+", "N", path))


def walk(page, base: str, findings: Findings, depth_limit: int = 2, limit: int = 450) -> None:
    """Every navigation page; one sample of each kind of page they link to; one of each kind those link to."""
    host = urlsplit(base).netloc
    page.goto(base + "/")
    navigation = page.locator(".cd-sidebar a[href]").evaluate_all("els => els.map((e) => e.getAttribute('href'))")
    queue = [(href, 0) for href in ["/", *navigation] if not SKIP.search(href)]
    seen: set[str] = set()
    taken: dict[str, int] = defaultdict(int)
    while queue and len(seen) < limit:
        path, depth = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        response = page.goto(base + path)
        if response is None or response.status >= 400:
            findings.failed[path] = response.status if response else 0
            continue
        links = findings.read(page, path)
        if depth >= depth_limit:
            continue
        for href in links:
            target = urlsplit(urljoin(base + path, href))
            if target.netloc != host:
                continue
            local = target.path + (f"?{target.query}" if target.query else "")
            if SKIP.search(local) or local in seen:
                continue
            key = _pattern(local)
            if taken[key] < 1:
                taken[key] += 1
                queue.append((local, depth + 1))


def test_every_page_an_administrator_reaches_is_chinese(server, page):
    login(page, server, "admin")
    findings = Findings()
    walk(page, server, findings)
    assert findings.pages > 120  # the walk really went through the application
    findings.check()


def test_every_page_a_county_officer_reaches_is_chinese(server, page):
    login(page, server, "county")
    findings = Findings()
    walk(page, server, findings)
    assert findings.pages > 80
    findings.check()


def _workbook(rows) -> bytes:
    book = Workbook()
    book.active.title = "重点项目"  # a sheet name is the user's own text, shown as they wrote it
    for row in rows:
        book.active.append(row)
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


def test_pages_behind_forms_are_chinese(server, page, shot):
    login(page, server, "changsha")
    findings = Findings()
    # a briefing: entity types, values and links in the table and the tooltips
    page.goto(server + "/intake/text/")
    page.fill("#id_text", "6月19日，长沙市市长周海兵赴长沙经济技术开发区调研，项目总投资12.5亿元，"
                          "市发改委要在7月15日前完成要素保障。")
    page.get_by_test_id("text-form").locator("button[type=submit]").click()
    expect(page.get_by_test_id("entity-table")).to_contain_text("金额")
    findings.read(page, "/intake/text/ (analysed)")
    # an import refused: the Chinese half of each message only
    page.goto(server + "/intake/")
    page.select_option("#id_kind", "projects")
    page.set_input_files("#id_file", files=[{"name": "项目.xlsx", "mimeType": "application/octet-stream",
                                             "buffer": _workbook([["项目编码", "项目名称", "所在地区", "总投资"],
                                                                  ["ZH-1", "中文检查项目", "430102", -1]])}])
    page.get_by_test_id("upload-form").locator("button[type=submit]").click()
    expect(page.get_by_test_id("import-errors")).to_contain_text("金额不能为负数")
    findings.read(page, "/intake/import/ (refused)")
    # a batch allocated: the method by its name
    page.goto(server + "/placement/allocate/")
    page.get_by_test_id("batch-form").locator("button[type=submit]").click()
    expect(page.get_by_test_id("allocation-summary")).to_be_visible()
    findings.read(page, "/placement/allocate/ (run)")
    shot(page, "zh-allocation")
    # a problem moved on: its page and its project's change history name the statuses
    page.goto(server + "/projects/problems/")
    page.get_by_test_id("lane-raised").locator("a").first.click()
    form = page.get_by_test_id("transition-form")
    form.locator("select[name=status]").select_option("assigned")
    form.locator("input[name=owner_person]").fill("刘工")
    form.locator("button[type=submit]").click()
    expect(page.get_by_test_id("problem-status")).to_have_text("已交办")
    expect(page.get_by_test_id("changelog")).to_contain_text("已交办")
    findings.read(page, "problem (assigned)")
    page.locator("dl.facts dd a").first.click()  # its project, whose change history shows the problem's too
    expect(page.get_by_test_id("changelog")).to_contain_text("已交办")
    findings.read(page, "project of the problem")
    # a page that does not exist
    response = page.goto(server + "/projects/99999999/")
    assert response.status == 404
    expect(page.get_by_test_id("error-page")).to_contain_text("页面不存在")
    findings.read(page, "/projects/99999999/")
    findings.check()


def test_the_region_picker_offers_the_scope_and_picks_a_county(server, page, shot):
    login(page, server, "admin")
    page.goto(server + "/parks/add/")
    picker = page.get_by_test_id("region-picker-region")
    provinces = picker.locator("select[data-depth='0'] option")
    expect(provinces).to_have_count(35)  # 34 provinces and the prompt, not 3,223 regions
    assert provinces.all_inner_texts().count("北京市") == 1
    pick_region(page, "region", "湖南省", "株洲市", "天元区")
    shot(page, "region-picker")
    page.get_by_test_id("current-user").click()
    page.locator("form[action='/logout/'] button").click()
    login(page, server, "county")
    page.goto(server + "/enterprises/add/")
    picker = page.get_by_test_id("region-picker-region")
    expect(picker.locator("select[data-depth='0'] option")).to_have_text(["请选择…", "天元区"])
    picker.locator("input[data-role=search]").fill("芦淞")  # a neighbouring district of 株洲: not offered
    page.wait_for_timeout(600)
    expect(picker.locator("[data-role=matches] button")).to_have_count(0)
    picker.locator("input[data-role=search]").fill("天元")
    picker.locator("[data-role=matches] button").first.click()
    expect(picker.locator("input[data-role=value]")).not_to_have_value("")
