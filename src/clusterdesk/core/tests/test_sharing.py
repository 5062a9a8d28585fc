"""Interest sharing: splits add up to the cent, the term's edges, shares of 0 and 100, bad agreements."""

from decimal import Decimal

import pytest

from clusterdesk.core.sharing import SharingError, attributed_figures, split_amount


def test_a_five_five_split_for_five_years_and_nothing_after():
    reported = {y: (Decimal("100.01"), Decimal("2000")) for y in range(2023, 2031)}
    rows = attributed_figures(reported, start_year=2024, years=5, tax_pct=Decimal(50), output_pct=Decimal(50))
    in_term = [r.year for r in rows if r.in_term]
    assert in_term == [2024, 2025, 2026, 2027, 2028]
    first = rows[1]
    assert (first.referring_tax_wan, first.hosting_tax_wan) == (Decimal("50.01"), Decimal("50.00"))
    assert rows[0].referring_tax_wan == 0 and rows[-1].hosting_output_wan == Decimal("2000.00")
    for r in rows:
        assert r.referring_tax_wan + r.hosting_tax_wan == r.tax_wan
        assert r.referring_output_wan + r.hosting_output_wan == r.output_wan


@pytest.mark.parametrize("pct,expected", [(Decimal(0), (Decimal("0.00"), Decimal("33.33"))),
                                          (Decimal(100), (Decimal("33.33"), Decimal("0.00"))),
                                          (Decimal("33.3"), (Decimal("11.10"), Decimal("22.23")))])
def test_split_edges(pct, expected):
    assert split_amount(Decimal("33.33"), pct) == expected


def test_missing_figures_count_as_zero_and_bad_agreements_are_refused():
    rows = attributed_figures({2024: (None, None)}, start_year=2024, years=1, tax_pct=Decimal(50),
                              output_pct=Decimal(50))
    assert rows[0].tax_wan == 0
    with pytest.raises(SharingError, match="至少 1 年"):
        attributed_figures({}, start_year=2024, years=0, tax_pct=Decimal(1), output_pct=Decimal(1))
    with pytest.raises(SharingError, match="0–100%"):
        split_amount(Decimal(1), Decimal(101))
