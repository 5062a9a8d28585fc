"""MS Project XML (MSPDI) conversion of a task network, as pure string functions.

`tasks_to_mspdi` writes a minimal document in the ``http://schemas.microsoft.com/project`` namespace: the
project summary task (UID 0), then one task per `Task` with its duration in hours (8-hour working days,
``PT16H0M0S`` for 2 days), its early start and finish from `schedule` (calendar days from the project start,
08:00 to 17:00) and one ``<PredecessorLink>`` per dependency. Link types are MSPDI's numbers (0 FF, 1 FS,
2 SF, 3 SS); a lag is written in tenths of a minute (1 working day = 8 × 60 × 10 = 4800) with
``<LagFormat>7</LagFormat>`` (days).

`mspdi_to_tasks` reads such a document, as MS Project writes it, back into tasks and dependencies. Task ids are
the task UIDs as text; the project summary task (UID 0), summary tasks and blank rows are skipped. Durations
and lags are rounded up to whole days (8 hours a working day, 24 hours an elapsed day); a lag given as a
percentage of the predecessor's duration is rejected. Malformed input raises `MspdiError` naming the element
and the task UID.
"""

import math
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal

from clusterdesk.core.exceptions import CoreError
from clusterdesk.core.scheduling.network import Dependency, DependencyKind, Task, schedule
from clusterdesk.core.text.cells import xml_text

__all__ = ["MSPDI_NAMESPACE", "MspdiError", "mspdi_to_tasks", "tasks_to_mspdi"]

#: The XML namespace of MS Project's XML format.
MSPDI_NAMESPACE = "http://schemas.microsoft.com/project"

_HOURS_PER_DAY = 8
_TENTHS_PER_DAY = _HOURS_PER_DAY * 60 * 10
_TENTHS_PER_ELAPSED_DAY = 24 * 60 * 10
_ELAPSED_LAG_FORMATS = frozenset({4, 6, 8, 10, 12, 36, 38, 40, 42, 44})
_PERCENT_LAG_FORMATS = frozenset({19, 20, 51, 52})
_LINK_TYPES = {DependencyKind.FF: 0, DependencyKind.FS: 1, DependencyKind.SF: 2, DependencyKind.SS: 3}
_LINK_KINDS = {number: kind for kind, number in _LINK_TYPES.items()}
_DURATION = re.compile(r"PT(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?")


class MspdiError(CoreError):
    """An MS Project XML document is malformed or uses a feature that cannot be converted."""


def _add(parent: ET.Element, tag: str, text: object) -> None:
    # ElementTree writes a control character as it is, and MS Project refuses the file: replace it (stored names
    # may predate the rule that refuses them).
    ET.SubElement(parent, tag).text = xml_text(str(text))


def _uids(tasks: list[Task]) -> list[int]:
    # Keep the ids as UIDs when they already are UIDs (a document read by `mspdi_to_tasks`), so a round trip
    # keeps them; otherwise number the tasks 1, 2, 3 in order.
    if all(task.id.isascii() and task.id.isdigit() and task.id == str(int(task.id)) != "0" for task in tasks):
        return [int(task.id) for task in tasks]
    return list(range(1, len(tasks) + 1))


def tasks_to_mspdi(
    name: str,
    start: date,
    tasks: Iterable[Task],
    dependencies: Iterable[Dependency],
    *,
    names: Mapping[str, str] | None = None,
) -> str:
    """Write a task network as an MS Project XML (MSPDI) document.

    Parameters
    ----------
    name : str
        The project name, also the name of the project summary task (UID 0).
    start : date
        The project start; task dates are the early schedule in calendar days from it.
    tasks : iterable of Task
    dependencies : iterable of Dependency
    names : mapping of str to str, optional
        Task id → the task name to show; the id itself where missing.

    Returns
    -------
    str
        The XML document, with its declaration.

    Raises
    ------
    InvalidScheduleError
        If the network cannot be scheduled (a negative duration, an unknown task, a cycle).

    Examples
    --------
    >>> xml = tasks_to_mspdi("示范项目", date(2025, 3, 3), [Task("1", 2), Task("2", 1)],
    ...                      [Dependency("1", "2", DependencyKind.SS, lag=1)], names={"1": "土建", "2": "安装"})
    >>> "<Duration>PT16H0M0S</Duration>" in xml and "<Start>2025-03-04T08:00:00</Start>" in xml
    True
    >>> print(xml[xml.index("<PredecessorLink>"):xml.index("</PredecessorLink>") + 18])
    <PredecessorLink>
            <PredecessorUID>1</PredecessorUID>
            <Type>3</Type>
            <LinkLag>4800</LinkLag>
            <LagFormat>7</LagFormat>
          </PredecessorLink>
    """
    task_list = list(tasks)
    dep_list = list(dependencies)
    plan = schedule(task_list, dep_list, start=start.toordinal())
    uids = _uids(task_list)
    uid_of = {task.id: uid for task, uid in zip(task_list, uids, strict=True)}
    links: dict[str, list[Dependency]] = {task.id: [] for task in task_list}
    for dep in dep_list:
        links[dep.successor].append(dep)

    def stamp(day: int, hour: str) -> str:
        return f"{date.fromordinal(day).isoformat()}T{hour}"

    def finish(early_start: int, duration: int) -> str:
        return stamp(early_start, "08:00:00") if duration == 0 else stamp(early_start + duration - 1, "17:00:00")

    project_days = plan.project_finish - plan.project_start
    project = ET.Element("Project", {"xmlns": MSPDI_NAMESPACE})
    _add(project, "Name", name)
    _add(project, "ScheduleFromStart", 1)
    _add(project, "StartDate", stamp(plan.project_start, "08:00:00"))
    _add(project, "FinishDate", finish(plan.project_start, project_days))
    _add(project, "MinutesPerDay", _HOURS_PER_DAY * 60)
    _add(project, "MinutesPerWeek", _HOURS_PER_DAY * 60 * 5)
    xml_tasks = ET.SubElement(project, "Tasks")

    summary = ET.SubElement(xml_tasks, "Task")
    for tag, text in (("UID", 0), ("ID", 0), ("Name", name), ("IsNull", 0), ("OutlineNumber", 0),
                      ("OutlineLevel", 0), ("Start", stamp(plan.project_start, "08:00:00")),
                      ("Finish", finish(plan.project_start, project_days)),
                      ("Duration", f"PT{project_days * _HOURS_PER_DAY}H0M0S"), ("DurationFormat", 7),
                      ("Milestone", 0), ("Summary", 1)):  # fmt: skip
        _add(summary, tag, text)

    for position, task in enumerate(task_list, start=1):
        times = plan.tasks[task.id]
        element = ET.SubElement(xml_tasks, "Task")
        _add(element, "UID", uid_of[task.id])
        _add(element, "ID", position)
        _add(element, "Name", (names or {}).get(task.id, task.id))
        _add(element, "IsNull", 0)
        _add(element, "OutlineNumber", position)
        _add(element, "OutlineLevel", 1)
        _add(element, "Start", stamp(times.early_start, "08:00:00"))
        _add(element, "Finish", finish(times.early_start, task.duration))
        _add(element, "Duration", f"PT{task.duration * _HOURS_PER_DAY}H0M0S")
        _add(element, "DurationFormat", 7)
        _add(element, "Milestone", int(task.duration == 0))
        _add(element, "Summary", 0)
        _add(element, "Critical", int(times.critical))
        for dep in links[task.id]:
            link = ET.SubElement(element, "PredecessorLink")
            _add(link, "PredecessorUID", uid_of[dep.predecessor])
            _add(link, "Type", _LINK_TYPES[DependencyKind(dep.kind)])
            _add(link, "LinkLag", dep.lag * _TENTHS_PER_DAY)
            _add(link, "LagFormat", 7)
    ET.indent(project)
    return '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + ET.tostring(project, encoding="unicode")


def _text(element: ET.Element, tag: str, ns: str) -> str | None:
    child = element.find(ns + tag)
    if child is None:
        return None
    return (child.text or "").strip()


def _integer(text: str | None, what: str) -> int:
    try:
        return int(text or "")
    except ValueError:
        raise MspdiError(f'{what}不是整数："{text}"') from None


def _days(text: str, uid: int) -> int:
    match = _DURATION.fullmatch(text)
    if match is None or text == "PT":
        raise MspdiError(f'任务 UID {uid} 的 <Duration> 不是 PT…H…M…S 形式的时长："{text}"')
    hours, minutes, seconds = (Decimal(part or 0) for part in match.groups())
    return math.ceil((hours * 3600 + minutes * 60 + seconds) / (_HOURS_PER_DAY * 3600))


def mspdi_to_tasks(xml: str) -> tuple[list[Task], list[Dependency], dict[str, str]]:
    """Read the tasks and links of an MS Project XML (MSPDI) document.

    Parameters
    ----------
    xml : str
        The document; the MSPDI namespace is optional.

    Returns
    -------
    tasks : list of Task
        In document order; ids are the task UIDs as text, durations whole days (8 hours a day, rounded up).
    dependencies : list of Dependency
        One per ``<PredecessorLink>``, lags rounded up to whole days.
    names : dict of str to str
        Task id → task name ("" where the task has none).

    Raises
    ------
    MspdiError
        If the text is not XML, not a ``<Project>``, or a task or link is missing a required element, has a
        malformed value, repeats a UID or points at a task that is missing or a summary task.

    Examples
    --------
    >>> xml = '''<Project xmlns="http://schemas.microsoft.com/project"><Tasks>
    ...   <Task><UID>0</UID><Name>示范项目</Name><Summary>1</Summary><Duration>PT24H0M0S</Duration></Task>
    ...   <Task><UID>1</UID><Name>土建</Name><Duration>PT16H0M0S</Duration></Task>
    ...   <Task><UID>2</UID><Name>安装</Name><Duration>PT4H30M0S</Duration>
    ...     <PredecessorLink><PredecessorUID>1</PredecessorUID><Type>1</Type><LinkLag>4800</LinkLag>
    ...     <LagFormat>7</LagFormat></PredecessorLink></Task>
    ... </Tasks></Project>'''
    >>> tasks, deps, names = mspdi_to_tasks(xml)
    >>> tasks
    [Task(id='1', duration=2), Task(id='2', duration=1)]
    >>> deps
    [Dependency(predecessor='1', successor='2', kind=<DependencyKind.FS: 'FS'>, lag=1)]
    >>> names
    {'1': '土建', '2': '安装'}
    >>> mspdi_to_tasks("<Project><Tasks><Task><Name>x</Name></Task></Tasks></Project>")
    Traceback (most recent call last):
    ...
    clusterdesk.core.scheduling.mspdi.MspdiError: 第 1 个 <Task> 缺少 <UID>
    """
    if "<!DOCTYPE" in xml or "<!ENTITY" in xml:
        raise MspdiError("MSPDI 文档不允许包含 DOCTYPE 或实体声明")
    try:
        root = ET.fromstring(xml)
    except ET.ParseError as exc:
        raise MspdiError(f"MSPDI 文档不是合法的 XML：{exc}") from None
    ns = root.tag[: root.tag.index("}") + 1] if root.tag.startswith("{") else ""
    if root.tag != ns + "Project":
        raise MspdiError(f"MSPDI 文档的根元素应为 <Project>，实为 <{root.tag.removeprefix(ns)}>")

    tasks: list[Task] = []
    names: dict[str, str] = {}
    raw_links: list[tuple[int, ET.Element]] = []
    skipped: set[int] = set()
    for position, element in enumerate(root.iterfind(f"{ns}Tasks/{ns}Task"), start=1):
        uid_text = _text(element, "UID", ns)
        if uid_text is None:
            raise MspdiError(f"第 {position} 个 <Task> 缺少 <UID>")
        uid = _integer(uid_text, f"第 {position} 个 <Task> 的 <UID> ")
        if str(uid) in names or uid in skipped:
            raise MspdiError(f"任务 UID {uid} 重复")
        if uid == 0 or _text(element, "Summary", ns) == "1" or _text(element, "IsNull", ns) == "1":
            skipped.add(uid)
            continue
        duration = _text(element, "Duration", ns)
        if duration is None:
            raise MspdiError(f"任务 UID {uid} 缺少 <Duration>")
        tasks.append(Task(str(uid), _days(duration, uid)))
        names[str(uid)] = _text(element, "Name", ns) or ""
        raw_links.extend((uid, link) for link in element.iterfind(ns + "PredecessorLink"))

    dependencies: list[Dependency] = []
    for uid, link in raw_links:
        where = f"任务 UID {uid} 的 <PredecessorLink>"
        pred_text = _text(link, "PredecessorUID", ns)
        if pred_text is None:
            raise MspdiError(f"{where}缺少 <PredecessorUID>")
        pred = _integer(pred_text, f"{where}的 <PredecessorUID> ")
        if pred in skipped:
            raise MspdiError(f"{where}指向摘要任务 UID {pred}，不支持与摘要任务的链接")
        if str(pred) not in names:
            raise MspdiError(f"{where}指向不存在的任务 UID {pred}")
        link_type = _integer(_text(link, "Type", ns) or "1", f"{where}的 <Type> ")
        if link_type not in _LINK_KINDS:
            raise MspdiError(f"{where}的 <Type> 应为 0（FF）、1（FS）、2（SF）或 3（SS），实为 {link_type}")
        lag = _integer(_text(link, "LinkLag", ns) or "0", f"{where}的 <LinkLag> ")
        lag_format = _integer(_text(link, "LagFormat", ns) or "7", f"{where}的 <LagFormat> ")
        if lag_format in _PERCENT_LAG_FORMATS:
            raise MspdiError(f"{where}的延隔时间为百分比形式（<LagFormat>{lag_format}</LagFormat>），不支持")
        per_day = _TENTHS_PER_ELAPSED_DAY if lag_format in _ELAPSED_LAG_FORMATS else _TENTHS_PER_DAY
        dependencies.append(Dependency(str(pred), str(uid), _LINK_KINDS[link_type], -(-lag // per_day)))
    return tasks, dependencies, names
