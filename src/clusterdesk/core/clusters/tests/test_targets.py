"""Target progress, local supply rates and park concentration on small hand-made cases."""

import datetime

from clusterdesk.core.clusters import concentration_shares, local_supply_rates, target_progress, year_elapsed_share


def test_year_elapsed_share_at_the_edges_of_the_year():
    assert year_elapsed_share(2026, datetime.date(2026, 1, 1)) == 0.0
    assert year_elapsed_share(2026, datetime.date(2026, 12, 31)) == round(364 / 365, 4)
    assert year_elapsed_share(2026, datetime.date(2027, 1, 1)) == 1.0


def test_target_progress_behind_ahead_and_over():
    # 2027 target 3,000亿元 = 30,000,000 万元; by the end of March (0.2466 of the year) 800亿元 is on track
    ahead = target_progress(30_000_000.0, 8_000_000.0, 0.2466)
    assert (ahead.gap, ahead.achieved_share, ahead.on_track) == (22_000_000.0, 0.266667, True)
    behind = target_progress(30_000_000.0, 6_000_000.0, 0.2466)
    assert (behind.achieved_share, behind.on_track) == (0.2, False)
    over = target_progress(100.0, 120.0, 1.0)
    assert (over.gap, over.achieved_share, over.on_track) == (-20.0, 1.2, True)
    zero = target_progress(0.0, 5.0, 0.5)
    assert (zero.gap, zero.achieved_share, zero.on_track) == (-5.0, None, True)


def test_local_supply_rates_leave_unknown_suppliers_out():
    rows = local_supply_rates([("正极材料", 40.0, True), ("正极材料", 60.0, False), ("电解液", 10.0, True),
                               ("电解液", 30.0, None)])
    assert [(r.segment, r.local, r.outside, r.unknown, r.rate) for r in rows] == [
        ("正极材料", 40.0, 60.0, 0.0, 0.4), ("电解液", 10.0, 0.0, 30.0, 1.0)]
    assert local_supply_rates([]) == []


def test_concentration_shares_with_per_county_targets():
    counties, total = concentration_shares(
        [("天元区", True, 800.0), ("天元区", False, 200.0), ("醴陵市", False, 500.0), ("醴陵市", True, 0.0)],
        [("天元区", True), ("醴陵市", False), ("醴陵市", True), ("醴陵市", True)],
        {"": 0.7, "天元区": 0.85})
    tianyuan, liling = counties
    assert (tianyuan.output_share, tianyuan.target_share, tianyuan.meets_target) == (0.8, 0.85, False)
    assert (liling.output_share, liling.enterprise_share, liling.project_share, liling.target_share) == (
        0.0, 0.5, 0.666667, 0.7)
    assert (total.output_wan, total.park_output_wan, total.output_share, total.meets_target) == (
        1500.0, 800.0, 0.5333, False)
    assert (total.enterprises, total.park_enterprises, total.projects, total.park_projects) == (4, 2, 4, 3)


def test_a_county_with_no_output_has_no_verdict():
    [county], total = concentration_shares([("新区", True, 0.0)], [], 0.7)
    assert (county.output_share, county.meets_target, county.enterprise_share, county.project_share) == (
        None, None, 1.0, None)
