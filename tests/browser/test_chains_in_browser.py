"""Chain work in Chromium: the chain map and its charts, a mapping confirmed by hand, the cluster dashboard."""

from playwright.sync_api import expect

from .test_pages_in_browser import login


def test_chain_map_mapping_review_and_cluster_dashboard(server, page, shot):
    login(page, server, "changsha")
    page.goto(server + "/industry/chains/?q=锂电池")
    page.get_by_role("link", name="锂电池产业链").first.click()
    expect(page.get_by_test_id("object-title")).to_have_text("锂电池产业链")
    expect(page.locator("#chain-graph canvas")).to_have_count(1)
    expect(page.get_by_test_id("segment")).to_have_count(11)
    assert page.get_by_test_id("completeness").inner_text().endswith("%")
    page.wait_for_timeout(1200)
    shot(page, "lithium-chain-map")

    page.get_by_test_id("mappings-link").click()
    page.get_by_test_id("status-suggested").click()
    first = page.get_by_test_id("mapping").first
    name = first.locator("td").first.locator("a").inner_text()
    first.get_by_test_id("confirm").click()
    page.get_by_test_id("status-confirmed").click()
    expect(page.get_by_test_id("mappings")).to_contain_text(name)
    shot(page, "lithium-chain-mappings")

    page.goto(server + "/industry/clusters/")
    page.get_by_role("link", name="长沙新能源电池产业集群").click()
    page.get_by_test_id("cluster-dashboard").click()
    expect(page.locator("#chart-output canvas")).to_have_count(1)
    expect(page.locator("#chart-quadrants canvas")).to_have_count(1)
    expect(page.get_by_test_id("cluster-metrics")).to_be_visible()
    page.wait_for_timeout(1200)
    shot(page, "lithium-cluster-dashboard")
