"""The candidate detector (应统尽统): units that have reached, or will reach, their threshold but are not included.

Framed as completeness of the statistics, never inflation: a candidate is a unit to verify and help file,
and only reported revenue makes a unit 达标应入 (meets the threshold). An estimate from tax or electricity data
only makes it 准规上 (near the threshold, to verify on site), as the statistics offices' practice does with
administrative records.

For a unit with figures for months 1…m of this year (`InclusionFacts`):

* basis: the year-to-date main business revenue when reported; otherwise tax ÷ the tax burden rate
  (``tax_burden``, 4 % by default), otherwise electricity × revenue per 万千瓦时 (``revenue_per_power_wan``);
* the projection to year end is linear: year to date ÷ m × 12;
* last year's full revenue, when known, counts as reported revenue (the annual channel for existing units).

It **meets** the threshold when reported revenue (this year to date, or last year) is at or above it. It is
**near** when the projection reaches the threshold, or the year to date reaches ``near_ratio`` (80 %) of it,
or an estimate reaches it. Otherwise, or when already included, it is no candidate.
"""

import dataclasses
import enum
from collections.abc import Mapping
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from clusterdesk.core.statistics.thresholds import DEFAULT_THRESHOLDS_WAN, UnitType, inclusion_threshold

__all__ = [
    "DEFAULT_DETECTION_RULES",
    "Basis",
    "Detection",
    "DetectionRules",
    "InclusionFacts",
    "detect_candidate",
    "detect_new_production",
    "detect_project_candidate",
]


class Basis(enum.StrEnum):
    """What a detection rests on; the values are stored in the database."""

    REVENUE = "revenue"
    LAST_YEAR = "last_year"
    TAX = "tax"
    ELECTRICITY = "electricity"
    INVESTMENT = "investment"
    NEW_PRODUCTION = "new_production"

    @property
    def label_zh(self) -> str:
        """How the basis is named in explanations."""
        return _BASIS_LABELS[self]


_BASIS_LABELS = {
    Basis.REVENUE: "本年累计主营业务收入",
    Basis.LAST_YEAR: "上年主营业务收入",
    Basis.TAX: "按税收推算的营业收入",
    Basis.ELECTRICITY: "按用电量推算的营业收入",
    Basis.INVESTMENT: "计划总投资",
    Basis.NEW_PRODUCTION: "新投产项目",
}


@dataclasses.dataclass(frozen=True)
class DetectionRules:
    """How near counts as near, and how revenue is estimated from tax and electricity."""

    near_ratio: Decimal = Decimal("0.8")
    tax_burden: Decimal = Decimal("0.04")
    revenue_per_power_wan: Decimal = Decimal(20)
    thresholds: Mapping[UnitType, Decimal | None] = dataclasses.field(
        default_factory=lambda: DEFAULT_THRESHOLDS_WAN)


#: Near at 80 % of the threshold; tax burden 4 %; 20 万元 of revenue per 万千瓦时.
DEFAULT_DETECTION_RULES = DetectionRules()


@dataclasses.dataclass(frozen=True)
class InclusionFacts:
    """What the detector knows about one unit in the current year (money in 万元, electricity in 万千瓦时).

    ``months`` is the number of months (1–12) the year-to-date figures cover.
    """

    unit_type: UnitType
    months: int = 0
    revenue_ytd_wan: Decimal | None = None
    tax_ytd_wan: Decimal | None = None
    electricity_ytd: Decimal | None = None
    last_year_revenue_wan: Decimal | None = None
    included: bool = False


@dataclasses.dataclass(frozen=True)
class Detection:
    """A candidate: ``meets`` (达标应入) or near (准规上), on what basis, and why, in words."""

    meets: bool
    basis: Basis
    amount_wan: Decimal
    projected_wan: Decimal | None
    threshold_wan: Decimal
    explanation: str


def _wan(value: Decimal) -> str:
    return f"{value.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP).normalize():f}万元"


def _estimate(facts: InclusionFacts, rules: DetectionRules) -> tuple[Basis, Decimal] | None:
    if facts.revenue_ytd_wan is not None:
        return Basis.REVENUE, facts.revenue_ytd_wan
    if facts.tax_ytd_wan is not None and rules.tax_burden > 0:
        return Basis.TAX, facts.tax_ytd_wan / rules.tax_burden
    if facts.electricity_ytd is not None:
        return Basis.ELECTRICITY, facts.electricity_ytd * rules.revenue_per_power_wan
    return None


def detect_candidate(facts: InclusionFacts, rules: DetectionRules = DEFAULT_DETECTION_RULES) -> Detection | None:
    """Decide whether a unit is a candidate for inclusion in the statistics, and explain why.

    Parameters
    ----------
    facts : InclusionFacts
    rules : DetectionRules, optional

    Returns
    -------
    Detection or None
        None for a unit already included, of a type without a revenue threshold, or not near it.

    Examples
    --------
    >>> d = detect_candidate(InclusionFacts(UnitType.INDUSTRY, 9, revenue_ytd_wan=Decimal(1650)))
    >>> d.meets, d.projected_wan
    (False, Decimal('2200.00'))
    >>> d.explanation
    '本年累计主营业务收入1650万元（9个月），按月均推算全年2200万元，预计达到规模以上工业标准2000万元，列为准规上'
    >>> detect_candidate(InclusionFacts(UnitType.RETAIL, 5, revenue_ytd_wan=Decimal(520))).meets
    True
    """
    threshold = inclusion_threshold(facts.unit_type, rules.thresholds)
    if facts.included or threshold is None or threshold <= 0:
        return None
    standard = f"{facts.unit_type.label_zh}标准{_wan(threshold)}"
    if facts.last_year_revenue_wan is not None and facts.last_year_revenue_wan >= threshold:
        text = f"上年主营业务收入{_wan(facts.last_year_revenue_wan)}，已达到{standard}，尚未入统，列为达标应入"
        return Detection(True, Basis.LAST_YEAR, facts.last_year_revenue_wan, None, threshold, text)
    estimate = _estimate(facts, rules)
    if estimate is None or facts.months < 1:
        return None
    basis, amount = estimate
    projected = (amount / facts.months * 12).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    head = f"{basis.label_zh}{_wan(amount)}（{facts.months}个月）"
    if basis is Basis.REVENUE and amount >= threshold:
        text = f"{head}，已达到{standard}，尚未入统，列为达标应入"
        return Detection(True, basis, amount, projected, threshold, text)
    if basis is not Basis.REVENUE and amount >= threshold:
        text = f"{head}，已达到{standard}，需核实实际营业收入，列为准规上"
    elif projected >= threshold:
        text = f"{head}，按月均推算全年{_wan(projected)}，预计达到{standard}，列为准规上"
    elif amount >= threshold * rules.near_ratio:
        share = (amount * 100 / threshold).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        text = f"{head}，已达{standard}的{share}%，列为准规上"
    else:
        return None
    return Detection(False, basis, amount, projected, threshold, text)


def detect_project_candidate(planned_total_wan: Decimal, started: bool, included: bool,
                             rules: DetectionRules = DEFAULT_DETECTION_RULES) -> Detection | None:
    """Decide whether a fixed-asset investment project should enter the investment statistics.

    A project qualifies with a planned total investment at or above the threshold (500 万元) once its main works
    have started; before the start it is near.

    Parameters
    ----------
    planned_total_wan : Decimal
    started : bool
        Whether construction of the main works has started.
    included : bool
        Whether it is already in the statistics.
    rules : DetectionRules, optional

    Returns
    -------
    Detection or None

    Examples
    --------
    >>> detect_project_candidate(Decimal(500), True, False).explanation
    '计划总投资500万元，已开工，达到固定资产投资项目（500万元及以上）标准500万元，尚未入库，列为达标应入'
    >>> detect_project_candidate(Decimal("499.99"), True, False) is None
    True
    """
    threshold = inclusion_threshold(UnitType.PROJECT, rules.thresholds)
    if included or threshold is None or planned_total_wan < threshold:
        return None
    standard = f"{UnitType.PROJECT.label_zh}标准{_wan(threshold)}"
    if started:
        text = f"计划总投资{_wan(planned_total_wan)}，已开工，达到{standard}，尚未入库，列为达标应入"
    else:
        text = f"计划总投资{_wan(planned_total_wan)}，达到{standard}，开工后即可申报入库，列为准规上"
    return Detection(started, Basis.INVESTMENT, planned_total_wan, None, threshold, text)


def detect_new_production(facts: InclusionFacts, project: str, production: date,
                          rules: DetectionRules = DEFAULT_DETECTION_RULES) -> Detection | None:
    """Decide whether the owner of a newly producing project should be followed for inclusion.

    The owner's own figures decide first (`detect_candidate`); without a detection from them, a unit type with a
    revenue threshold still makes the owner near (准规上), to be followed through the monthly channel for new units.

    Parameters
    ----------
    facts : InclusionFacts
        The owner's facts.
    project : str
        The project's name, for the explanation.
    production : date
        When the project went into production.
    rules : DetectionRules, optional

    Returns
    -------
    Detection or None
        None when the owner is included or its type has no revenue threshold.

    Examples
    --------
    >>> d = detect_new_production(InclusionFacts(UnitType.INDUSTRY), "新能源电池项目", date(2026, 5, 8))
    >>> d.meets, d.basis.value, d.explanation
    (False, 'new_production', '新能源电池项目于2026年5月投产，业主尚未入统，按新投产单位跟踪月度营业收入，列为准规上')
    """
    threshold = inclusion_threshold(facts.unit_type, rules.thresholds)
    if facts.included or threshold is None or threshold <= 0:
        return None
    found = detect_candidate(facts, rules)
    head = f"{project}于{production.year}年{production.month}月投产，业主尚未入统"
    if found is not None:
        return dataclasses.replace(found, explanation=f"{head}；{found.explanation}")
    text = f"{head}，按新投产单位跟踪月度营业收入，列为准规上"
    return Detection(False, Basis.NEW_PRODUCTION, facts.revenue_ytd_wan or Decimal(0), None, threshold, text)
