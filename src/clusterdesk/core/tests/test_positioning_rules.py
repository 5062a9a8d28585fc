"""Park positioning rule (三主两特 / 两主两特): limits per level and overlap between the two lists."""

from clusterdesk.core.positioning import POSITIONING_LIMITS, positioning_errors


def test_national_parks_may_declare_three_leading_and_two_featured():
    assert POSITIONING_LIMITS["national"] == (3, 2)
    assert positioning_errors(level="national", leading=["C37", "C38", "C39"], featured=["C34", "C35"]) == []


def test_too_many_featured_industries_are_reported_with_the_count():
    errors = positioning_errors(level="provincial", leading=["C37"], featured=["C34", "C35", "C36"])
    assert errors == ["特色产业最多 2 个，已填 3 个"]


def test_every_broken_rule_is_reported():
    errors = positioning_errors(level="municipal", leading=["C37", "C38", "C39"], featured=["C39", "C38", "C34"])
    assert errors == [
        "主导产业最多 2 个，已填 3 个",
        "特色产业最多 2 个，已填 3 个",
        "产业 C38 不能同时是主导产业和特色产业",
        "产业 C39 不能同时是主导产业和特色产业",
    ]


def test_unknown_level_falls_back_to_two_and_two_and_limits_can_be_overridden():
    assert positioning_errors(level="county", leading=["A", "B", "C"], featured=[]) == ["主导产业最多 2 个，已填 3 个"]
    assert positioning_errors(level="county", leading=["A", "B", "C"], featured=[], limits={"county": (3, 0)}) == []
