"""Early warning (运行监测预警) on key enterprises' monthly figures, each finding explained in Chinese.

Every rule looks at one enterprise's series of monthly figures (`Figures` keyed by month index, see
`clusterdesk.core.monitoring.periods`) for one report month and gives at most one `Finding` with a level:
关注 (watch), 预警 (warning) or 严重 (serious). The four-colour view (`colour`) shows an enterprise with no
finding green (绿), and its worst finding blue (蓝, watch), orange (橙, warning) or red (红, serious), after
the 绿蓝橙红 mechanism of provincial key-enterprise production warning.

The rules and their boundaries (the defaults, `DEFAULT_MONITORING_RULES`; a deployment builds its own
`MonitoringRules`):

* Year on year, same month (当月同比) and year to date (累计同比), for output value and for main business
  revenue: a drop of *at least* 10 % is watch, 20 % warning, 30 % serious (exactly 20 % down is warning).
  Year to date compares only the months reported in both years (like for like): a month missing in either
  year is left out of both sums and named in the explanation. Without a comparable month, or with a base of
  zero, the rule is silent.
* Orders on hand falling (在手订单连续下降): the number of consecutive months, ending in the report month, in
  which orders on hand fell by at least ``orders_fall_min_pct`` (1 %) from the month before; a smaller change is
  noise and ends the run. At least 3 is watch, 4 warning, 6 serious. A missing month ends the run too (a fall
  cannot be seen across a gap).
* Capacity utilisation (产能利用率 = actual output ÷ capacity, in the same unit): *below* 70 % is watch, below
  60 % warning, below 50 % serious; exactly 70 % gives nothing.
* Electricity against output (用电与产值背离, data to check): when electricity use is down year on year by
  at least 10 % and the output change exceeds the electricity change by at least 20 percentage points it is
  watch, 30 warning, 50 serious (electricity −30 %, output +5 %: 35 points, warning).
* Missing report (未报送): the number of consecutive months, ending in the report month, with no figures,
  counted from the month the enterprise is first expected to report. 1 is watch, 2 warning, 3 serious.
  When the report month itself is missing only this rule can speak.
"""

import dataclasses
import enum
from collections.abc import Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple, TypeAlias

from clusterdesk.core.exceptions import CoreError
from clusterdesk.core.monitoring.periods import month_label, month_of_index

__all__ = [
    "DEFAULT_MONITORING_RULES",
    "Figures",
    "Finding",
    "Level",
    "MonitoringError",
    "MonitoringRules",
    "Rule",
    "Tiers",
    "capacity_utilisation",
    "colour",
    "evaluate_month",
    "worst_level",
    "yoy_change_pct",
]

#: Figures may be Decimal (exact, as PostgreSQL and the forms give them) or float (as SQLite stores them); the
#: rules compute in float and compare with a tolerance, so a value exactly at a threshold reaches it either way.
Number: TypeAlias = Decimal | float | int
_EPS = 1e-9


class MonitoringError(CoreError):
    """Monitoring rules are inconsistent (tiers out of order, a negative threshold)."""


class Level(enum.StrEnum):
    """The level of a warning; the values are the slugs stored in the database."""

    WATCH = "watch"
    WARNING = "warning"
    SERIOUS = "serious"

    @property
    def rank(self) -> int:
        """Severity: 1 watch, 2 warning, 3 serious."""
        return _RANK[self]

    @property
    def label_zh(self) -> str:
        """关注, 预警 or 严重."""
        return _LABEL[self]


_RANK = {Level.WATCH: 1, Level.WARNING: 2, Level.SERIOUS: 3}
_LABEL = {Level.WATCH: "关注", Level.WARNING: "预警", Level.SERIOUS: "严重"}
_COLOUR = {None: "green", Level.WATCH: "blue", Level.WARNING: "orange", Level.SERIOUS: "red"}


class Rule(enum.StrEnum):
    """The warning rules; the values are the slugs stored in the database."""

    OUTPUT_YOY_MONTH = "output_yoy_month"
    OUTPUT_YOY_YTD = "output_yoy_ytd"
    REVENUE_YOY_MONTH = "revenue_yoy_month"
    REVENUE_YOY_YTD = "revenue_yoy_ytd"
    ORDERS_FALLING = "orders_falling"
    LOW_UTILISATION = "low_utilisation"
    ELECTRICITY_MISMATCH = "electricity_mismatch"
    MISSING_REPORT = "missing_report"


@dataclasses.dataclass(frozen=True)
class Tiers:
    """Three thresholds, one per level. ``ascending`` tiers fire at or above a value, others strictly below."""

    watch: Decimal
    warning: Decimal
    serious: Decimal
    ascending: bool = True

    def __post_init__(self) -> None:
        values = (Decimal(self.watch), Decimal(self.warning), Decimal(self.serious))
        ordered = values[0] <= values[1] <= values[2] if self.ascending else values[0] >= values[1] >= values[2]
        if not ordered or min(values) < 0:
            order = "关注 ≤ 预警 ≤ 严重" if self.ascending else "关注 ≥ 预警 ≥ 严重"
            raise MonitoringError(f"预警阈值应满足 {order} 且不为负，实为 {values[0]}、{values[1]}、{values[2]}")
        for name, value in zip(("watch", "warning", "serious"), values, strict=True):
            object.__setattr__(self, name, value)

    def level(self, value: Number) -> Level | None:
        """The level a value reaches, or None.

        Examples
        --------
        >>> Tiers(10, 20, 30).level(Decimal(20)), Tiers(70, 60, 50, ascending=False).level(Decimal(70))
        (<Level.WARNING: 'warning'>, None)
        """
        v = float(value)
        if self.ascending:
            hits = (v >= float(self.serious) - _EPS, v >= float(self.warning) - _EPS, v >= float(self.watch) - _EPS)
        else:
            hits = (v < float(self.serious) - _EPS, v < float(self.warning) - _EPS, v < float(self.watch) - _EPS)
        for hit, level in zip(hits, (Level.SERIOUS, Level.WARNING, Level.WATCH), strict=True):
            if hit:
                return level
        return None

    def threshold(self, level: Level) -> Decimal:
        """The threshold of one level."""
        return {Level.WATCH: self.watch, Level.WARNING: self.warning, Level.SERIOUS: self.serious}[level]


@dataclasses.dataclass(frozen=True)
class MonitoringRules:
    """The thresholds of every rule (see the module docstring); ``enabled`` switches rules off."""

    yoy_drop_pct: Tiers = Tiers(Decimal(10), Decimal(20), Decimal(30))
    orders_falling_months: Tiers = Tiers(Decimal(3), Decimal(4), Decimal(6))
    orders_fall_min_pct: Decimal = Decimal(1)
    utilisation_below_pct: Tiers = Tiers(Decimal(70), Decimal(60), Decimal(50), ascending=False)
    electricity_gap_pp: Tiers = Tiers(Decimal(20), Decimal(30), Decimal(50))
    electricity_drop_min_pct: Decimal = Decimal(10)
    missing_months: Tiers = Tiers(Decimal(1), Decimal(2), Decimal(3))
    enabled: frozenset[Rule] = frozenset(Rule)

    def __post_init__(self) -> None:
        if Decimal(self.electricity_drop_min_pct) < 0 or Decimal(self.orders_fall_min_pct) < 0:
            raise MonitoringError(
                f"下降幅度阈值不能为负，实为 {self.electricity_drop_min_pct}、{self.orders_fall_min_pct}")
        object.__setattr__(self, "enabled", frozenset(Rule(r) for r in self.enabled))


#: The default thresholds: drops of 10/20/30 %, 3/4/6 months of orders falling by 1 % or more, utilisation below
#: 70/60/50 %,
#: electricity 20/30/50 points behind output (when down ≥ 10 %), 1/2/3 months unreported.
DEFAULT_MONITORING_RULES = MonitoringRules()


class Figures(NamedTuple):
    """One enterprise's figures for one month; None where not reported.

    Money in 万元; ``capacity`` and ``capacity_output`` in the same physical unit; electricity in 万千瓦时. Values
    may be Decimal or float. A named tuple: a province's million monthly rows are built quickly.
    """

    output_wan: Number | None = None
    revenue_wan: Number | None = None
    orders_on_hand_wan: Number | None = None
    capacity: Number | None = None
    capacity_output: Number | None = None
    electricity: Number | None = None


@dataclasses.dataclass(frozen=True)
class Finding:
    """One rule that fired: its level, the measured value, the threshold reached and the reason in words."""

    rule: Rule
    level: Level
    value: Decimal
    threshold: Decimal
    explanation: str


def _dec(value: Number, places: str = "0.01") -> Decimal:
    exact = value if isinstance(value, Decimal) else Decimal(repr(float(value)))
    return exact.quantize(Decimal(places), rounding=ROUND_HALF_UP)


def _pct(value: Number) -> str:
    rounded = _dec(value, "0.1")
    return f"{rounded.copy_abs() if rounded == 0 else rounded:f}%"


def _wan(value: Number | None) -> str:
    amount = _dec(value or 0)
    text = f"{amount:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def yoy_change_pct(current: Number | None, base: Number | None) -> float | None:
    """Return the year-on-year change in percent, or None without a positive base.

    Parameters
    ----------
    current, base : Decimal, float or None
        This period's value and the same period a year earlier.

    Returns
    -------
    float or None
        Negative for a drop.

    Examples
    --------
    >>> yoy_change_pct(Decimal(80), Decimal(100)), yoy_change_pct(5.0, 0)
    (-20.0, None)
    """
    if current is None or base is None or base <= 0:
        return None
    return (float(current) - float(base)) * 100 / float(base)


def capacity_utilisation(capacity_output: Number | None, capacity: Number | None) -> float | None:
    """Return capacity utilisation in percent: actual output ÷ capacity × 100 (both in the same unit).

    Parameters
    ----------
    capacity_output : Decimal, float or None
        Actual output in the month, in the capacity's unit.
    capacity : Decimal, float or None
        Production capacity in the month.

    Returns
    -------
    float or None
        None when either is missing or the capacity is zero.

    Examples
    --------
    >>> capacity_utilisation(Decimal(650), Decimal(1000))
    65.0
    >>> capacity_utilisation(Decimal(650), Decimal(0)) is None
    True
    """
    if capacity_output is None or capacity is None or capacity <= 0:
        return None
    return float(capacity_output) * 100 / float(capacity)


_INDICATOR = {"output_wan": "产值", "revenue_wan": "主营业务收入"}


def _month_rule(series: Mapping[int, Figures], period: int, field: str, rule: Rule,
                rules: MonitoringRules) -> Finding | None:
    now, base = series.get(period), series.get(period - 12)
    change = yoy_change_pct(getattr(now, field, None), getattr(base, field, None))
    if change is None:
        return None
    level = rules.yoy_drop_pct.level(-change)
    if level is None:
        return None
    threshold = rules.yoy_drop_pct.threshold(level)
    text = (f"{month_label(period)}{_INDICATOR[field]}同比下降{_pct(-change)}（{_wan(getattr(now, field))}万元，"
            f"上年同月{_wan(getattr(base, field))}万元），达到{level.label_zh}线{_pct(threshold)}")
    return Finding(rule, level, _dec(-change), threshold, text)


def _ytd_rule(series: Mapping[int, Figures], period: int, field: str, rule: Rule,
              rules: MonitoringRules) -> Finding | None:
    year, month = month_of_index(period)
    current = 0.0
    base = 0.0
    used: list[int] = []
    left_out: list[int] = []
    for index in range(period - month + 1, period + 1):
        now, before = getattr(series.get(index), field, None), getattr(series.get(index - 12), field, None)
        if now is None or before is None:
            left_out.append(index % 12 + 1)
            continue
        current += float(now)
        base += float(before)
        used.append(index)
    change = yoy_change_pct(current, base) if used else None
    if change is None:
        return None
    level = rules.yoy_drop_pct.level(-change)
    if level is None:
        return None
    threshold = rules.yoy_drop_pct.threshold(level)
    span = f"1–{month}月" if month > 1 else "1月"
    text = (f"{year}年{span}累计{_INDICATOR[field]}同比下降{_pct(-change)}（{_wan(current)}万元，"
            f"上年同期{_wan(base)}万元）")
    if left_out:
        missing = "、".join(f"{m}月" for m in left_out)
        text += f"，{missing}两年中有一年缺报，按可比的{len(used)}个月计算"
    text += f"，达到{level.label_zh}线{_pct(threshold)}"
    return Finding(rule, level, _dec(-change), threshold, text)


def _orders_rule(series: Mapping[int, Figures], period: int, rules: MonitoringRules) -> Finding | None:
    run = 0
    index = period
    while True:
        now, before = series.get(index), series.get(index - 1)
        a = now.orders_on_hand_wan if now else None
        b = before.orders_on_hand_wan if before else None
        if a is None or b is None or b <= 0:
            break
        fall = (float(b) - float(a)) * 100 / float(b)
        if fall < float(rules.orders_fall_min_pct) - _EPS:
            break
        run += 1
        index -= 1
    level = rules.orders_falling_months.level(Decimal(run))
    if level is None:
        return None
    threshold = rules.orders_falling_months.threshold(level)
    start = series[period - run]
    end = series[period]
    text = (f"在手订单连续{run}个月下降（{month_label(period - run)}{_wan(start.orders_on_hand_wan)}万元 → "
            f"{month_label(period)}{_wan(end.orders_on_hand_wan)}万元），达到{level.label_zh}线{threshold}个月")
    return Finding(Rule.ORDERS_FALLING, level, Decimal(run), threshold, text)


def _utilisation_rule(series: Mapping[int, Figures], period: int, rules: MonitoringRules) -> Finding | None:
    now = series.get(period)
    value = capacity_utilisation(now.capacity_output, now.capacity) if now else None
    if value is None:
        return None
    level = rules.utilisation_below_pct.level(value)
    if level is None:
        return None
    threshold = rules.utilisation_below_pct.threshold(level)
    text = f"{month_label(period)}产能利用率{_pct(value)}，低于{level.label_zh}线{_pct(threshold)}"
    return Finding(Rule.LOW_UTILISATION, level, _dec(value), threshold, text)


def _electricity_rule(series: Mapping[int, Figures], period: int, rules: MonitoringRules) -> Finding | None:
    now, base = series.get(period), series.get(period - 12)
    if now is None or base is None:
        return None
    power = yoy_change_pct(now.electricity, base.electricity)
    output = yoy_change_pct(now.output_wan, base.output_wan)
    if power is None or output is None or -power < float(rules.electricity_drop_min_pct) - _EPS:
        return None
    gap = output - power
    level = rules.electricity_gap_pp.level(gap)
    if level is None:
        return None
    threshold = rules.electricity_gap_pp.threshold(level)
    trend = f"增长{_pct(output)}" if output >= 0 else f"下降{_pct(-output)}"
    gap_text = _pct(gap).removesuffix("%")
    text = (f"{month_label(period)}用电量同比下降{_pct(-power)}，产值同比{trend}，相差{gap_text}个百分点，"
            f"用电与产值背离，数据可能不一致，请核实（{level.label_zh}线{threshold}个百分点）")
    return Finding(Rule.ELECTRICITY_MISMATCH, level, _dec(gap), threshold, text)


def _missing_rule(series: Mapping[int, Figures], period: int, first_expected: int | None,
                  rules: MonitoringRules) -> Finding | None:
    run = 0
    index = period
    while index not in series and (first_expected is None or index >= first_expected) and run < 120:
        run += 1
        index -= 1
    level = rules.missing_months.level(Decimal(run))
    if level is None:
        return None
    threshold = rules.missing_months.threshold(level)
    since = month_label(period - run + 1)
    text = (f"自{since}起连续{run}个月未报送月度数据" if run > 1 else f"{month_label(period)}月度数据未报送")
    text += f"，达到{level.label_zh}线{threshold}个月"
    return Finding(Rule.MISSING_REPORT, level, Decimal(run), threshold, text)


def evaluate_month(series: Mapping[int, Figures], period: int, rules: MonitoringRules = DEFAULT_MONITORING_RULES,
                   *, first_expected: int | None = None) -> list[Finding]:
    """Apply every enabled rule to one enterprise for one report month.

    Parameters
    ----------
    series : mapping of int to Figures
        The enterprise's figures by month index; a month absent from the mapping was not reported.
    period : int
        The report month (a month index).
    rules : MonitoringRules
        Thresholds; `DEFAULT_MONITORING_RULES` by default.
    first_expected : int, optional
        The first month the enterprise was expected to report; earlier months never count as missing.

    Returns
    -------
    list of Finding
        In the order of `Rule`; empty when nothing fired (green).

    Examples
    --------
    >>> from clusterdesk.core.monitoring.periods import month_index
    >>> jan25, jan24 = month_index(2025, 1), month_index(2024, 1)
    >>> series = {jan24: Figures(output_wan=Decimal(1000)), jan25: Figures(output_wan=Decimal(780))}
    >>> [(f.rule.value, f.level.value) for f in evaluate_month(series, jan25)]
    [('output_yoy_month', 'warning'), ('output_yoy_ytd', 'warning')]
    >>> evaluate_month(series, jan25)[0].explanation
    '2025年1月产值同比下降22.0%（780万元，上年同月1000万元），达到预警线20.0%'
    """
    on = rules.enabled
    found: list[Finding | None] = []
    if period in series:
        for field, month_rule, ytd_rule in (("output_wan", Rule.OUTPUT_YOY_MONTH, Rule.OUTPUT_YOY_YTD),
                                            ("revenue_wan", Rule.REVENUE_YOY_MONTH, Rule.REVENUE_YOY_YTD)):
            if month_rule in on:
                found.append(_month_rule(series, period, field, month_rule, rules))
            if ytd_rule in on:
                found.append(_ytd_rule(series, period, field, ytd_rule, rules))
        if Rule.ORDERS_FALLING in on:
            found.append(_orders_rule(series, period, rules))
        if Rule.LOW_UTILISATION in on:
            found.append(_utilisation_rule(series, period, rules))
        if Rule.ELECTRICITY_MISMATCH in on:
            found.append(_electricity_rule(series, period, rules))
    elif Rule.MISSING_REPORT in on:
        found.append(_missing_rule(series, period, first_expected, rules))
    return [f for f in found if f is not None]


def worst_level(findings: Iterable[Finding]) -> Level | None:
    """Return the most severe level among some findings, or None when there are none.

    Parameters
    ----------
    findings : iterable of Finding

    Returns
    -------
    Level or None

    Examples
    --------
    >>> f = Finding(Rule.LOW_UTILISATION, Level.WATCH, Decimal(65), Decimal(70), "")
    >>> worst_level([f, dataclasses.replace(f, level=Level.SERIOUS)]), worst_level([])
    (<Level.SERIOUS: 'serious'>, None)
    """
    return max((f.level for f in findings), key=lambda level: level.rank, default=None)


def colour(level: Level | str | None) -> str:
    """Return the four-colour slug of a level: green (none), blue (watch), orange (warning), red (serious).

    Parameters
    ----------
    level : Level, str or None

    Returns
    -------
    str

    Examples
    --------
    >>> colour(None), colour(Level.WATCH), colour("serious")
    ('green', 'blue', 'red')
    """
    return _COLOUR[Level(level) if level else None]
