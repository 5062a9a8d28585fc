"""Milestone templates per project type (节点模板), node status against the latest allowed date, and dates.

A template lists a project type's standard approval and construction nodes (立项/备案, 用地预审, 规划许可,
环评, 能评, 土地证, 施工许可, 开工, 主体完工, 设备安装, 竣工, 投产 …) with a default duration in days and the
dependencies between them, as planners draw them (finish-to-start mostly, start-to-start with a lag where
work overlaps). The durations and links are defaults: a deployment stores its own copy and edits it.

Dates. The scheduling network works in day offsets with exclusive finishes (`network`); a node whose
finish offset is *f* is due by the end of day ``date.fromordinal(f - 1)`` (`finish_date`), and a target date
*T* becomes the finish offset ``T.toordinal() + 1`` (`finish_offset`).

Node status (`node_status`): done when it has an actual date; overdue when today is after its latest
allowed finish; warning when the latest allowed finish is within `WARNING_DAYS` (15) days; on time otherwise.
"""

import dataclasses
import enum
from collections.abc import Iterable, Mapping
from datetime import date
from types import MappingProxyType

from clusterdesk.core.scheduling.network import Dependency, DependencyKind

__all__ = [
    "PROJECT_TYPES",
    "TEMPLATES",
    "WARNING_DAYS",
    "NodeStatus",
    "ProjectType",
    "TemplateNode",
    "finish_date",
    "finish_offset",
    "node_status",
    "restrict_links",
]

#: A node not yet done whose latest allowed finish is this many days away or fewer is in warning.
WARNING_DAYS = 15


class ProjectType(enum.StrEnum):
    """The kinds of project with their own milestone template."""

    INDUSTRIAL = "industrial"
    INFRASTRUCTURE = "infrastructure"
    SOCIAL = "social"


PROJECT_TYPES: Mapping[ProjectType, str] = MappingProxyType(
    {ProjectType.INDUSTRIAL: "产业项目", ProjectType.INFRASTRUCTURE: "基础设施项目", ProjectType.SOCIAL: "社会民生项目"}
)


class NodeStatus(enum.StrEnum):
    """Where a node stands against its latest allowed finish."""

    DONE = "done"
    ON_TIME = "on_time"
    WARNING = "warning"
    OVERDUE = "overdue"


@dataclasses.dataclass(frozen=True, slots=True)
class TemplateNode:
    """One node of a template: a stable code, its Chinese name and a default duration in days."""

    code: str
    name_zh: str
    duration: int


FS, SS, FF = DependencyKind.FS, DependencyKind.SS, DependencyKind.FF

_INDUSTRIAL_NODES = (
    TemplateNode("signing", "项目签约", 1),
    TemplateNode("filing", "立项备案", 15),
    TemplateNode("land_preapproval", "用地预审", 30),
    TemplateNode("site_selection", "规划选址", 30),
    TemplateNode("energy_review", "能评审查", 45),
    TemplateNode("eia", "环评批复", 45),
    TemplateNode("land_title", "土地摘牌", 60),
    TemplateNode("land_use_permit", "用地规划许可", 15),
    TemplateNode("planning_permit", "工程规划许可", 20),
    TemplateNode("drawing_review", "施工图审查", 20),
    TemplateNode("construction_permit", "施工许可", 15),
    TemplateNode("start", "开工", 1),
    TemplateNode("piling", "桩基完成", 60),
    TemplateNode("topping_out", "主体封顶", 120),
    TemplateNode("equipment_purchase", "设备采购", 90),
    TemplateNode("equipment_install", "设备安装", 60),
    TemplateNode("commissioning", "联合调试", 30),
    TemplateNode("completion", "竣工验收", 20),
    TemplateNode("trial_production", "试生产", 60),
    TemplateNode("production", "投产", 1),
)
_INDUSTRIAL_LINKS = (
    Dependency("signing", "filing"),
    Dependency("filing", "land_preapproval"),
    Dependency("filing", "site_selection", SS, 10),
    Dependency("land_preapproval", "energy_review"),
    Dependency("land_preapproval", "eia"),
    Dependency("land_preapproval", "land_title"),
    Dependency("site_selection", "land_title"),
    Dependency("land_title", "land_use_permit"),
    Dependency("land_use_permit", "planning_permit"),
    Dependency("planning_permit", "drawing_review"),
    Dependency("drawing_review", "construction_permit"),
    Dependency("eia", "construction_permit"),
    Dependency("energy_review", "construction_permit"),
    Dependency("construction_permit", "start"),
    Dependency("start", "piling"),
    Dependency("piling", "topping_out"),
    Dependency("start", "equipment_purchase", SS, 60),
    Dependency("topping_out", "equipment_install"),
    Dependency("equipment_purchase", "equipment_install"),
    Dependency("equipment_install", "commissioning"),
    Dependency("topping_out", "commissioning", FF, 30),
    Dependency("commissioning", "completion"),
    Dependency("completion", "trial_production"),
    Dependency("trial_production", "production"),
)
_INFRASTRUCTURE_NODES = (
    TemplateNode("filing", "立项审批", 30),
    TemplateNode("land_preapproval", "用地预审", 30),
    TemplateNode("eia", "环评批复", 45),
    TemplateNode("energy_review", "能评审查", 30),
    TemplateNode("land_title", "土地证", 60),
    TemplateNode("planning_permit", "规划许可", 30),
    TemplateNode("construction_permit", "施工许可", 15),
    TemplateNode("start", "开工", 1),
    TemplateNode("main_works", "主体完工", 300),
    TemplateNode("completion", "竣工验收", 30),
    TemplateNode("production", "投入使用", 1),
)
_INFRASTRUCTURE_LINKS = (
    Dependency("filing", "land_preapproval"),
    Dependency("filing", "eia", SS, 15),
    Dependency("filing", "energy_review", SS, 15),
    Dependency("land_preapproval", "land_title"),
    Dependency("land_title", "planning_permit"),
    Dependency("planning_permit", "construction_permit"),
    Dependency("eia", "construction_permit"),
    Dependency("energy_review", "construction_permit"),
    Dependency("construction_permit", "start"),
    Dependency("start", "main_works"),
    Dependency("main_works", "completion"),
    Dependency("completion", "production"),
)
_SOCIAL_NODES = (
    TemplateNode("filing", "立项审批", 30),
    TemplateNode("land_preapproval", "用地预审", 30),
    TemplateNode("eia", "环评批复", 30),
    TemplateNode("planning_permit", "规划许可", 30),
    TemplateNode("construction_permit", "施工许可", 15),
    TemplateNode("start", "开工", 1),
    TemplateNode("main_works", "主体完工", 240),
    TemplateNode("fit_out", "装修及设备安装", 90),
    TemplateNode("completion", "竣工验收", 30),
    TemplateNode("production", "投入使用", 1),
)
_SOCIAL_LINKS = (
    Dependency("filing", "land_preapproval"),
    Dependency("filing", "eia", SS, 10),
    Dependency("land_preapproval", "planning_permit"),
    Dependency("planning_permit", "construction_permit"),
    Dependency("eia", "construction_permit"),
    Dependency("construction_permit", "start"),
    Dependency("start", "main_works"),
    Dependency("main_works", "fit_out", SS, 150),
    Dependency("main_works", "completion"),
    Dependency("fit_out", "completion"),
    Dependency("completion", "production"),
)

#: Project type → (nodes in order, links). The node codes ``start``, ``completion`` and ``production`` are the
#: anchors that planned start, completion and production dates attach to.
TEMPLATES: Mapping[ProjectType, tuple[tuple[TemplateNode, ...], tuple[Dependency, ...]]] = MappingProxyType(
    {
        ProjectType.INDUSTRIAL: (_INDUSTRIAL_NODES, _INDUSTRIAL_LINKS),
        ProjectType.INFRASTRUCTURE: (_INFRASTRUCTURE_NODES, _INFRASTRUCTURE_LINKS),
        ProjectType.SOCIAL: (_SOCIAL_NODES, _SOCIAL_LINKS),
    }
)


def finish_date(finish: int) -> date:
    """Return the day by whose end a task with exclusive finish offset `finish` (an ordinal) is done.

    Parameters
    ----------
    finish : int
        An exclusive finish offset, as a date ordinal.

    Returns
    -------
    date

    Examples
    --------
    >>> finish_date(date(2025, 3, 10).toordinal())
    datetime.date(2025, 3, 9)
    """
    return date.fromordinal(finish - 1)


def finish_offset(day: date) -> int:
    """Return the exclusive finish offset (an ordinal) of a task due by the end of `day`; see `finish_date`.

    Parameters
    ----------
    day : date

    Returns
    -------
    int

    Examples
    --------
    >>> finish_date(finish_offset(date(2025, 3, 9)))
    datetime.date(2025, 3, 9)
    """
    return day.toordinal() + 1


def node_status(
    *, done: bool, latest_finish: date | None, today: date, warning_days: int = WARNING_DAYS
) -> NodeStatus:
    """Return a node's status: done, overdue (past its latest finish), warning (within `warning_days`), on time.

    Parameters
    ----------
    done : bool
        Whether the node has an actual date.
    latest_finish : date or None
        The latest allowed finish from the backward pass; None (no target date) counts as on time.
    today : date
    warning_days : int
        How close to the latest finish a node turns to warning; `WARNING_DAYS` by default.

    Returns
    -------
    NodeStatus

    Examples
    --------
    >>> day = date(2025, 6, 30)
    >>> [node_status(done=False, latest_finish=day, today=date(2025, 6, d)).value for d in (14, 15, 30)]
    ['on_time', 'warning', 'warning']
    >>> node_status(done=False, latest_finish=day, today=date(2025, 7, 1)).value
    'overdue'
    >>> node_status(done=True, latest_finish=day, today=date(2025, 9, 1)).value
    'done'
    """
    if done:
        return NodeStatus.DONE
    if latest_finish is None:
        return NodeStatus.ON_TIME
    if today > latest_finish:
        return NodeStatus.OVERDUE
    if (latest_finish - today).days <= warning_days:
        return NodeStatus.WARNING
    return NodeStatus.ON_TIME


def restrict_links(links: Iterable[Dependency], codes: Iterable[str]) -> list[Dependency]:
    """Project a template's links onto the subset of its nodes a project has.

    A kept node depends on its nearest kept ancestors: a link through dropped nodes becomes one
    finish-to-start link without lag. Links between two kept nodes keep their kind and lag.

    Parameters
    ----------
    links : iterable of Dependency
        The template's links.
    codes : iterable of str
        The node codes the project has.

    Returns
    -------
    list of Dependency
        Direct links first, in template order, then the links through dropped nodes; no duplicates.

    Examples
    --------
    >>> links = [Dependency("a", "b"), Dependency("b", "c"), Dependency("a", "c", DependencyKind.SS, 2)]
    >>> restrict_links(links, ["a", "c"])
    [Dependency(predecessor='a', successor='c', kind=<DependencyKind.SS: 'SS'>, lag=2)]
    >>> restrict_links([Dependency("a", "b"), Dependency("b", "c")], ["a", "c"])
    [Dependency(predecessor='a', successor='c', kind=<DependencyKind.FS: 'FS'>, lag=0)]
    """
    links = list(links)
    kept = set(codes)
    preds: dict[str, list[Dependency]] = {}
    for link in links:
        preds.setdefault(link.successor, []).append(link)

    def nearest(code: str, seen: set[str]) -> set[str]:
        found: set[str] = set()
        for link in preds.get(code, ()):
            if link.predecessor in seen:
                continue
            seen.add(link.predecessor)
            found |= {link.predecessor} if link.predecessor in kept else nearest(link.predecessor, seen)
        return found

    result: list[Dependency] = []
    pairs: set[tuple[str, str]] = set()
    for link in links:
        if link.successor in kept and link.predecessor in kept and (link.predecessor, link.successor) not in pairs:
            pairs.add((link.predecessor, link.successor))
            result.append(link)
    for link in links:
        if link.successor not in kept or link.predecessor in kept:
            continue
        for pred in sorted(nearest(link.predecessor, {link.predecessor})):
            if (pred, link.successor) not in pairs and pred != link.successor:
                pairs.add((pred, link.successor))
                result.append(Dependency(pred, link.successor))
    return result
