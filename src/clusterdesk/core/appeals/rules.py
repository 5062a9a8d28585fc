"""Enterprise appeals (企业诉求): routing by category, due dates, the status workflow and escalation.

An appeal is raised (已提出) → accepted (已受理) → in progress (办理中) → answered (已答复) → closed (已办结), the
enterprise rating its satisfaction (1–5) on closing (`APPEAL_WORKFLOW`). It may also be answered straight from
accepted, and an answer the enterprise does not accept goes back to in progress (退回重办).

Who acts: accepting, handling and answering are for the responsible side — an officer, never the person who filed
the appeal nor the enterprise's work secretary; closing with the rating, and sending an answer back, are for the
enterprise's side — the filer or the enterprise's work secretary — never for the person who answered.

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
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from types import MappingProxyType

from clusterdesk.core.workflow import (
    ActorRule,
    Escalation,
    Forbid,
    State,
    Transition,
    Workflow,
    between,
    due_date,
    present,
)
from clusterdesk.core.workflow.roles import OFFICER_ROLES, RELATION_ENTERPRISE_SIDE, RELATION_FILER, RELATION_HANDLER

__all__ = [
    "APPEAL_ESCALATION",
    "APPEAL_WORKFLOW",
    "DEFAULT_APPEAL_RULES",
    "AppealCategory",
    "AppealFacts",
    "AppealRules",
    "AppealStatus",
    "EscalationLevel",
    "ResolutionSummary",
    "appeal_due_date",
    "appeal_escalation",
    "resolution_summary",
]


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

_A = AppealStatus
_RESPONSIBLE = ActorRule(
    roles=OFFICER_ROLES, roles_message="诉求须由责任单位的干部受理、办理和答复",
    forbid=(Forbid(RELATION_FILER, "提出诉求的人不能受理、办理或答复自己的诉求"),
            Forbid(RELATION_ENTERPRISE_SIDE, "企业的工作秘书代表企业一方，不能受理、办理或答复该企业的诉求")))
_ENTERPRISE = ActorRule(
    any_of=frozenset({RELATION_FILER, RELATION_ENTERPRISE_SIDE}),
    any_of_message="诉求须由企业一方（提出人、企业用户或企业的工作秘书）确认办结或退回重办",
    forbid=(Forbid(RELATION_HANDLER, "答复诉求的人不能自己办结、评价或退回该诉求"),))

#: One level up from the first day overdue, one more every 7 days (`AppealRules.escalate_every_days`).
APPEAL_ESCALATION = Escalation(first_after_days=1, every_days=7, top=2)

#: The status workflow of an appeal. Facts: ``answer`` (to answer), ``satisfaction`` (1–5, to close).
APPEAL_WORKFLOW = Workflow(
    name="appeal",
    label="诉求",
    states=tuple(State(s, _STATUS_LABELS[s], open=not s.resolved) for s in AppealStatus),
    initial=_A.RAISED,
    transitions=(
        Transition("accept", "受理", frozenset({_A.RAISED}), _A.ACCEPTED, who=_RESPONSIBLE),
        Transition("start", "开始办理", frozenset({_A.ACCEPTED}), _A.IN_PROGRESS, who=_RESPONSIBLE),
        Transition("answer", "答复", frozenset({_A.ACCEPTED, _A.IN_PROGRESS}), _A.ANSWERED,
                   guards=(present("answer", "答复须填写答复内容"),), who=_RESPONSIBLE),
        Transition("return", "退回重办", frozenset({_A.ANSWERED}), _A.IN_PROGRESS, who=_ENTERPRISE),
        Transition("close", "办结", frozenset({_A.ANSWERED}), _A.CLOSED,
                   guards=(between("satisfaction", 1, 5, "办结须由企业给出满意度评价（1–5）"),), who=_ENTERPRISE),
    ),
    escalation=APPEAL_ESCALATION,
)


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
    return due_date(raised, rules.due_days[AppealCategory(category)])


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
    policy = dataclasses.replace(APPEAL_ESCALATION, every_days=max(rules.escalate_every_days, 1))
    return _LEVELS[policy.steps(due, today, start=_LEVELS.index(EscalationLevel(start)))]


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
