"""The layout of a real sheet around its data: section headings, subtotal rows, the unit line and the year.

An office's list is not a bare table. Above the header it has a merged title (XX市2025年重点项目计划表) and a
line naming the unit (单位：万元); between the data rows it has section headings (一、续建项目, （一）工业项目),
often with the section's subtotals in the numeric columns, and 合计 / 小计 rows. These functions recognise
each so that the import neither reads them as records (and raises false errors) nor drops them unannounced.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = [
    "SectionHeading",
    "header_year",
    "section_heading",
    "sheet_unit",
    "title_year",
    "total_label",
]

_ORDINAL = "一二三四五六七八九十"
_STARTS = frozenset(_ORDINAL + "（(第")
_TOTAL_STARTS = frozenset("全总本各项合小共累其")
# 一、续建项目 · 二．新开工项目 · （一）工业项目 · 第一部分 续建项目 · 一 (alone, the title in the next cell)
# A bare ordinal needs its separator (or a space, or nothing after it): 一汽解放配套项目 and 三一重工产业园 are names.
_SECTION = re.compile(
    rf"^(?:(?P<top>[{_ORDINAL}]+)(?:\s*[、.．:：]|\s+|$)|[（(](?P<sub>[{_ORDINAL}]+)[)）]\s*[、.．:：]?"
    rf"|第(?P<part>[{_ORDINAL}]+)(?:部分|类|批)\s*[、.．:：]?)\s*(?P<title>.*)$")
_TOTAL = re.compile(r"^(?:全市|全省|全县|全区|总|本页|各类项目|项目)?(?:合计|总计|小计|共计|累计)"
                    r"(?:[（(][^)）]*[)）])?[:：]?$|^其中[:：]")
_COUNT = re.compile(r"^[（(]?(?:共|计)?\d+(?:\.\d+)?\s*(?:个|项|家)?(?:项目)?[)）]?$")
_NUMBER = re.compile(r"^[-+]?\d[\d,]*(?:\.\d+)?(?:%|万元|亿元|万|亿|元|亩)?$")
_UNIT_LINE = re.compile(r"(?:金额|投资|资金)?单位\s*[:：]\s*(?P<unit>亿元|万元|千元|元)")
_YEAR = re.compile(r"(?<!\d)(?P<year>(?:19|20)\d{2})\s*年")
_YEAR_HEADER = re.compile(r"^(?P<year>(?:19|20)\d{2})\s*年\s*(?:度)?\s*(?P<rest>\S.*)$")


@dataclass(frozen=True)
class SectionHeading:
    """A section heading row: its level (1 for 一、, 2 for （一）) and its title without the numbering."""

    level: int
    title: str


def _text(cell: object) -> str:
    return "" if cell is None else re.sub(r"\s+", "", str(cell))


def _is_figure(cell: object) -> bool:
    """A cell a heading or total row may carry besides its label: a number, a count (12个), a dash."""
    if isinstance(cell, bool):
        return False
    if isinstance(cell, (int, float)):
        return True
    text = _text(cell)
    return not text or text in ("-", "—", "/", "／") or bool(_NUMBER.match(text) or _COUNT.match(text))


def _labels(cells: Sequence[object]) -> list[tuple[int, str]]:
    """The cells that are neither empty nor figures, with their index."""
    return [(i, _text(c)) for i, c in enumerate(cells) if not _is_figure(c)]


def section_heading(cells: Sequence[object]) -> SectionHeading | None:
    """The section heading this row is, if it is one.

    A heading is numbered with a Chinese ordinal (一、… or （一）… or 第一部分 …) in its first label cell, or has
    the bare ordinal there and its title in the next; every other cell is empty or a figure (the section's
    subtotals, a count such as 25个).

    Parameters
    ----------
    cells : sequence
        The row's cells.

    Returns
    -------
    SectionHeading or None

    Examples
    --------
    >>> section_heading(["一、续建项目（25个）", None, None, 1200000.0, 230000])
    SectionHeading(level=1, title='续建项目（25个）')
    >>> section_heading(["（一）", "工业项目", None, "12个", 56000])
    SectionHeading(level=2, title='工业项目')
    >>> section_heading([1, "长沙新材料产业园项目", "湖南某某公司", 12000]) is None
    True
    >>> section_heading(["一、续建项目", "湖南某某公司"]) is None  # another text cell: a data row
    True
    >>> section_heading([3, "一汽解放配套项目", None, 52000]) is None  # a name that begins with 一
    True
    >>> section_heading(["三 前期项目", None, 0])
    SectionHeading(level=1, title='前期项目')
    """
    first = next((c for c in cells[:3] if isinstance(c, str) and c.strip()), None)
    if first is None or first.strip()[0] not in _STARTS:
        return None  # most rows: a project's name or a number first
    labels = _labels(cells)
    if not labels or labels[0][0] > 2 or len(labels) > 2:
        return None
    match = _SECTION.match(str(cells[labels[0][0]]).strip())
    if match is None:
        return None
    level = 2 if match["sub"] else 1
    title = _text(match["title"])
    if title and len(labels) == 1:
        return SectionHeading(level, title)
    if not title and len(labels) == 2 and labels[1][0] <= labels[0][0] + 2:
        return SectionHeading(level, labels[1][1])
    return None


def total_label(cells: Sequence[object]) -> str | None:
    """The label of a total or subtotal row (合计, 小计, 总计, 其中：…), if the row is one.

    Parameters
    ----------
    cells : sequence
        The row's cells; the label is the first text among the first three.

    Returns
    -------
    str or None
        The label without spaces, or None for any other row.

    Examples
    --------
    >>> total_label([None, "合  计", None, 1234.5]), total_label(["小计（12个）", None, 99])
    ('合计', '小计（12个）')
    >>> total_label(["其中：工业项目", None, 88]), total_label([3, "合计项目", "某公司"])
    ('其中：工业项目', None)
    """
    for index, cell in enumerate(cells[:3]):
        if isinstance(cell, str) and (stripped := cell.strip()):
            if stripped[0] not in _TOTAL_STARTS:
                return None  # most rows: a name or a code, not a total
            text = _text(cell)
            return text if _TOTAL.match(text) else None
        if cell is not None and index >= 1:
            return None
    return None


def sheet_unit(rows: Sequence[Sequence[object]]) -> str:
    """The money unit a line above the header states for the whole sheet (单位：亿元), or ``""``.

    Parameters
    ----------
    rows : sequence of sequences
        The rows above the header.

    Returns
    -------
    str
        亿元, 万元, 千元 or 元; empty when no line states one.

    Examples
    --------
    >>> sheet_unit([["2025年重点项目计划表"], ["填报单位：市发改委", None, "单位：亿元"]])
    '亿元'
    >>> sheet_unit([["重点项目表"]])
    ''
    """
    for row in rows:
        for cell in row:
            if isinstance(cell, str) and (match := _UNIT_LINE.search(cell.replace(" ", ""))):
                return match["unit"]
    return ""


def title_year(rows: Sequence[Sequence[object]]) -> int | None:
    """The year the title above the header names (XX市2025年重点项目计划表), if one does.

    Parameters
    ----------
    rows : sequence of sequences
        The rows above the header; the first year written with 年 is taken.

    Returns
    -------
    int or None

    Examples
    --------
    >>> title_year([["XX市2025年重点项目计划表"], ["填报日期：2025年1月10日"]])
    2025
    >>> title_year([["重点项目表"]]) is None
    True
    """
    for row in rows:
        for cell in row:
            if isinstance(cell, str) and (match := _YEAR.search(cell)):
                return int(match["year"])
    return None


def header_year(header: str) -> tuple[int, str] | None:
    """A header that begins with a year (2025年计划投资): the year and the rest, else None.

    Parameters
    ----------
    header : str
        The header without its unit (`clusterdesk.core.importing.normalize_header`).

    Returns
    -------
    (int, str) or None

    Examples
    --------
    >>> header_year("2025年计划投资"), header_year("2025年度计划投资"), header_year("计划投资")
    ((2025, '计划投资'), (2025, '计划投资'), None)
    """
    match = _YEAR_HEADER.match(header.strip())
    return (int(match["year"]), match["rest"]) if match else None
