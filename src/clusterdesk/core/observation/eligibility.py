"""Which projects may be shown at an observation round (观摩项目的入选条件), and why the others may not.

The usual rules of a city's 产业园区项目载体建设现场推进会, each configurable per series:

* an industrial project (工业项目), when ``industrial_only``;
* planned total investment of at least ``min_investment_wan`` (1亿元 = 10000 万元 by default);
* new this year — actually started in the round's calendar year, on or before the round — or completed since the
  last round of the series (after its date, up to the round's date);
* where ``min_equipment_share`` is set, equipment investment at least that share of the investment completed to date.
  The share is Σ ``equipment_wan`` of the project's monthly progress reports ÷ its investment completed to date (the
  larger of the reported cumulative investment and the project's own figure); with nothing completed it is 0.

Every failing condition is named, with its figures, in the reasons (an empty tuple means eligible).
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

__all__ = ["EligibilityRules", "ProjectFacts", "eligibility_reasons", "equipment_share", "money_words"]


@dataclass(frozen=True)
class EligibilityRules:
    """A series' eligibility defaults.

    Examples
    --------
    >>> EligibilityRules().min_investment_wan
    Decimal('10000')
    """

    min_investment_wan: Decimal = Decimal(10000)
    industrial_only: bool = True
    new_or_completed: bool = True
    min_equipment_share: Decimal | None = None


@dataclass(frozen=True)
class ProjectFacts:
    """What the rules look at of one project (money in 万元)."""

    industrial: bool
    total_investment_wan: Decimal
    start_date: datetime.date | None = None
    completion_date: datetime.date | None = None
    completed_wan: Decimal = Decimal(0)
    equipment_wan: Decimal = Decimal(0)


def money_words(wan: Decimal) -> str:
    """An amount in 万元 as officials write it: 亿元 from 1亿 up, 万元 below.

    Returns
    -------
    str
        The amount with its unit, e.g. ``1.2亿元`` or ``8000万元``.

    Examples
    --------
    >>> money_words(Decimal(8000)), money_words(Decimal(10000)), money_words(Decimal("12500.5"))
    ('8000万元', '1亿元', '1.25005亿元')
    """
    if wan >= 10000:
        return f"{(wan / 10000).normalize():f}亿元"
    return f"{wan.normalize():f}万元"


def equipment_share(facts: ProjectFacts) -> Decimal:
    """Equipment investment ÷ investment completed to date (0 when nothing is completed).

    Returns
    -------
    Decimal
        The share from 0 up (0 when nothing is completed).

    Examples
    --------
    >>> equipment_share(ProjectFacts(True, Decimal(20000), completed_wan=Decimal(8000), equipment_wan=Decimal(2000)))
    Decimal('0.25')
    >>> equipment_share(ProjectFacts(True, Decimal(20000)))
    Decimal('0')
    """
    if facts.completed_wan <= 0:
        return Decimal(0)
    return facts.equipment_wan / facts.completed_wan


def eligibility_reasons(facts: ProjectFacts, rules: EligibilityRules, *, round_date: datetime.date,
                        last_round_date: datetime.date | None = None) -> tuple[str, ...]:
    """The reasons a project may not be observed at a round held on ``round_date``; empty when it may.

    Parameters
    ----------
    facts : ProjectFacts
    rules : EligibilityRules
    round_date : datetime.date
        The day of the round; "this year" is its calendar year.
    last_round_date : datetime.date, optional
        The day of the series' previous round: projects completed after it (up to ``round_date``) qualify.
        Without one, only completions in the round's year count.

    Returns
    -------
    tuple of str
        One sentence per failing condition, in Chinese, with the figures.

    Examples
    --------
    >>> rules = EligibilityRules()
    >>> day = datetime.date(2025, 9, 20)
    >>> eligibility_reasons(ProjectFacts(True, Decimal(10000), datetime.date(2025, 1, 1)), rules, round_date=day)
    ()
    >>> eligibility_reasons(ProjectFacts(True, Decimal(8000), datetime.date(2024, 12, 31)), rules, round_date=day)
    ('计划总投资 8000万元，低于 1亿元', '2024-12-31 开工，不是2025年新开工项目，也未在上次推进会后竣工')
    """
    reasons = []
    if rules.industrial_only and not facts.industrial:
        reasons.append("不是工业项目")
    if facts.total_investment_wan < rules.min_investment_wan:
        reasons.append(f"计划总投资 {money_words(facts.total_investment_wan)}，"
                       f"低于 {money_words(rules.min_investment_wan)}")
    if rules.new_or_completed:
        year_start = datetime.date(round_date.year, 1, 1)
        started = facts.start_date is not None and year_start <= facts.start_date <= round_date
        since = last_round_date if last_round_date is not None else year_start - datetime.timedelta(days=1)
        completed = facts.completion_date is not None and since < facts.completion_date <= round_date
        if not (started or completed):
            start = f"{facts.start_date.isoformat()} 开工" if facts.start_date else "尚未开工"
            reasons.append(f"{start}，不是{round_date.year}年新开工项目，也未在上次推进会后竣工")
    if rules.min_equipment_share is not None:
        share = equipment_share(facts)
        if share < rules.min_equipment_share:
            reasons.append(f"设备投资占已完成投资 {share * 100:.1f}%，低于 {rules.min_equipment_share * 100:.0f}%")
    return tuple(reasons)
