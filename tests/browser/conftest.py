"""A real clusterdesk server (granian, its own database with a small demo province) and Debian's Chromium."""

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from clusterdesk.testing import free_port
from clusterdesk.testing.databases import ScratchDatabase, test_database_is_set_up

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
SCREENSHOTS = Path(os.environ.get("CLUSTERDESK_ARTIFACTS", "test-artifacts")) / "screenshots"


@pytest.fixture(scope="session")
def server(tmp_path_factory, django_db_setup, django_db_blocker):
    """The site on its own database with the quick demo province: a copy of the session's test database (migrated,
    reference data loaded; much cheaper than migrating another in a subprocess), or, when no test of the run uses
    the database so that pytest-django has not set it up, a new one migrated here.

    The copy is made before Chromium starts: Playwright's sync API marks its event loop as running in this thread,
    after which Django refuses database calls in the test process."""
    data_dir = tmp_path_factory.mktemp("browser-site")
    cli = [sys.executable, "-m", "clusterdesk.cli"]
    if test_database_is_set_up():
        with django_db_blocker.unblock():
            database = ScratchDatabase.copy_of_test_database(data_dir, "browser")
        commands = [["build-demo", "--scale", "quick", "--no-progress"]]
    else:
        database = ScratchDatabase.create(data_dir, "browser")
        commands = [["migrate"], ["load-refdata"], ["build-demo", "--scale", "quick", "--no-progress"]]
    env = database.env()
    for command in commands:
        subprocess.run(cli + command, env=env, check=True, capture_output=True)
    port = free_port()
    log = open(data_dir / "server.log", "w")  # noqa: SIM115 - closed at teardown
    process = subprocess.Popen(cli + ["serve", "--port", str(port)], env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(base + "/login/", timeout=2)
            break
        except OSError as exc:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                raise RuntimeError("server did not start: " + (data_dir / "server.log").read_text()) from exc
            time.sleep(0.3)
    yield base
    process.terminate()
    process.wait(timeout=20)
    log.close()
    database.drop()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1440, "height": 900}, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def shot():
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(page, name: str) -> Path:
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take
