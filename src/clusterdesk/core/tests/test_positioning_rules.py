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


def test_limits_per_level_can_be_read_from_text_and_bad_text_is_refused():
    import pytest

    from clusterdesk.core.positioning import parse_positioning_limits

    limits = parse_positioning_limits("national=3+2, provincial=2+1,municipal=1+1")
    assert limits == {"national": (3, 2), "provincial": (2, 1), "municipal": (1, 1)}
    assert positioning_errors(level="provincial", leading=["A"], featured=["B", "C"], limits=limits) == [
        "特色产业最多 1 个，已填 2 个"]
    for bad in ("national=3", "national=a+b", "=1+1"):
        with pytest.raises(ValueError, match="定位上限格式"):
            parse_positioning_limits(bad)


def test_structure_shares_hhi_and_divergence_at_the_threshold():
    from clusterdesk.core.positioning import positioning_structure

    exactly_half = positioning_structure({"C3841": 50.0, "C2614": 50.0}, ["C38"])
    assert exactly_half.leading_share == 0.5 and not exactly_half.divergent
    below = positioning_structure({"C3841": 49.0, "C2614": 51.0}, ["C38"])
    assert below.divergent and below.division_shares[0] == ("C26", 0.51)
    single = positioning_structure({"C3841": 10.0, "C3842": 5.0}, ["C3841"], ["C3842"])
    assert single.hhi == 10000 and single.featured_share == 5 / 15
    empty = positioning_structure({}, ["C38"])
    assert empty.total == 0 and empty.divergent
    assert not positioning_structure({}, []).divergent
