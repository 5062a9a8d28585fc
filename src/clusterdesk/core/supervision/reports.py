"""Monthly progress reports (月度调度): the identities that tie one month's investment figures together.

All amounts are `Decimal` 万元. For a report month *m* with the previous month's report *p*:

* 本年累计 (year to date) = 本月 (this month) + p 的本年累计; in January, 本年累计 = 本月.
* 自开工累计 (cumulative) = 以前年度累计 (previous years) + 本年累计.
* 以前年度累计 carries over: it equals p 的以前年度累计, and in January p 的自开工累计 (December's).
* The breakdown 建筑工程 + 安装工程 + 设备工器具购置 + 其他费用 = 本月, checked when any part is non-zero.
* No figure is negative; 自开工累计 does not exceed the total investment, when one is given.

`report_identity_errors` lists every broken identity in Chinese; `complete_figures` derives the
year-to-date and cumulative figures so that they hold.
"""

import dataclasses
from datetime import date
from decimal import Decimal

from clusterdesk.core.supervision.lights import SupervisionError, months_between
from clusterdesk.core.units import format_money_wan

__all__ = [
    "MonthlyFigures",
    "complete_figures",
    "report_identity_errors",
]

_ZERO = Decimal(0)


@dataclasses.dataclass(frozen=True)
class MonthlyFigures:
    """One project's investment figures for one report month (万元); ``month`` is the first of the month."""

    month: date
    this_month_wan: Decimal
    year_to_date_wan: Decimal
    cumulative_wan: Decimal
    previous_years_wan: Decimal
    construction_wan: Decimal = _ZERO
    installation_wan: Decimal = _ZERO
    equipment_wan: Decimal = _ZERO
    other_wan: Decimal = _ZERO


_LABELS = {
    "this_month_wan": "本月完成投资",
    "year_to_date_wan": "本年累计",
    "cumulative_wan": "自开工累计",
    "previous_years_wan": "以前年度累计",
    "construction_wan": "建筑工程",
    "installation_wan": "安装工程",
    "equipment_wan": "设备工器具购置",
    "other_wan": "其他费用",
}
_PARTS = ("construction_wan", "installation_wan", "equipment_wan", "other_wan")


def _wan(amount: Decimal) -> str:
    return format_money_wan(amount, unit="万元")


def _num(amount: Decimal) -> str:
    return _wan(amount).removesuffix("万元")


def _month_zh(month: date) -> str:
    return f"{month.year}年{month.month}月"


def _previous_month(month: date) -> date:
    return date(month.year - 1, 12, 1) if month.month == 1 else date(month.year, month.month - 1, 1)


def report_identity_errors(
    figures: MonthlyFigures, *, previous: MonthlyFigures | None, total_investment_wan: Decimal | None = None
) -> list[str]:
    """List every identity the month's figures break, in Chinese, naming the expected and actual values.

    Parameters
    ----------
    figures : MonthlyFigures
        The month to check.
    previous : MonthlyFigures or None
        The report of the month before, if any. Without it the year-to-date and carry-over identities are
        checked only in January (本年累计 = 本月). A report of another month gives one error and skips them.
    total_investment_wan : Decimal, optional
        The project's total investment; 自开工累计 must not exceed it.

    Returns
    -------
    list of str
        Empty when every identity holds.

    Examples
    --------
    >>> march = MonthlyFigures(date(2024, 3, 1), Decimal(250), Decimal(1300), Decimal(5300), Decimal(4000))
    >>> feb = MonthlyFigures(date(2024, 2, 1), Decimal(600), Decimal(1000), Decimal(5000), Decimal(4000))
    >>> report_identity_errors(march, previous=feb)
    ['本年累计应为 1,250万元（本月 250 + 上月本年累计 1,000），实为 1,300万元']
    >>> report_identity_errors(march, previous=feb, total_investment_wan=Decimal(5000))[-1]
    '自开工累计不应超过总投资 5,000万元，实为 5,300万元'
    """
    errors: list[str] = []
    for name, label in _LABELS.items():
        value: Decimal = getattr(figures, name)
        if value < 0:
            errors.append(f"{label}不应为负数，实为 {_wan(value)}")

    this_month, ytd = figures.this_month_wan, figures.year_to_date_wan
    january = figures.month.month == 1
    if previous is not None and months_between(previous.month, figures.month) != 1:
        errors.append(
            f"上月报表应为 {_month_zh(_previous_month(figures.month))}，实为 {_month_zh(previous.month)}，"
            "未核对本年累计与以前年度累计"
        )
        previous = None

    if january and ytd != this_month:
        errors.append(f"本年累计应为 {_wan(this_month)}（1 月本年累计等于本月），实为 {_wan(ytd)}")
    elif not january and previous is not None and ytd != this_month + previous.year_to_date_wan:
        errors.append(
            f"本年累计应为 {_wan(this_month + previous.year_to_date_wan)}"
            f"（本月 {_num(this_month)} + 上月本年累计 {_num(previous.year_to_date_wan)}），实为 {_wan(ytd)}"
        )

    if previous is not None:
        carried, source = (
            (previous.cumulative_wan, "上年 12 月自开工累计")
            if january
            else (previous.previous_years_wan, "上月以前年度累计")
        )
        if figures.previous_years_wan != carried:
            errors.append(f"以前年度累计应为 {_wan(carried)}（等于{source}），实为 {_wan(figures.previous_years_wan)}")

    expected = figures.previous_years_wan + ytd
    if figures.cumulative_wan != expected:
        errors.append(
            f"自开工累计应为 {_wan(expected)}"
            f"（以前年度累计 {_num(figures.previous_years_wan)} + 本年累计 {_num(ytd)}），"
            f"实为 {_wan(figures.cumulative_wan)}"
        )

    parts = [getattr(figures, name) for name in _PARTS]
    if any(parts) and sum(parts, _ZERO) != this_month:
        terms = " + ".join(f"{_LABELS[name]} {_num(part)}" for name, part in zip(_PARTS, parts, strict=True))
        errors.append(f"本月完成投资应为 {_wan(sum(parts, _ZERO))}（{terms}），实为 {_wan(this_month)}")

    if total_investment_wan is not None and figures.cumulative_wan > total_investment_wan:
        errors.append(f"自开工累计不应超过总投资 {_wan(total_investment_wan)}，实为 {_wan(figures.cumulative_wan)}")
    return errors


def complete_figures(
    this_month_wan: Decimal,
    *,
    month: date,
    previous: MonthlyFigures | None,
    previous_years_wan: Decimal | None = None,
) -> MonthlyFigures:
    """Derive a month's year-to-date and cumulative figures from this month's investment.

    Parameters
    ----------
    this_month_wan : Decimal
        Investment completed in `month` (万元).
    month : date
        The report month; stored as the first of the month.
    previous : MonthlyFigures or None
        The report of the month before; required except in January.
    previous_years_wan : Decimal, optional
        Investment of the years before this one; carried over from `previous` when omitted.

    Returns
    -------
    MonthlyFigures
        Figures that satisfy every identity of `report_identity_errors` (without a total investment).

    Raises
    ------
    SupervisionError
        If an amount is negative, `previous` is missing outside January or is not the month before, or
        `previous_years_wan` is omitted without `previous` or disagrees with it.

    Examples
    --------
    >>> jan = complete_figures(Decimal(300), month=date(2024, 1, 15), previous=None, previous_years_wan=Decimal(4000))
    >>> jan.month, jan.year_to_date_wan, jan.cumulative_wan
    (datetime.date(2024, 1, 1), Decimal('300'), Decimal('4300'))
    >>> feb = complete_figures(Decimal(200), month=date(2024, 2, 1), previous=jan)
    >>> feb.year_to_date_wan, feb.cumulative_wan, report_identity_errors(feb, previous=jan)
    (Decimal('500'), Decimal('4500'), [])
    """
    month = month.replace(day=1)
    january = month.month == 1
    for label, amount in (("本月完成投资", this_month_wan), ("以前年度累计", previous_years_wan)):
        if amount is not None and (not isinstance(amount, Decimal) or not amount.is_finite() or amount < 0):
            raise SupervisionError(f"{label}应为不小于 0 的金额（万元），实为 {amount!r}")
    if previous is not None and months_between(previous.month, month) != 1:
        raise SupervisionError(f"上月报表应为 {_month_zh(_previous_month(month))}，实为 {_month_zh(previous.month)}")
    if previous is None and not january:
        raise SupervisionError(f"计算 {_month_zh(month)} 的本年累计须提供上月报表")

    carried: Decimal | None = None
    if previous is not None:
        carried = previous.cumulative_wan if january else previous.previous_years_wan
    if previous_years_wan is None:
        if carried is None:
            raise SupervisionError(f"计算 {_month_zh(month)} 的自开工累计须提供以前年度累计或上月报表")
        previous_years_wan = carried
    elif carried is not None and previous_years_wan != carried:
        raise SupervisionError(f"以前年度累计应为 {_wan(carried)}（据上月报表），实为 {_wan(previous_years_wan)}")

    ytd = this_month_wan if january or previous is None else this_month_wan + previous.year_to_date_wan
    return MonthlyFigures(month, this_month_wan, ytd, previous_years_wan + ytd, previous_years_wan)
