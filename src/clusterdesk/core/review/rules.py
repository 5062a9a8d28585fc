"""Review of what is filed (填报 → 审核 → 上报): monthly progress reports and enterprise monthly figures.

A filing is filed (已填报) by the owning side — the project's park or county officer, the enterprise's work
secretary — and reviewed by the level above: accepted (已审核) or returned (已退回) with a reason; a returned
filing, once edited, is filed again. The reviewing level then reports the accepted filing up (已上报) to the
level above it. Only accepted and reported filings count (`COUNTED_STATES`) in lights, warnings, roll-ups and
candidates; editing an accepted or reported filing sends it back to filed.

Who reviews whom (`reviewing_level`): by default the next level above the filer's that the filing has
(enterprise → park → county → city → province; a project or enterprise outside any park goes from the enterprise
or county straight on); a deployment may name another level per filer level. The province reviews itself. The
filer never accepts, returns nor reports their own filing.

Deadlines (`review_deadlines`): file by the 5th of the following month, review by the 8th, report up by the 10th.
A deployment may switch review off (`ReviewRules.required`): a filing is then accepted as it is filed.
"""

import dataclasses
import datetime
import enum
from collections.abc import Iterable, Mapping
from types import MappingProxyType

from clusterdesk.core.workflow import ActorRule, Forbid, State, Transition, Workflow, present
from clusterdesk.core.workflow.roles import OFFICER_ROLES, RELATION_FILER

__all__ = [
    "COUNTED_STATES",
    "DEFAULT_REVIEW_RULES",
    "LEVEL_ORDER",
    "RELATION_REVIEWER",
    "REVIEW_WORKFLOW",
    "ReviewDeadlines",
    "ReviewRules",
    "ReviewStatus",
    "initial_status",
    "review_deadlines",
    "reviewing_level",
]

#: The actor is an officer of the level that reviews this filing, with the filing in their scope.
RELATION_REVIEWER = "reviewer"

#: The levels a filing passes through, lowest first.
LEVEL_ORDER: tuple[str, ...] = ("enterprise", "park", "county", "city", "province")


class ReviewStatus(enum.StrEnum):
    """The review state of a filing; the values are stored in the database."""

    FILED = "filed"
    RETURNED = "returned"
    ACCEPTED = "accepted"
    REPORTED = "reported"

    @property
    def label_zh(self) -> str:
        """已填报, 已退回, 已审核 or 已上报."""
        return _LABELS[self]

    @property
    def counts(self) -> bool:
        """Whether a filing in this state counts in lights, warnings and roll-ups (accepted or reported)."""
        return self in COUNTED_STATES


_LABELS = {ReviewStatus.FILED: "已填报", ReviewStatus.RETURNED: "已退回", ReviewStatus.ACCEPTED: "已审核",
           ReviewStatus.REPORTED: "已上报"}

#: The states whose figures count.
COUNTED_STATES = frozenset({ReviewStatus.ACCEPTED, ReviewStatus.REPORTED})

_R = ReviewStatus
_REVIEWER = ActorRule(
    roles=OFFICER_ROLES, roles_message="填报须由上一级的干部审核",
    any_of=frozenset({RELATION_REVIEWER}), any_of_message="此填报不由您所在的层级审核，或不在您的范围内",
    forbid=(Forbid(RELATION_FILER, "填报人不能审核、退回或上报自己的填报"),))

#: The review workflow of a filing. Facts: ``reason`` (to return).
REVIEW_WORKFLOW = Workflow(
    name="review",
    label="填报",
    field="review_status",
    states=(
        State(_R.FILED, _LABELS[_R.FILED]),
        State(_R.RETURNED, _LABELS[_R.RETURNED]),
        State(_R.ACCEPTED, _LABELS[_R.ACCEPTED]),
        State(_R.REPORTED, _LABELS[_R.REPORTED], open=False),
    ),
    initial=_R.FILED,
    transitions=(
        Transition("accept", "审核通过", frozenset({_R.FILED}), _R.ACCEPTED, who=_REVIEWER),
        Transition("return", "退回", frozenset({_R.FILED, _R.ACCEPTED}), _R.RETURNED,
                   guards=(present("reason", "退回须填写退回原因"),), who=_REVIEWER),
        Transition("report", "上报", frozenset({_R.ACCEPTED}), _R.REPORTED, who=_REVIEWER),
        # Editing a returned, accepted or reported filing files it again: the owner's edit is the step.
        Transition("refile", "重新填报", frozenset({_R.RETURNED, _R.ACCEPTED, _R.REPORTED}), _R.FILED),
    ),
)


@dataclasses.dataclass(frozen=True)
class ReviewDeadlines:
    """The days of the month after the report month by which a filing is filed, reviewed and reported up."""

    file_by: datetime.date
    review_by: datetime.date
    report_by: datetime.date


@dataclasses.dataclass(frozen=True)
class ReviewRules:
    """Whether filings are reviewed, which level reviews each filer level, and the deadlines (days of the
    following month).

    ``reviewers`` maps a filer's level to the level that reviews it; a level missing there is reviewed by the
    next level above.
    """

    required: bool = True
    reviewers: Mapping[str, str] = dataclasses.field(default_factory=lambda: MappingProxyType({}))
    file_day: int = 5
    review_day: int = 8
    report_day: int = 10

    def __post_init__(self) -> None:
        for filer, reviewer in self.reviewers.items():
            if filer not in LEVEL_ORDER or reviewer not in LEVEL_ORDER:
                raise ValueError(f"未知的审核层级：{filer} → {reviewer}")
            if LEVEL_ORDER.index(reviewer) < LEVEL_ORDER.index(filer):
                raise ValueError(f"审核层级不能低于填报层级：{filer} → {reviewer}")
        if not 1 <= self.file_day <= self.review_day <= self.report_day <= 28:
            raise ValueError("期限须为次月 1–28 日，且填报 ≤ 审核 ≤ 上报")


DEFAULT_REVIEW_RULES = ReviewRules()


def reviewing_level(filer_level: str, levels: Iterable[str], rules: ReviewRules = DEFAULT_REVIEW_RULES) -> str:
    """Return the level whose officers review a filing made at ``filer_level``.

    Parameters
    ----------
    filer_level : str
        One of `LEVEL_ORDER`.
    levels : iterable of str
        The levels the filing has (a project outside any park has no ``"park"``); county, city and province are
        always there.
    rules : ReviewRules

    Returns
    -------
    str
        The configured level, or the next level above; when that level is missing, the next one the filing has.
        The province reviews its own filings.

    Examples
    --------
    >>> reviewing_level("park", ["park", "county"]), reviewing_level("enterprise", ["enterprise"])
    ('county', 'county')
    >>> reviewing_level("enterprise", ["enterprise", "park"]), reviewing_level("province", [])
    ('park', 'province')
    >>> reviewing_level("park", ["park"], ReviewRules(reviewers={"park": "city"}))
    'city'
    """
    have = {*levels, "county", "city", "province"}
    start = LEVEL_ORDER.index(filer_level)
    wanted = rules.reviewers.get(filer_level, LEVEL_ORDER[min(start + 1, len(LEVEL_ORDER) - 1)])
    for level in LEVEL_ORDER[LEVEL_ORDER.index(wanted):]:
        if level in have:
            return level
    return "province"


def initial_status(rules: ReviewRules = DEFAULT_REVIEW_RULES) -> ReviewStatus:
    """Return the state a new filing starts in: filed, or accepted where review is switched off.

    Parameters
    ----------
    rules : ReviewRules

    Returns
    -------
    ReviewStatus

    Examples
    --------
    >>> initial_status().label_zh, initial_status(ReviewRules(required=False)).label_zh
    ('已填报', '已审核')
    """
    return ReviewStatus.FILED if rules.required else ReviewStatus.ACCEPTED


def review_deadlines(period: datetime.date, rules: ReviewRules = DEFAULT_REVIEW_RULES) -> ReviewDeadlines:
    """Return the filing, review and report-up deadlines of the report month ``period``.

    Parameters
    ----------
    period : date
        Any day of the report month.
    rules : ReviewRules

    Returns
    -------
    ReviewDeadlines

    Examples
    --------
    >>> d = review_deadlines(datetime.date(2025, 12, 1))
    >>> d.file_by, d.review_by, d.report_by
    (datetime.date(2026, 1, 5), datetime.date(2026, 1, 8), datetime.date(2026, 1, 10))
    """
    following = (period.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return ReviewDeadlines(following.replace(day=rules.file_day), following.replace(day=rules.review_day),
                           following.replace(day=rules.report_day))
