"""MS Project XML (MSPDI): writing, round trips over every link kind, a document as MS Project writes it, errors."""

import xml.etree.ElementTree as ET
from datetime import date

import pytest

from clusterdesk.core.exceptions import CoreError
from clusterdesk.core.scheduling.mspdi import MSPDI_NAMESPACE, MspdiError, mspdi_to_tasks, tasks_to_mspdi
from clusterdesk.core.scheduling.network import Dependency, DependencyKind, InvalidScheduleError, Task

NS = "{" + MSPDI_NAMESPACE + "}"
FS, SS, FF, SF = DependencyKind.FS, DependencyKind.SS, DependencyKind.FF, DependencyKind.SF

TASKS = [Task("1", 5), Task("2", 3), Task("3", 4), Task("4", 2), Task("5", 0)]
DEPS = [
    Dependency("1", "2", FS, 2),
    Dependency("1", "3", SS, -1),
    Dependency("2", "4", FF, 0),
    Dependency("3", "4", SF, 3),
    Dependency("4", "5", FS, -2),
]
NAMES = {"1": "立项", "2": "用地", "3": "规划", "4": "施工许可", "5": "开工"}


def test_round_trip_keeps_every_link_kind_and_lag():
    xml = tasks_to_mspdi("示范项目", date(2025, 3, 3), TASKS, DEPS, names=NAMES)
    tasks, deps, names = mspdi_to_tasks(xml)
    assert tasks == TASKS
    assert deps == DEPS
    assert names == NAMES


def test_round_trip_of_non_numeric_ids_numbers_the_tasks():
    tasks = [Task("设计", 10), Task("审批", 3)]
    xml = tasks_to_mspdi("p", date(2025, 1, 1), tasks, [Dependency("设计", "审批", SF, 1)])
    read, deps, names = mspdi_to_tasks(xml)
    assert read == [Task("1", 10), Task("2", 3)]
    assert deps == [Dependency("1", "2", SF, 1)]
    assert names == {"1": "设计", "2": "审批"}  # without `names` the ids are the names


def test_written_document_elements():
    # Early schedule from Monday 3 March 2025 (see network.py for the link rules):
    # 1 (5 d) days 0–5; 3 SS −1 → start ≥ −1, so day 0, 0–4; 2 FS +2 → 7–10; 4 FF 0 after 2 → finish ≥ 10, and
    # SF +3 after 3 → finish ≥ 3: 8–10; 5 (milestone) FS −2 after 4 → day 8. Finish day 10.
    xml = tasks_to_mspdi("示范项目", date(2025, 3, 3), TASKS, DEPS, names=NAMES)
    assert xml.startswith('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Project xmlns="')
    root = ET.fromstring(xml)
    assert root.tag == NS + "Project"
    assert root.findtext(NS + "Name") == "示范项目"
    assert root.findtext(NS + "StartDate") == "2025-03-03T08:00:00"
    assert root.findtext(NS + "FinishDate") == "2025-03-12T17:00:00"
    xml_tasks = root.findall(f"{NS}Tasks/{NS}Task")
    summary = xml_tasks[0]
    assert [summary.findtext(NS + tag) for tag in ("UID", "Name", "Summary", "OutlineLevel", "Duration")] == [
        "0", "示范项目", "1", "0", "PT80H0M0S"
    ]  # fmt: skip
    rows = {t.findtext(NS + "UID"): t for t in xml_tasks[1:]}
    assert [(t.findtext(NS + "ID"), t.findtext(NS + "Name"), t.findtext(NS + "Duration")) for t in rows.values()] == [
        ("1", "立项", "PT40H0M0S"), ("2", "用地", "PT24H0M0S"), ("3", "规划", "PT32H0M0S"),
        ("4", "施工许可", "PT16H0M0S"), ("5", "开工", "PT0H0M0S"),
    ]  # fmt: skip
    assert rows["2"].findtext(NS + "Start") == "2025-03-10T08:00:00"
    assert rows["2"].findtext(NS + "Finish") == "2025-03-12T17:00:00"
    assert rows["5"].findtext(NS + "Start") == rows["5"].findtext(NS + "Finish") == "2025-03-11T08:00:00"
    assert rows["5"].findtext(NS + "Milestone") == "1"
    links = [
        (uid, [link.findtext(NS + tag) for tag in ("PredecessorUID", "Type", "LinkLag", "LagFormat")])
        for uid, task in rows.items()
        for link in task.iterfind(NS + "PredecessorLink")
    ]
    assert links == [
        ("2", ["1", "1", "9600", "7"]),
        ("3", ["1", "3", "-4800", "7"]),
        ("4", ["2", "0", "0", "7"]),
        ("4", ["3", "2", "14400", "7"]),
        ("5", ["4", "1", "-9600", "7"]),
    ]
    # Backward from day 10 (offsets: 1→2 7, 1→3 −1, 2→4 1, 3→4 1, 4→5 0): LS 5 10, 4 8, 3 min(6, 8 − 1) = 6,
    # 2 min(7, 8 − 1) = 7, 1 min(5, 7 − 7, 6 + 1) = 0. Floats 0, 0, 6, 0, 2: 1, 2 and 4 are critical.
    assert [t.findtext(NS + "Critical") for t in rows.values()] == ["1", "1", "0", "1", "0"]


def test_writing_an_invalid_network_raises_the_scheduling_error():
    with pytest.raises(InvalidScheduleError, match="循环"):
        tasks_to_mspdi("p", date(2025, 1, 1), [Task("A", 1)], [Dependency("A", "A")])


# As MS Project 2016 saves it (trimmed): a project summary task, a summary task for a phase with two child
# tasks and a milestone, extended attributes and elements this reader ignores.
MS_PROJECT_XML = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Project xmlns="http://schemas.microsoft.com/project">
  <SaveVersion>14</SaveVersion>
  <Name>产业园标准厂房.xml</Name>
  <Title>产业园标准厂房</Title>
  <ScheduleFromStart>1</ScheduleFromStart>
  <StartDate>2025-04-01T08:00:00</StartDate>
  <MinutesPerDay>480</MinutesPerDay>
  <Calendars><Calendar><UID>1</UID><Name>标准</Name><IsBaseCalendar>1</IsBaseCalendar></Calendar></Calendars>
  <Tasks>
    <Task>
      <UID>0</UID><ID>0</ID><Name>产业园标准厂房</Name><Type>1</Type><IsNull>0</IsNull>
      <OutlineNumber>0</OutlineNumber><OutlineLevel>0</OutlineLevel>
      <Start>2025-04-01T08:00:00</Start><Finish>2025-04-10T17:00:00</Finish>
      <Duration>PT64H0M0S</Duration><DurationFormat>7</DurationFormat><Summary>1</Summary>
    </Task>
    <Task>
      <UID>1</UID><ID>1</ID><Name>前期手续</Name><Type>1</Type><IsNull>0</IsNull>
      <OutlineNumber>1</OutlineNumber><OutlineLevel>1</OutlineLevel>
      <Duration>PT64H0M0S</Duration><Summary>1</Summary>
    </Task>
    <Task>
      <UID>7</UID><ID>2</ID><Name>用地预审</Name><Type>0</Type><IsNull>0</IsNull>
      <OutlineNumber>1.1</OutlineNumber><OutlineLevel>2</OutlineLevel>
      <Start>2025-04-01T08:00:00</Start><Finish>2025-04-02T17:00:00</Finish>
      <Duration>PT16H0M0S</Duration><DurationFormat>7</DurationFormat><Milestone>0</Milestone><Summary>0</Summary>
      <ExtendedAttribute><FieldID>188743731</FieldID><Value>自然资源局</Value></ExtendedAttribute>
    </Task>
    <Task>
      <UID>8</UID><ID>3</ID><Name>环评批复</Name><Type>0</Type><IsNull>0</IsNull>
      <OutlineNumber>1.2</OutlineNumber><OutlineLevel>2</OutlineLevel>
      <Duration>PT20H30M0S</Duration><DurationFormat>53</DurationFormat><Summary>0</Summary>
      <PredecessorLink>
        <PredecessorUID>7</PredecessorUID><Type>1</Type><CrossProject>0</CrossProject>
        <LinkLag>9600</LinkLag><LagFormat>7</LagFormat>
      </PredecessorLink>
    </Task>
    <Task>
      <UID>9</UID><ID>4</ID><Name>施工许可</Name><IsNull>0</IsNull><OutlineLevel>2</OutlineLevel>
      <Duration>PT0H0M0S</Duration><Milestone>1</Milestone><Summary>0</Summary>
      <PredecessorLink><PredecessorUID>8</PredecessorUID><Type>0</Type><LinkLag>-2400</LinkLag>
        <LagFormat>7</LagFormat></PredecessorLink>
      <PredecessorLink><PredecessorUID>7</PredecessorUID><Type>3</Type><LinkLag>14400</LinkLag>
        <LagFormat>8</LagFormat></PredecessorLink>
    </Task>
    <Task><UID>10</UID><ID>5</ID><IsNull>1</IsNull></Task>
  </Tasks>
  <Resources><Resource><UID>0</UID><ID>0</ID></Resource></Resources>
  <Assignments/>
</Project>
"""


def test_parses_a_document_as_ms_project_writes_it():
    tasks, deps, names = mspdi_to_tasks(MS_PROJECT_XML)
    # 16 h = 2 days; 20.5 h rounds up to 3 days; the milestone is 0. The summaries (UID 0 and 1) and the blank
    # row (UID 10) are skipped.
    assert tasks == [Task("7", 2), Task("8", 3), Task("9", 0)]
    assert names == {"7": "用地预审", "8": "环评批复", "9": "施工许可"}
    # 9600 tenths of a minute = 2 working days; −2400 = −½ day rounds up to 0; 14400 in elapsed days (format 8)
    # is one 24-hour day.
    assert deps == [Dependency("7", "8", FS, 2), Dependency("8", "9", FF, 0), Dependency("7", "9", SS, 1)]


def test_parses_without_namespace_and_with_defaults():
    xml = (
        "<Project><Tasks><Task><UID>3</UID><Duration>PT1H0M0S</Duration></Task>"
        "<Task><UID>4</UID><Name>b</Name><Duration>PT8H</Duration>"
        "<PredecessorLink><PredecessorUID>3</PredecessorUID></PredecessorLink></Task></Tasks></Project>"
    )
    assert mspdi_to_tasks(xml) == ([Task("3", 1), Task("4", 1)], [Dependency("3", "4", FS, 0)], {"3": "", "4": "b"})
    assert mspdi_to_tasks("<Project/>") == ([], [], {})


def _task(body: str, uid: int | str = 1) -> str:
    return (f'<Project xmlns="{MSPDI_NAMESPACE}"><Tasks><Task><UID>0</UID><Summary>1</Summary></Task>'
            "<Task><UID>1</UID><Duration>PT8H0M0S</Duration></Task>"
            f"<Task><UID>{uid}</UID>{body}</Task></Tasks></Project>")  # fmt: skip


@pytest.mark.parametrize(
    ("xml", "message"),
    [
        ("<Project><Tasks>", "MSPDI 文档不是合法的 XML："),
        ("<Workbook/>", "MSPDI 文档的根元素应为 <Project>，实为 <Workbook>"),
        ('<!DOCTYPE p [<!ENTITY a "x">]><Project/>', "MSPDI 文档不允许包含 DOCTYPE 或实体声明"),
        ("<Project><Tasks><Task><Name>x</Name></Task></Tasks></Project>", "第 1 个 <Task> 缺少 <UID>"),
        (_task("", uid="x"), '第 3 个 <Task> 的 <UID> 不是整数："x"'),
        (_task("<Duration>PT8H0M0S</Duration>"), "任务 UID 1 重复"),
        (_task("<Name>n</Name>", uid=2), "任务 UID 2 缺少 <Duration>"),
        (_task("<Duration>P1D</Duration>", uid=2), '任务 UID 2 的 <Duration> 不是 PT…H…M…S 形式的时长："P1D"'),
        (_task("<Duration>PT</Duration>", uid=2), '任务 UID 2 的 <Duration> 不是 PT…H…M…S 形式的时长："PT"'),
        (_task("<Duration>PT8H</Duration><PredecessorLink><Type>1</Type></PredecessorLink>", uid=2),
         "任务 UID 2 的 <PredecessorLink>缺少 <PredecessorUID>"),
        (_task("<Duration>PT8H</Duration><PredecessorLink><PredecessorUID>5</PredecessorUID></PredecessorLink>", 2),
         "任务 UID 2 的 <PredecessorLink>指向不存在的任务 UID 5"),
        (_task("<Duration>PT8H</Duration><PredecessorLink><PredecessorUID>0</PredecessorUID></PredecessorLink>", 2),
         "任务 UID 2 的 <PredecessorLink>指向摘要任务 UID 0，不支持与摘要任务的链接"),
        (_task("<Duration>PT8H</Duration><PredecessorLink><PredecessorUID>1</PredecessorUID><Type>4</Type>"
               "</PredecessorLink>", 2),
         "任务 UID 2 的 <PredecessorLink>的 <Type> 应为 0（FF）、1（FS）、2（SF）或 3（SS），实为 4"),
        (_task("<Duration>PT8H</Duration><PredecessorLink><PredecessorUID>1</PredecessorUID><LinkLag>1.5</LinkLag>"
               "</PredecessorLink>", 2),
         '任务 UID 2 的 <PredecessorLink>的 <LinkLag> 不是整数："1.5"'),
        (_task("<Duration>PT8H</Duration><PredecessorLink><PredecessorUID>1</PredecessorUID><LinkLag>500</LinkLag>"
               "<LagFormat>19</LagFormat></PredecessorLink>", 2),
         "任务 UID 2 的 <PredecessorLink>的延隔时间为百分比形式（<LagFormat>19</LagFormat>），不支持"),
    ],
)  # fmt: skip
def test_malformed_documents_name_the_element_and_uid(xml, message):
    with pytest.raises(MspdiError) as info:
        mspdi_to_tasks(xml)
    assert str(info.value).startswith(message)
    assert isinstance(info.value, CoreError)
