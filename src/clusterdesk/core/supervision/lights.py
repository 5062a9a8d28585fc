"""Traffic-light supervision (红黄绿灯) of major projects, computed once a month from a project's facts.

Each rule gives a light; the worst light wins (`project_light`). The defaults (`DEFAULT_RULES`) follow common
provincial practice; a deployment may build its own `LightRules`.

Investment progress (投资进度). The 序时进度 (time-proportional progress) of month *m* is *m* / 12 × 100 %
(`time_progress`); the completion is 本年累计完成投资 / 年度计划投资 × 100 %. Two modes:

* absolute (``GapMode.ABSOLUTE``, the default): gap = 序时进度 − 完成率, in percentage points.
  Green when gap < 10; yellow when 10 ≤ gap ≤ 30; red when gap > 30. Both boundaries (exactly 10 and
  exactly 30) are yellow.
* relative (``GapMode.RELATIVE``, `RELATIVE_RULES`): shortfall = gap / 序时进度 × 100 %, the share of the
  time progress not reached. Green when shortfall ≤ 0 (at or ahead of time progress); yellow when
  0 < shortfall ≤ 50; red when shortfall > 50. Exactly half of the time progress is still yellow.

A project without an annual plan (None or 0) gets no investment light: the rule stays silent (green) and
the result carries the note ``未下达年度投资计划，未评价投资进度``.

Start (开工). A project planned to start in the report month or earlier and not yet started is yellow;
once the report month is `LightRules.start_red_months` (3) or more calendar months after the planned month
it is red. Planned for March and still not started: March, April, May reports yellow (0, 1, 2 months
overdue), June report red (3 months). A project counts as started when its actual start falls in the report
month or earlier, or when its stage is 在建 or later.

Statistics (纳统). A started project not yet in the fixed-asset investment statistics is yellow from
`statistics_yellow_months` (1) calendar month after its start month, and red when *more than*
`statistics_red_months` (2) months have passed: started in March, the April and May reports are yellow, June
red. Without an actual start date the rule cannot count and stays silent.

Critical nodes (关键节点). Any overdue critical node gives `critical_node_overdue` (yellow by default).

Months are always whole calendar months (`months_between`); the day of a date is ignored.
"""

import dataclasses
import enum
from collections.abc import Iterable
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from clusterdesk.core.exceptions import CoreError
from clusterdesk.core.lifecycle import Stage

__all__ = [
    "DEFAULT_RULES",
    "RELATIVE_RULES",
    "GapMode",
    "Light",
    "LightResult",
    "LightRules",
    "ProjectFacts",
    "SupervisionError",
    "count_lights",
    "format_pct",
    "investment_light",
    "months_between",
    "plan_completion",
    "project_light",
    "start_rate",
    "time_progress",
    "worst",
]


class SupervisionError(CoreError):
    """Supervision rules or figures are invalid (a negative plan, a month outside 1–12, crossed thresholds)."""


class Light(enum.StrEnum):
    """A supervision light; the values are the slugs stored in the database. Compare severity with `rank`."""

    GREEN = "green"
    YELLOW = "yellow"
    RED = "red"

    @property
    def rank(self) -> int:
        """Severity: 0 green, 1 yellow, 2 red."""
        return _RANK[self]

    @property
    def label_zh(self) -> str:
        """The Chinese name: 绿灯, 黄灯 or 红灯."""
        return _LABEL[self]


_RANK = {Light.GREEN: 0, Light.YELLOW: 1, Light.RED: 2}
_LABEL = {Light.GREEN: "绿灯", Light.YELLOW: "黄灯", Light.RED: "红灯"}
_BY_RANK = (Light.GREEN, Light.YELLOW, Light.RED)


class GapMode(enum.StrEnum):
    """How the investment gap is measured: in percentage points, or as a share of the time progress."""

    ABSOLUTE = "absolute"
    RELATIVE = "relative"


@dataclasses.dataclass(frozen=True)
class LightRules:
    """The thresholds of every rule; see the module docstring for the exact boundaries.

    ``yellow_gap_pp`` and ``red_gap_pp`` apply in absolute mode, ``yellow_shortfall_pct`` and
    ``red_shortfall_pct`` in relative mode.
    """

    mode: GapMode = GapMode.ABSOLUTE
    yellow_gap_pp: Decimal = Decimal("10")
    red_gap_pp: Decimal = Decimal("30")
    yellow_shortfall_pct: Decimal = Decimal("0")
    red_shortfall_pct: Decimal = Decimal("50")
    start_yellow_months: int = 0
    start_red_months: int = 3
    statistics_yellow_months: int = 1
    statistics_red_months: int = 2
    critical_node_overdue: Light = Light.YELLOW

    def __post_init__(self) -> None:
        try:
            object.__setattr__(self, "mode", GapMode(self.mode))
            object.__setattr__(self, "critical_node_overdue", Light(self.critical_node_overdue))
        except ValueError as exc:
            raise SupervisionError(f"亮灯规则取值无效：{exc}") from None
        if not Decimal(0) <= self.yellow_gap_pp <= self.red_gap_pp:
            raise SupervisionError(
                f"投资进度阈值应满足 0 ≤ 黄灯 ≤ 红灯，实为 {self.yellow_gap_pp} 与 {self.red_gap_pp}"
            )
        if not Decimal(0) <= self.yellow_shortfall_pct <= self.red_shortfall_pct <= Decimal(100):
            raise SupervisionError(
                f"相对落后比例阈值应满足 0 ≤ 黄灯 ≤ 红灯 ≤ 100，"
                f"实为 {self.yellow_shortfall_pct} 与 {self.red_shortfall_pct}"
            )
        if not 0 <= self.start_yellow_months <= self.start_red_months:
            raise SupervisionError(
                f"开工逾期月数阈值应满足 0 ≤ 黄灯 ≤ 红灯，实为 {self.start_yellow_months} 与 {self.start_red_months}"
            )
        if not 0 <= self.statistics_yellow_months <= self.statistics_red_months:
            raise SupervisionError(
                f"纳统月数阈值应满足 0 ≤ 黄灯 ≤ 红灯，"
                f"实为 {self.statistics_yellow_months} 与 {self.statistics_red_months}"
            )


#: The default rules: absolute gap 10 / 30 percentage points, start 3 months, statistics 1 / 2 months.
DEFAULT_RULES = LightRules()
#: The relative preset: below time progress by up to 50% of it is yellow, more is red.
RELATIVE_RULES = LightRules(mode=GapMode.RELATIVE)


@dataclasses.dataclass(frozen=True)
class LightResult:
    """A light with one Chinese reason per rule that fired, and notes that do not affect the light."""

    light: Light
    reasons: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()

    def summary(self) -> str:
        """Explain the light in one line.

        Examples
        --------
        >>> LightResult(Light.RED, ("累计完成投资占年度计划 38%，序时进度 75%", "开工逾期 3 个月")).summary()
        '红灯：累计完成投资占年度计划 38%，序时进度 75%；开工逾期 3 个月'
        >>> LightResult(Light.GREEN, notes=("未下达年度投资计划，未评价投资进度",)).summary()
        '绿灯（未下达年度投资计划，未评价投资进度）'
        """
        text = self.light.label_zh
        if self.reasons:
            text += "：" + "；".join(self.reasons)
        if self.notes:
            text += "（" + "；".join(self.notes) + "）"
        return text


@dataclasses.dataclass(frozen=True)
class ProjectFacts:
    """What the supervision rules look at for one project in one report month.

    ``month`` is the report month (its day is ignored); ``stage`` is a `Stage` slug.
    """

    month: date
    annual_plan_wan: Decimal | None
    year_to_date_wan: Decimal
    planned_start: date | None
    actual_start: date | None
    in_statistics: bool
    critical_nodes_overdue: int
    stage: str


_STARTED_STAGES = frozenset({Stage.CONSTRUCTION, Stage.COMPLETED, Stage.CAPACITY, Stage.STATISTICS})
_HUNDRED = Decimal(100)
_TIME_PROGRESS = tuple(Decimal(month * 100) / 12 for month in range(13))
_NO_PLAN_NOTE = "未下达年度投资计划，未评价投资进度"


def worst(*lights: Light) -> Light:
    """Return the most severe of some lights (red over yellow over green); green when given none.

    Parameters
    ----------
    *lights : Light

    Returns
    -------
    Light

    Examples
    --------
    >>> worst(Light.GREEN, Light.RED, Light.YELLOW), worst(Light.GREEN), worst()
    (<Light.RED: 'red'>, <Light.GREEN: 'green'>, <Light.GREEN: 'green'>)
    """
    return _BY_RANK[max((_RANK[light] for light in lights), default=0)]


def months_between(a: date, b: date) -> int:
    """Count whole calendar months from the month of `a` to the month of `b`, ignoring the days.

    Parameters
    ----------
    a, b : date

    Returns
    -------
    int
        Negative when `b` falls in an earlier month than `a`.

    Examples
    --------
    >>> months_between(date(2024, 3, 31), date(2024, 6, 1)), months_between(date(2024, 11, 5), date(2025, 2, 1))
    (3, 3)
    >>> months_between(date(2024, 6, 1), date(2024, 6, 30)), months_between(date(2024, 6, 1), date(2024, 5, 1))
    (0, -1)
    """
    return (b.year - a.year) * 12 + b.month - a.month


def time_progress(month: int) -> Decimal:
    """Return the time-proportional progress (序时进度) at the end of a month: months elapsed / 12 × 100.

    Parameters
    ----------
    month : int
        The month of the year, 1 to 12.

    Returns
    -------
    Decimal
        Percent, unrounded.

    Raises
    ------
    SupervisionError
        If `month` is not 1 to 12.

    Examples
    --------
    >>> time_progress(6), time_progress(12), format_pct(time_progress(1))
    (Decimal('50'), Decimal('100'), '8.33%')
    """
    if isinstance(month, bool) or not isinstance(month, int) or not 1 <= month <= 12:
        raise SupervisionError(f"月份应为 1 至 12，实为 {month!r}")
    return _TIME_PROGRESS[month]


def format_pct(value: Decimal, places: int = 2) -> str:
    """Write a percentage for people: rounded half-up, trailing zeros dropped.

    Parameters
    ----------
    value : Decimal
        The percentage (38 for 38 %).
    places : int
        Most decimal places to show (default 2).

    Returns
    -------
    str

    Examples
    --------
    >>> format_pct(Decimal("38")), format_pct(Decimal("37.50")), format_pct(Decimal(200) / 3)
    ('38%', '37.5%', '66.67%')
    """
    rounded = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    text = f"{rounded.copy_abs() if rounded == 0 else rounded:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text + "%"


def _non_negative(value: Decimal, what: str) -> Decimal:
    if not isinstance(value, Decimal) or not value.is_finite() or value < 0:
        raise SupervisionError(f"{what}应为不小于 0 的金额（万元），实为 {value!r}")
    return value


def _investment(plan: Decimal | None, ytd: Decimal, month: int, rules: LightRules) -> tuple[Light, str | None]:
    progress = time_progress(month)
    _non_negative(ytd, "本年累计完成投资")
    if plan is None or _non_negative(plan, "年度计划投资") == 0:
        return Light.GREEN, None
    completion = ytd * _HUNDRED / plan
    gap = progress - completion
    if rules.mode is GapMode.ABSOLUTE:
        light = Light.GREEN if gap < rules.yellow_gap_pp else Light.YELLOW if gap <= rules.red_gap_pp else Light.RED
    else:
        shortfall = gap * _HUNDRED / progress
        light = (
            Light.GREEN
            if shortfall <= rules.yellow_shortfall_pct
            else Light.YELLOW
            if shortfall <= rules.red_shortfall_pct
            else Light.RED
        )
    if light is Light.GREEN:
        return light, None
    return light, f"累计完成投资占年度计划 {format_pct(completion)}，序时进度 {format_pct(progress)}"


def investment_light(
    *, annual_plan_wan: Decimal | None, year_to_date_wan: Decimal, month: int, rules: LightRules = DEFAULT_RULES
) -> LightResult:
    """Judge investment progress against the time-proportional progress (序时进度).

    Parameters
    ----------
    annual_plan_wan : Decimal or None
        The annual investment plan (万元); None or 0 means no plan, which gives green with a note.
    year_to_date_wan : Decimal
        Investment completed this year up to the end of `month` (万元).
    month : int
        The report month, 1 to 12.
    rules : LightRules
        Thresholds and mode; `DEFAULT_RULES` unless given.

    Returns
    -------
    LightResult

    Raises
    ------
    SupervisionError
        If `month` is not 1 to 12 or an amount is negative.

    Examples
    --------
    >>> investment_light(annual_plan_wan=Decimal(1000), year_to_date_wan=Decimal(380), month=9).summary()
    '红灯：累计完成投资占年度计划 38%，序时进度 75%'
    >>> investment_light(annual_plan_wan=Decimal(1000), year_to_date_wan=Decimal(700), month=9).light
    <Light.GREEN: 'green'>
    >>> investment_light(annual_plan_wan=Decimal(1000), year_to_date_wan=Decimal(380), month=9,
    ...                  rules=RELATIVE_RULES).light
    <Light.YELLOW: 'yellow'>
    >>> investment_light(annual_plan_wan=None, year_to_date_wan=Decimal(0), month=3).summary()
    '绿灯（未下达年度投资计划，未评价投资进度）'
    """
    light, reason = _investment(annual_plan_wan, year_to_date_wan, month, rules)
    notes = (_NO_PLAN_NOTE,) if not annual_plan_wan else ()
    return LightResult(light, (reason,) if reason else (), notes)


def project_light(facts: ProjectFacts, rules: LightRules = DEFAULT_RULES) -> LightResult:
    """Combine every supervision rule for one project and month; the worst light wins.

    Parameters
    ----------
    facts : ProjectFacts
    rules : LightRules
        Thresholds; `DEFAULT_RULES` unless given.

    Returns
    -------
    LightResult
        The worst light, one reason per rule that gave yellow or red (investment, start, statistics,
        critical nodes, in that order), and a note when there is no annual plan.

    Raises
    ------
    SupervisionError
        If an amount is negative.

    Examples
    --------
    >>> facts = ProjectFacts(month=date(2024, 9, 1), annual_plan_wan=Decimal(1000),
    ...                      year_to_date_wan=Decimal(380), planned_start=date(2024, 6, 1), actual_start=None,
    ...                      in_statistics=False, critical_nodes_overdue=0, stage="preconstruction")
    >>> project_light(facts).summary()
    '红灯：累计完成投资占年度计划 38%，序时进度 75%；开工逾期 3 个月'
    >>> import dataclasses
    >>> started = dataclasses.replace(facts, year_to_date_wan=Decimal(700), actual_start=date(2024, 8, 10),
    ...                               critical_nodes_overdue=1, stage="construction")
    >>> project_light(started).summary()
    '黄灯：开工 1 个月未纳统；关键节点逾期 1 个'
    """
    month = facts.month
    reasons: list[str] = []
    rank = 0

    light, reason = _investment(facts.annual_plan_wan, facts.year_to_date_wan, month.month, rules)
    if reason:
        reasons.append(reason)
        rank = _RANK[light]

    actual = facts.actual_start
    started = (actual is not None and months_between(actual, month) >= 0) or facts.stage in _STARTED_STAGES
    if not started and facts.planned_start is not None:
        overdue = months_between(facts.planned_start, month)
        if overdue >= rules.start_yellow_months:
            rank = max(rank, 2 if overdue >= rules.start_red_months else 1)
            reasons.append(f"开工逾期 {overdue} 个月" if overdue else "计划本月开工，尚未开工")

    if started and actual is not None and not facts.in_statistics:
        elapsed = months_between(actual, month)
        if elapsed >= rules.statistics_yellow_months:
            rank = max(rank, 2 if elapsed > rules.statistics_red_months else 1)
            reasons.append(f"开工 {elapsed} 个月未纳统")

    if facts.critical_nodes_overdue > 0:
        rank = max(rank, _RANK[rules.critical_node_overdue])
        reasons.append(f"关键节点逾期 {facts.critical_nodes_overdue} 个")

    notes = (_NO_PLAN_NOTE,) if not facts.annual_plan_wan else ()
    return LightResult(_BY_RANK[rank], tuple(reasons), notes)


def count_lights(lights: Iterable[Light | str]) -> dict[Light, int]:
    """Count lights for a roll-up by park, county, city or cluster; every light appears, zero if absent.

    Parameters
    ----------
    lights : iterable of Light or str

    Returns
    -------
    dict
        Light → count, in the order green, yellow, red.

    Examples
    --------
    >>> count_lights([Light.RED, Light.GREEN, Light.RED])
    {<Light.GREEN: 'green'>: 1, <Light.YELLOW: 'yellow'>: 0, <Light.RED: 'red'>: 2}
    """
    counts = dict.fromkeys(_BY_RANK, 0)
    for light in lights:
        counts[Light(light)] += 1
    return counts


def start_rate(planned: int, started: int) -> Decimal | None:
    """Return the start rate (开工率): the percentage of projects planned to start that have started.

    Parameters
    ----------
    planned : int
        Projects planned to start by now.
    started : int
        Of those, how many have started.

    Returns
    -------
    Decimal or None
        Percent, unrounded; None when nothing was planned.

    Raises
    ------
    SupervisionError
        If a count is negative or `started` exceeds `planned`.

    Examples
    --------
    >>> start_rate(8, 6), format_pct(start_rate(3, 2)), start_rate(0, 0)
    (Decimal('75'), '66.67%', None)
    """
    if planned < 0 or started < 0 or started > planned:
        raise SupervisionError(f"开工项目数应在 0 至计划开工数之间，实为计划 {planned} 个、已开工 {started} 个")
    if planned == 0:
        return None
    return Decimal(started * 100) / planned


def plan_completion(
    annual_plan_wan_total: Decimal, year_to_date_wan_total: Decimal, month: int
) -> tuple[Decimal | None, Decimal]:
    """Return the completion of the annual plan and the time progress, for a roll-up of many projects.

    Parameters
    ----------
    annual_plan_wan_total : Decimal
        Sum of the annual plans (万元).
    year_to_date_wan_total : Decimal
        Sum of this year's completed investment (万元).
    month : int
        The report month, 1 to 12.

    Returns
    -------
    tuple of (Decimal or None, Decimal)
        Completion percent (None when the plan total is 0) and time progress percent, both unrounded.

    Raises
    ------
    SupervisionError
        If `month` is not 1 to 12 or an amount is negative.

    Examples
    --------
    >>> plan_completion(Decimal(200000), Decimal(130000), 6)
    (Decimal('65'), Decimal('50'))
    >>> plan_completion(Decimal(0), Decimal(0), 12)
    (None, Decimal('100'))
    """
    progress = time_progress(month)
    plan = _non_negative(annual_plan_wan_total, "年度计划投资合计")
    ytd = _non_negative(year_to_date_wan_total, "本年累计完成投资合计")
    return (ytd * _HUNDRED / plan if plan else None), progress
