"""The interface as a Chinese official reads it, checked on rendered pages with the test client.

Every page reachable from the navigation, and one sample of each page reachable from those (objects, their edit
forms, lists with filters), is rendered in zh-Hans for several roles; no visible text may hold a Latin word
outside the allow-list (`clusterdesk.web.latin`). The browser walk (tests/browser/test_zh_walk_in_browser.py)
does the same in Chromium on the demo province, with charts; this one is fast and runs with the unit tests.
Also here: the actions a role is offered, and numbers rounded for reading.
"""

import re
from collections import defaultdict
from html import unescape

import pytest
from django.conf import settings

from clusterdesk.common.templatetags.clusterdesk import num
from clusterdesk.web.latin import stray_latin_words, visible_texts

pytestmark = pytest.mark.django_db

NAVIGATION = ["/", "/projects/", "/projects/pipeline/", "/projects/lists/", "/projects/lights/",
              "/projects/reports/late/", "/projects/problems/", "/projects/meetings/", "/projects/settings/",
              "/enterprises/", "/parks/", "/evaluation/runs/", "/evaluation/composite/", "/evaluation/featured/",
              "/maps/", "/cockpit/", "/service/", "/service/monitoring/", "/service/appeals/", "/service/inclusion/",
              "/service/coverage/", "/industry/clusters/", "/industry/chains/", "/industry/codes/", "/regions/",
              "/leads/", "/intake/", "/intake/text/", "/intake/visits/", "/placement/agreements/",
              "/placement/allocate/", "/me/", "/users/"]
SKIP = re.compile(r"/logout/|/api/|export=|\.xlsx|\.csv|\.yaml|/template\.|/mspdi/|/i18n/|/jsi18n/|/photos/|"
                  r"/templates/|/static/|^#|^javascript:|^mailto:")
HREF = re.compile(r'href="([^"]+)"')


def _pattern(path: str) -> str:
    """Pages of one kind share a pattern: digits and query values blanked (/projects/N/?stage=)."""
    return re.sub(r"=[^&]*", "=", re.sub(r"\d+", "N", path))


def walk(client, start: list[str], allowed: frozenset[str] = frozenset(), per_pattern: int = 1,
         limit: int = 400) -> tuple[dict, dict]:
    """Render the start pages and a sample of the pages they link to; return stray words and bad statuses."""
    stray: dict[str, set[str]] = defaultdict(set)
    statuses: dict[str, int] = {}
    seen: set[str] = set()
    taken: dict[str, int] = defaultdict(int)
    queue = [(path, 0) for path in start]
    while queue and len(seen) < limit:
        path, depth = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        response = client.get(path)
        if response.status_code >= 400 and response.status_code != 403:
            statuses[path] = response.status_code
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        for text, element in visible_texts(html):
            for word in stray_latin_words(text, allowed):
                stray[f"{word!r} in <{element}>"].add(path)
        if depth >= 1:
            continue
        for href in HREF.findall(html):
            href = unescape(href)
            if not href.startswith("/") or SKIP.search(href):
                continue
            key = _pattern(href)
            if taken[key] < per_pattern:
                taken[key] += 1
                queue.append((href, depth + 1))
    return stray, statuses


@pytest.mark.parametrize("role", ["admin", "city", "park", "secretary", "viewer", "enterprise"])
def test_no_english_on_any_page_in_chinese(client, world, role):
    client.force_login(world.users[role])
    start = [*NAVIGATION, "/service/my/", "/service/appeals/add/", world.a.project.get_absolute_url(),
             world.a.park.get_absolute_url(),
             world.a.enterprise.get_absolute_url(), world.a.cluster.get_absolute_url(), world.chain.get_absolute_url(),
             world.a.problem.get_absolute_url(), "/no-such-page/"]
    if role in ("admin", "city", "park"):
        start.append(f"/projects/{world.a.project.pk}/edit/")
    stray, statuses = walk(client, start, allowed=frozenset(world.users))
    report = "\n".join(f"{where}: {sorted(paths)[:3]}" for where, paths in sorted(stray.items()))
    assert not stray, f"stray English for {role}:\n{report}"
    assert statuses == {"/no-such-page/": 404}, statuses


def test_error_pages_speak_the_page_language(client, world):
    client.force_login(world.users["county"])
    body = client.get(world.b.project.get_absolute_url()).content.decode()  # another city's project
    assert "页面不存在" in body and "Not Found" not in body
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert "Page not found" in client.get("/no-such-page/").content.decode()


def test_numbers_are_rounded_for_reading():
    assert (num(68.8089), num("68.8089", 2), num(12345.678, 0), num(-0.04), num(None)) == (
        "68.8", "68.81", "12,346", "0.0", "—")


def _buttons(client, path: str) -> str:
    return client.get(path).content.decode()


def test_the_viewer_is_offered_no_action(client, world):
    client.force_login(world.users["viewer"])
    project = _buttons(client, world.a.project.get_absolute_url())
    for testid in ("edit-button", "add-report", "add-problem", "stage-form", "library-form", "plan-form"):
        assert f'data-testid="{testid}"' not in project, testid
    enterprise = _buttons(client, world.a.enterprise.get_absolute_url())
    assert 'data-testid="add-visit"' not in enterprise and 'data-testid="add-figures"' not in enterprise
    assert "/visits/add/" not in _buttons(client, "/service/") and "/figures/add/" not in _buttons(client, "/service/")
    assert 'data-testid="add-appeal"' not in _buttons(client, "/service/appeals/")
    assert 'data-testid="add-button"' not in _buttons(client, "/projects/")
    assert 'data-testid="transition-form"' not in _buttons(client, world.a.problem.get_absolute_url())


def test_the_secretary_is_offered_what_their_role_writes(client, world):
    client.force_login(world.users["secretary"])
    project = _buttons(client, world.a.project.get_absolute_url())
    assert 'data-testid="edit-button"' not in project and 'data-testid="stage-form"' not in project
    assert 'data-testid="add-report"' in project and 'data-testid="add-problem"' in project
    enterprise = _buttons(client, world.a.enterprise.get_absolute_url())
    assert 'data-testid="add-visit"' in enterprise and 'data-testid="add-figures"' in enterprise
    assert 'data-testid="add-button"' not in _buttons(client, "/parks/")  # a secretary only reads parks


def test_an_officer_is_offered_the_actions_and_buttons_say_what_they_do(client, world):
    client.force_login(world.users["city"])
    project = _buttons(client, world.a.project.get_absolute_url())
    assert 'data-testid="edit-button"' in project and 'data-testid="stage-form"' in project
    assert "变更阶段" in project and "退库" in project
