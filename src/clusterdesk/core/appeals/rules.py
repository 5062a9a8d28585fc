"""Enterprise appeals (企业诉求): routing by category, due dates, the status workflow and escalation.

An appeal is raised (已提出) → accepted (已受理) → in progress (办理中) → answered (已答复) → closed (已办结), the
enterprise rating its satisfaction (1–5) on closing. It may also be answered straight from accepted.

Routing (`AppealRules.routes`): each category goes to a responsible unit — land to 自然资源和规划局,
financing to 地方金融管理局, labour to 人力资源和社会保障局, energy to 发展和改革委员会, logistics to 交通运输局,
permits to 行政审批服务局, policy and other to 工业和信息化局 — with a time limit in calendar days
(`AppealRules.due_days`).

Escalation: an appeal not yet answered on its due date stays at its level; from the first day overdue it goes one
level up (county → city → province), and one more each ``escalate_every_days`` (7) overdue, never above the top.
"""

import dataclasses
import enum
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from types import MappingProxyType

from clusterdesk.core.exceptions import CoreError

__all__ = [
    "APPEAL_TRANSITIONS",
    "DEFAULT_APPEAL_RULES",
    "AppealCategory",
    "AppealFacts",
    "AppealRules",
    "AppealStatus",
    "AppealTransitionError",
    "EscalationLevel",
    "ResolutionSummary",
    "appeal_due_date",
    "appeal_escalation",
    "assert_appeal_transition",
    "resolution_summary",
]


class AppealTransitionError(CoreError):
    """An appeal may not move to the requested status, or closing it lacks a satisfaction rating."""


class AppealCategory(enum.StrEnum):
    """What an appeal is about; the values are stored in the database."""

    LAND = "land"
    FINANCING = "financing"
    LABOUR = "labour"
    ENERGY = "energy"
    LOGISTICS = "logistics"
    PERMITS = "permits"
    POLICY = "policy"
    OTHER = "other"


class AppealStatus(enum.StrEnum):
    """The status of an appeal; the values are stored in the database."""

    RAISED = "raised"
    ACCEPTED = "accepted"
    IN_PROGRESS = "in_progress"
    ANSWERED = "answered"
    CLOSED = "closed"

    @property
    def label_zh(self) -> str:
        """已提出, 已受理, 办理中, 已答复 or 已办结."""
        return _STATUS_LABELS[self]

    @property
    def resolved(self) -> bool:
        """Answered or closed: the unit has given its answer."""
        return self in (AppealStatus.ANSWERED, AppealStatus.CLOSED)


_STATUS_LABELS = {AppealStatus.RAISED: "已提出", AppealStatus.ACCEPTED: "已受理", AppealStatus.IN_PROGRESS: "办理中",
                  AppealStatus.ANSWERED: "已答复", AppealStatus.CLOSED: "已办结"}

APPEAL_TRANSITIONS = MappingProxyType({
    AppealStatus.RAISED: frozenset({AppealStatus.ACCEPTED}),
    AppealStatus.ACCEPTED: frozenset({AppealStatus.IN_PROGRESS, AppealStatus.ANSWERED}),
    AppealStatus.IN_PROGRESS: frozenset({AppealStatus.ANSWERED}),
    AppealStatus.ANSWERED: frozenset({AppealStatus.CLOSED, AppealStatus.IN_PROGRESS}),
    AppealStatus.CLOSED: frozenset(),
})


class EscalationLevel(enum.StrEnum):
    """Who coordinates an appeal; the values are stored in the database."""

    COUNTY = "county"
    CITY = "city"
    PROVINCE = "province"


_LEVELS = (EscalationLevel.COUNTY, EscalationLevel.CITY, EscalationLevel.PROVINCE)


@dataclasses.dataclass(frozen=True)
class AppealRules:
    """Responsible unit and time limit (days) per category, and how fast overdue appeals escalate."""

    routes: Mapping[AppealCategory, str] = dataclasses.field(default_factory=lambda: MappingProxyType({
        AppealCategory.LAND: "自然资源和规划局",
        AppealCategory.FINANCING: "地方金融管理局",
        AppealCategory.LABOUR: "人力资源和社会保障局",
        AppealCategory.ENERGY: "发展和改革委员会",
        AppealCategory.LOGISTICS: "交通运输局",
        AppealCategory.PERMITS: "行政审批服务局",
        AppealCategory.POLICY: "工业和信息化局",
        AppealCategory.OTHER: "工业和信息化局",
    }))
    due_days: Mapping[AppealCategory, int] = dataclasses.field(default_factory=lambda: MappingProxyType({
        AppealCategory.LAND: 30, AppealCategory.FINANCING: 15, AppealCategory.LABOUR: 10,
        AppealCategory.ENERGY: 10, AppealCategory.LOGISTICS: 10, AppealCategory.PERMITS: 15,
        AppealCategory.POLICY: 10, AppealCategory.OTHER: 15,
    }))
    escalate_every_days: int = 7


#: Routes and time limits after common practice; one level up from the first day overdue, another every 7 days.
DEFAULT_APPEAL_RULES = AppealRules()


def appeal_due_date(raised: date, category: AppealCategory | str, rules: AppealRules = DEFAULT_APPEAL_RULES) -> date:
    """Return the due date of an appeal: the day raised plus its category's time limit.

    Parameters
    ----------
    raised : date
    category : AppealCategory or str
    rules : AppealRules, optional

    Returns
    -------
    date

    Examples
    --------
    >>> appeal_due_date(date(2026, 3, 1), "land"), appeal_due_date(date(2026, 3, 1), "labour")
    (datetime.date(2026, 3, 31), datetime.date(2026, 3, 11))
    """
    return raised + timedelta(days=rules.due_days[AppealCategory(category)])


def appeal_escalation(due: date, today: date, start: EscalationLevel | str = EscalationLevel.COUNTY,
                      rules: AppealRules = DEFAULT_APPEAL_RULES) -> EscalationLevel:
    """Return the level an unanswered appeal should be coordinated at today.

    Parameters
    ----------
    due : date
        The appeal's due date.
    today : date
    start : EscalationLevel or str
        The level it was raised at.
    rules : AppealRules, optional

    Returns
    -------
    EscalationLevel
        ``start`` until the due date; one level higher from the day after, one more every
        ``escalate_every_days``, at most province.

    Examples
    --------
    >>> due = date(2026, 3, 10)
    >>> [appeal_escalation(due, date(2026, 3, d)).value for d in (10, 11, 17, 18, 30)]
    ['county', 'city', 'city', 'province', 'province']
    """
    first = _LEVELS.index(EscalationLevel(start))
    overdue = (today - due).days
    if overdue <= 0:
        return _LEVELS[first]
    steps = 1 + (overdue - 1) // max(rules.escalate_every_days, 1)
    return _LEVELS[min(first + steps, len(_LEVELS) - 1)]


def assert_appeal_transition(current: AppealStatus | str, target: AppealStatus | str,
                             satisfaction: int | None = None, answer: str = "") -> None:
    """Refuse a status change the workflow does not allow, an answer without text, a close without a rating.

    Parameters
    ----------
    current, target : AppealStatus or str
    satisfaction : int, optional
        1–5, required to close.
    answer : str
        Required to answer.

    Raises
    ------
    AppealTransitionError

    Examples
    --------
    >>> assert_appeal_transition("raised", "accepted")
    >>> try:
    ...     assert_appeal_transition("answered", "closed")
    ... except AppealTransitionError as exc:
    ...     print(exc)
    办结时须由企业给出满意度评价（1–5）
    """
    now, then = AppealStatus(current), AppealStatus(target)
    if then not in APPEAL_TRANSITIONS[now]:
        options = "、".join(s.label_zh for s in AppealStatus if s in APPEAL_TRANSITIONS[now]) or "无（已办结）"
        raise AppealTransitionError(f"诉求不能从“{now.label_zh}”变为“{then.label_zh}”，可变为：{options}")
    if then is AppealStatus.ANSWERED and not answer.strip():
        raise AppealTransitionError("答复时须填写答复内容")
    if then is AppealStatus.CLOSED and (satisfaction is None or not 1 <= satisfaction <= 5):
        raise AppealTransitionError("办结时须由企业给出满意度评价（1–5）")


@dataclasses.dataclass(frozen=True)
class AppealFacts:
    """What the resolution summary needs of one appeal."""

    key: str
    raised: date
    due: date
    answered: date | None
    satisfaction: int | None = None


@dataclasses.dataclass(frozen=True)
class ResolutionSummary:
    """Appeals of one unit or category: how many, how many answered and in time, mean days and rating."""

    total: int
    resolved: int
    on_time: int
    overdue_open: int
    rate_pct: Decimal | None
    mean_days: Decimal | None
    mean_satisfaction: Decimal | None


def _mean(values: list[int]) -> Decimal | None:
    if not values:
        return None
    return (Decimal(sum(values)) / len(values)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def resolution_summary(appeals: Iterable[AppealFacts], today: date) -> dict[str, ResolutionSummary]:
    """Summarise resolution rate and time per key (a unit or a category).

    Parameters
    ----------
    appeals : iterable of AppealFacts
    today : date
        To count open appeals past their due date.

    Returns
    -------
    dict of str to ResolutionSummary
        Sorted by key. The rate is answered ÷ total in percent; days run from raised to answered.

    Examples
    --------
    >>> rows = [AppealFacts("人社局", date(2026, 3, 1), date(2026, 3, 11), date(2026, 3, 5), 5),
    ...         AppealFacts("人社局", date(2026, 3, 1), date(2026, 3, 11), None)]
    >>> s = resolution_summary(rows, date(2026, 4, 1))["人社局"]
    >>> s.rate_pct, s.mean_days, s.overdue_open, s.mean_satisfaction
    (Decimal('50.0'), Decimal('4.0'), 1, Decimal('5.0'))
    """
    groups: dict[str, list[AppealFacts]] = {}
    for appeal in appeals:
        groups.setdefault(appeal.key, []).append(appeal)
    found = {}
    for key in sorted(groups):
        rows = groups[key]
        done = [a for a in rows if a.answered is not None]
        days = [(a.answered - a.raised).days for a in done if a.answered is not None]
        rate = (Decimal(len(done) * 100) / len(rows)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        found[key] = ResolutionSummary(
            total=len(rows), resolved=len(done),
            on_time=sum(1 for a in done if a.answered is not None and a.answered <= a.due),
            overdue_open=sum(1 for a in rows if a.answered is None and a.due < today),
            rate_pct=rate, mean_days=_mean(days),
            mean_satisfaction=_mean([a.satisfaction for a in rows if a.satisfaction is not None]),
        )
    return found
