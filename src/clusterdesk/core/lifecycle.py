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
from clusterdesk.core.units import format_money_wan

__all__ = [
    "ABOVE_SCALE_REVENUE_WAN",
    "DEFAULT_ENTRY_THRESHOLDS_WAN",
    "DEFAULT_GATE_CONDITIONS",
    "DEFAULT_LIBRARIES",
    "STAGES",
    "STAGE_GATES",
    "GateCondition",
    "GateRequirement",
    "LibrarySpec",
    "Stage",
    "StageInfo",
    "assert_stage_transition",
    "condition_errors",
    "entry_threshold_error",
    "fact_is_met",
    "gate_errors",
    "is_above_scale",
    "library_of",
    "next_stage",
    "previous_stage",
    "stage_gate_errors",
    "stage_info",
    "stage_of_heading",
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


#: Words of a section heading in an annual list (一、续建项目) and the stage its projects are in. 新开工 projects are
#: to start this year, so they are still 前期 until the start is reported; 预备/前期 projects prepare a start.
_HEADING_STAGES: tuple[tuple[str, Stage], ...] = (
    ("续建", Stage.CONSTRUCTION), ("在建", Stage.CONSTRUCTION), ("新开工", Stage.PRECONSTRUCTION),
    ("拟开工", Stage.PRECONSTRUCTION), ("计划开工", Stage.PRECONSTRUCTION), ("预备", Stage.PRECONSTRUCTION),
    ("前期", Stage.PRECONSTRUCTION), ("储备", Stage.RESERVE), ("谋划", Stage.PLANNING),
    ("竣工", Stage.COMPLETED), ("建成", Stage.COMPLETED), ("达产", Stage.CAPACITY), ("入统", Stage.STATISTICS),
)


def stage_of_heading(title: str) -> Stage | None:
    """The stage a section heading of a project list names (续建项目 → 在建), or None if it names none.

    Parameters
    ----------
    title : str
        The heading without its numbering (`clusterdesk.core.importing.layout.section_heading`).

    Returns
    -------
    Stage or None

    Examples
    --------
    >>> [str(stage_of_heading(t)) for t in ("续建项目（25个）", "新开工项目", "前期项目", "工业项目")]
    ['construction', 'preconstruction', 'preconstruction', 'None']
    """
    return next((stage for word, stage in _HEADING_STAGES if word in title), None)


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


# Configurable gates, libraries and entry thresholds ------------------------------------------------------------

class GateCondition(NamedTuple):
    """One configurable condition of a stage gate.

    ``op`` is ``present`` (the fact, or one of ``a|b``, is met, see `fact_is_met`), ``gte`` (the fact is a
    number at least ``value``) or ``done`` (the milestone whose code is ``fact`` is done: its code is in the
    ``milestones_done`` fact). ``message_zh`` names the condition when it fails.
    """

    fact: str
    op: str = "present"
    value: Decimal | None = None
    message_zh: str = ""


#: Default gate conditions by target stage, from common practice: to 在建 the land, environmental assessment,
#: energy review and construction permit milestones done and a start date recorded; to 入统 a total investment
#: of at least 500 万元 (the fixed-asset investment statistics threshold) and start evidence.
DEFAULT_GATE_CONDITIONS: Mapping[Stage, tuple[GateCondition, ...]] = MappingProxyType(
    {
        Stage.PLANNING: (),
        Stage.RESERVE: (
            GateCondition("total_investment_wan", "present", None, "进入储备须填写大于 0 的总投资（万元）"),
            GateCondition("owner", "present", None, "进入储备须明确项目业主（投资主体）"),
        ),
        Stage.PRECONSTRUCTION: (
            GateCondition("park|region", "present", None, "进入前期须明确建设地点（所在园区或区域）"),
            GateCondition("planned_start_date", "present", None, "进入前期须填写计划开工日期"),
        ),
        Stage.CONSTRUCTION: (
            GateCondition("land_preapproval", "done", None, "进入在建须完成用地预审节点"),
            GateCondition("eia", "done", None, "进入在建须完成环评批复节点"),
            GateCondition("energy_review", "done", None, "进入在建须完成能评审查节点"),
            GateCondition("construction_permit", "done", None, "进入在建须完成施工许可节点"),
            GateCondition("actual_start_date", "present", None, "进入在建须填写实际开工日期"),
        ),
        Stage.COMPLETED: (GateCondition("actual_completion_date", "present", None, "进入竣工须填写实际竣工日期"),),
        Stage.CAPACITY: (GateCondition("actual_production_date", "present", None, "进入达产须填写实际投产日期"),),
        Stage.STATISTICS: (
            GateCondition("total_investment_wan", "gte", Decimal("500"), "进入入统须总投资不低于 500 万元"),
            GateCondition("actual_start_date", "present", None, "进入入统须有开工佐证（实际开工日期）"),
        ),
    }
)


def _condition_met(condition: GateCondition, facts: Mapping[str, object]) -> bool:
    if condition.op == "done":
        done = facts.get("milestones_done")
        return isinstance(done, (set, frozenset, list, tuple)) and condition.fact in done
    if condition.op == "gte":
        value = facts.get(condition.fact)
        threshold = condition.value if condition.value is not None else Decimal(0)
        return isinstance(value, (int, Decimal)) and not isinstance(value, bool) and Decimal(value) >= threshold
    if condition.op == "present":
        return any(fact_is_met(facts.get(name)) for name in condition.fact.split("|"))
    raise StageTransitionError(f'未知的准入条件类型："{condition.op}"（应为 present、gte 或 done）')


def condition_errors(conditions: tuple[GateCondition, ...] | list[GateCondition],
                     facts: Mapping[str, object]) -> list[str]:
    """Return the message of every condition the facts do not meet, in order.

    Parameters
    ----------
    conditions : sequence of GateCondition
    facts : mapping
        The project's facts; ``milestones_done`` is the set of done milestone codes.

    Returns
    -------
    list of str

    Raises
    ------
    StageTransitionError
        If a condition has an unknown ``op``.

    Examples
    --------
    >>> rules = DEFAULT_GATE_CONDITIONS[Stage.STATISTICS]
    >>> condition_errors(rules, {"total_investment_wan": Decimal("499.99"), "actual_start_date": "2025-03-01"})
    ['进入入统须总投资不低于 500 万元']
    >>> condition_errors(DEFAULT_GATE_CONDITIONS[Stage.CONSTRUCTION],
    ...                  {"milestones_done": {"land_preapproval", "eia", "energy_review"}, "actual_start_date": 1})
    ['进入在建须完成施工许可节点']
    """
    return [c.message_zh or f"未满足条件：{c.fact}" for c in conditions if not _condition_met(c, facts)]


def gate_errors(
    *,
    current: Stage | str,
    target: Stage | str,
    facts: Mapping[str, object],
    conditions: Mapping[Stage, tuple[GateCondition, ...]] = DEFAULT_GATE_CONDITIONS,
) -> list[str]:
    """Like `stage_gate_errors`, with configurable `GateCondition` rule sets by target stage.

    Parameters
    ----------
    current, target : Stage or str
    facts : mapping
    conditions : mapping of stage to GateCondition sequences, optional

    Returns
    -------
    list of str
        The order errors (skipping a stage, moving back without a reason), then every failed condition.

    Examples
    --------
    >>> gate_errors(current="reserve", target="construction", facts={})[0]
    '只能逐级推进：「储备」的下一阶段是「前期」，不能直接进入「在建」'
    >>> gate_errors(current="construction", target="preconstruction", facts={})
    ['从「在建」退回「前期」须填写原因']
    """
    order_errors = stage_gate_errors(current=current, target=target, facts=facts, gates={})
    if stage_info(target).order <= stage_info(current).order:
        return order_errors
    return order_errors + condition_errors(conditions.get(_stage(target), ()), facts)


#: Sector → the least total investment (万元) for a project to enter the libraries, common defaults.
DEFAULT_ENTRY_THRESHOLDS_WAN: Mapping[str, Decimal] = MappingProxyType(
    {
        "industry": Decimal("5000"),
        "agriculture": Decimal("3000"),
        "innovation": Decimal("1000"),
        "services": Decimal("3000"),
        "infrastructure": Decimal("5000"),
        "social": Decimal("3000"),
    }
)


def entry_threshold_error(
    sector: str, total_investment_wan: Decimal | None, *, thresholds: Mapping[str, Decimal],
    sector_label: str | None = None,
) -> str | None:
    """Return why a project is below its sector's entry threshold (入库门槛), or None.

    Parameters
    ----------
    sector : str
    total_investment_wan : Decimal or None
    thresholds : mapping of str to Decimal
        Sector → least total investment (万元); a sector not listed has no threshold.
    sector_label : str, optional
        The sector's name for the message.

    Returns
    -------
    str or None

    Examples
    --------
    >>> entry_threshold_error("agriculture", Decimal("2500"), thresholds=DEFAULT_ENTRY_THRESHOLDS_WAN,
    ...                       sector_label="农业")
    '总投资 2,500万元低于农业项目入库门槛 3,000万元'
    >>> entry_threshold_error("agriculture", Decimal("3000"), thresholds=DEFAULT_ENTRY_THRESHOLDS_WAN) is None
    True
    """
    threshold = thresholds.get(sector)
    if threshold is None:
        return None
    total = total_investment_wan if total_investment_wan is not None else Decimal(0)
    if total >= threshold:
        return None
    return (f"总投资 {format_money_wan(total, unit='万元')}低于{sector_label or sector}项目入库门槛 "
            f"{format_money_wan(threshold, unit='万元')}")


@dataclasses.dataclass(frozen=True)
class LibrarySpec:
    """A library (库) or list grouping some stages, e.g. 储备库 = 谋划 + 储备."""

    code: str
    name_zh: str
    name_en: str
    stages: tuple[Stage, ...]


#: The default grouping: reserve, rolling and implementation libraries, then the completion and statistics lists.
DEFAULT_LIBRARIES: tuple[LibrarySpec, ...] = (
    LibrarySpec("reserve", "储备库", "Reserve library", (Stage.PLANNING, Stage.RESERVE)),
    LibrarySpec("rolling", "滚动库", "Rolling library", (Stage.PRECONSTRUCTION,)),
    LibrarySpec("implementation", "实施库", "Implementation library", (Stage.CONSTRUCTION,)),
    LibrarySpec("completed", "竣工投产清单", "Completed and producing list", (Stage.COMPLETED, Stage.CAPACITY)),
    LibrarySpec("statistics", "入统清单", "In-statistics list", (Stage.STATISTICS,)),
)


def library_of(stage: Stage | str, libraries: tuple[LibrarySpec, ...] = DEFAULT_LIBRARIES) -> LibrarySpec | None:
    """Return the library that holds a stage, or None if no library lists it.

    Parameters
    ----------
    stage : Stage or str
    libraries : tuple of LibrarySpec, optional

    Returns
    -------
    LibrarySpec or None

    Examples
    --------
    >>> library_of("reserve").name_zh, library_of("construction").code
    ('储备库', 'implementation')
    """
    wanted = _stage(stage)
    return next((library for library in libraries if wanted in library.stages), None)
