"""Issue 14 in Debian's Chromium: the city map with its counties, a click through to a record, and the cockpit at
1920×1080 showing the database's figures."""

import json
import re

from playwright.sync_api import expect

from .test_pages_in_browser import login


def test_the_city_map_draws_every_county_and_a_click_opens_the_project(server, page, shot):
    login(page, server, "changsha")
    shot(page, "dashboard-donut")  # the clusters' donut: its labels stay inside the card
    page.goto(server + "/maps/")
    the_map = page.get_by_test_id("map")
    expect(the_map).to_have_attribute("data-ready", "1")
    # the counties drawn are 长沙市's counties, as the regions' API lists them
    counties = page.request.get(server + "/api/regions/regions/?parent=430100&page_size=100").json()["items"]
    assert len(counties) > 5
    assert int(the_map.get_attribute("data-feature-count")) == len(counties)
    layers = json.loads(page.locator("#map-layers").text_content())
    assert layers["projects"], "the demo's projects have coordinates"
    expect(page.get_by_test_id("map-source")).to_contain_text("示意图")
    shot(page, "map-city")
    target = layers["projects"][0]
    x, y = page.evaluate("(p) => window.cdMap.convertToPixel({geoIndex: 0}, p)", target["value"])
    box = the_map.bounding_box()
    page.evaluate("() => window.cdMap.dispatchAction({type: 'hideTip'})")
    with page.expect_navigation():
        page.mouse.click(box["x"] + x, box["y"] + y)
    assert re.search(r"/projects/\d+/$", page.url), page.url  # a project's page (projects lie above the parks)
    expect(page.get_by_test_id("object-title")).to_be_visible()


def test_the_cockpit_fills_a_1920_screen_with_the_databases_figures(server, browser, shot):
    context = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(20_000)
    login(page, server, "province")
    page.goto(server + "/cockpit/")
    expect(page.get_by_test_id("cockpit")).to_have_attribute("data-loaded", "1")
    data = page.request.get(server + "/cockpit/data.json").json()
    figures = data["figures"]
    expect(page.get_by_test_id("fig-above")).to_have_text(f"{figures['above_scale']:,}")
    expect(page.get_by_test_id("fig-overdue")).to_have_text(f"{figures['overdue_problems']:,}")
    expect(page.get_by_test_id("cockpit-as-of")).to_have_text(data["as_of"])
    expect(page.get_by_test_id("cockpit-map")).to_have_attribute("data-ready", "1")
    assert int(page.get_by_test_id("cockpit-map").get_attribute("data-feature-count")) == 14  # 湖南省's cities
    assert page.get_by_test_id("cockpit-problems").locator("tr").count() == min(8, figures["overdue_problems"])
    size = page.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.scrollHeight]")
    assert size == [1920, 1080]  # one screen, nothing scrolls
    shot(page, "cockpit-1920")
    context.close()
