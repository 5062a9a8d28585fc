"""Filing for inclusion: the application calendar, the document checklist and the same-period baseline check.

Calendar (`CalendarRules`, defaults after common provincial practice). New units — established or put into
production on or after 1 October of the previous year — use the **monthly channel**: to be included from month
*m* (March–November) the application is due on the 20th of month *m* − 1; for February it is due on 5 January.
Existing units use the **annual batches**: 10 November and 10 December. A reminder falls due 7 days before a
deadline.

Documents (`REQUIRED_DOCUMENTS`) follow the statistics offices' lists: the 一套表 inclusion form, the business
licence, the latest income statement and VAT return, and for industry the monthly output calculation sheet; a
newly built unit adds its investment filing approval. A project files its licence, proof of planned investment,
construction contract and dated site photographs of the start.

Baseline: the application carries the latest 12 months of output and revenue (the 同期 baseline of next year's
growth); `baseline_gaps` lists the months still missing.
"""

import dataclasses
import enum
from collections.abc import Collection, Iterable
from datetime import date, timedelta
from types import MappingProxyType

from clusterdesk.core.statistics.thresholds import UnitType

__all__ = [
    "DEFAULT_CALENDAR",
    "REQUIRED_DOCUMENTS",
    "CalendarRules",
    "Channel",
    "Deadline",
    "application_calendar",
    "baseline_gaps",
    "channel_for",
    "missing_documents",
    "next_deadline",
    "reminder_due",
    "required_documents",
]


class Channel(enum.StrEnum):
    """The filing channel; the values are stored in the database."""

    MONTHLY = "monthly"
    ANNUAL = "annual"

    @property
    def label_zh(self) -> str:
        """月度申报 or 年度申报."""
        return "月度申报" if self is Channel.MONTHLY else "年度申报"


@dataclasses.dataclass(frozen=True)
class CalendarRules:
    """Deadlines of the two channels and when reminders start."""

    monthly_day: int = 20
    february_deadline: tuple[int, int] = (1, 5)
    monthly_from: int = 3
    monthly_to: int = 11
    annual_batches: tuple[tuple[int, int], ...] = ((11, 10), (12, 10))
    new_unit_since: tuple[int, int] = (10, 1)
    reminder_days: int = 7


#: Monthly: 20th of the previous month (5 January for February); annual batches 10 November and 10 December.
DEFAULT_CALENDAR = CalendarRules()


@dataclasses.dataclass(frozen=True)
class Deadline:
    """One application deadline: its channel, the date and what it is for."""

    channel: Channel
    due: date
    purpose: str


def channel_for(started: date | None, today: date, rules: CalendarRules = DEFAULT_CALENDAR) -> Channel:
    """Return the channel a unit files through: monthly for a new unit, annual for an existing one.

    Parameters
    ----------
    started : date or None
        When the unit was established or put into production; None counts as existing.
    today : date
    rules : CalendarRules, optional

    Returns
    -------
    Channel

    Examples
    --------
    >>> channel_for(date(2025, 10, 1), date(2026, 4, 2)), channel_for(date(2025, 9, 30), date(2026, 4, 2))
    (<Channel.MONTHLY: 'monthly'>, <Channel.ANNUAL: 'annual'>)
    """
    month, day = rules.new_unit_since
    if started is not None and started >= date(today.year - 1, month, day):
        return Channel.MONTHLY
    return Channel.ANNUAL


def application_calendar(year: int, rules: CalendarRules = DEFAULT_CALENDAR) -> list[Deadline]:
    """Return every deadline whose due date falls in a year, in date order.

    Parameters
    ----------
    year : int
    rules : CalendarRules, optional

    Returns
    -------
    list of Deadline

    Examples
    --------
    >>> [(d.channel.value, d.due.isoformat()) for d in application_calendar(2026)][:3]
    [('monthly', '2026-01-05'), ('monthly', '2026-02-20'), ('monthly', '2026-03-20')]
    >>> application_calendar(2026)[-1].purpose
    '年度申报第2批'
    """
    month, day = rules.february_deadline
    found = [Deadline(Channel.MONTHLY, date(year, month, day), f"{year}年2月起入统（月度申报）")]
    for target in range(rules.monthly_from, rules.monthly_to + 1):
        found.append(Deadline(Channel.MONTHLY, date(year, target - 1, rules.monthly_day),
                              f"{year}年{target}月起入统（月度申报）"))
    for number, (month, day) in enumerate(rules.annual_batches, start=1):
        found.append(Deadline(Channel.ANNUAL, date(year, month, day), f"年度申报第{number}批"))
    return sorted(found, key=lambda d: (d.due, d.channel))


def next_deadline(channel: Channel | str, today: date, rules: CalendarRules = DEFAULT_CALENDAR) -> Deadline:
    """Return the first deadline of a channel on or after today.

    Parameters
    ----------
    channel : Channel or str
    today : date
    rules : CalendarRules, optional

    Returns
    -------
    Deadline

    Examples
    --------
    >>> next_deadline("monthly", date(2026, 4, 21)).due, next_deadline("annual", date(2026, 12, 11)).due
    (datetime.date(2026, 5, 20), datetime.date(2027, 11, 10))
    """
    kind = Channel(channel)
    for year in (today.year, today.year + 1):
        for deadline in application_calendar(year, rules):
            if deadline.channel is kind and deadline.due >= today:
                return deadline
    raise AssertionError("a calendar always has a deadline next year")  # pragma: no cover


def reminder_due(deadline: date, today: date, rules: CalendarRules = DEFAULT_CALENDAR) -> bool:
    """Return whether a reminder of a deadline is due today: within ``reminder_days`` before it, or on the day.

    Parameters
    ----------
    deadline, today : date
    rules : CalendarRules, optional

    Returns
    -------
    bool

    Examples
    --------
    >>> reminder_due(date(2026, 5, 20), date(2026, 5, 13)), reminder_due(date(2026, 5, 20), date(2026, 5, 12))
    (True, False)
    """
    return deadline - timedelta(days=rules.reminder_days) <= today <= deadline


_COMMON = (("inclusion_form", "一套表调查单位纳入申报表"), ("business_licence", "营业执照"),
           ("income_statement", "最近一期利润表"), ("vat_return", "最近一期增值税纳税申报表"))
REQUIRED_DOCUMENTS = MappingProxyType({
    **{kind: _COMMON for kind in UnitType},
    UnitType.INDUSTRY: (*_COMMON, ("monthly_output_sheet", "分月产值计算表")),
    UnitType.CONSTRUCTION: (*_COMMON, ("qualification", "建筑业企业资质证书")),
    UnitType.REAL_ESTATE: (*_COMMON, ("development_qualification", "房地产开发资质证书")),
    UnitType.PROJECT: (("business_licence", "营业执照"), ("investment_proof", "计划总投资证明（审批、核准或备案文件）"),
                       ("construction_contract", "施工合同"), ("site_photos", "带拍摄时间的开工现场照片")),
})
_NEW_BUILD = ("investment_filing", "发改部门投资项目备案（核准）文件")


def required_documents(unit_type: UnitType | str, new_build: bool = False) -> list[tuple[str, str]]:
    """Return the documents an application needs, as (key, Chinese name) pairs.

    Parameters
    ----------
    unit_type : UnitType or str
    new_build : bool
        A newly built and commissioned unit (新建投产) also files its investment approval.

    Returns
    -------
    list of tuple of str

    Examples
    --------
    >>> [k for k, _ in required_documents("retail")]
    ['inclusion_form', 'business_licence', 'income_statement', 'vat_return']
    >>> required_documents("industry", new_build=True)[-1][1]
    '发改部门投资项目备案（核准）文件'
    """
    kind = UnitType(unit_type)
    found = list(REQUIRED_DOCUMENTS[kind])
    if new_build and kind is not UnitType.PROJECT:
        found.append(_NEW_BUILD)
    return found


def missing_documents(unit_type: UnitType | str, provided: Collection[str], new_build: bool = False) -> list[str]:
    """Return the Chinese names of the required documents not yet provided.

    Parameters
    ----------
    unit_type : UnitType or str
    provided : collection of str
        Keys of the documents on file.
    new_build : bool

    Returns
    -------
    list of str

    Examples
    --------
    >>> missing_documents("project", {"business_licence", "construction_contract"})
    ['计划总投资证明（审批、核准或备案文件）', '带拍摄时间的开工现场照片']
    """
    return [name for key, name in required_documents(unit_type, new_build) if key not in provided]


def baseline_gaps(months_on_file: Iterable[int], application_month: int, months: int = 12) -> list[int]:
    """Return the month indices of the baseline period that have no figures on file.

    Parameters
    ----------
    months_on_file : iterable of int
        Month indices (see `clusterdesk.core.monitoring.periods`) with both output and revenue reported.
    application_month : int
        The month the application is made in; the baseline is the ``months`` months before it.
    months : int
        12 by default.

    Returns
    -------
    list of int
        Empty when the baseline is complete.

    Examples
    --------
    >>> on_file = set(range(24290, 24300))  # March–December 2024
    >>> baseline_gaps(on_file, 24300)  # applying in January 2025: January and February 2024 are missing
    [24288, 24289]
    """
    have = set(months_on_file)
    return [m for m in range(application_month - months, application_month) if m not in have]
