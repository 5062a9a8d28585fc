"""The lifecycle of a major project (三库多清单) as data: stages, their order, and the gate into each stage.

A project moves 谋划 → 储备 → 前期 → 在建 → 竣工 → 达产 → 入统. The first four stages sit in the three
libraries (谋划库, 储备库, 实施库); the last three are tracked on lists (竣工清单, 达产清单, 入统清单).
Localities name their libraries differently (research notes §1), so the names are data, like the gates.

Moving rules, checked by `stage_gate_errors`:

* forward by exactly one stage, and only when every requirement of the target stage's gate
  (`STAGE_GATES`) is met by the project's facts;
* backward by any number of stages (退库, a project that stalls), with a reason.

A requirement is met when its fact is present: not None, not False, not blank text, and for numbers
greater than zero. A requirement may name alternatives separated by ``|`` (``"park|region"``): any one met
is enough.
"""

import dataclasses
import enum
from collections.abc import Mapping
from decimal import Decimal
from types import MappingProxyType
from typing import NamedTuple

from clusterdesk.core.exceptions import StageTransitionError

__all__ = [
    "ABOVE_SCALE_REVENUE_WAN",
    "STAGES",
    "STAGE_GATES",
    "GateRequirement",
    "Stage",
    "StageInfo",
    "assert_stage_transition",
    "fact_is_met",
    "is_above_scale",
    "next_stage",
    "previous_stage",
    "stage_gate_errors",
    "stage_info",
]

#: Annual main-business revenue (万元) from which an industrial enterprise is "above scale" (规模以上) and
#: enters the statistics; a default a deployment may override.
ABOVE_SCALE_REVENUE_WAN = Decimal("2000")


class Stage(enum.StrEnum):
    """A lifecycle stage; the values are the slugs stored in the database."""

    PLANNING = "planning"
    RESERVE = "reserve"
    PRECONSTRUCTION = "preconstruction"
    CONSTRUCTION = "construction"
    COMPLETED = "completed"
    CAPACITY = "capacity"
    STATISTICS = "statistics"


@dataclasses.dataclass(frozen=True)
class StageInfo:
    """What to call a stage and which library or list holds its projects."""

    stage: Stage
    order: int
    label_zh: str
    label_en: str
    library_zh: str
    library_en: str
    description_zh: str


#: Every stage, in lifecycle order (``order`` counts from 1).
STAGES: tuple[StageInfo, ...] = (
    StageInfo(Stage.PLANNING, 1, "谋划", "Planning", "谋划库", "Planning library",
              "项目构想已提出，正在谋划论证，尚未明确投资主体或投资额"),
    StageInfo(Stage.RESERVE, 2, "储备", "Reserve", "储备库", "Reserve library",
              "投资主体和总投资已明确，进入储备库，等待启动前期工作"),
    StageInfo(Stage.PRECONSTRUCTION, 3, "前期", "Pre-construction", "实施库", "Implementation library",
              "已落实建设地点和计划开工时间，正在办理立项、用地、规划、环评等前期手续"),
    StageInfo(Stage.CONSTRUCTION, 4, "在建", "Under construction", "实施库", "Implementation library",
              "已落实用地并实际开工建设"),
    StageInfo(Stage.COMPLETED, 5, "竣工", "Completed", "竣工清单", "Completed list",
              "工程已竣工，进入投产准备或试生产"),
    StageInfo(Stage.CAPACITY, 6, "达产", "At capacity", "达产清单", "At-capacity list",
              "已正式投产并达到设计产能"),
    StageInfo(Stage.STATISTICS, 7, "入统", "In the statistics", "入统清单", "In-statistics list",
              "项目业主已达到规模以上标准并纳入统计（入库纳统）"),
)  # fmt: skip

_INFO: Mapping[Stage, StageInfo] = MappingProxyType({info.stage: info for info in STAGES})


class GateRequirement(NamedTuple):
    """One condition of a stage gate: a fact (or ``a|b`` alternatives) that must be met, and the message if not."""

    fact: str
    message_zh: str


#: Target stage → the requirements a project must meet to enter it.
STAGE_GATES: Mapping[Stage, tuple[GateRequirement, ...]] = MappingProxyType(
    {
        Stage.PLANNING: (),
        Stage.RESERVE: (
            GateRequirement("total_investment_wan", "进入储备须填写大于 0 的总投资（万元）"),
            GateRequirement("owner", "进入储备须明确项目业主（投资主体）"),
        ),
        Stage.PRECONSTRUCTION: (
            GateRequirement("park|region", "进入前期须明确建设地点（所在园区或区域）"),
            GateRequirement("planned_start_date", "进入前期须填写计划开工日期"),
        ),
        Stage.CONSTRUCTION: (
            GateRequirement("actual_start_date", "进入在建须填写实际开工日期"),
            GateRequirement("land_secured", "进入在建须已落实项目用地"),
        ),
        Stage.COMPLETED: (GateRequirement("actual_completion_date", "进入竣工须填写实际竣工日期"),),
        Stage.CAPACITY: (GateRequirement("actual_production_date", "进入达产须填写实际投产日期"),),
        Stage.STATISTICS: (
            GateRequirement("above_scale", "进入入统须项目业主已达到规模以上标准（年主营业务收入 2000 万元及以上）"),
        ),
    }
)


def _stage(value: Stage | str) -> Stage:
    try:
        return Stage(value)
    except ValueError:
        raise StageTransitionError(f'未知的项目阶段："{value}"') from None


def stage_info(stage: Stage | str) -> StageInfo:
    """Return the labels and library of a stage.

    Parameters
    ----------
    stage : Stage or str
        The stage or its slug.

    Returns
    -------
    StageInfo

    Raises
    ------
    StageTransitionError
        If `stage` is not a known stage.

    Examples
    --------
    >>> info = stage_info("construction")
    >>> info.label_zh, info.library_zh, info.order
    ('在建', '实施库', 4)
    """
    return _INFO[_stage(stage)]


def next_stage(stage: Stage | str) -> Stage | None:
    """Return the stage after this one, or None after the last.

    Parameters
    ----------
    stage : Stage or str

    Returns
    -------
    Stage or None

    Raises
    ------
    StageTransitionError
        If `stage` is not a known stage.

    Examples
    --------
    >>> next_stage(Stage.PLANNING), next_stage(Stage.STATISTICS)
    (<Stage.RESERVE: 'reserve'>, None)
    """
    order = stage_info(stage).order
    return STAGES[order].stage if order < len(STAGES) else None


def previous_stage(stage: Stage | str) -> Stage | None:
    """Return the stage before this one, or None before the first.

    Parameters
    ----------
    stage : Stage or str

    Returns
    -------
    Stage or None

    Raises
    ------
    StageTransitionError
        If `stage` is not a known stage.

    Examples
    --------
    >>> previous_stage(Stage.RESERVE), previous_stage(Stage.PLANNING)
    (<Stage.PLANNING: 'planning'>, None)
    """
    order = stage_info(stage).order
    return STAGES[order - 2].stage if order > 1 else None


def fact_is_met(value: object) -> bool:
    """Return True if a fact counts as present for a stage gate.

    None, False, blank text and numbers ≤ 0 are not met; any other value (a date, an id, True) is.

    Parameters
    ----------
    value : object

    Returns
    -------
    bool

    Examples
    --------
    >>> [fact_is_met(v) for v in (None, False, "  ", Decimal("0"), -1, 7, "某公司", True)]
    [False, False, False, False, False, True, True, True]
    """
    if value is None or isinstance(value, bool):
        return bool(value)
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, Decimal) and value.is_nan():
        return False
    if isinstance(value, (int, float, Decimal)):
        return value > 0
    return True


def is_above_scale(annual_revenue_wan: Decimal | None, *, threshold_wan: Decimal = ABOVE_SCALE_REVENUE_WAN) -> bool:
    """Return True if an annual main-business revenue reaches the above-scale (规模以上) threshold.

    Parameters
    ----------
    annual_revenue_wan : Decimal or None
        Annual main-business revenue in 万元; None (unknown) is not above scale.
    threshold_wan : Decimal
        The threshold, `ABOVE_SCALE_REVENUE_WAN` (2000 万元) by default.

    Returns
    -------
    bool

    Examples
    --------
    >>> is_above_scale(Decimal("2000")), is_above_scale(Decimal("1999.99")), is_above_scale(None)
    (True, False, False)
    """
    return annual_revenue_wan is not None and annual_revenue_wan >= threshold_wan


def stage_gate_errors(
    *,
    current: Stage | str,
    target: Stage | str,
    facts: Mapping[str, object],
    gates: Mapping[Stage, tuple[GateRequirement, ...]] = STAGE_GATES,
) -> list[str]:
    """Return every reason a project may not move from `current` to `target` (empty when it may).

    Parameters
    ----------
    current, target : Stage or str
        The stage the project is in and the one requested.
    facts : mapping
        The project's facts by name (``total_investment_wan``, ``owner``, ``park``, ``region``,
        ``planned_start_date``, ``actual_start_date``, ``land_secured``, ``actual_completion_date``,
        ``actual_production_date``, ``above_scale``, and ``reason`` for a move backward). Missing facts
        count as not met.
    gates : mapping, optional
        Target stage → requirements; `STAGE_GATES` by default.

    Returns
    -------
    list of str
        Messages in Chinese, all of them, in a stable order.

    Raises
    ------
    StageTransitionError
        Only if `current` or `target` is not a known stage.

    Examples
    --------
    >>> stage_gate_errors(current="planning", target="reserve", facts={"total_investment_wan": Decimal("5000"),
    ...                                                                 "owner": 12})
    []
    >>> stage_gate_errors(current="planning", target="reserve", facts={})
    ['进入储备须填写大于 0 的总投资（万元）', '进入储备须明确项目业主（投资主体）']
    >>> stage_gate_errors(current="construction", target="reserve", facts={"reason": "用地未落实"})
    []
    """
    current, target = _stage(current), _stage(target)
    now, wanted = stage_info(current), stage_info(target)
    if wanted.order == now.order:
        return [f"项目已处于「{now.label_zh}」阶段"]
    if wanted.order < now.order:
        if fact_is_met(facts.get("reason")):
            return []
        return [f"从「{now.label_zh}」退回「{wanted.label_zh}」须填写原因"]
    errors = []
    if wanted.order > now.order + 1:
        following = STAGES[now.order].label_zh
        errors.append(f"只能逐级推进：「{now.label_zh}」的下一阶段是「{following}」，不能直接进入「{wanted.label_zh}」")
    for requirement in gates.get(target, ()):
        if not any(fact_is_met(facts.get(name)) for name in requirement.fact.split("|")):
            errors.append(requirement.message_zh)
    return errors


def assert_stage_transition(
    *,
    current: Stage | str,
    target: Stage | str,
    facts: Mapping[str, object],
    gates: Mapping[Stage, tuple[GateRequirement, ...]] = STAGE_GATES,
) -> None:
    """Raise if a project may not move from `current` to `target`; see `stage_gate_errors`.

    Parameters
    ----------
    current, target : Stage or str
    facts : mapping
    gates : mapping, optional

    Raises
    ------
    StageTransitionError
        With every unmet condition, joined by "；".

    Examples
    --------
    >>> assert_stage_transition(current="construction", target="completed", facts={})
    Traceback (most recent call last):
    ...
    clusterdesk.core.exceptions.StageTransitionError: 进入竣工须填写实际竣工日期
    """
    errors = stage_gate_errors(current=current, target=target, facts=facts, gates=gates)
    if errors:
        raise StageTransitionError("；".join(errors))
