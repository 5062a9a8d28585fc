"""Answer headers (issue 16 item 9): a strict Content-Security-Policy everywhere, no caching for signed-in users.

Whether the pages really run under the policy is checked in a browser (tests/browser/test_csp_in_browser.py); here
the headers, and a scan of every template for what the policy would block.
"""

import re
from pathlib import Path

import pytest

from clusterdesk.accounts.services import api_token_create

pytestmark = pytest.mark.django_db

PACKAGE = Path(__file__).resolve().parents[2]


def _nonce(response) -> str:
    match = re.search(r"script-src 'self' 'nonce-([\w-]+)'", response["Content-Security-Policy"])
    assert match, response["Content-Security-Policy"]
    return match.group(1)


def test_every_page_carries_a_strict_policy_with_a_fresh_nonce(client, world):
    first, second = client.get("/login/"), client.get("/login/")
    policy = first["Content-Security-Policy"]
    for directive in ("default-src 'self'", "style-src 'self'", "img-src 'self' data:", "object-src 'none'",
                      "base-uri 'self'", "frame-ancestors 'none'", "form-action 'self'"):
        assert directive in policy
    assert "unsafe-eval" not in policy and "'unsafe-inline'" not in policy.split("style-src-attr")[0]
    assert _nonce(first) != _nonce(second)
    client.force_login(world.users["admin"])
    dashboard = client.get("/")
    nonce = _nonce(dashboard)
    scripts = re.findall(r"<script([^>]*)>", dashboard.content.decode())
    inline = [attrs for attrs in scripts if "src=" not in attrs and "application/json" not in attrs]
    assert inline and all(f'nonce="{nonce}"' in attrs for attrs in inline)


def test_signed_in_answers_are_not_stored_static_ones_may_be(client, world):
    client.force_login(world.users["city"])
    for url in ("/", "/projects/", "/api/projects/projects/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert {"private", "no-store"} <= {p.strip() for p in response["Cache-Control"].split(",")}, url
    static = client.get("/static/clusterdesk/site.css")
    assert static.status_code == 200
    assert "no-store" not in static.get("Cache-Control", "")


def test_api_answers_to_a_token_are_not_stored(client, world):
    _token, key = api_token_create(user=world.users["city"])
    response = client.get("/api/parks/parks/", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert "Content-Security-Policy" in response


def test_every_answer_names_its_request_id(client, world):
    response = client.get("/login/")
    assert re.fullmatch(r"[0-9a-f-]{36}", response["X-Request-ID"])


def _templates():
    return sorted(PACKAGE.glob("*/templates/**/*.html"))


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)(?![^>]*\bnonce=)[^>]*>")
BLOCKED = {
    "inline <script> without a nonce": INLINE_SCRIPT,
    "inline <style>": re.compile(r"<style[\s>]"),
    "inline event handler": re.compile(r"\son[a-z]+\s*=\s*[\"']", re.IGNORECASE),
    "javascript: URL": re.compile(r"javascript:", re.IGNORECASE),
}


def test_no_template_holds_what_the_policy_blocks():
    found = [f"{path.relative_to(PACKAGE)}: {name}" for path in _templates()
             for name, pattern in BLOCKED.items() if pattern.search(path.read_text(encoding="utf-8"))]
    assert len(_templates()) > 50
    assert found == []


def test_the_template_scan_would_catch_each_blocked_form():
    samples = ["<script>alert(1)</script>", "<style>p{}</style>", '<select onchange="go()">', '<a href="javascript:x">']
    assert [any(p.search(s) for p in BLOCKED.values()) for s in samples] == [True] * 4
    assert not any(p.search('<script nonce="{{ request.csp_nonce }}">') for p in BLOCKED.values())


def test_debug_error_pages_are_left_without_the_policy_and_pages_keep_it(client, settings):
    """Django's technical 404 and 500 pages (DEBUG only) are built with inline scripts and styles."""
    settings.DEBUG = True
    missing = client.get("/no-such-page/")
    assert missing.status_code == 404 and "Content-Security-Policy" not in missing
    assert "Content-Security-Policy" in client.get("/login/")
    settings.DEBUG = False
    assert "Content-Security-Policy" in client.get("/no-such-page/")
