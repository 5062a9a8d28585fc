"""Plausibility of reported figures: what is refused outright and what needs a written explanation.

Figures typed by hand go wrong in recognisable ways: capacity and output in different units (utilisation of
1,000 %), a figure typed into the wrong month (utilisation 46 % then 120 %), a monthly investment report on a
project that has not started. Each rule here either **refuses** the figure (it cannot be right) or **asks for
an explanation** (it can be right, and the reporter says why in the record's note; with a note it passes):

==============================================  ==========  ===============================================
rule                                            decision    default bound (`PlausibilityBounds`)
==============================================  ==========  ===============================================
utilisation above the ceiling                   refused     200 % (``utilisation_ceiling_pct``)
utilisation above full capacity                 explained   100 % (``utilisation_explain_above_pct``)
utilisation changed by more than N points       explained   30 percentage points (``utilisation_jump_pp``)
monthly report on a project in 谋划 or 储备       refused     the stages in `REPORT_CLOSED_STAGES`
==============================================  ==========  ===============================================

The bounds are defaults; a deployment overrides them in its settings (see the enterprise service's config).
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from clusterdesk.core.lifecycle import Stage, stage_info
from clusterdesk.core.monitoring import capacity_utilisation
from clusterdesk.core.validation.records import FieldError

__all__ = [
    "DEFAULT_BOUNDS",
    "FIGURE_AMOUNTS",
    "REPORT_CLOSED_STAGES",
    "PlausibilityBounds",
    "monthly_figure_errors",
    "progress_report_stage_errors",
]

#: The figures of a month that are amounts or quantities and so never negative.
FIGURE_AMOUNTS = ("output_wan", "revenue_wan", "orders_on_hand_wan", "new_orders_wan", "tax_wan",
                  "planned_output_wan", "capacity", "capacity_output", "electricity_wan_kwh")

#: Stages in which a project has no construction to report on: no monthly investment report is accepted.
REPORT_CLOSED_STAGES = (Stage.PLANNING, Stage.RESERVE)


@dataclass(frozen=True)
class PlausibilityBounds:
    """Where a figure stops being plausible; see the module notes for which bound refuses and which asks."""

    utilisation_ceiling_pct: Decimal = Decimal(200)
    utilisation_explain_above_pct: Decimal = Decimal(100)
    utilisation_jump_pp: Decimal = Decimal(30)


DEFAULT_BOUNDS = PlausibilityBounds()


def _pct(value: float | Decimal) -> str:
    return f"{Decimal(str(value)).quantize(Decimal('0.1')).normalize():f}%"


def monthly_figure_errors(values: Mapping[str, object], *, today: date, previous_utilisation_pct: object = None,
                          bounds: PlausibilityBounds = DEFAULT_BOUNDS) -> list[FieldError]:
    """Every reason an enterprise's figures for a month are refused or need an explanation.

    Parameters
    ----------
    values : mapping
        The month's figures by field: ``period`` (the month's first day), the amounts of `FIGURE_AMOUNTS`,
        ``capacity_unit`` and ``note`` (the reporter's explanation).
    today : date
        A month that has not begun cannot be reported.
    previous_utilisation_pct : number, optional
        Last month's capacity utilisation in percent, when it was reported.
    bounds : PlausibilityBounds

    Returns
    -------
    list of FieldError
        Empty when the figures may be saved. A rule that asks for an explanation passes when ``note`` is given.

    Examples
    --------
    >>> figures = {"period": date(2025, 3, 1), "capacity": Decimal(1000), "capacity_output": Decimal(1200),
    ...            "capacity_unit": "吨"}
    >>> [e.message for e in monthly_figure_errors(figures, today=date(2025, 4, 2), previous_utilisation_pct=46)]
    ... # doctest: +NORMALIZE_WHITESPACE
    ['产能利用率为120%，超过100%（满负荷）：请核对实际产量和产能，属实请在“说明”中写明原因',
     '产能利用率由上月的46%变为120%，变动74个百分点，超过30个百分点：请核对实际产量和产能，属实请在“说明”中写明原因']
    >>> monthly_figure_errors({**figures, "note": "新生产线试运行，三班倒"}, today=date(2025, 4, 2),
    ...                       previous_utilisation_pct=46)
    []
    >>> [e.field for e in monthly_figure_errors({**figures, "capacity_output": Decimal(2500), "note": "x"},
    ...                                         today=date(2025, 4, 2))]
    ['capacity_output']
    """
    errors: list[FieldError] = []
    period = values.get("period")
    if isinstance(period, date) and period > today.replace(day=1):
        errors.append(FieldError("period", f"{period.year}年{period.month}月尚未到来，不能填报",
                                 f"{period:%Y-%m} has not begun yet"))
    for name in FIGURE_AMOUNTS:
        value = values.get(name)
        if isinstance(value, Decimal | int | float) and value < 0:
            errors.append(FieldError(name, "不能为负数", "must not be negative"))
    capacity, output = values.get("capacity"), values.get("capacity_output")
    if output is not None and not capacity:
        errors.append(FieldError("capacity", "填写实际产量时须同时填写产能（同一计量单位）",
                                 "give the capacity (in the same unit) with the actual output"))
    if capacity is not None and not str(values.get("capacity_unit") or "").strip():
        errors.append(FieldError("capacity_unit", "请填写产能的计量单位（如 吨、台、万件），实际产量使用同一单位",
                                 "give the capacity's unit (t, units, 10k pieces); the output uses the same unit"))
    utilisation = capacity_utilisation(output, capacity)  # type: ignore[arg-type]
    if utilisation is None:
        return errors
    if utilisation > bounds.utilisation_ceiling_pct:
        errors.append(FieldError("capacity_output", f"实际产量为产能的{_pct(utilisation)}，超过"
                                 f"{_pct(bounds.utilisation_ceiling_pct)}，请核对两者是否使用同一计量单位",
                                 f"the output is {_pct(utilisation)} of the capacity, above "
                                 f"{_pct(bounds.utilisation_ceiling_pct)}: are both in the same unit?"))
        return errors
    if str(values.get("note") or "").strip():
        return errors
    ask = "请核对实际产量和产能，属实请在“说明”中写明原因"
    ask_en = "check the output and the capacity; if they are right, explain in the note"
    if utilisation > bounds.utilisation_explain_above_pct:
        errors.append(FieldError("capacity_output", f"产能利用率为{_pct(utilisation)}，超过"
                                 f"{_pct(bounds.utilisation_explain_above_pct)}（满负荷）：{ask}",
                                 f"utilisation {_pct(utilisation)} is above "
                                 f"{_pct(bounds.utilisation_explain_above_pct)}: {ask_en}"))
    if previous_utilisation_pct is not None:
        previous = float(previous_utilisation_pct)  # type: ignore[arg-type]
        change = abs(utilisation - previous)
        if change > float(bounds.utilisation_jump_pp):
            points = Decimal(str(change)).quantize(Decimal("0.1")).normalize()
            errors.append(FieldError(
                "capacity_output",
                f"产能利用率由上月的{_pct(previous)}变为{_pct(utilisation)}，变动{points:f}个百分点，超过"
                f"{bounds.utilisation_jump_pp.normalize():f}个百分点：{ask}",
                f"utilisation moved from {_pct(previous)} last month to {_pct(utilisation)}, by more than "
                f"{bounds.utilisation_jump_pp.normalize():f} points: {ask_en}"))
    return errors


def progress_report_stage_errors(stage: str) -> list[FieldError]:
    """A monthly investment report is refused for a project in 谋划 or 储备, naming the stage (on ``project``).

    Parameters
    ----------
    stage : str
        The project's lifecycle stage (a `Stage` value).

    Returns
    -------
    list of FieldError

    Examples
    --------
    >>> progress_report_stage_errors("reserve")[0].message
    '项目处于「储备」阶段，尚未进入前期或开工建设，不能填报月度投资进度；请先将项目推进到「前期」或「在建」阶段'
    >>> progress_report_stage_errors("construction")
    []
    """
    if stage not in REPORT_CLOSED_STAGES:
        return []
    info = stage_info(stage)
    return [FieldError("project", f"项目处于「{info.label_zh}」阶段，尚未进入前期或开工建设，不能填报月度投资进度；"
                                  "请先将项目推进到「前期」或「在建」阶段",
                       f"the project is in the {info.label_en} stage: monthly investment reports start from "
                       "pre-construction")]
