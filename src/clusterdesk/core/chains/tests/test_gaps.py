"""Gap analysis and local supporting rate on small hand-made cases."""

import pytest

from clusterdesk.core.chains import (
    Candidate,
    GapThresholds,
    Purchase,
    SegmentStrength,
    SupportingRate,
    attraction_targets,
    chain_gaps,
    rank_candidates,
    supporting_rates,
)
from clusterdesk.core.exceptions import CoreError

SEGMENTS = ["ore", "cathode", "separator", "cell", "pack", "recycling"]
EDGES = [("ore", "cathode"), ("cathode", "cell"), ("separator", "cell"), ("cell", "pack"), ("pack", "recycling")]


def test_statuses_completeness_and_targets_by_hand():
    strengths = {
        # chain output 10,000: cathode 30 %, cell 55 %, separator 4 % (weak), pack 11 % with 2 firms (weak)
        "cathode": SegmentStrength("cathode", 6, 3000.0, 4, 0),
        "separator": SegmentStrength("separator", 4, 400.0, 1, 0),
        "cell": SegmentStrength("cell", 8, 5500.0, 6, 1),
        "pack": SegmentStrength("pack", 2, 1100.0, 1, 0),
    }
    gaps = chain_gaps(SEGMENTS, EDGES, strengths)
    verdict = gaps.by_segment()
    assert {k: v.status for k, v in verdict.items()} == {
        "ore": "missing", "cathode": "covered", "separator": "weak", "cell": "covered", "pack": "weak",
        "recycling": "missing"}
    assert verdict["separator"].reasons == ("产值占全链 4.0%，低于 5%",)
    assert verdict["pack"].reasons == ("企业 2 家，少于 3 家",)
    assert verdict["cathode"].strong and verdict["cell"].strong  # 30 % share; a chain leader
    assert gaps.completeness == pytest.approx(2 / 6)
    assert [s for s, _ in gaps.fill_targets] == ["ore", "separator", "pack", "recycling"]
    # 延链: neighbours of cathode and cell that are not strong
    assert dict(gaps.extend_targets) == {
        "ore": "优势环节「cathode」的上游", "separator": "优势环节「cell」的上游", "pack": "优势环节「cell」的下游"}


def test_thresholds_are_configurable():
    strengths = {s: SegmentStrength(s, 3, 100.0) for s in SEGMENTS}
    assert chain_gaps(SEGMENTS, EDGES, strengths).completeness == 1.0
    strict = chain_gaps(SEGMENTS, EDGES, strengths, GapThresholds(min_enterprises=5))
    assert strict.completeness == 0.0 and len(strict.fill_targets) == 6
    with pytest.raises(CoreError, match="不存在的环节"):
        chain_gaps(SEGMENTS, [("ore", "mine")], strengths)


def test_candidates_rank_by_size_and_fit():
    cs = [Candidate(1, "ore", 100.0, 1.0), Candidate(2, "ore", 900.0, 1.0), Candidate(3, "ore", 500.0, 5.0),
          Candidate(4, "ore", 500.0, 2.0)]
    ranked = rank_candidates(cs)
    # size ranks 0, 1, 0.5, 0.5; fit ranks 0.167, 0.167, 1, 0.667
    assert [c.enterprise for c in ranked] == [3, 2, 4, 1]
    assert ranked[0].score == pytest.approx(0.6 * 0.5 + 0.4 * 1.0)
    assert [c.enterprise for c in rank_candidates(cs, size_weight=1.0, limit=2)] == [2, 3]
    with pytest.raises(CoreError):
        rank_candidates(cs, size_weight=2)


def test_supporting_rate_by_segment_and_period_by_hand():
    buyer = "430211"  # 株洲市天元区
    purchases = [
        Purchase(buyer, "430202", 300.0, "2023", "电机"),      # same city
        Purchase(buyer, "430102", 200.0, "2023", "电机"),      # same province, other city
        Purchase(buyer, "440305", 500.0, "2023", "电机"),      # other province
        Purchase(buyer, "430203", 400.0, "2024", "电机"),
        Purchase(buyer, None, 100.0, "2024", "电机"),          # supplier region unknown
        Purchase(buyer, "320505", 250.0, "2024", "轴承"),
    ]
    city = {(r.segment, r.period): r for r in supporting_rates(purchases)}
    assert city[("电机", "2023")].rate == pytest.approx(0.3)
    assert city[("电机", "2024")] == SupportingRate("电机", "2024", 400.0, 0.0, 100.0, 0.8)
    assert city[("轴承", "2024")].rate == 0.0
    province = {(r.segment, r.period): r.rate for r in supporting_rates(purchases, level="province")}
    assert province[("电机", "2023")] == pytest.approx(0.5)
    overall = supporting_rates(purchases, by_segment=False, by_period=False)
    assert overall[0].rate == pytest.approx(700 / 1750)
    targets = attraction_targets(supporting_rates(purchases, by_period=False))
    assert [(t.segment, t.outside_wan + t.unknown_wan) for t in targets] == [("电机", 800.0), ("轴承", 250.0)]
    with pytest.raises(CoreError, match="为负"):
        supporting_rates([Purchase(buyer, buyer, -1, "2024")])
