"""Featured (specialized) parks (特色(专业)园区): criteria checked against data, and the annual re-evaluation.

A criterion compares one measured value with a threshold (featured-industry share of park revenue ≥ 65%,
R&D intensity ≥ 1%, output ≥ a threshold, growth ≥ 0 …). Parks meeting every certification criterion
are certified (认定); those meeting the cultivation criteria are on the cultivation list (培育); the
annual re-evaluation says who keeps, gains or loses status, and why.
"""

import dataclasses
import operator
from collections.abc import Callable, Mapping, Sequence

from clusterdesk.core.scoring.methods import ScoringError

__all__ = [
    "DEFAULT_CERTIFICATION",
    "DEFAULT_CULTIVATION",
    "Criterion",
    "CriterionResult",
    "Decision",
    "check_criteria",
    "featured_decision",
]

_OPERATORS: dict[str, Callable[[float, float], bool]] = {
    ">=": operator.ge, ">": operator.gt, "<=": operator.le, "<": operator.lt,
}


@dataclasses.dataclass(frozen=True, slots=True)
class Criterion:
    """A check ``value <op> threshold`` on one measured key."""

    key: str
    label: str
    op: str
    threshold: float

    def __post_init__(self) -> None:
        if self.op not in _OPERATORS:
            raise ScoringError(f"未知的比较符：{self.op}（可选 >=、>、<=、<）")


@dataclasses.dataclass(frozen=True, slots=True)
class CriterionResult:
    """The outcome of one criterion: the value found (``None``: no data, which fails) and whether it passed."""

    criterion: Criterion
    value: float | None
    passed: bool

    @property
    def reason(self) -> str:
        c = self.criterion
        if self.value is None:
            return f"{c.label}：无数据"
        mark = "达标" if self.passed else "未达标"
        return f"{c.label} {_readable(self.value)}（要求 {_SYMBOLS[c.op]} {_readable(c.threshold)}）{mark}"


_SYMBOLS = {">=": "≥", ">": ">", "<=": "≤", "<": "<"}


def _readable(value: float) -> str:
    """A measured value as a reader wants it: one decimal place at most, thousands separated (13.9017 → 13.9)."""
    return f"{value:,.1f}".removesuffix(".0")


@dataclasses.dataclass(frozen=True, slots=True)
class Decision:
    """The re-evaluation's outcome for one park: new status, the change, and the reasons."""

    status: str
    change: str
    reasons: tuple[str, ...]


DEFAULT_CERTIFICATION: tuple[Criterion, ...] = (
    Criterion("featured_share_pct", "特色产业营业收入占园区比重(%)", ">=", 65.0),
    Criterion("rd_intensity_pct", "研发经费投入强度(%)", ">=", 1.0),
    Criterion("featured_output_wan", "特色产业产值(万元)", ">=", 500000.0),
    Criterion("output_growth_pct", "工业总产值增速(%)", ">=", 0.0),
)

DEFAULT_CULTIVATION: tuple[Criterion, ...] = (
    Criterion("featured_share_pct", "特色产业营业收入占园区比重(%)", ">=", 50.0),
    Criterion("featured_output_wan", "特色产业产值(万元)", ">=", 200000.0),
)


def check_criteria(values: Mapping[str, float | None], criteria: Sequence[Criterion]) -> list[CriterionResult]:
    """Check every criterion against a park's measured values.

    Parameters
    ----------
    values : mapping of str to float or None
        Key → measured value.
    criteria : sequence of Criterion
        The checks.

    Returns
    -------
    list of CriterionResult
        One per criterion, in order; a missing value fails.

    Examples
    --------
    >>> rs = check_criteria({"featured_share_pct": 70.0}, DEFAULT_CERTIFICATION[:2])
    >>> [(r.passed, r.reason) for r in rs]
    [(True, '特色产业营业收入占园区比重(%) 70（要求 ≥ 65）达标'), (False, '研发经费投入强度(%)：无数据')]
    >>> check_criteria({"featured_share_pct": 13.9017}, DEFAULT_CERTIFICATION[:1])[0].reason
    '特色产业营业收入占园区比重(%) 13.9（要求 ≥ 65）未达标'
    """
    results = []
    for c in criteria:
        value = values.get(c.key)
        passed = value is not None and _OPERATORS[c.op](float(value), c.threshold)
        results.append(CriterionResult(c, None if value is None else float(value), passed))
    return results


def featured_decision(current: str, values: Mapping[str, float | None],
                      certification: Sequence[Criterion] = DEFAULT_CERTIFICATION,
                      cultivation: Sequence[Criterion] = DEFAULT_CULTIVATION) -> Decision:
    """Decide a park's featured status for the year: certified, cultivation or none, and the change.

    Parameters
    ----------
    current : str
        Status before the re-evaluation: ``"certified"``, ``"cultivation"`` or ``"none"``.
    values : mapping of str to float or None
        The park's measured values.
    certification, cultivation : sequence of Criterion
        Criteria of the certified and of the cultivation list.

    Returns
    -------
    Decision
        ``change`` is ``"keeps"``, ``"gains"`` (moves up), ``"loses"`` (moves down) or ``"none"``; the
        reasons list the failed criteria of the level not reached (or all passed checks when certified).

    Examples
    --------
    >>> d = featured_decision("certified", {"featured_share_pct": 55.0, "featured_output_wan": 300000.0})
    >>> d.status, d.change
    ('cultivation', 'loses')
    >>> featured_decision("none", {"featured_share_pct": 10.0}).change
    'none'
    """
    order = {"none": 0, "cultivation": 1, "certified": 2}
    if current not in order:
        raise ScoringError(f"未知的特色园区状态：{current}")
    certified = check_criteria(values, certification)
    cultivated = check_criteria(values, cultivation)
    if all(r.passed for r in certified):
        status, shown = "certified", certified
    elif all(r.passed for r in cultivated):
        status, shown = "cultivation", [r for r in certified if not r.passed]
    else:
        status, shown = "none", [r for r in cultivated if not r.passed]
    before, after = order[current], order[status]
    change = "keeps" if after == before and after > 0 else "gains" if after > before else \
        "loses" if after < before else "none"
    return Decision(status, change, tuple(r.reason for r in shown))
