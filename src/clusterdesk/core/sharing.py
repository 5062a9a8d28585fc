"""Interest sharing between districts (利益保障机制): a project referred by one district to a park in another.

An agreement gives the referring district a share of the project's tax and of its statistical output
(e.g. 5:5) for a number of years from a start year. Each year's reported figures are split to the
cent of 万元: the referring share is rounded half-up and the hosting district gets the rest, so the two
parts always add up to the reported figure. Outside the term everything counts for the hosting district.
"""

import dataclasses
from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal

from clusterdesk.core.exceptions import CoreError

__all__ = ["AttributedYear", "SharingError", "attributed_figures", "split_amount"]

CENT = Decimal("0.01")


class SharingError(CoreError):
    """An interest-sharing agreement is malformed (a share outside 0–100%, a term of no years)."""


@dataclasses.dataclass(frozen=True, slots=True)
class AttributedYear:
    """One year's figures split between the referring and the hosting district (万元)."""

    year: int
    in_term: bool
    tax_wan: Decimal
    output_wan: Decimal
    referring_tax_wan: Decimal
    hosting_tax_wan: Decimal
    referring_output_wan: Decimal
    hosting_output_wan: Decimal


def split_amount(amount: Decimal, referring_pct: Decimal) -> tuple[Decimal, Decimal]:
    """Split an amount: the referring part rounded half-up to 0.01, the hosting part the rest.

    Parameters
    ----------
    amount : Decimal
        The reported figure in 万元.
    referring_pct : Decimal
        The referring district's share in percent (0–100).

    Returns
    -------
    (Decimal, Decimal)
        Referring and hosting parts; they add up to ``amount``.

    Raises
    ------
    SharingError
        If the share is outside 0–100.

    Examples
    --------
    >>> split_amount(Decimal("100.01"), Decimal("50"))
    (Decimal('50.01'), Decimal('50.00'))
    >>> split_amount(Decimal("10"), Decimal("30"))
    (Decimal('3.00'), Decimal('7.00'))
    """
    if not Decimal(0) <= referring_pct <= Decimal(100):
        raise SharingError(f"分成比例应在 0–100% 之间，实为 {referring_pct}%")
    referring = (amount * referring_pct / Decimal(100)).quantize(CENT, rounding=ROUND_HALF_UP)
    return referring, (amount - referring).quantize(CENT)


def attributed_figures(reported: Mapping[int, tuple[Decimal | None, Decimal | None]], *, start_year: int,
                       years: int, tax_pct: Decimal, output_pct: Decimal) -> list[AttributedYear]:
    """Each year's tax and output attributed to the referring and the hosting district.

    Parameters
    ----------
    reported : mapping of int to (Decimal or None, Decimal or None)
        Year → (tax, output) reported by the project (万元; ``None`` counts as 0).
    start_year : int
        First year of the agreement.
    years : int
        Length of the term in years.
    tax_pct, output_pct : Decimal
        Referring district's shares of tax and of statistical output, in percent.

    Returns
    -------
    list of AttributedYear
        One per reported year, in order.

    Raises
    ------
    SharingError
        If the term is not positive or a share is outside 0–100.

    Examples
    --------
    >>> rows = attributed_figures({2024: (Decimal("80"), Decimal("1000")), 2030: (Decimal("90"), None)},
    ...                           start_year=2024, years=5, tax_pct=Decimal(50), output_pct=Decimal(40))
    >>> [(r.year, r.in_term, r.referring_tax_wan, r.hosting_output_wan) for r in rows]
    [(2024, True, Decimal('40.00'), Decimal('600.00')), (2030, False, Decimal('0.00'), Decimal('0.00'))]
    """
    if years < 1:
        raise SharingError(f"分成年限至少 1 年，实为 {years}")
    rows = []
    for year in sorted(reported):
        tax, output = (Decimal(v or 0).quantize(CENT) for v in reported[year])
        in_term = start_year <= year < start_year + years
        r_tax, h_tax = split_amount(tax, tax_pct if in_term else Decimal(0))
        r_out, h_out = split_amount(output, output_pct if in_term else Decimal(0))
        rows.append(AttributedYear(year, in_term, tax, output, r_tax, h_tax, r_out, h_out))
    return rows
